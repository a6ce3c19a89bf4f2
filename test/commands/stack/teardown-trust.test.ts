import { DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { asMock, cwMock, ec2Mock, elbMock, iamMock } from '../../helpers/aws.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';
import { install, webWorld, type World } from './teardown-world.js';

const totalCalls = () => [asMock, cwMock, ec2Mock, elbMock, iamMock].reduce((n, m) => n + m.calls().length, 0);

function world(change?: (w: World) => void): World {
  const w = webWorld();
  change?.(w);
  return install(w);
}

const attached = (w: World) => {
  w.groups.get('web-asg')!.loadBalancers = ['web-lb'];
  w.groups.set('api-asg', { name: 'api-asg', min: 1, max: 2, desired: 1, instances: [{ id: 'i-9', state: 'InService' }], tags: {}, loadBalancers: ['web-lb', 'other-lb'] });
};

describe('teardown --lb with a live group still attached (trust #20)', () => {
  it('is a blocker naming the command that tears the group down or detaches it; nothing is deleted', async () => {
    const w = world(attached);
    const r = await runCli('teardown --lb web-lb --yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe([
      'warning: auto-scaling-group web-asg: is still attached to load balancer web-lb, which this teardown would delete; clear it with: scalectl teardown --asg web-asg --lb web-lb (deletes the group too), or keep the group: aws autoscaling detach-load-balancers --auto-scaling-group-name web-asg --load-balancer-names web-lb',
      'warning: auto-scaling-group api-asg: is still attached to load balancer web-lb, which this teardown would delete; clear it with: scalectl teardown --asg api-asg --lb web-lb (deletes the group too), or keep the group: aws autoscaling detach-load-balancers --auto-scaling-group-name api-asg --load-balancer-names web-lb',
      'error: 2 problems would block the teardown; nothing was deleted; clear each one with the command shown above, then re-run',
      '',
    ].join('\n'));
    expect(w.log).toEqual([]);
    expect(elbMock).not.toHaveReceivedCommand(DeleteLoadBalancerCommand);
  });

  it('a group deleted in the same run is no blocker; the dry run warns', async () => {
    world(attached);
    const r = await runCli('teardown --lb web-lb --asg api-asg,web-asg --dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('still attached');
    const other = await runCli('teardown --lb web-lb --dry-run');
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('warning: auto-scaling-group api-asg: is still attached to load balancer web-lb');
  });
});

describe('teardown dry runs say what the run would really do (trust #22)', () => {
  it('--force --dry-run plans ForceDelete for the group, not the drain', async () => {
    world();
    const r = await runCli('teardown --stack web --force --dry-run --output json');
    expect(r.code).toBe(0);
    const step = JSON.parse(r.stdout).steps.find((s: { resource: string }) => s.resource === 'auto-scaling-group');
    expect(step).toEqual({
      action: 'delete', resource: 'auto-scaling-group', name: 'web-asg', detail: 'force-delete: its instances are terminated without draining',
      request: { service: 'autoscaling', operation: 'DeleteAutoScalingGroup', input: { AutoScalingGroupName: 'web-asg', ForceDelete: true } },
    });
  });

  it('--force --dry-run keeps the drain plan for a group whose deletion protection refuses ForceDelete', async () => {
    world((x) => {
      x.groups.get('web-asg')!.deletionProtection = 'prevent-force-deletion';
    });
    const r = await runCli('teardown --stack web --force --dry-run');
    expect(r.stdout).toContain('delete\tauto-scaling-group\tweb-asg\tautoscaling:DeleteAutoScalingGroup\tscale 2 → 0, wait for 2 instances to terminate, delete\n');
  });

  it.each([
    ['no credentials', { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }, 'no AWS credentials found'],
    ['no region', { ...TEST_ENV, AWS_REGION: undefined }, 'no AWS region configured'],
  ])('--stack --dry-run with %s: exit 3, one line, no empty plan', async (_what, env, cause) => {
    const r = await runCli('teardown --stack web --dry-run', { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${cause}: teardown --stack web --dry-run must read AWS to find what is tagged scalectl:stack=web; configure a region and credentials (see "scalectl config"), or name the resources with --asg, --lb, … to plan offline\n`);
    expect(totalCalls()).toBe(0);
  });
});

describe('teardown --stack with named resources, offline', () => {
  it('plans the named ones with a warning (the recipes rely on it)', async () => {
    const r = await runCli('teardown --stack web --lb web-lb --dry-run', { env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('delete\tload-balancer\tweb-lb\telb:DeleteLoadBalancer\t\n');
    expect(r.stderr).toContain('warning: no AWS credentials found: planning without reading AWS');
  });
});
