import { DescribeInstanceHealthCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { install, webWorld } from './teardown-world.js';

describe('status', () => {
  it('shows every resource of the stack with its state, in teardown order (text)', async () => {
    install(webWorld());
    const r = await runCli('status --stack web');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'alarm\tweb-5xx\tALARM\t',
      'alarm\tweb-cpu-high\tOK\tscale-up',
      'scaling-policy\tweb-asg/scale-up\tSimpleScaling\tfired by web-cpu-high',
      'auto-scaling-group\tweb-asg\t2/2 InService\tmin 2 max 4 desired 2; i-1 InService Healthy, i-2 InService Healthy',
      'launch-template\tweb-asg\tdefault v1\tlatest v2',
      'load-balancer\tweb-lb\t1/2 InService\tweb-lb-1.us-east-1.elb.amazonaws.com',
      'server-certificate\tweb-cert\texpires in 30 days\t2026-12-21',
      '',
    ].join('\n'));
    expect(elbMock).toHaveReceivedCommandWith(DescribeInstanceHealthCommand, { LoadBalancerName: 'web-lb' });
    expect(elbMock).not.toHaveReceivedCommandWith(DescribeInstanceHealthCommand, { LoadBalancerName: 'other-lb' });
  });

  it('gives typed details in json', async () => {
    install(webWorld());
    const r = await runCli('status --stack web --output json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.stack).toBe('web');
    const byKind = (k: string) => doc.resources.find((e: { kind: string }) => e.kind === k);
    expect(byKind('auto-scaling-group')).toEqual({
      kind: 'auto-scaling-group', name: 'web-asg', state: '2/2 InService',
      detail: 'min 2 max 4 desired 2; i-1 InService Healthy, i-2 InService Healthy',
      size: { min: 2, max: 4, desired: 2 },
      instances: [{ id: 'i-1', state: 'InService', health: 'Healthy' }, { id: 'i-2', state: 'InService', health: 'Healthy' }],
    });
    expect(byKind('load-balancer')).toEqual({
      kind: 'load-balancer', name: 'web-lb', state: '1/2 InService', detail: 'web-lb-1.us-east-1.elb.amazonaws.com', dnsName: 'web-lb-1.us-east-1.elb.amazonaws.com',
      instances: [{ id: 'i-1', state: 'InService' }, { id: 'i-2', state: 'OutOfService', health: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' }],
    });
    expect(byKind('server-certificate')).toEqual({ kind: 'server-certificate', name: 'web-cert', state: 'expires in 30 days', detail: '2026-12-21', expiration: '2026-12-21T12:00:00.000Z', daysLeft: 30 });
    expect(byKind('launch-template')).toEqual({ kind: 'launch-template', name: 'web-asg', state: 'default v1', detail: 'latest v2', defaultVersion: 1, latestVersion: 2 });
  });

  it('draws a table on a terminal and flags an expired certificate', async () => {
    const w = webWorld();
    (w.certs.get('web-cert') as { expiration: Date }).expiration = new Date('2026-11-01T00:00:00Z');
    install(w);
    const r = await runCli('status --stack web --no-color', { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/KIND\s+NAME\s+STATE\s+DETAIL/);
    expect(r.stdout).toMatch(/server-certificate\s+web-cert\s+expired 21 days ago/);
  });

  it('exits 4 when nothing carries the stack tag', async () => {
    install(webWorld());
    const r = await runCli('status --stack nosuch');
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: nothing is tagged scalectl:stack=nosuch; check the stack name and --region\n');
  });

  it('requires --stack', async () => {
    const r = await runCli('status');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--stack <name>' not specified");
  });
});
