import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { cwMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const UP = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0b5c1e3a-1111-2222-3333-444455556666:autoScalingGroupName/web-asg:policyName/scale-up';
const SNS = 'arn:aws:sns:us-east-1:123456789012:ops';
const high: MetricAlarm = {
  AlarmName: 'cpu-high', StateValue: 'ALARM', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average',
  Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }], Period: 60, EvaluationPeriods: 2, Threshold: 80,
  ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [UP, SNS],
};
const low: MetricAlarm = { AlarmName: 'cpu-low', StateValue: 'OK', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', ExtendedStatistic: 'p10', Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 20, ComparisonOperator: 'LessThanThreshold' };

describe('describe-alarms', () => {
  it('lists every alarm across pages in text: name, state, metric, condition, actions', async () => {
    cwMock.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [high], NextToken: 't1' }).resolvesOnce({ MetricAlarms: [low] });
    const r = await runCli('describe-alarms');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'cpu-high\tALARM\tAWS/EC2 CPUUtilization (AutoScalingGroupName=web-asg)\tCPUUtilization avg > 80 for 2 × 60s\tscale-up,' + SNS + '\n' +
        'cpu-low\tOK\tAWS/EC2 CPUUtilization\tCPUUtilization p10 < 20 for 2 of 3 × 300s\t\n',
    );
    expect(cwMock).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 1, { AlarmTypes: ['MetricAlarm'] });
    expect(cwMock).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 2, { AlarmTypes: ['MetricAlarm'], NextToken: 't1' });
  });

  it('passes names, --state and --prefix to DescribeAlarms', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    expect((await runCli('describe-alarms --state ALARM --prefix cpu-')).code).toBe(0);
    expect(cwMock.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toEqual({ AlarmNamePrefix: 'cpu-', StateValue: 'ALARM', AlarmTypes: ['MetricAlarm'] });
  });

  it('takes the legacy --state-value and --alarm-name-prefix', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    expect((await runCli('describe-alarms --state-value INSUFFICIENT_DATA --alarm-name-prefix web-')).code).toBe(0);
    expect(cwMock.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toEqual({ AlarmNamePrefix: 'web-', StateValue: 'INSUFFICIENT_DATA', AlarmTypes: ['MetricAlarm'] });
  });

  it('gives json with policy names and the raw ARNs', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [high] });
    const r = await runCli('describe-alarms cpu-high --output json');
    expect(cwMock.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toEqual({ AlarmNames: ['cpu-high'], AlarmTypes: ['MetricAlarm'] });
    expect(JSON.parse(r.stdout)).toEqual({
      alarms: [{
        name: 'cpu-high', state: 'ALARM', namespace: 'AWS/EC2', metric: 'CPUUtilization', dimensions: [{ name: 'AutoScalingGroupName', value: 'web-asg' }],
        condition: 'CPUUtilization avg > 80 for 2 × 60s', actions: ['scale-up', SNS], okActions: [], insufficientDataActions: [], actionArns: [UP, SNS],
      }],
    });
  });

  it('colours the state on a terminal', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [high, low] });
    const r = await runCli('describe-alarms', { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b[31mALARM\x1b[39m');
    expect(r.stdout).toContain('\x1b[32mOK\x1b[39m');
    expect(r.stdout.split('\n')[0]).toContain('CONDITION');
  });

  it('exits 4 naming the alarms that do not exist', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [high] });
    const r = await runCli('describe-alarms cpu-high cpu-hgih');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: no alarm named cpu-hgih; list them with "scalectl describe-alarms"\n');
    expect(r.stdout).toBe('');
  });

  it('refuses names with --prefix before any request', async () => {
    const r = await runCli('describe-alarms cpu-high --prefix cpu');
    expect(r.code).toBe(2);
    expect(cwMock.calls()).toHaveLength(0);
  });
});
