import { DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, ListTagsForResourceCommand, PutMetricAlarmCommand, TagResourceCommand, type ComparisonOperator, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { asMock, awsError, cwMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const policyArn = (group: string, policy: string, id = '0b5c1e3a-1111-2222-3333-444455556666') =>
  `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${id}:autoScalingGroupName/${group}:policyName/${policy}`;
const ALARM_ARN = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high';
const HIGH = 'put-alarm cpu-high --metric CPUUtilization --namespace AWS/EC2 --statistic Average --period 60 --threshold 80 --comparison gt --evaluation-periods 2 --dimension AutoScalingGroupName=web-asg';

function noAlarms() {
  cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  cwMock.on(PutMetricAlarmCommand).resolves({});
}
function policies(...list: Array<[group: string, policy: string]>) {
  asMock.on(DescribePoliciesCommand).callsFake((input: { AutoScalingGroupName?: string; PolicyNames?: string[] }) => ({
    ScalingPolicies: list
      .filter(([g, p]) => g === input.AutoScalingGroupName && (input.PolicyNames ?? []).includes(p))
      .map(([g, p]) => ({ AutoScalingGroupName: g, PolicyName: p, PolicyARN: policyArn(g, p, g === 'api-asg' ? 'ffffffff-1111-2222-3333-444455556666' : undefined) })),
  }));
}
function noCalls() {
  expect(cwMock.calls()).toHaveLength(0);
  expect(asMock.calls()).toHaveLength(0);
}

describe('put-alarm: creating', () => {
  it('types the legacy mon-put-metric-alarm seed example almost unchanged', async () => {
    noAlarms();
    const arn = policyArn('web-asg', 'scale-up');
    const r = await runCli(
      `put-alarm MyHighCPUAlarm1 --comparison-operator GreaterThanThreshold --evaluation-periods 1 --metric-name CPUUtilization --namespace "AWS/EC2" --period 60 --statistic Average --threshold 70 --alarm-actions ${arn} --dimensions "AutoScalingGroupName=web-asg" --region us-east-1`,
    );
    expect(r.stderr).toBe('Creating alarm MyHighCPUAlarm1 (CPUUtilization avg > 70 for 1 × 60s on AWS/EC2 AutoScalingGroupName=web-asg → scale-up)\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('MyHighCPUAlarm1\tcreated\n');
    expect(cwMock).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: ['MyHighCPUAlarm1'], AlarmTypes: ['MetricAlarm'] });
    expect(cwMock.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input).toEqual({
      AlarmName: 'MyHighCPUAlarm1', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average',
      Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }], Period: 60, EvaluationPeriods: 1, Threshold: 70,
      ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [arn],
    });
  });

  it('wires a scale-up and a scale-down policy to high- and low-CPU alarms by name alone', async () => {
    noAlarms();
    policies(['web-asg', 'scale-up'], ['web-asg', 'scale-down']);
    const up = await runCli(`${HIGH} --scale-policy scale-up --asg web-asg`);
    const down = await runCli('put-alarm cpu-low --metric CPUUtilization --namespace AWS/EC2 --statistic Average --period 300 --threshold 20 --comparison lt --evaluation-periods 3 --dimension AutoScalingGroupName=web-asg --scale-policy scale-down --asg web-asg');
    expect([up.code, down.code]).toEqual([0, 0]);
    expect(asMock).toHaveReceivedNthCommandWith(DescribePoliciesCommand, 1, { AutoScalingGroupName: 'web-asg', PolicyNames: ['scale-up'] });
    expect(asMock).toHaveReceivedNthCommandWith(DescribePoliciesCommand, 2, { AutoScalingGroupName: 'web-asg', PolicyNames: ['scale-down'] });
    const puts = cwMock.commandCalls(PutMetricAlarmCommand).map((c) => c.args[0].input);
    expect(puts[0]).toEqual({
      AlarmName: 'cpu-high', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }],
      Period: 60, EvaluationPeriods: 2, Threshold: 80, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [policyArn('web-asg', 'scale-up')],
    });
    expect(puts[1]).toMatchObject({ AlarmName: 'cpu-low', Period: 300, Threshold: 20, EvaluationPeriods: 3, ComparisonOperator: 'LessThanThreshold', AlarmActions: [policyArn('web-asg', 'scale-down')] });
  });

  it('picks the policy of the group named by --asg when two groups have one of the same name', async () => {
    noAlarms();
    policies(['web-asg', 'scale-up'], ['api-asg', 'scale-up']);
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg api-asg`);
    expect(r.code).toBe(0);
    expect(asMock).toHaveReceivedCommandWith(DescribePoliciesCommand, { AutoScalingGroupName: 'api-asg', PolicyNames: ['scale-up'] });
    expect(cwMock).toHaveReceivedCommandWith(PutMetricAlarmCommand, { AlarmActions: [policyArn('api-asg', 'scale-up', 'ffffffff-1111-2222-3333-444455556666')] });
  });

  it('still picks the right group when an endpoint ignores the group filter', async () => {
    noAlarms();
    asMock.on(DescribePoliciesCommand).resolves({
      ScalingPolicies: [
        { AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up', PolicyARN: policyArn('web-asg', 'scale-up') },
        { AutoScalingGroupName: 'api-asg', PolicyName: 'scale-up', PolicyARN: policyArn('api-asg', 'scale-up', 'ffffffff-1111-2222-3333-444455556666') },
      ],
    });
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg api-asg`);
    expect(r.code).toBe(0);
    expect(cwMock).toHaveReceivedCommandWith(PutMetricAlarmCommand, { AlarmActions: [policyArn('api-asg', 'scale-up', 'ffffffff-1111-2222-3333-444455556666')] });
  });

  it('takes several policies, one group each, plus other actions in every state', async () => {
    noAlarms();
    policies(['web-asg', 'scale-up'], ['api-asg', 'scale-up']);
    const sns = 'arn:aws:sns:us-east-1:123456789012:ops';
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg web-asg --scale-policy scale-up --asg api-asg --action ${sns} --ok-action ${sns} --insufficient-data-action ${sns}`);
    expect(r.code).toBe(0);
    expect(cwMock).toHaveReceivedCommandWith(PutMetricAlarmCommand, {
      AlarmActions: [sns, policyArn('web-asg', 'scale-up'), policyArn('api-asg', 'scale-up', 'ffffffff-1111-2222-3333-444455556666')],
      OKActions: [sns], InsufficientDataActions: [sns],
    });
  });

  it('exits 4 naming group and policy when the policy does not exist, before touching alarms', async () => {
    policies(['web-asg', 'scale-up']);
    const r = await runCli(`${HIGH} --scale-policy scale-upp --asg web-asg`);
    expect(r.code).toBe(4);
    expect(r.sleeps).toEqual([2000, 4000]);
    expect(asMock.commandCalls(DescribePoliciesCommand)).toHaveLength(3);
    expect(r.stderr).toBe('waiting for scaling policy scale-upp in web-asg to be listed\nwaiting for scaling policy scale-upp in web-asg to be listed\nerror: scaling policy scale-upp not found in Auto Scaling group web-asg; create it with "scalectl put-policy scale-upp --asg web-asg …" or check the names with "scalectl describe-policies --asg web-asg"\n');
    expect(r.stdout).toBe('');
    expect(cwMock.calls()).toHaveLength(0);
  });

  it('looks again when a policy just made by put-policy is not listed yet', async () => {
    noAlarms();
    asMock
      .on(DescribePoliciesCommand)
      .resolvesOnce({ ScalingPolicies: [] })
      .resolves({ ScalingPolicies: [{ AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up', PolicyARN: policyArn('web-asg', 'scale-up') }] });
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg web-asg -q`);
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([2000]);
    expect(cwMock).toHaveReceivedCommandWith(PutMetricAlarmCommand, { AlarmActions: [policyArn('web-asg', 'scale-up')] });
  });

  it('sends every optional flag exactly, in modern spellings', async () => {
    noAlarms();
    const r = await runCli([
      'put-alarm', 'lat-p99', '--metric', 'Latency', '--namespace', 'AWS/ELB', '--statistic', 'p99.9', '--period', '5m', '--threshold', '0.25',
      '--comparison', '>=', '--evaluation-periods', '3', '--datapoints-to-alarm', '2', '--treat-missing-data', 'notBreaching',
      '--dimension', 'LoadBalancerName=web', '--dimension', 'AvailabilityZone=us-east-1a', '--unit', 'seconds', '--description', 'slow responses',
      '--action', 'arn:aws:sns:us-east-1:1:a,arn:aws:sns:us-east-1:1:b', '--tag', 'team=web', '--stack', 'shop', '--output', 'json',
    ]);
    expect(r.code).toBe(0);
    expect(cwMock.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input).toEqual({
      AlarmName: 'lat-p99', AlarmDescription: 'slow responses', MetricName: 'Latency', Namespace: 'AWS/ELB', ExtendedStatistic: 'p99.9',
      Dimensions: [{ Name: 'LoadBalancerName', Value: 'web' }, { Name: 'AvailabilityZone', Value: 'us-east-1a' }], Period: 300, Unit: 'Seconds',
      EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 0.25, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching',
      AlarmActions: ['arn:aws:sns:us-east-1:1:a', 'arn:aws:sns:us-east-1:1:b'], Tags: [{ Key: 'team', Value: 'web' }, { Key: 'scalectl:stack', Value: 'shop' }],
    });
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'alarm', name: 'lat-p99', status: 'created', changes: ['create alarm'], alarmActions: ['arn:aws:sns:us-east-1:1:a', 'arn:aws:sns:us-east-1:1:b'] });
  });

  it('accepts the other legacy spellings: --alarm-name, --extendedstatistic, --alarm-description, --ok-actions, --insufficient-data-actions, --actions-enabled', async () => {
    noAlarms();
    const r = await runCli('put-alarm --alarm-name q --metric-name Depth --namespace Custom/Q --extendedstatistic p90 --period 60 --threshold -5 --comparison-operator LessThanOrEqualToThreshold --evaluation-periods 1 --alarm-description "queue empty" --ok-actions a1,a2 --insufficient-data-actions a3 --actions-enabled false --dimensions "Queue=jobs,Env=prod"');
    expect(r.code).toBe(0);
    expect(cwMock.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input).toEqual({
      AlarmName: 'q', AlarmDescription: 'queue empty', ActionsEnabled: false, MetricName: 'Depth', Namespace: 'Custom/Q', ExtendedStatistic: 'p90',
      Dimensions: [{ Name: 'Queue', Value: 'jobs' }, { Name: 'Env', Value: 'prod' }], Period: 60, EvaluationPeriods: 1, Threshold: -5,
      ComparisonOperator: 'LessThanOrEqualToThreshold', OKActions: ['a1', 'a2'], InsufficientDataActions: ['a3'],
    });
  });

  it('takes --extended-statistic as well', async () => {
    noAlarms();
    const r = await runCli('put-alarm a --metric M --namespace N --extended-statistic p95 --period 60 --threshold 1 --comparison gt --evaluation-periods 1');
    expect(r.code).toBe(0);
    const input = cwMock.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input;
    expect([input.ExtendedStatistic, input.Statistic]).toEqual(['p95', undefined]);
  });

  it.each([
    ['gt', 'GreaterThanThreshold'], ['">"', 'GreaterThanThreshold'], ['ge', 'GreaterThanOrEqualToThreshold'], ['">="', 'GreaterThanOrEqualToThreshold'],
    ['lt', 'LessThanThreshold'], ['"<"', 'LessThanThreshold'], ['le', 'LessThanOrEqualToThreshold'], ['"<="', 'LessThanOrEqualToThreshold'],
    ['GreaterThanThreshold', 'GreaterThanThreshold'], ['LessThanOrEqualToThreshold', 'LessThanOrEqualToThreshold'],
  ])('--comparison %s sends %s', async (spelling, op) => {
    noAlarms();
    const r = await runCli(`put-alarm a --metric M --namespace N --statistic Sum --period 60 --threshold 1 --comparison ${spelling} --evaluation-periods 1`);
    expect(r.code).toBe(0);
    expect(cwMock).toHaveReceivedCommandWith(PutMetricAlarmCommand, { ComparisonOperator: op as ComparisonOperator, Statistic: 'Sum' });
  });
});

