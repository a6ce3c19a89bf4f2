import {
  DeleteNotificationConfigurationCommand, DeleteScheduledActionCommand, DescribeAutoScalingGroupsCommand, DescribeNotificationConfigurationsCommand,
  DescribePoliciesCommand, DescribeScheduledActionsCommand, ExecutePolicyCommand, PutNotificationConfigurationCommand, PutScheduledUpdateGroupActionCommand,
} from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { ARN_UP, webGroup } from '../../helpers/asg-fixtures.js';
import { asMock, awsError } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const input = (cmd: Parameters<typeof asMock.commandCalls>[0], i = 0) => asMock.commandCalls(cmd)[i]!.args[0].input;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops';
const NOW = Date.parse('2026-11-21T12:00:00Z');
const group = () => asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });

describe('schedule', () => {
  it('creates a recurring action with every flag', async () => {
    group();
    asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [] });
    asMock.on(PutScheduledUpdateGroupActionCommand).resolves({});
    const r = await runCli(['schedule', 'mornings', '--asg', 'web-asg', '--recurrence', '0 9 * * 1-5', '--until', '2027-01-01T00:00:00Z', '--min', '2', '--max', '4', '--desired', '3', '--time-zone', 'Europe/Berlin', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'scheduled-action', name: 'mornings', status: 'created', changes: ['created on web-asg'] });
    expect(input(DescribeScheduledActionsCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScheduledActionNames: ['mornings'] });
    expect(input(PutScheduledUpdateGroupActionCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'mornings', Recurrence: '0 9 * * 1-5', EndTime: new Date('2027-01-01T00:00:00Z'), MinSize: 2, MaxSize: 4, DesiredCapacity: 3, TimeZone: 'Europe/Berlin' });
  });

  it('takes --at as a relative time from now', async () => {
    group();
    asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [] });
    asMock.on(PutScheduledUpdateGroupActionCommand).resolves({});
    const r = await runCli('schedule burst --asg web-asg --at +2h --desired 4');
    expect([r.code, r.stdout]).toEqual([0, 'burst\tcreated\n']);
    expect(input(PutScheduledUpdateGroupActionCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'burst', StartTime: new Date(NOW + 2 * 3600_000), DesiredCapacity: 4 });
  });

  it('is unchanged when the live action matches, updated naming what differs otherwise', async () => {
    group();
    asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [{ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'mornings', Recurrence: '0 9 * * 1-5', StartTime: new Date('2026-11-23T09:00:00Z'), DesiredCapacity: 3 }] });
    asMock.on(PutScheduledUpdateGroupActionCommand).resolves({});
    const same = await runCli(['schedule', 'mornings', '--asg', 'web-asg', '--recurrence', '0 9 * * 1-5', '--desired', '3']);
    expect([same.code, same.stdout, same.stderr]).toEqual([0, 'mornings\tunchanged\n', 'scheduled-action mornings unchanged\n']);
    expect(asMock).not.toHaveReceivedCommand(PutScheduledUpdateGroupActionCommand);
    const changed = await runCli(['schedule', 'mornings', '--asg', 'web-asg', '--recurrence', '0 8 * * 1-5', '--desired', '4', '--output', 'json']);
    expect(JSON.parse(changed.stdout)).toEqual({ kind: 'scheduled-action', name: 'mornings', status: 'updated', changes: ['recurrence', 'desired'] });
  });

  it.each([
    ['schedule a --asg web-asg --desired 1', 'error: give one of --recurrence CRON or --at TIME; e.g. --recurrence "0 9 * * 1-5" or --at +2h'],
    ['schedule a --asg web-asg --recurrence "0 9 * *" --desired 1', 'error: --recurrence "0 9 * *" is not a cron expression of five fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"'],
    ['schedule a --asg web-asg --recurrence "0 9 * * * *" --desired 1', 'error: --recurrence "0 9 * * * *" is not a cron expression of five fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"'],
    ['schedule a --asg web-asg --at 2026-11-21T11:00:00Z --desired 1', 'error: --at 2026-11-21T11:00:00Z is in the past (2026-11-21T11:00:00.000Z); give a future time, e.g. --at +2h'],
    ['schedule a --asg web-asg --at +2h --until +1h --desired 1', 'error: --until +1h is before --at +2h'],
    ['schedule a --asg web-asg --at tomorrow --desired 1', 'error: --at "tomorrow" is not a time: give ISO 8601 (2026-12-24T18:00:00Z) or a relative time like +2h, +30m, +1d'],
    ['schedule a --asg web-asg --at +2h', 'error: a scheduled action needs a size: give at least one of --min, --max, --desired'],
    ['schedule a --asg web-asg --at +2h --min 3 --max 2', 'error: --min 3 is greater than --max 2'],
    ['schedule a --asg web-asg --at +2h --desired 1 --time-zone Mars/Base', 'error: --time-zone Mars/Base is not an IANA time zone; e.g. UTC, Europe/Berlin, America/New_York'],
  ])('%s → exit 2, nothing sent', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, `${err}\n`]);
    expect(asMock.calls()).toHaveLength(0);
  });

  it('describe-schedules lists actions with documented text columns', async () => {
    asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [{ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'mornings', Recurrence: '0 9 * * 1-5', StartTime: new Date('2026-11-23T09:00:00Z'), MinSize: 2, DesiredCapacity: 3, TimeZone: 'UTC' }] });
    const r = await runCli('describe-schedules --asg web-asg');
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tmornings\t0 9 * * 1-5\t2026-11-23T09:00:00Z\t\t2\t\t3\tUTC\n']);
    expect(input(DescribeScheduledActionsCommand)).toEqual({ AutoScalingGroupName: 'web-asg' });
    const j = await runCli('describe-schedules --output json');
    expect(JSON.parse(j.stdout).schedules[0]).toEqual({ group: 'web-asg', name: 'mornings', recurrence: '0 9 * * 1-5', startTime: '2026-11-23T09:00:00.000Z', endTime: null, min: 2, max: null, desired: 3, timeZone: 'UTC' });
  });

  it('unschedule deletes, and is unchanged once it is gone', async () => {
    asMock.on(DescribeScheduledActionsCommand).resolvesOnce({ ScheduledUpdateGroupActions: [{ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'mornings' }] }).resolves({ ScheduledUpdateGroupActions: [] });
    asMock.on(DeleteScheduledActionCommand).resolves({});
    const r = await runCli('unschedule mornings --asg web-asg --output json');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'scheduled-action', name: 'mornings', status: 'deleted', changes: ['deleted from web-asg'] });
    expect(input(DeleteScheduledActionCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'mornings' });
    const again = await runCli('unschedule mornings --asg web-asg');
    expect([again.code, again.stdout]).toEqual([0, 'mornings\tunchanged\n']);
    expect(asMock.commandCalls(DeleteScheduledActionCommand)).toHaveLength(1);
  });
});

