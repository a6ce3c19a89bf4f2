import { DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { asMock, cwMock, ec2Mock, elbMock, iamMock, taggingMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { install, webWorld, type World } from './teardown-world.js';

// Cost grows with the stack, not with the region: the exact requests a command sends are the same
// whatever else the region holds.
const mocks = { autoscaling: asMock, cloudwatch: cwMock, ec2: ec2Mock, elb: elbMock, iam: iamMock, tagging: taggingMock };
const sent = () => Object.entries(mocks).flatMap(([svc, m]) => m.calls().map((c) => `${svc} ${(c.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, '')}`)).sort();

function crowded(n: number): World {
  const w = webWorld();
  for (let i = 0; i < n; i++) {
    w.alarms.set(`other-${i}`, { name: `other-${i}`, arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:other-${i}`, actions: [], tags: { team: 'x' }, state: 'OK' });
    w.groups.set(`other-asg-${i}`, { name: `other-asg-${i}`, min: 1, max: 1, desired: 1, instances: [], tags: { 'scalectl:stack': `other-${i}` } });
  }
  return install(w);
}

describe('requests sized by the stack', () => {
  for (const cmd of ['status --stack web', 'teardown --stack web --dry-run']) {
    it(`${cmd} sends the same requests with 0 or 300 unrelated alarms and groups around it (no call per foreign alarm)`, async () => {
      crowded(0);
      const empty = await runCli(cmd);
      expect(empty.code).toBe(0);
      const alone = sent();
      for (const m of Object.values(mocks)) m.resetHistory();
      crowded(300);
      const busy = await runCli(cmd);
      expect(busy.code).toBe(0);
      expect(busy.stdout).toBe(empty.stdout);
      expect(sent()).toEqual(alone);
      expect(alone.filter((c) => c === 'cloudwatch ListTagsForResource')).toEqual([]);
    });
  }

  it('status of the web stack: exactly these requests', async () => {
    crowded(300);
    expect((await runCli('status --stack web')).code).toBe(0);
    expect(sent()).toEqual([
      'autoscaling DescribeAutoScalingGroups',
      'autoscaling DescribeNotificationConfigurations',
      'autoscaling DescribePolicies',
      'autoscaling DescribeScheduledActions',
      'cloudwatch DescribeAlarms',
      'ec2 DescribeLaunchTemplates',
      'elb DescribeInstanceHealth',
      'elb DescribeLoadBalancers',
      'iam ListServerCertificateTags',
      'iam ListServerCertificateTags',
      'iam ListServerCertificates',
      'tagging GetResources',
    ]);
  });

  it('does not load or call EC2 when the stack has no launch template', async () => {
    const w = webWorld();
    w.lts.clear();
    (w.groups.get('web-asg') as { lt?: string }).lt = undefined;
    install(w);
    expect((await runCli('status --stack web')).code).toBe(0);
    expect(ec2Mock.calls()).toHaveLength(0);
  });

  it('teardown --yes deletes what discovery read without reading it again first', async () => {
    const w = crowded(0);
    expect((await runCli('teardown --stack web --yes')).code).toBe(0);
    const calls = sent();
    // One DescribeAlarms (discovery), none before the delete; one DescribeLoadBalancers (discovery), none before the delete.
    expect(calls.filter((c) => c === 'cloudwatch DescribeAlarms')).toHaveLength(1);
    expect(calls.filter((c) => c === 'elb DescribeLoadBalancers')).toHaveLength(1);
    expect(calls.filter((c) => c === 'autoscaling DescribePolicies')).toHaveLength(1);
    expect(w.log[0]).toBe('DeleteAlarms web-5xx,web-cpu-high');
  });
});

describe('batching', () => {
  it('deletes 101 alarms in two calls (DeleteAlarms takes 100 names)', async () => {
    const w = webWorld();
    for (let i = 0; i < 99; i++) {
      const name = `web-extra-${String(i).padStart(3, '0')}`;
      w.alarms.set(name, { name, arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`, actions: [], tags: { 'scalectl:stack': 'web' }, state: 'OK' });
    }
    install(w);
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    expect(cwMock.commandCalls(DeleteAlarmsCommand).map((c) => c.args[0].input.AlarmNames?.length)).toEqual([100, 1]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('alarm\t') && l.includes('\tdeleted'))).toHaveLength(101);
  });

  it('reads the policies of several groups in one DescribePolicies when the region has one page of them', async () => {
    const w = webWorld();
    for (const name of ['web-b', 'web-c']) w.groups.set(name, { name, min: 0, max: 0, desired: 0, instances: [], tags: { 'scalectl:stack': 'web' } });
    w.policies.push({ group: 'web-b', name: 'b-up', arn: 'arn:b-up', alarms: [] });
    install(w);
    asMock.on(DescribePoliciesCommand).callsFake((input) => ({ ScalingPolicies: w.policies.filter((p) => !input.AutoScalingGroupName || p.group === input.AutoScalingGroupName).map((p) => ({ AutoScalingGroupName: p.group, PolicyName: p.name, PolicyARN: p.arn, PolicyType: 'SimpleScaling', Alarms: p.alarms.map((a) => ({ AlarmName: a })) })) }));
    const r = await runCli('status --stack web');
    expect(r.code).toBe(0);
    expect(asMock.commandCalls(DescribePoliciesCommand).map((c) => c.args[0].input)).toEqual([{ MaxRecords: 100 }]);
    expect(r.stdout).toContain('scaling-policy\tweb-b/b-up');
    expect(r.stdout).toContain('scaling-policy\tweb-asg/scale-up');
  });

  it('falls back to one DescribePolicies per group when the region has more than a page of policies', async () => {
    const w = webWorld();
    w.groups.set('web-b', { name: 'web-b', min: 0, max: 0, desired: 0, instances: [], tags: { 'scalectl:stack': 'web' } });
    install(w);
    asMock.on(DescribePoliciesCommand).callsFake((input) => (input.AutoScalingGroupName ? { ScalingPolicies: w.policies.filter((p) => p.group === input.AutoScalingGroupName).map((p) => ({ AutoScalingGroupName: p.group, PolicyName: p.name, PolicyARN: p.arn, PolicyType: 'SimpleScaling' })) } : { ScalingPolicies: [], NextToken: 'more' }));
    const r = await runCli('status --stack web');
    expect(r.code).toBe(0);
    expect(asMock.commandCalls(DescribePoliciesCommand).map((c) => c.args[0].input.AutoScalingGroupName ?? '(all)').sort()).toEqual(['(all)', 'web-asg', 'web-b']);
  });
});

describe('parallel drains', () => {
  it('scales every group of the stack to zero before any of them is deleted (not four at a time)', async () => {
    const w = webWorld();
    for (let i = 0; i < 6; i++) w.groups.set(`web-g${i}`, { name: `web-g${i}`, min: 2, max: 2, desired: 2, instances: [{ id: `i-${i}a`, state: 'InService' }, { id: `i-${i}b`, state: 'InService' }], tags: { 'scalectl:stack': 'web' } });
    install(w);
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    const updates = w.log.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('UpdateAutoScalingGroup')).map(([, i]) => i);
    const firstDelete = w.log.findIndex((l) => l.startsWith('DeleteAutoScalingGroup'));
    expect(updates).toHaveLength(7);
    expect(Math.max(...updates)).toBeLessThan(firstDelete);
    // Each drain polls on the fake clock in step with the others: 7 groups, two polls each.
    expect(r.sleeps).toEqual(Array.from({ length: 14 }, () => 10000));
  });
});
