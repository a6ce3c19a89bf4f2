// mon-put-metric-alarm, mon-describe-alarms, mon-describe-alarm-history, mon-delete-alarms.
import { alarmHistory } from '../../commands/alarm/alarm-history.js';
import { alarmFlags } from '../../commands/alarm/alarm-options.js';
import { putAlarm, type PutAlarmOptions } from '../../commands/alarm/put-alarm.js';
import { alarmProblems, parseComparison, parseStatistic, parseUnit, type AlarmSettings } from '../../domain/alarm.js';
import { NotFoundError, UsageError } from '../../errors.js';
import type { Parsed } from '../argv.js';
import { int, keyValues, list, nameArg, num, val, type LegacyCommand } from '../framework.js';
import { dbl, type RecordType } from '../output.js';

const ACTIONS = ['alarm-actions', 'ok-actions', 'insufficient-data-actions'] as const;
const NATIVE_ACTION: Record<(typeof ACTIONS)[number], string> = { 'alarm-actions': '--action', 'ok-actions': '--ok-action', 'insufficient-data-actions': '--insufficient-data-action' };

function settings(p: Parsed): AlarmSettings {
  const name = nameArg(p, 'AlarmName', 'alarm-name');
  const stat = val(p, 'statistic') ?? val(p, 'extendedstatistic');
  const statistic = stat === undefined ? undefined : parseStatistic(stat);
  if (stat !== undefined && !statistic) throw new UsageError(`--statistic must be SampleCount, Average, Sum, Minimum or Maximum (or a percentile with --extendedstatistic), got "${stat}"`);
  const cmp = val(p, 'comparison-operator');
  const comparison = cmp === undefined ? undefined : parseComparison(cmp);
  if (cmp !== undefined && !comparison) throw new UsageError(`--comparison-operator must be GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold, got "${cmp}"`);
  const u = val(p, 'unit');
  const unit = u === undefined ? undefined : parseUnit(u);
  if (u !== undefined && !unit) throw new UsageError(`--unit "${u}" is not a CloudWatch unit`);
  const enabled = val(p, 'actions-enabled');
  if (enabled !== undefined && enabled !== 'true' && enabled !== 'false') throw new UsageError(`--actions-enabled must be true or false, got "${enabled}"`);
  const period = int(p, 'period', 1);
  const threshold = num(p, 'threshold');
  const evaluationPeriods = int(p, 'evaluation-periods', 1);
  const description = val(p, 'alarm-description');
  const { alarm } = alarmFlags(name, {
    ...(val(p, 'metric-name') ? { metricName: val(p, 'metric-name')! } : {}), ...(val(p, 'namespace') ? { namespace: val(p, 'namespace')! } : {}),
    ...(statistic ? { statistic } : {}), ...(comparison ? { comparisonOperator: comparison } : {}), ...(unit ? { unit } : {}),
    ...(period !== undefined ? { period } : {}), ...(threshold !== undefined ? { threshold } : {}), ...(evaluationPeriods !== undefined ? { evaluationPeriods } : {}),
    dimensions: keyValues(p, 'dimensions').map((d) => ({ name: d.key, value: d.value })),
    ...(description !== undefined ? { alarmDescription: description } : {}), ...(enabled ? { actionsEnabled: enabled as 'true' | 'false' } : {}),
    alarmActions: list(p, 'alarm-actions') ?? [], okActions: list(p, 'ok-actions') ?? [], insufficientDataActions: list(p, 'insufficient-data-actions') ?? [],
  });
  const problems = alarmProblems(alarm);
  if (problems.length) throw new UsageError(problems.join('; '));
  return alarm;
}

export const monPutMetricAlarm: LegacyCommand = {
  name: 'mon-put-metric-alarm',
  usage: 'mon-put-metric-alarm AlarmName --comparison-operator value --evaluation-periods value --metric-name value --namespace value --period value --statistic value --threshold value [--actions-enabled value] [--alarm-actions value[,value...]] [--alarm-description value] [--dimensions "key1=value1,key2=value2..."] [--insufficient-data-actions value[,value...]] [--ok-actions value[,value...]] [--unit value] [General Options]',
  options: [
    { long: 'alarm-name', kind: 'value' }, { long: 'comparison-operator', kind: 'value' }, { long: 'evaluation-periods', kind: 'value' }, { long: 'metric-name', short: 'm', kind: 'value' },
    { long: 'namespace', short: 'n', kind: 'value' }, { long: 'period', kind: 'value' }, { long: 'statistic', short: 's', kind: 'value' }, { long: 'extendedstatistic', kind: 'value' },
    { long: 'threshold', kind: 'value' }, { long: 'actions-enabled', kind: 'value' }, ...ACTIONS.map((long) => ({ long, kind: 'list' as const })),
    { long: 'alarm-description', kind: 'value' }, { long: 'dimensions', short: 'd', kind: 'repeat' }, { long: 'unit', kind: 'value' },
  ],
  translate: (p) => {
    const a = settings(p);
    return {
      args: ['put-alarm', a.name, '--metric', a.metric, '--namespace', a.namespace, '--statistic', a.statistic ?? a.extendedStatistic!, '--period', String(a.period),
        '--threshold', String(a.threshold), '--comparison', a.comparison, '--evaluation-periods', String(a.evaluationPeriods),
        ...a.dimensions.flatMap((d) => ['--dimension', `${d.name}=${d.value}`]), ...(a.unit ? ['--unit', a.unit] : []), ...(a.description !== undefined ? ['--description', a.description] : []),
        ...(a.actionsEnabled ? [] : ['--actions-enabled', 'false']),
        ...ACTIONS.flatMap((k) => (list(p, k) ?? []).flatMap((arn) => [NATIVE_ACTION[k], arn]))],
    };
  },
  run: async (p, ctx) => {
    const opts: PutAlarmOptions = { alarm: settings(p), scalePolicies: [], tags: [], dryRun: false };
    const r = await putAlarm(opts, ctx);
    return { lines: ['OK-Created Alarm'] };
  },
};

