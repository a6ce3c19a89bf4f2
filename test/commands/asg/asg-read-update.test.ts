import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { ARN_DOWN, ARN_UP, sdkInstance, webGroup } from '../../helpers/asg-fixtures.js';
import { asMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

describe('update-asg', () => {
  it('sends only what differs from the live group', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(UpdateAutoScalingGroupCommand).resolves({});
    const r = await runCli('update-asg web-asg --min 1 --max 8 --desired 3 --cooldown 60 --health-check-type EC2 --grace-period 90');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'web-asg\tupdated\n', 'Updating auto-scaling-group web-asg (max, desired, cooldown, healthCheckType, gracePeriod)\n']);
    expect(asMock.commandCalls(UpdateAutoScalingGroupCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupName: 'web-asg', MaxSize: 8, DesiredCapacity: 3, DefaultCooldown: 60, HealthCheckType: 'EC2', HealthCheckGracePeriod: 90 });
  });

  it('unchanged when nothing differs', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    const r = await runCli('update-asg web-asg --min 1 --max 4 --output json');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'auto-scaling-group', name: 'web-asg', status: 'unchanged', changes: [] });
    expect(asMock).not.toHaveReceivedCommand(UpdateAutoScalingGroupCommand);
  });

  it('exits 4 for a missing group', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const r = await runCli('update-asg nosuch --max 3');
    expect([r.code, r.stderr]).toEqual([4, 'error: Auto Scaling group nosuch does not exist; check the name with "scalectl describe-asgs", or create it with "scalectl create-asg"\n']);
  });

  it('checks a size given alone against the live group, before any write', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    const r = await runCli('update-asg web-asg --min 6');
    expect([r.code, r.stderr]).toEqual([2, 'error: --min (6) must not be more than --max (4) (the group has min 1, max 4)\n']);
    expect(asMock).not.toHaveReceivedCommand(UpdateAutoScalingGroupCommand);
  });

  it.each([
    ['update-asg web-asg', 'error: nothing to change; pass at least one of --min, --max, --desired, --cooldown, --health-check-type, --grace-period\n'],
    ['update-asg web-asg --min 3 --max 2', 'error: --min (3) must not be more than --max (2).\n'],
  ])('%s → exit 2, nothing sent', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, err]);
    expect(asMock.calls()).toHaveLength(0);
  });
});

describe('describe-asgs', () => {
  const second = webGroup({ AutoScalingGroupName: 'api-asg', LaunchTemplate: undefined, LaunchConfigurationName: 'api-lc', VPCZoneIdentifier: 'subnet-1,subnet-2', LoadBalancerNames: [], HealthCheckType: 'EC2', Status: 'Delete in progress', Instances: [{ ...sdkInstance('i-0ccc', 'Pending', 'Unhealthy'), LaunchTemplate: undefined, LaunchConfigurationName: 'api-lc' }] });

  it('reads every page and prints groups then their instances (text)', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolvesOnce({ AutoScalingGroups: [webGroup()], NextToken: 't1' }).resolves({ AutoScalingGroups: [second] });
    const r = await runCli('describe-asgs');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'group\tweb-asg\t1\t4\t1\tweb-asg:$Default\t\tus-east-1a,us-east-1b\t\tweb\tELB\t0\t\t',
        'instance\tweb-asg\ti-0aaa\tus-east-1a\tInService\tHealthy\t1',
        'group\tapi-asg\t1\t4\t1\t\tapi-lc\tus-east-1a,us-east-1b\tsubnet-1,subnet-2\t\tEC2\t0\tDelete in progress\t',
        'instance\tapi-asg\ti-0ccc\tus-east-1a\tPending\tUnhealthy\tapi-lc',
        '',
      ].join('\n'),
    );
    expect(asMock).toHaveReceivedNthCommandWith(DescribeAutoScalingGroupsCommand, 2, { NextToken: 't1' });
  });

  it('json and table', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    const j = await runCli('describe-asgs web-asg --output json');
    expect(JSON.parse(j.stdout)).toEqual({
      groups: [
        {
          name: 'web-asg', min: 1, max: 4, desired: 1, launchTemplate: { name: 'web-asg', version: '$Default' }, launchConfiguration: null,
          zones: ['us-east-1a', 'us-east-1b'], subnets: [], loadBalancers: ['web'], healthCheckType: 'ELB', gracePeriod: 0, cooldown: 300,
          terminationPolicies: ['Default'], status: null, suspendedProcesses: [], tags: [{ key: 'Name', value: 'web', propagate: true }],
          instances: [{ id: 'i-0aaa', zone: 'us-east-1a', lifecycleState: 'InService', health: 'Healthy', launchTemplateVersion: '1', launchConfiguration: null }],
        },
      ],
      missing: [],
    });
    expect(asMock).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ['web-asg'] });
    const t = await runCli('describe-asgs web-asg --no-color', { tty: true });
    expect(t.stdout).toBe(
      [
        'GROUP    MIN  MAX  DESIRED  LAUNCHES FROM     ZONES / SUBNETS         LOAD BALANCERS  HEALTH CHECK  STATUS  SUSPENDED',
        'web-asg  1    4    1        web-asg:$Default  us-east-1a, us-east-1b  web             ELB 0s        active  -',
        '',
        'GROUP    INSTANCE  ZONE        STATE      HEALTH   VERSION',
        'web-asg  i-0aaa    us-east-1a  InService  Healthy  1',
        '',
      ].join('\n'),
    );
  });

  it('prints what exists and exits 4 naming what does not', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ Instances: [] })] });
    const r = await runCli('describe-asgs web-asg nosuch');
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('group\tweb-asg\t1\t4\t1\tweb-asg:$Default\t\tus-east-1a,us-east-1b\t\tweb\tELB\t0\t\t\n');
    expect(r.stderr).toBe('error: no Auto Scaling group named nosuch; list the groups with "scalectl describe-asgs"\n');
  });
});

