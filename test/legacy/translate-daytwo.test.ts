// `legacy translate` round trips for the phase-2 commands: the printed native line, run, sends the
// same requests (reads and writes) as the legacy command did.
import {
  DeleteNotificationConfigurationCommand, DeleteScheduledActionCommand, DescribeAutoScalingGroupsCommand, DescribeNotificationConfigurationsCommand, DescribePoliciesCommand,
  DescribeScalingActivitiesCommand, DescribeScheduledActionsCommand, ExecutePolicyCommand, PutNotificationConfigurationCommand, PutScheduledUpdateGroupActionCommand,
  ResumeProcessesCommand, SetDesiredCapacityCommand, SuspendProcessesCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, DisableAlarmActionsCommand, EnableAlarmActionsCommand, PutMetricDataCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { asMock, cwMock } from '../helpers/aws.js';
import { webGroup } from '../helpers/asg-fixtures.js';
import { runCli, splitArgs } from '../helpers/run-cli.js';

const mocks = [asMock, cwMock];
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops';

const calls = () => mocks.flatMap((m) => m.calls().map((c) => ({ op: (c.args[0] as object).constructor.name, input: (c.args[0] as { input: unknown }).input })));

async function roundTrip(legacy: string[]) {
  for (const m of mocks) m.resetHistory();
  const l = await runCli(['legacy', ...legacy]);
  expect(l.code, l.stderr).toBe(0);
  const legacyCalls = calls();
  for (const m of mocks) m.resetHistory();
  const t = await runCli(['legacy', 'translate', ...legacy]);
  expect(t.code, t.stderr).toBe(0);
  const native = await runCli(splitArgs(t.stdout.trim()).slice(1));
  expect(native.code, native.stderr).toBe(0);
  const nativeCalls = calls();
  expect(nativeCalls).toEqual(legacyCalls);
  return { line: t.stdout.trim(), ops: legacyCalls.map((c) => c.op.replace(/Command$/, '')) };
}

describe('legacy translate: the day-two as-* commands', () => {
  it('as-set-desired-capacity, as-execute-policy, as-suspend/resume-processes, as-describe-scaling-activities', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ SuspendedProcesses: [{ ProcessName: 'AZRebalance' }] })] });
    asMock.on(SetDesiredCapacityCommand).resolves({});
    expect(await roundTrip(['as-set-desired-capacity', 'web-asg', '-c', '3', '-h'])).toEqual({ line: 'scalectl set-capacity web-asg 3 --honor-cooldown', ops: ['DescribeAutoScalingGroups', 'SetDesiredCapacity'] });
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [{ AutoScalingGroupName: 'web-asg', PolicyName: 'up', ScalingAdjustment: 1, AdjustmentType: 'ChangeInCapacity' }] });
    asMock.on(ExecutePolicyCommand).resolves({});
    expect((await roundTrip(['as-execute-policy', 'up', '-g', 'web-asg', '--region', 'eu-west-1'])).line).toBe('scalectl --region eu-west-1 execute-policy up --asg web-asg');
    asMock.on(SuspendProcessesCommand).resolves({});
    asMock.on(ResumeProcessesCommand).resolves({});
    expect(await roundTrip(['as-suspend-processes', 'web-asg', '--processes', 'Launch,Terminate'])).toEqual({ line: 'scalectl suspend web-asg Launch Terminate', ops: ['DescribeAutoScalingGroups', 'SuspendProcesses'] });
    expect((await roundTrip(['as-resume-processes', 'web-asg'])).line).toBe('scalectl resume web-asg');
    asMock.on(DescribeScalingActivitiesCommand).resolves({ Activities: [{ ActivityId: 'a-1', AutoScalingGroupName: 'web-asg', StatusCode: 'Successful', Cause: 'c', StartTime: new Date() }] });
    expect((await roundTrip(['as-describe-scaling-activities', '-g', 'web-asg', '--max-records', '7'])).line).toBe('scalectl activities web-asg --max 7');
  });

  it('scheduled actions and notification configurations', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [] });
    asMock.on(PutScheduledUpdateGroupActionCommand).resolves({});
    expect(await roundTrip(['as-put-scheduled-update-group-action', 'xmas', '--auto-scaling-group', 'web-asg', '--time', '2026-12-24T18:00:00Z', '--end-time', '2026-12-26T00:00:00Z', '--min-size', '2', '--max-size', '6', '--desired-capacity', '4']))
      .toEqual({ line: 'scalectl schedule xmas --asg web-asg --at 2026-12-24T18:00:00Z --until 2026-12-26T00:00:00Z --min 2 --max 6 --desired 4', ops: ['DescribeAutoScalingGroups', 'DescribeScheduledActions', 'PutScheduledUpdateGroupAction'] });
    expect((await roundTrip(['as-put-scheduled-update-group-action', 'night', '--auto-scaling-group', 'web-asg', '--recurrence', '0 22 * * *', '--desired-capacity', '1'])).line).toBe("scalectl schedule night --asg web-asg --recurrence '0 22 * * *' --desired 1");
    asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [{ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'night', Recurrence: '0 22 * * *' }] });
    asMock.on(DeleteScheduledActionCommand).resolves({});
    expect(await roundTrip(['as-delete-scheduled-action', 'night', '--auto-scaling-group', 'web-asg', '-f'])).toEqual({ line: 'scalectl unschedule night --asg web-asg', ops: ['DescribeScheduledActions', 'DeleteScheduledAction'] });

    asMock.on(DescribeNotificationConfigurationsCommand).resolves({ NotificationConfigurations: [] });
    asMock.on(PutNotificationConfigurationCommand).resolves({});
    expect((await roundTrip(['as-put-notification-configuration', 'web-asg', '--topic-arn', TOPIC, '--notification-types', 'autoscaling:EC2_INSTANCE_LAUNCH,autoscaling:EC2_INSTANCE_TERMINATE_ERROR'])).line)
      .toBe(`scalectl notify web-asg --topic ${TOPIC} --events launch,terminate-error`);
    asMock.on(DescribeNotificationConfigurationsCommand).resolves({ NotificationConfigurations: [{ AutoScalingGroupName: 'web-asg', TopicARN: TOPIC, NotificationType: 'autoscaling:EC2_INSTANCE_LAUNCH' }] });
    asMock.on(DeleteNotificationConfigurationCommand).resolves({});
    expect((await roundTrip(['as-delete-notification-configuration', 'web-asg', '--topic-arn', TOPIC, '-f'])).line).toBe(`scalectl notify web-asg --topic ${TOPIC} --off`);
  });
});

