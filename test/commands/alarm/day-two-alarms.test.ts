import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { awsError, cwMock } from '../../helpers/aws.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

const alarm = (name: string, over: Partial<MetricAlarm> = {}): MetricAlarm => ({
  AlarmName: name, StateValue: 'OK', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average', Period: 60, EvaluationPeriods: 2, Threshold: 80,
  ComparisonOperator: 'GreaterThanThreshold', ActionsEnabled: true, ...over,
});
const NO_CREDENTIALS = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

describe('put-metric', () => {
  it('sends one value with unit, dimensions and timestamp', async () => {
    cwMock.on(PutMetricDataCommand).resolves({});
    const r = await runCli('put-metric QueueDepth --namespace MyApp --value 42.5 --unit count --dimension Queue=jobs --dimension Env=prod --timestamp 2026-11-21T11:55:00Z --output json');
    expect(r.code).toBe(0);
    expect(cwMock.commandCalls(PutMetricDataCommand)[0]!.args[0].input).toEqual({
      Namespace: 'MyApp',
      MetricData: [{ MetricName: 'QueueDepth', Dimensions: [{ Name: 'Queue', Value: 'jobs' }, { Name: 'Env', Value: 'prod' }], Timestamp: new Date('2026-11-21T11:55:00Z'), Value: 42.5, Unit: 'Count' }],
    });
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'metric', name: 'QueueDepth', status: 'created', changes: ['put value 42.5 Count in MyApp (Queue=jobs,Env=prod)'] });
    expect(r.stderr).toBe('Putting metric QueueDepth (put value 42.5 Count in MyApp (Queue=jobs,Env=prod))\n');
  });

  it('--values sends one statistic set; text prints name and status', async () => {
    cwMock.on(PutMetricDataCommand).resolves({});
    const r = await runCli('put-metric Latency --namespace MyApp --values 3,1,2.5 --timestamp -5m');
    expect([r.code, r.stdout]).toEqual([0, 'Latency\tcreated\n']);
    expect(cwMock.commandCalls(PutMetricDataCommand)[0]!.args[0].input).toEqual({
      Namespace: 'MyApp',
      MetricData: [{ MetricName: 'Latency', Timestamp: new Date(Date.parse('2026-11-21T12:00:00Z') - 300_000), StatisticValues: { SampleCount: 3, Sum: 6.5, Minimum: 1, Maximum: 3 } }],
    });
  });

  it('--dry-run plans the request without credentials and sends nothing', async () => {
    const r = await runCli('put-metric Hits --namespace MyApp --value 1 --dry-run', { env: NO_CREDENTIALS });
    expect([r.code, r.stdout]).toEqual([0, 'put\tmetric\tHits\tcloudwatch:PutMetricData\tput value 1 in MyApp\n']);
    expect(cwMock.calls()).toHaveLength(0);
  });

  it.each([
    ['put-metric Hits --namespace MyApp', 'error: put-metric Hits needs --value N or --values N,N,…; e.g. --value 42\n'],
    ['put-metric Hits --namespace MyApp --value 1 --values 1,2', 'error: give --value or --values, not both; --values sends several values as one statistic set\n'],
    ['put-metric Hits --value 1', 'error: put-metric Hits needs --namespace; e.g. --namespace MyApp\n'],
    ['put-metric Hits --namespace AWS/EC2 --value 1', 'error: namespace AWS/EC2 is reserved for AWS services; use your own, e.g. MyApp\n'],
    ['put-metric Hits --namespace MyApp --value 1e999', `error: option '--value <n>' argument '1e999' is invalid. --value must be a finite number, got "1e999"; run 'scalectl put-metric --help' for usage\n`],
    ['put-metric Hits --namespace MyApp --value NaN', `error: option '--value <n>' argument 'NaN' is invalid. --value must be a finite number, got "NaN"; run 'scalectl put-metric --help' for usage\n`],
    ['put-metric Hits --namespace MyApp --values 1,Infinity', `error: option '--values <list>' argument '1,Infinity' is invalid. --values must be a finite number, got "Infinity"; run 'scalectl put-metric --help' for usage\n`],
    ['put-metric Hits --namespace MyApp --value 1 --timestamp yesterday', 'error: --timestamp must be an ISO 8601 time (2026-11-21T10:00:00Z) or relative (-5m, -2h), got "yesterday"\n'],
    ['put-metric Hits --namespace MyApp --value 1 --timestamp 2026-10-01T00:00:00Z', 'error: --timestamp 2026-10-01T00:00:00Z is outside what CloudWatch accepts (up to two weeks ago, up to two hours ahead)\n'],
  ])('%s → exit 2, nothing sent', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, err]);
    expect(cwMock.calls()).toHaveLength(0);
  });
});

