import {
  CreateLoadBalancerListenersCommand, DeleteLoadBalancerListenersCommand, DescribeLoadBalancerPoliciesCommand, DescribeTagsCommand, ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtLb, mockExisting } from './lb-fixtures.js';

const writes = () => elbMock.calls().map((c) => (c.args[0] as object).constructor.name).filter((n) => !n.startsWith('Describe'));

/** A live balancer with HTTP 80 and TCP 22; the re-run names only HTTP 80. */
function liveWithSsh(): void {
  mockExisting(builtLb({ ListenerDescriptions: [
    { Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }, PolicyNames: [] },
    { Listener: { Protocol: 'TCP', LoadBalancerPort: 22, InstanceProtocol: 'TCP', InstancePort: 22 } },
  ], HealthCheck: undefined, Policies: undefined }));
  elbMock.on(DescribeLoadBalancerPoliciesCommand).resolves({});
  elbMock.on(DescribeTagsCommand).resolves({});
  for (const cmd of [DeleteLoadBalancerListenersCommand, CreateLoadBalancerListenersCommand, ModifyLoadBalancerAttributesCommand]) elbMock.on(cmd as never).resolves({});
}

const RERUN = 'create-lb web --listener http:80 --zones us-east-1a,us-east-1b';

describe('create-lb deletes listeners it was not given only with consent (trust #21)', () => {
  it('in a pipe without --prune: exit 2 naming the listener, nothing written', async () => {
    liveWithSsh();
    const r = await runCli(RERUN);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: create-lb would delete listener web:22 (tcp:22), which --listener does not name; pass --prune to delete it, or add --listener tcp:22 to keep it\n');
    expect(writes()).toEqual([]);
  });

  it('with --prune: deleted', async () => {
    liveWithSsh();
    const r = await runCli(`${RERUN} --prune`);
    expect(r.code).toBe(0);
    expect(elbMock).toHaveReceivedCommandWith(DeleteLoadBalancerListenersCommand, { LoadBalancerName: 'web', LoadBalancerPorts: [22] });
  });

  it('on a terminal: asks; no means nothing changes, yes deletes', async () => {
    liveWithSsh();
    const no = await runCli(RERUN, { tty: true, answers: [false] });
    expect(no.prompts).toEqual(['Delete listener web:22 (tcp:22), not named by --listener?']);
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('error: create-lb cancelled; nothing was changed; add --listener tcp:22 to keep it, or pass --prune\n');
    expect(writes()).toEqual([]);
    const yes = await runCli(RERUN, { tty: true, answers: [true] });
    expect(yes.code).toBe(0);
    expect(elbMock).toHaveReceivedCommandWith(DeleteLoadBalancerListenersCommand, { LoadBalancerName: 'web', LoadBalancerPorts: [22] });
  });

  it('--dry-run keeps showing the deletion, with a warning', async () => {
    liveWithSsh();
    const r = await runCli(`${RERUN} --dry-run`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('delete\tlistener\tweb:22\telb:DeleteLoadBalancerListeners\t');
    expect(r.stderr).toContain('warning: listener web:22 (tcp:22) not named by --listener would be deleted; the run needs --prune (or a yes on a terminal)');
  });
});
