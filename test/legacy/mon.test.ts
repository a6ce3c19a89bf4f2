import { DeleteAlarmsCommand, DescribeAlarmsCommand, ListMetricsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { cwMock } from '../helpers/aws.js';
import { runCli } from '../helpers/run-cli.js';

const legacy = (line: string, opts: Parameters<typeof runCli>[1] = {}) => runCli(`legacy ${line}`, opts);
const UP = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1111:autoScalingGroupName/web-asg:policyName/up';

describe('mon-put-metric-alarm', () => {
  it('sends the alarm as the legacy options say ("k1=v1,k2=v2" dimensions, the policy ARN as action) and prints OK-Created Alarm', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    cwMock.on(PutMetricAlarmCommand).resolves({});
    const r = await legacy(`mon-put-metric-alarm MyHighCPUAlarm1 --comparison-operator GreaterThanThreshold --evaluation-periods 1 --metric-name CPUUtilization --namespace "AWS/EC2" --period 60 --statistic Average --threshold 70 --alarm-actions ${UP} --dimensions "AutoScalingGroupName=web-asg,Role=web" --unit Percent --alarm-description "cpu high"`);
    expect(r.stderr).toBe('');
    expect([r.code, r.stdout]).toEqual([0, 'OK-Created Alarm\n']);
    expect(cwMock.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input).toEqual({
      AlarmName: 'MyHighCPUAlarm1', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average', Period: 60, Threshold: 70, ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1, Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }, { Name: 'Role', Value: 'web' }], Unit: 'Percent', AlarmDescription: 'cpu high',
      AlarmActions: [UP],
    });
  });

  it('refuses a missing or bad value in one line before anything is sent', async () => {
    const r = await legacy('mon-put-metric-alarm a --metric-name CPUUtilization --namespace AWS/EC2 --statistic Average --period 60 --threshold 70 --evaluation-periods 1');
    expect([r.code, r.stderr]).toEqual([2, "mon-put-metric-alarm:  put-alarm a needs --comparison; see 'scalectl put-alarm --help'\n"]);
    const bad = await legacy('mon-put-metric-alarm a --comparison-operator Bigger --metric-name M --namespace N --statistic Average --period 60 --threshold 1 --evaluation-periods 1');
    expect(bad.stderr).toBe('mon-put-metric-alarm:  --comparison-operator must be GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold, got "Bigger"\n');
    expect(cwMock.calls()).toEqual([]);
  });
});

describe('mon-describe-alarms, mon-list-metrics, mon-delete-alarms', () => {
  it('mon-describe-alarms sends the filters; --show-long adds the ARN and the rest', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'hi', AlarmArn: 'arn:aws:cloudwatch:us-east-1:1:alarm:hi', StateValue: 'OK', AlarmActions: [UP], OKActions: [], InsufficientDataActions: [], Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Period: 300, Statistic: 'Average', EvaluationPeriods: 2, ComparisonOperator: 'GreaterThanThreshold', Threshold: 70.5, Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }], ActionsEnabled: true }] });
    expect((await legacy('mon-describe-alarms --state-value OK --alarm-name-prefix h')).stdout).toBe(`hi  OK  ${UP}  AWS/EC2  CPUUtilization  300  Average  2  GreaterThanThreshold  70.5\n`);
    expect(cwMock.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toMatchObject({ StateValue: 'OK', AlarmNamePrefix: 'h' });
    expect((await legacy('mon-describe-alarms --show-long --delimiter "|"')).stdout).toBe(`hi|OK|${UP}|AWS/EC2|CPUUtilization|300|Average|2|GreaterThanThreshold|70.5|arn:aws:cloudwatch:us-east-1:1:alarm:hi|AutoScalingGroupName=web-asg||true||||\n`);
  });

  it('mon-list-metrics prints {k=v,…} dimensions', async () => {
    cwMock.on(ListMetricsCommand).resolves({ Metrics: [{ MetricName: 'Latency', Namespace: 'AWS/ELB', Dimensions: [{ Name: 'LoadBalancerName', Value: 'yourLB' }, { Name: 'AvailabilityZone', Value: 'us-east-1b' }] }] });
    expect((await legacy('mon-list-metrics -n AWS/ELB -d "LoadBalancerName=yourLB"')).stdout).toBe('Latency  AWS/ELB  {LoadBalancerName=yourLB,AvailabilityZone=us-east-1b}\n');
    expect(cwMock.commandCalls(ListMetricsCommand)[0]!.args[0].input).toEqual({ Namespace: 'AWS/ELB', Dimensions: [{ Name: 'LoadBalancerName', Value: 'yourLB' }] });
  });

  it('mon-delete-alarms asks once per alarm unless -f', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'a' }, { AlarmName: 'b' }] as never });
    cwMock.on(DeleteAlarmsCommand).resolves({});
    const asked = await legacy('mon-delete-alarms a b', { tty: true, answers: [true, true] });
    expect([asked.code, asked.stdout, asked.prompts]).toEqual([0, 'OK-Deleted alarms\n', ['Are you sure you want to delete the alarm a?', 'Are you sure you want to delete the alarm b?']]);
    expect((await legacy('mon-delete-alarms a b -f')).prompts).toEqual([]);
    expect(cwMock.commandCalls(DeleteAlarmsCommand).map((c) => c.args[0].input)).toEqual(Array(2).fill({ AlarmNames: ['a', 'b'] }));
    const no = await legacy('mon-delete-alarms a b', { tty: true, answers: [true, false] });
    expect(no.code).toBe(1);
    expect(cwMock.commandCalls(DeleteAlarmsCommand)).toHaveLength(2);
  });
});