describe('set-alarm-state', () => {
  it('sets the state and reports updated in every format', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high')] });
    cwMock.on(SetAlarmStateCommand).resolves({});
    const r = await runCli(['set-alarm-state', 'cpu-high', '--state', 'ALARM', '--reason', 'testing the scale-up wiring', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(cwMock).toHaveReceivedCommandWith(SetAlarmStateCommand, { AlarmName: 'cpu-high', StateValue: 'ALARM', StateReason: 'testing the scale-up wiring' });
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'alarm', name: 'cpu-high', status: 'updated', changes: ['state OK → ALARM'] });
    const t = await runCli('set-alarm-state cpu-high --state alarm --reason test');
    expect(t.stdout).toBe('cpu-high\tupdated\n');
    const tbl = await runCli('set-alarm-state cpu-high --state ALARM --reason test --no-color', { tty: true });
    expect(tbl.stdout).toMatch(/KIND\s+NAME\s+STATUS\s+CHANGES/);
    expect(tbl.stdout).toMatch(/alarm\s+cpu-high\s+updated\s+state OK → ALARM/);
  });

  it('an alarm already in the state is unchanged: nothing sent, and stderr says why', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high', { StateValue: 'ALARM' })] });
    const r = await runCli('set-alarm-state cpu-high --state ALARM --reason test');
    expect([r.code, r.stdout]).toEqual([0, 'cpu-high\tunchanged\n']);
    expect(r.stderr).toContain('already ALARM: nothing sent');
    expect(cwMock).not.toHaveReceivedCommand(SetAlarmStateCommand);
  });

  it('warns when the alarm has its actions disabled; a missing alarm exits 4', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high', { ActionsEnabled: false })] });
    cwMock.on(SetAlarmStateCommand).resolves({});
    const r = await runCli('set-alarm-state cpu-high --state ALARM --reason test');
    expect(r.stderr).toContain('has its actions disabled, so none ran; "scalectl alarm-actions enable cpu-high" turns them on');
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    const m = await runCli('set-alarm-state nosuch --state OK --reason test');
    expect([m.code, m.stderr]).toEqual([4, 'error: no alarm named nosuch; list them with "scalectl describe-alarms"\n']);
  });

  it('--dry-run plans the SetAlarmState request', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high')] });
    const r = await runCli('set-alarm-state cpu-high --state ALARM --reason test --dry-run');
    expect([r.code, r.stdout]).toEqual([0, 'set\talarm\tcpu-high\tcloudwatch:SetAlarmState\tstate OK → ALARM\n']);
    expect(cwMock).not.toHaveReceivedCommand(SetAlarmStateCommand);
  });

  it.each([
    ['set-alarm-state cpu-high --state BROKEN --reason x', 'error: --state must be ALARM, OK, INSUFFICIENT_DATA, got "BROKEN"\n'],
    ['set-alarm-state cpu-high --reason x', 'error: set-alarm-state cpu-high needs --state ALARM|OK|INSUFFICIENT_DATA\n'],
    ['set-alarm-state cpu-high --state OK', 'error: set-alarm-state cpu-high needs --reason TEXT; e.g. --reason "testing the scale-up wiring"\n'],
  ])('%s → exit 2, nothing sent', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, err]);
    expect(cwMock.calls()).toHaveLength(0);
  });
});

describe('alarm-actions', () => {
  it('disables only the alarms whose actions are on, in one request; re-run unchanged', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high'), alarm('cpu-low', { ActionsEnabled: false })] });
    cwMock.on(DisableAlarmActionsCommand).resolves({});
    const r = await runCli('alarm-actions disable cpu-high cpu-low --output json');
    expect(r.code).toBe(0);
    expect(cwMock).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: ['cpu-high', 'cpu-low'], AlarmTypes: ['MetricAlarm'] });
    expect(cwMock.commandCalls(DisableAlarmActionsCommand).map((c) => c.args[0].input)).toEqual([{ AlarmNames: ['cpu-high'] }]);
    expect(JSON.parse(r.stdout)).toEqual([
      { kind: 'alarm', name: 'cpu-high', status: 'updated', changes: ['disable actions'] },
      { kind: 'alarm', name: 'cpu-low', status: 'unchanged', changes: [] },
    ]);
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high', { ActionsEnabled: false }), alarm('cpu-low', { ActionsEnabled: false })] });
    cwMock.resetHistory();
    const again = await runCli('alarm-actions disable cpu-high cpu-low');
    expect([again.code, again.stdout]).toEqual([0, 'cpu-high\tunchanged\ncpu-low\tunchanged\n']);
    expect(cwMock).not.toHaveReceivedCommand(DisableAlarmActionsCommand);
  });

  it('enable sends EnableAlarmActions; a missing name exits 4 with nothing changed', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high', { ActionsEnabled: false })] });
    cwMock.on(EnableAlarmActionsCommand).resolves({});
    const r = await runCli('alarm-actions enable cpu-high');
    expect([r.code, r.stdout]).toEqual([0, 'cpu-high\tupdated\n']);
    expect(cwMock).toHaveReceivedCommandWith(EnableAlarmActionsCommand, { AlarmNames: ['cpu-high'] });
    cwMock.resetHistory();
    const m = await runCli('alarm-actions enable cpu-high nosuch');
    expect(m.code).toBe(4);
    expect(m.stderr).toMatch(/^error: no alarm named nosuch; nothing was changed/);
    expect(cwMock).not.toHaveReceivedCommand(EnableAlarmActionsCommand);
  });

  it('neither enable nor disable → exit 2, nothing sent', async () => {
    const r = await runCli('alarm-actions cpu-high');
    expect([r.code, r.stderr]).toEqual([2, 'error: alarm-actions takes enable or disable first, got "cpu-high"; e.g. scalectl alarm-actions disable cpu-high\n']);
    const n = await runCli('alarm-actions disable');
    expect([n.code, n.stderr]).toEqual([2, 'error: alarm-actions disable needs at least one alarm name\n']);
    expect(cwMock.calls()).toHaveLength(0);
  });
});