describe('notify', () => {
  const live = (types: string[]) => asMock.on(DescribeNotificationConfigurationsCommand).resolves({ NotificationConfigurations: types.map((t) => ({ AutoScalingGroupName: 'web-asg', TopicARN: TOPIC, NotificationType: t })) });

  it('sends the four real events by default', async () => {
    group();
    live([]);
    asMock.on(PutNotificationConfigurationCommand).resolves({});
    const r = await runCli(`notify web-asg --topic ${TOPIC} --output json`);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'notification', name: `web-asg/${TOPIC}`, status: 'created', changes: ['launch', 'terminate', 'launch-error', 'terminate-error'] });
    expect(input(DescribeNotificationConfigurationsCommand)).toEqual({ AutoScalingGroupNames: ['web-asg'] });
    expect(input(PutNotificationConfigurationCommand)).toEqual({ AutoScalingGroupName: 'web-asg', TopicARN: TOPIC, NotificationTypes: ['autoscaling:EC2_INSTANCE_LAUNCH', 'autoscaling:EC2_INSTANCE_TERMINATE', 'autoscaling:EC2_INSTANCE_LAUNCH_ERROR', 'autoscaling:EC2_INSTANCE_TERMINATE_ERROR'] });
  });

  it('--events picks the events; unchanged when they match, updated with the difference otherwise', async () => {
    group();
    live(['autoscaling:EC2_INSTANCE_LAUNCH', 'autoscaling:TEST_NOTIFICATION']);
    asMock.on(PutNotificationConfigurationCommand).resolves({});
    const same = await runCli(`notify web-asg --topic ${TOPIC} --events test,launch`);
    expect([same.code, same.stdout]).toEqual([0, `web-asg/${TOPIC}\tunchanged\n`]);
    expect(asMock).not.toHaveReceivedCommand(PutNotificationConfigurationCommand);
    const r = await runCli(`notify web-asg --topic ${TOPIC} --events launch,terminate --output json`);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'notification', name: `web-asg/${TOPIC}`, status: 'updated', changes: ['+terminate', '-test'] });
    expect(input(PutNotificationConfigurationCommand)).toEqual({ AutoScalingGroupName: 'web-asg', TopicARN: TOPIC, NotificationTypes: ['autoscaling:EC2_INSTANCE_LAUNCH', 'autoscaling:EC2_INSTANCE_TERMINATE'] });
  });

  it('--off removes it, and is unchanged when there is none', async () => {
    group();
    asMock.on(DescribeNotificationConfigurationsCommand).resolvesOnce({ NotificationConfigurations: [{ AutoScalingGroupName: 'web-asg', TopicARN: TOPIC, NotificationType: 'autoscaling:EC2_INSTANCE_LAUNCH' }] }).resolves({ NotificationConfigurations: [] });
    asMock.on(DeleteNotificationConfigurationCommand).resolves({});
    const r = await runCli(`notify web-asg --topic ${TOPIC} --off`);
    expect([r.code, r.stdout]).toEqual([0, `web-asg/${TOPIC}\tdeleted\n`]);
    expect(input(DeleteNotificationConfigurationCommand)).toEqual({ AutoScalingGroupName: 'web-asg', TopicARN: TOPIC });
    const again = await runCli(`notify web-asg --topic ${TOPIC} --off --output json`);
    expect(JSON.parse(again.stdout).status).toBe('unchanged');
  });

  it.each([
    ['notify web-asg --topic ops', 'error: --topic "ops" is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)'],
    ['notify web-asg --topic arn:aws:sqs:us-east-1:123456789012:q', 'error: --topic "arn:aws:sqs:us-east-1:123456789012:q" is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)'],
    [`notify web-asg --topic ${TOPIC} --events launch,reboot`, 'error: unknown event reboot; choose from launch, terminate, launch-error, terminate-error, test'],
    [`notify web-asg --topic ${TOPIC} --events launch --off`, 'error: --off removes every event of the topic; leave out --events'],
  ])('%s → exit 2, nothing sent', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, `${err}\n`]);
    expect(asMock.calls()).toHaveLength(0);
  });

  it('describe-notifications prints group, topic, events', async () => {
    live(['autoscaling:EC2_INSTANCE_LAUNCH', 'autoscaling:EC2_INSTANCE_TERMINATE']);
    const r = await runCli('describe-notifications web-asg');
    expect([r.code, r.stdout]).toEqual([0, `web-asg\t${TOPIC}\tlaunch,terminate\n`]);
    const j = await runCli('describe-notifications --output json');
    expect(JSON.parse(j.stdout)).toEqual({ notifications: [{ group: 'web-asg', topic: TOPIC, events: ['launch', 'terminate'], types: ['autoscaling:EC2_INSTANCE_LAUNCH', 'autoscaling:EC2_INSTANCE_TERMINATE'] }] });
    expect(input(DescribeNotificationConfigurationsCommand, 1)).toEqual({});
  });

  it('an endpoint without the API fails with the one-line "not an AWS response" error', async () => {
    const e = Object.assign(new Error('Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { name: 'Error', $metadata: { httpStatusCode: 500 } });
    asMock.on(DescribeNotificationConfigurationsCommand).rejects(e);
    const r = await runCli('describe-notifications');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the endpoint's answer \(HTTP 500\) is not an AWS response/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('execute-policy', () => {
  it('checks the policy, then sends ExecutePolicy with HonorCooldown', async () => {
    group();
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [{ AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up', PolicyARN: ARN_UP, PolicyType: 'SimpleScaling' }] });
    asMock.on(ExecutePolicyCommand).resolves({});
    const r = await runCli('execute-policy scale-up --asg web-asg --honor-cooldown --output json');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'scaling-policy', name: 'scale-up', status: 'updated', changes: ['executed on web-asg'] });
    expect(input(ExecutePolicyCommand)).toEqual({ AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up', HonorCooldown: true });
    await runCli('execute-policy scale-up --asg web-asg');
    expect(input(ExecutePolicyCommand, 1)).toEqual({ AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up' });
  });

  it('exits 4 for a policy the group does not have, sending nothing', async () => {
    group();
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] });
    const r = await runCli('execute-policy nope --asg web-asg');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: scaling policy nope does not exist in group web-asg/);
    expect(asMock).not.toHaveReceivedCommand(ExecutePolicyCommand);
  });

  it('--dry-run plans it', async () => {
    group();
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [{ AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up', PolicyARN: ARN_UP, PolicyType: 'SimpleScaling' }] });
    const r = await runCli('execute-policy scale-up --asg web-asg --dry-run');
    expect([r.code, r.stdout]).toEqual([0, 'execute\tscaling-policy\tweb-asg/scale-up\tautoscaling:ExecutePolicy\t\n']);
    expect(asMock).not.toHaveReceivedCommand(ExecutePolicyCommand);
  });

  it('reports a refusal in one line', async () => {
    group();
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [{ AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up', PolicyARN: ARN_UP, PolicyType: 'SimpleScaling' }] });
    asMock.on(ExecutePolicyCommand).rejects(awsError('ScalingActivityInProgress', 'Scaling activity is in progress'));
    const r = await runCli('execute-policy scale-up --asg web-asg --honor-cooldown');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AWS refused: ScalingActivityInProgress');
  });
});