const ALARM: RecordType = {
  columns: [
    { head: 'ALARM' }, { head: 'STATE' }, { head: 'ALARM_ACTIONS' }, { head: 'NAMESPACE' }, { head: 'METRIC_NAME' }, { head: 'PERIOD' }, { head: 'STATISTIC' }, { head: 'EVAL_PERIODS' }, { head: 'COMPARISON' }, { head: 'THRESHOLD' },
    { head: 'ALARM_ARN', long: true }, { head: 'DIMENSIONS', long: true }, { head: 'UNIT', long: true }, { head: 'ACTIONS_ENABLED', long: true }, { head: 'OK_ACTIONS', long: true }, { head: 'INSUFFICIENT_DATA_ACTIONS', long: true }, { head: 'DESCRIPTION', long: true }, { head: 'STATE_REASON', long: true },
  ],
};

export const monDescribeAlarms: LegacyCommand = {
  name: 'mon-describe-alarms',
  usage: 'mon-describe-alarms [AlarmNames...] [--action-prefix value] [--alarm-name-prefix value] [--state-value value] [General Options]',
  options: [{ long: 'action-prefix', kind: 'value' }, { long: 'alarm-name-prefix', kind: 'value' }, { long: 'state-value', kind: 'value' }],
  translate: (p) => ({ args: ['describe-alarms', ...p.positional, ...(val(p, 'state-value') ? ['--state', val(p, 'state-value')!] : []), ...(val(p, 'alarm-name-prefix') ? ['--prefix', val(p, 'alarm-name-prefix')!] : [])] }),
  run: async (p, ctx) => {
    const state = val(p, 'state-value');
    if (state !== undefined && !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(state)) throw new UsageError(`--state-value must be OK, ALARM or INSUFFICIENT_DATA, got "${state}"`);
    const cw = await import('../../services/cloudwatch.js');
    const prefix = val(p, 'alarm-name-prefix');
    let alarms = await cw.describeAlarms(await ctx.aws.cloudwatch(), { ...(p.positional.length ? { names: p.positional } : {}), ...(state ? { state: state as 'OK' } : {}), ...(prefix ? { prefix } : {}) });
    const actionPrefix = val(p, 'action-prefix');
    if (actionPrefix) alarms = alarms.filter((a) => [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions].some((x) => x.startsWith(actionPrefix)));
    return {
      records: alarms.map((a) => ({
        of: ALARM,
        cells: [a.name, a.state, a.alarmActions.join(','), a.namespace, a.metric, a.period, a.statistic ?? a.extendedStatistic, a.evaluationPeriods, a.comparison, dbl(a.threshold),
          a.arn, a.dimensions.map((d) => `${d.name}=${d.value}`).join(','), a.unit, String(a.actionsEnabled), a.okActions.join(','), a.insufficientDataActions.join(','), a.description, a.stateReason],
      })),
    };
  },
};

const HISTORY: RecordType = { columns: [{ head: 'ALARM' }, { head: 'TIMESTAMP' }, { head: 'TYPE' }, { head: 'SUMMARY' }] };
const HISTORY_TYPES = ['ConfigurationUpdate', 'StateUpdate', 'Action'] as const;

export const monDescribeAlarmHistory: LegacyCommand = {
  name: 'mon-describe-alarm-history',
  usage: 'mon-describe-alarm-history AlarmName [--history-item-type value] [General Options]',
  options: [{ long: 'alarm-name', kind: 'value' }, { long: 'history-item-type', kind: 'value' }],
  translate: (p) => ({ args: ['alarm-history', nameArg(p, 'AlarmName', 'alarm-name')] }),
  run: async (p, ctx) => {
    const name = nameArg(p, 'AlarmName', 'alarm-name');
    const type = val(p, 'history-item-type');
    if (type !== undefined && !(HISTORY_TYPES as readonly string[]).includes(type)) throw new UsageError(`--history-item-type must be ${HISTORY_TYPES.join(', ')}, got "${type}"`);
    const r = await alarmHistory({ name, ...(type ? { type: type as 'Action' } : {}) }, ctx);
    return { records: r.entries.map((e) => ({ of: HISTORY, cells: [r.name, e.time, e.type, e.summary] })) };
  },
};

export const monDeleteAlarms: LegacyCommand = {
  name: 'mon-delete-alarms',
  usage: 'mon-delete-alarms AlarmNames... [-f/--force] [General Options]',
  options: [{ long: 'alarm-name', kind: 'list' }, { long: 'force', short: 'f', kind: 'flag' }],
  prompt: (p) => names(p).map((n) => `Are you sure you want to delete the alarm ${n}?`),
  translate: (p) => ({ args: ['delete-alarms', ...names(p), '-y'] }),
  run: async (p, ctx) => {
    const all = names(p);
    if (!all.length) throw new UsageError('name at least one alarm');
    const cw = await import('../../services/cloudwatch.js');
    const r = await cw.deleteAlarmsIfExist(await ctx.aws.cloudwatch(), { names: all });
    const gone = all.filter((n) => r.get(n) === 'already gone');
    if (gone.length === all.length) throw new NotFoundError(`no alarm named ${gone.join(', ')}`);
    return { lines: ['OK-Deleted alarms'] };
  },
};

function names(p: Parsed): string[] {
  return [...p.positional.flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean), ...(list(p, 'alarm-name') ?? [])];
}