describe('put-alarm: dry-run', () => {
  it('plans with a placeholder for a policy that does not exist yet', async () => {
    noAlarms();
    policies();
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg web-asg --dry-run --output json`);
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([]);
    const plan = JSON.parse(r.stdout);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ action: 'create', resource: 'alarm', name: 'cpu-high', detail: 'CPUUtilization avg > 80 for 2 × 60s on AWS/EC2 AutoScalingGroupName=web-asg → <arn of policy scale-up in web-asg>' });
    expect(plan.steps[0].request).toMatchObject({ service: 'cloudwatch', operation: 'PutMetricAlarm', input: { AlarmActions: ['<arn of policy scale-up in web-asg>'] } });
    expect(cwMock.commandCalls(PutMetricAlarmCommand)).toHaveLength(0);
  });

  it('works with no region or credentials at all', async () => {
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg web-asg --dry-run`, { env: {} });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('create\talarm\tcpu-high\tcloudwatch:PutMetricAlarm\tCPUUtilization avg > 80 for 2 × 60s on AWS/EC2 AutoScalingGroupName=web-asg → <arn of policy scale-up in web-asg>\n');
    expect(r.stderr).toContain('planning without reading AWS');
    noCalls();
  });
});

function liveAlarm(over: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    AlarmName: 'cpu-high', AlarmArn: ALARM_ARN, StateValue: 'OK', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average',
    Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }], Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 80,
    ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'missing', ActionsEnabled: true, AlarmActions: [policyArn('web-asg', 'scale-up')], OKActions: [], InsufficientDataActions: [],
    ...over,
  };
}