describe('legacy translate: the day-two mon-* commands', () => {
  it('mon-put-data, mon-set-alarm-state, mon-enable/disable-alarm-actions', async () => {
    cwMock.on(PutMetricDataCommand).resolves({});
    expect(await roundTrip(['mon-put-data', '--metric-name', 'FreeMemoryMBytes', '--namespace', 'System/Linux', '--dimensions', 'InstanceId=i-1,Role=web', '--value', '512', '--unit', 'Megabytes', '--timestamp', '2026-11-21T11:30:00Z']))
      .toEqual({ line: 'scalectl put-metric FreeMemoryMBytes --namespace System/Linux --value 512 --unit Megabytes --dimension InstanceId=i-1 --dimension Role=web --timestamp 2026-11-21T11:30:00Z', ops: ['PutMetricData'] });
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'hi', StateValue: 'OK', ActionsEnabled: true }, { AlarmName: 'lo', StateValue: 'OK', ActionsEnabled: false }] });
    cwMock.on(SetAlarmStateCommand).resolves({});
    expect((await roundTrip(['mon-set-alarm-state', 'hi', '--state-value', 'ALARM', '--state-reason', 'testing the wiring'])).line).toBe("scalectl set-alarm-state hi --state ALARM --reason 'testing the wiring'");
    cwMock.on(EnableAlarmActionsCommand).resolves({});
    cwMock.on(DisableAlarmActionsCommand).resolves({});
    expect(await roundTrip(['mon-enable-alarm-actions', 'hi', 'lo'])).toEqual({ line: 'scalectl alarm-actions enable hi lo', ops: ['DescribeAlarms', 'EnableAlarmActions'] });
    expect((await roundTrip(['mon-disable-alarm-actions', 'hi'])).line).toBe('scalectl alarm-actions disable hi');
    const sv = await runCli(['legacy', 'translate', 'mon-put-data', '-m', 'R', '-n', 'S', '--statisticValues', 'SampleCount=1,Sum=1,Maximum=1,Minimum=1']);
    expect([sv.code, sv.stdout, sv.stderr.split('\n').at(-2)]).toEqual([1, '', 'mon-put-data:  no native command line does the same']);
  });
});
