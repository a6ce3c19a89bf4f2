// The output shapes quoted in legacy-cli.md §3.1, produced by the legacy commands from mocked answers.
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { asMock, cwMock } from '../helpers/aws.js';
import { runCli } from '../helpers/run-cli.js';

const legacy = (line: string) => runCli(`legacy ${line}`);

describe('golden samples from legacy-cli.md', () => {
  it('as-describe-auto-scaling-groups --headers: the group, its instance and its tag, positions as captured', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [{
        AutoScalingGroupName: 'yourScaler', LaunchConfigurationName: 'yourConfig', AvailabilityZones: ['us-east-1b'], LoadBalancerNames: ['yourLB'],
        MinSize: 1, MaxSize: 3, DesiredCapacity: 1, TerminationPolicies: ['Default'], DefaultCooldown: 300, HealthCheckType: 'EC2', CreatedTime: new Date(),
        Instances: [{ InstanceId: 'i-1234abcd', AvailabilityZone: 'us-east-1b', LifecycleState: 'InService', HealthStatus: 'Healthy', LaunchConfigurationName: 'yourConfig', ProtectedFromScaleIn: false }],
        Tags: [{ ResourceId: 'yourScaler', ResourceType: 'auto-scaling-group', Key: 'Name', Value: 'autoScaledInstance', PropagateAtLaunch: true }],
      }],
    });
    const r = await legacy('as-describe-auto-scaling-groups --headers');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toEqual([
      'AUTO-SCALING-GROUP  GROUP-NAME  LAUNCH-CONFIG  AVAILABILITY-ZONES  LOAD-BALANCERS  MIN-SIZE  MAX-SIZE  DESIRED-CAPACITY  TERMINATION-POLICIES',
      // The sample, character for character:
      'AUTO-SCALING-GROUP  yourScaler  yourConfig     us-east-1b          yourLB          1         3         1                 Default',
      'INSTANCE  INSTANCE-ID  AVAILABILITY-ZONE  STATE      STATUS   LAUNCH-CONFIG',
      'INSTANCE  i-1234abcd   us-east-1b         InService  Healthy  yourConfig',
      'TAG  RESOURCE-ID  RESOURCE-TYPE       KEY   VALUE               PROPAGATE-AT-LAUNCH',
      // The capture shows one space before "true" (its VALUE column was narrower); every other column matches.
      'TAG  yourScaler   auto-scaling-group  Name  autoScaledInstance  true',
      '',
    ]);
    // And the habit scripts rely on: field 3 of the group line, split on single spaces.
    const plain = await legacy('as-describe-auto-scaling-groups');
    expect(plain.stdout.split('\n').filter((l) => l.startsWith('AUTO-SCALING-GROUP')).map((l) => l.split(' ')[2])).toEqual(['yourScaler']);
    expect(plain.stdout).toBe([
      'AUTO-SCALING-GROUP  yourScaler  yourConfig  us-east-1b  yourLB  1  3  1  Default',
      'INSTANCE  i-1234abcd  us-east-1b  InService  Healthy  yourConfig',
      'TAG  yourScaler  auto-scaling-group  Name  autoScaledInstance  true',
      '',
    ].join('\n'));
  });

  it('as-describe-auto-scaling-groups --show-long: every field, the long ones too, comma-delimited, or --delimiter', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [{ AutoScalingGroupName: 'g', LaunchConfigurationName: 'lc', AvailabilityZones: ['a', 'b'], MinSize: 0, MaxSize: 2, DesiredCapacity: 0, DefaultCooldown: 300, HealthCheckType: 'EC2', HealthCheckGracePeriod: 0, CreatedTime: new Date(), Instances: [], Tags: [] }],
    });
    expect((await legacy('as-describe-auto-scaling-groups --show-long')).stdout).toBe('AUTO-SCALING-GROUP,g,lc,a,b,,0,2,0,,300,EC2,0,,\n');
    expect((await legacy('as-describe-auto-scaling-groups --show-long --delimiter | --show-empty-fields --headers')).stdout).toBe(
      'AUTO-SCALING-GROUP|GROUP-NAME|LAUNCH-CONFIG|AVAILABILITY-ZONES|LOAD-BALANCERS|MIN-SIZE|MAX-SIZE|DESIRED-CAPACITY|TERMINATION-POLICIES|DEFAULT-COOLDOWN|HEALTH-CHECK-TYPE|GRACE-PERIOD|VPC-ZONE-IDENTIFIER|STATUS\n'
      + 'AUTO-SCALING-GROUP|g|lc|a,b|(nil)|0|2|0|(nil)|300|EC2|0|(nil)|(nil)\n',
    );
    expect((await legacy('as-describe-auto-scaling-groups --show-empty-fields')).stdout).toBe('AUTO-SCALING-GROUP  g  lc  a,b  (nil)  0  2  0  (nil)\n');
  });

  it('mon-get-stats: Time, the statistics asked for, Unit, as captured', async () => {
    cwMock.on(GetMetricStatisticsCommand).resolves({
      Datapoints: [
        { Timestamp: new Date('2013-02-15T15:21:00Z'), Average: 2.334, Unit: 'Percent' },
        { Timestamp: new Date('2013-02-15T15:16:00Z'), Average: 41.333999999999996, Unit: 'Percent' },
      ],
    });
    // The datapoints are the capture's; the range asked for is recent, as CloudWatch keeps 5-minute data 63 days.
    const r = await legacy('mon-get-stats CPUUtilization --statistics "Average" --namespace "AWS/EC2" --dimensions "AutoScalingGroupName=yourGroup" --start-time 2026-11-21T11:00:00Z --end-time 2026-11-21T12:00:00Z --period 300');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2013-02-15 15:16:00  41.333999999999996  Percent\n2013-02-15 15:21:00  2.334               Percent\n');
    expect(cwMock.commandCalls(GetMetricStatisticsCommand)[0]!.args[0].input).toEqual({
      Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'yourGroup' }],
      StartTime: new Date('2026-11-21T11:00:00Z'), EndTime: new Date('2026-11-21T12:00:00Z'), Period: 300, Statistics: ['Average'],
    });
  });

  it('mon-get-stats --headers with five statistics, as captured', async () => {
    cwMock.on(GetMetricStatisticsCommand).resolves({
      Datapoints: [{ Timestamp: new Date('2013-02-15T15:43:00Z'), SampleCount: 111, Average: 0.09276564864864864, Sum: 10.296987, Minimum: 0.005962, Maximum: 1.321208, Unit: 'Seconds' }],
    });
    const r = await legacy('mon-get-stats Latency --headers --statistics "SampleCount,Average,Sum,Minimum,Maximum" --namespace "AWS/ELB" --dimensions "LoadBalancerName=yourLB"');
    expect(r.stdout).toBe(
      'Time                 SampleCount  Average              Sum        Minimum   Maximum   Unit\n'
      + '2013-02-15 15:43:00  111.0        0.09276564864864864  10.296987  0.005962  1.321208  Seconds\n',
    );
    // The legacy defaults: the last hour at 60 s (runCli's clock stands at 2026-11-21T12:00:00Z).
    const input = cwMock.commandCalls(GetMetricStatisticsCommand)[0]!.args[0].input;
    expect([input.StartTime, input.EndTime, input.Period]).toEqual([new Date('2026-11-21T11:00:00Z'), new Date('2026-11-21T12:00:00Z'), 60]);
  });

  it('mon-describe-alarms and mon-describe-alarm-history, as captured', async () => {
    const alarm = (AlarmName: string, EvaluationPeriods: number, ComparisonOperator: 'LessThanThreshold' | 'GreaterThanThreshold') => ({
      AlarmName, StateValue: 'INSUFFICIENT_DATA' as const, AlarmActions: ['arn:aws:...'], Namespace: 'AWS/ELB', MetricName: 'Latency', Period: 60, Statistic: 'Average' as const,
      EvaluationPeriods, ComparisonOperator, Threshold: 2, Dimensions: [],
    });
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('alarmDown', 20, 'LessThanThreshold'), alarm('alarmUp', 2, 'GreaterThanThreshold')] });
    const r = await legacy('mon-describe-alarms --headers');
    expect(r.stdout.split('\n').slice(1)).toEqual([
      'alarmDown  INSUFFICIENT_DATA  arn:aws:...    AWS/ELB    Latency      60      Average    20            LessThanThreshold     2.0',
      'alarmUp    INSUFFICIENT_DATA  arn:aws:...    AWS/ELB    Latency      60      Average    2             GreaterThanThreshold  2.0',
      '',
    ]);
    cwMock.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        { Timestamp: new Date('2013-02-15T17:43:04.674Z'), HistoryItemType: 'StateUpdate', HistorySummary: 'Alarm updated from ALARM to INSUFFICIENT_DATA' },
        { Timestamp: new Date('2013-02-15T17:13:04.782Z'), HistoryItemType: 'Action', HistorySummary: 'Successfully executed action arn:aws:autoscaling...scaleDown' },
        { Timestamp: new Date('2013-02-15T16:32:05.630Z'), HistoryItemType: 'ConfigurationUpdate', HistorySummary: 'Alarm "alarmDown" created' },
      ],
    });
    expect((await legacy('mon-describe-alarm-history alarmDown')).stdout).toBe([
      'alarmDown  2013-02-15T17:43:04.674Z  StateUpdate          Alarm updated from ALARM to INSUFFICIENT_DATA',
      'alarmDown  2013-02-15T17:13:04.782Z  Action               Successfully executed action arn:aws:autoscaling...scaleDown',
      'alarmDown  2013-02-15T16:32:05.630Z  ConfigurationUpdate  Alarm "alarmDown" created',
      '',
    ].join('\n'));
  });
});