describe('describe-alarms --metric', () => {
  it('asks DescribeAlarmsForMetric with the namespace and dimensions', async () => {
    cwMock.on(DescribeAlarmsForMetricCommand).resolves({ MetricAlarms: [alarm('cpu-high', { Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }] })] });
    const r = await runCli('describe-alarms --metric CPUUtilization --namespace AWS/EC2 --dimension AutoScalingGroupName=web-asg');
    expect(r.code).toBe(0);
    expect(cwMock.commandCalls(DescribeAlarmsForMetricCommand)[0]!.args[0].input).toEqual({ MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }] });
    expect(r.stdout).toBe('cpu-high\tOK\tAWS/EC2 CPUUtilization (AutoScalingGroupName=web-asg)\tCPUUtilization avg > 80 for 2 × 60s\t\n');
  });

  it.each([
    ['describe-alarms --metric CPUUtilization', 'error: --metric needs --namespace; e.g. --metric CPUUtilization --namespace AWS/EC2\n'],
    ['describe-alarms cpu-high --metric CPUUtilization --namespace AWS/EC2', 'error: give alarm names, --prefix or --metric, not more than one; CloudWatch looks alarms up one way at a time\n'],
    ['describe-alarms --namespace AWS/EC2', 'error: --namespace and --dimension go with --metric; e.g. describe-alarms --metric CPUUtilization --namespace AWS/EC2\n'],
  ])('%s → exit 2', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, err]);
    expect(cwMock.calls()).toHaveLength(0);
  });
});

describe('delete-alarms', () => {
  it('--yes deletes those that exist in batches of 100 and reports the missing ones', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `a${i}`);
    cwMock.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({ MetricAlarms: input.AlarmNames.filter((n) => n !== 'a7').map((n) => alarm(n)) }));
    cwMock.on(DeleteAlarmsCommand).resolves({});
    const r = await runCli(['delete-alarms', ...names, '--yes', '--output', 'json']);
    expect(r.code).toBe(0);
    const batches = cwMock.commandCalls(DeleteAlarmsCommand).map((c) => c.args[0].input.AlarmNames!);
    expect(batches.map((b) => b.length)).toEqual([100, 49]);
    expect(batches.flat()).not.toContain('a7');
    const out = JSON.parse(r.stdout);
    expect(out[0]).toEqual({ kind: 'alarm', name: 'a0', status: 'deleted', changes: ['delete alarm a0'] });
    expect(out[7]).toEqual({ kind: 'alarm', name: 'a7', status: 'unchanged', changes: [], found: false });
    expect(r.stderr).toContain('warning: no alarm named a7; nothing to delete');
  });

  it('in a pipe without --yes exits 2 and sends nothing', async () => {
    const r = await runCli('delete-alarms cpu-high');
    expect([r.code, r.stderr]).toEqual([2, 'error: delete-alarms deletes alarms and stdin is not a terminal to confirm; pass --yes to delete without asking, or --dry-run to see the plan\n']);
    expect(cwMock.calls()).toHaveLength(0);
  });

  it('on a terminal it asks; no → nothing deleted, exit 1; yes → deleted', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high'), alarm('cpu-low')] });
    cwMock.on(DeleteAlarmsCommand).resolves({});
    const no = await runCli('delete-alarms cpu-high cpu-low', { tty: true, answers: [false] });
    expect(no.prompts).toEqual(['Delete these 2 alarms?']);
    expect(no.code).toBe(1);
    expect(cwMock).not.toHaveReceivedCommand(DeleteAlarmsCommand);
    const yes = await runCli('delete-alarms cpu-high', { tty: true, answers: [true] });
    expect(yes.prompts).toEqual(['Delete this alarm?']);
    expect(yes.code).toBe(0);
    expect(cwMock).toHaveReceivedCommandWith(DeleteAlarmsCommand, { AlarmNames: ['cpu-high'] });
  });

  it('--dry-run plans without asking; a refused delete is AWS\'s error', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high')] });
    const r = await runCli('delete-alarms cpu-high --dry-run');
    expect([r.code, r.stdout]).toEqual([0, 'delete\talarm\tcpu-high\tcloudwatch:DeleteAlarms\t\n']);
    expect(cwMock).not.toHaveReceivedCommand(DeleteAlarmsCommand);
    cwMock.on(DeleteAlarmsCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: cloudwatch:DeleteAlarms', 403));
    const d = await runCli('delete-alarms cpu-high -y');
    expect(d.code).not.toBe(0);
    expect(d.stderr).toContain('cloudwatch:DeleteAlarms');
  });
});