describe('describe-policies', () => {
  const policies = [
    { PolicyName: 'scale-up', AutoScalingGroupName: 'web-asg', PolicyARN: ARN_UP, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 1, Cooldown: 300, Alarms: [{ AlarmName: 'web-cpu-high', AlarmARN: 'arn:aws:cloudwatch:us-east-1:1:alarm:web-cpu-high' }] },
    { PolicyName: 'scale-down', AutoScalingGroupName: 'web-asg', PolicyARN: ARN_DOWN, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1, Alarms: [] },
    { PolicyName: 'cpu50', AutoScalingGroupName: 'web-asg', PolicyARN: 'arn:p3', PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' as const }, TargetValue: 50 }, Alarms: [{ AlarmName: 'TargetTracking-web-asg-AlarmHigh' }, { AlarmName: 'TargetTracking-web-asg-AlarmLow' }] },
  ];

  it('text: name, group, type, adjustment type or metric, adjustment or target, cooldown, ARN, alarms', async () => {
    asMock.on(DescribePoliciesCommand).resolvesOnce({ ScalingPolicies: policies.slice(0, 2), NextToken: 'n' }).resolves({ ScalingPolicies: policies.slice(2) });
    const r = await runCli('describe-policies --asg web-asg');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `scale-up\tweb-asg\tSimpleScaling\tChangeInCapacity\t1\t300\t${ARN_UP}\tweb-cpu-high`,
        `scale-down\tweb-asg\tSimpleScaling\tChangeInCapacity\t-1\t\t${ARN_DOWN}\t`,
        'cpu50\tweb-asg\tTargetTrackingScaling\tASGAverageCPUUtilization\t50\t\tarn:p3\tTargetTracking-web-asg-AlarmHigh,TargetTracking-web-asg-AlarmLow',
        '',
      ].join('\n'),
    );
    expect(asMock).toHaveReceivedNthCommandWith(DescribePoliciesCommand, 1, { AutoScalingGroupName: 'web-asg' });
    expect(asMock).toHaveReceivedNthCommandWith(DescribePoliciesCommand, 2, { AutoScalingGroupName: 'web-asg', NextToken: 'n' });
  });

  it('json', async () => {
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: policies.slice(0, 1) });
    const r = await runCli('describe-policies --output json');
    expect(JSON.parse(r.stdout)).toEqual({ policies: [{ name: 'scale-up', group: 'web-asg', type: 'SimpleScaling', adjustmentType: 'ChangeInCapacity', adjustment: 1, minStep: null, cooldown: 300, targetMetric: null, targetValue: null, arn: ARN_UP, alarms: ['web-cpu-high'] }] });
    expect(asMock).toHaveReceivedCommandWith(DescribePoliciesCommand, {});
  });

  it('table', async () => {
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: policies.slice(1) });
    const r = await runCli('describe-policies --no-color', { tty: true, columns: 300 });
    expect(r.stdout).toBe(
      [
        'POLICY      GROUP    TYPE                   ADJUSTMENT                   COOLDOWN  ALARMS                                                             ARN',
        `scale-down  web-asg  SimpleScaling          -1                           -         -                                                                  ${ARN_DOWN}`,
        'cpu50       web-asg  TargetTrackingScaling  ASGAverageCPUUtilization=50  -         TargetTracking-web-asg-AlarmHigh, TargetTracking-web-asg-AlarmLow  arn:p3',
        '',
      ].join('\n'),
    );
  });

  it('exits 4 for a group that does not exist', async () => {
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] });
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const r = await runCli('describe-policies --asg nosuch');
    expect([r.code, r.stderr]).toEqual([4, 'error: Auto Scaling group nosuch does not exist; list the groups with "scalectl describe-asgs"\n']);
  });
});