describe('put-alarm: converging', () => {
  it('is unchanged when the alarm already has these settings', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [liveAlarm()] });
    policies(['web-asg', 'scale-up']);
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg web-asg`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('cpu-high\tunchanged\n');
    expect(r.stderr).toBe('');
    expect(cwMock.commandCalls(PutMetricAlarmCommand)).toHaveLength(0);
  });

  it('updates with the full settings and no Tags when something differs', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [liveAlarm({ Threshold: 70 })] });
    cwMock.on(PutMetricAlarmCommand).resolves({});
    policies(['web-asg', 'scale-up']);
    const r = await runCli(`${HIGH} --scale-policy scale-up --asg web-asg --period 60 --output json`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Updating alarm cpu-high (threshold)\n');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'alarm', name: 'cpu-high', status: 'updated', changes: ['set threshold'], alarmActions: [policyArn('web-asg', 'scale-up')] });
    const input = cwMock.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input;
    expect(input.Threshold).toBe(80);
    expect(input.Tags).toBeUndefined();
  });

  it('adds a missing stack tag with TagResource on the alarm ARN', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [liveAlarm({ AlarmActions: [] })] });
    cwMock.on(ListTagsForResourceCommand).resolves({ Tags: [{ Key: 'team', Value: 'web' }] });
    cwMock.on(TagResourceCommand).resolves({});
    const r = await runCli(`${HIGH} --tag team=web --stack shop`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('cpu-high\tupdated\n');
    expect(r.stderr).toBe('Tagging alarm cpu-high (scalectl:stack=shop)\n');
    expect(cwMock).toHaveReceivedCommandWith(ListTagsForResourceCommand, { ResourceARN: ALARM_ARN });
    expect(cwMock.commandCalls(TagResourceCommand)[0]!.args[0].input).toEqual({ ResourceARN: ALARM_ARN, Tags: [{ Key: 'scalectl:stack', Value: 'shop' }] });
    expect(cwMock.commandCalls(PutMetricAlarmCommand)).toHaveLength(0);
  });

  it('plans update and tag steps in a dry-run without sending them', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [liveAlarm({ AlarmActions: [], Period: 300 })] });
    cwMock.on(ListTagsForResourceCommand).resolves({ Tags: [] });
    const r = await runCli(`${HIGH} --stack shop --dry-run`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('update\talarm\tcpu-high\tcloudwatch:PutMetricAlarm\tperiod\ntag\talarm\tcpu-high\tcloudwatch:TagResource\tscalectl:stack=shop\n');
    expect(cwMock.commandCalls(PutMetricAlarmCommand)).toHaveLength(0);
    expect(cwMock.commandCalls(TagResourceCommand)).toHaveLength(0);
  });

  it('exits 5 naming what was done when tagging fails after the update', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [liveAlarm({ AlarmActions: [], Threshold: 1 })] });
    cwMock.on(PutMetricAlarmCommand).resolves({});
    cwMock.on(ListTagsForResourceCommand).resolves({ Tags: [] });
    cwMock.on(TagResourceCommand).rejects(awsError('AccessDenied', 'not allowed to tag', 403));
    const r = await runCli(`${HIGH} --stack shop`);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('error: tag alarm cpu-high failed: AWS refused cloudwatch:TagResource (AccessDenied): not allowed to tag; re-run the same command to finish; run "scalectl policy put-alarm" for the IAM policy it needs\ndone: update alarm cpu-high\nnot done: tag alarm cpu-high\n');
  });

  it('exits 1 with AWS\'s reason when PutMetricAlarm is refused', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    cwMock.on(PutMetricAlarmCommand).rejects(awsError('LimitExceeded', 'too many alarms'));
    const r = await runCli(HIGH);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: AWS refused: LimitExceeded: too many alarms\n');
  });
});

describe('put-alarm: validation before any request (exit 2)', () => {
  const arns = (n: number) => Array.from({ length: n }, (_, i) => `--action arn:aws:sns:us-east-1:1:t${i}`).join(' ');
  it.each([
    [HIGH.replace('--period 60', '--period 45'), 'error: --period 45 is not allowed: use 10, 20 or 30 (high resolution) or a multiple of 60 seconds; nothing was sent to AWS\n'],
    [HIGH.replace('--evaluation-periods 2', '--evaluation-periods 1441'), "error: --period 60 × --evaluation-periods 1441 = 86460 s is over AWS's limit of 86400 s (one day for periods under an hour); nothing was sent to AWS\n"],
    [`${HIGH} --datapoints-to-alarm 3`, 'error: --datapoints-to-alarm 3 is more than --evaluation-periods 2; nothing was sent to AWS\n'],
    [HIGH.replace('--threshold 80', '--threshold high'), "error: option '--threshold <n>' argument 'high' is invalid. --threshold must be a number; run 'scalectl put-alarm --help' for usage\n"],
    [`${HIGH} --unit Percents`, expect.stringContaining(`error: option '--unit <unit>' argument 'Percents' is invalid. --unit "Percents" is not a CloudWatch unit; use one of Seconds,`)],
    [`${HIGH} ${Array.from({ length: 30 }, (_, i) => `--dimension D${i}=v`).join(' ')}`, 'error: 31 dimensions given; a metric has at most 30; nothing was sent to AWS\n'],
    [`${HIGH} ${arns(6)}`, 'error: 6 alarm actions given; AWS allows at most 5 per state; nothing was sent to AWS\n'],
    [`${HIGH} ${arns(5)} --scale-policy scale-up --asg web-asg`, 'error: 6 alarm actions given; AWS allows at most 5 per state; nothing was sent to AWS\n'],
    [HIGH.replace('--comparison gt', '--comparison eq'), expect.stringContaining("error: option '--comparison <op>' argument 'eq' is invalid. --comparison must be gt, ge, lt, le")],
    [HIGH.replace('--statistic Average', '--statistic mean'), expect.stringContaining("argument 'mean' is invalid. --statistic must be Average, Sum, Minimum, Maximum, SampleCount or a percentile")],
    [`${HIGH} --treat-missing-data zero`, expect.stringContaining("error: option '--treat-missing-data <how>' argument 'zero' is invalid. Allowed choices are missing, notBreaching, breaching, ignore; run 'scalectl put-alarm --help' for usage")],
    ['put-alarm x --metric M --statistic Sum', "error: put-alarm x needs --namespace, --period, --threshold, --comparison, --evaluation-periods; see 'scalectl put-alarm --help'\n"],
    [HIGH.replace('put-alarm cpu-high', 'put-alarm'), "error: put-alarm needs an alarm name; e.g. scalectl put-alarm cpu-high --metric CPUUtilization …\n"],
    [`${HIGH} --alarm-name other`, 'error: two alarm names given: cpu-high and --alarm-name other; give the name once\n'],
    [`${HIGH} --asg web-asg`, 'error: --asg is only used with --scale-policy; add --scale-policy NAME, or drop --asg\n'],
    [`${HIGH} --scale-policy up`, 'error: --scale-policy needs --asg GROUP to find the policy in; e.g. --scale-policy scale-up --asg web-asg\n'],
    [`${HIGH} --scale-policy a --scale-policy b --scale-policy c --asg g1 --asg g2`, 'error: --scale-policy needs one --asg for all policies or one per policy (got 3 policies, 2 groups); e.g. --scale-policy scale-up --asg web-asg\n'],
    [`${HIGH} --dimension AutoScalingGroupName`, expect.stringContaining('--dimension must be NAME=VALUE (e.g. AutoScalingGroupName=web-asg), got "AutoScalingGroupName"; run \'scalectl put-alarm --help\' for usage')],
  ])('%s', async (line, stderr) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n(run')[0]!.replace(/\n?$/, '\n')).toEqual(stderr);
    noCalls();
  });
});

describe('put-alarm --help', () => {
  it('documents the modern flags and keeps the legacy spellings out of the way', async () => {
    const r = await runCli('put-alarm --help', { columns: 100 });
    expect(r.code).toBe(0);
    for (const flag of ['--metric <name>', '--statistic <stat>', '--comparison <op>', '--scale-policy <name>', '--asg <group>', '--treat-missing-data <how>', '--dry-run', '--stack <name>']) expect(r.stdout).toContain(flag);
    for (const legacy of ['--metric-name', '--comparison-operator', '--alarm-actions', '--dimensions']) expect(r.stdout).not.toContain(legacy);
    expect(cwMock.calls()).toHaveLength(0);
  });
});
