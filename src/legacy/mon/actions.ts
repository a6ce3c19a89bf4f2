// mon-put-data (silent on success, as the CloudWatch CLI was), mon-set-alarm-state,
// mon-enable-alarm-actions and mon-disable-alarm-actions: onto put-metric, set-alarm-state and
// alarm-actions.
import { alarmActions, alarmActionsOptions } from '../../commands/alarm/alarm-actions.js';
import { putMetric, putMetricOptions, type PutMetricOptions } from '../../commands/alarm/put-metric.js';
import { setAlarmState, setAlarmStateOptions } from '../../commands/alarm/set-alarm-state.js';
import { parseUnit } from '../../domain/alarm.js';
import { UsageError } from '../../errors.js';
import type { Parsed } from '../argv.js';
import { keyValues, list, nameArg, need, num, val, type LegacyCommand } from '../framework.js';
import { done, OK } from '../ok.js';

const STATS = ['SampleCount', 'Sum', 'Maximum', 'Minimum'] as const;

/** `"SampleCount=5,Sum=250,Maximum=70,Minimum=30"`: all four, in any order and case. */
function statisticValues(raw: string): { sampleCount: number; sum: number; minimum: number; maximum: number } {
  const got = new Map<string, number>();
  for (const kv of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v, ...rest] = kv.split('=');
    const key = STATS.find((s) => s.toLowerCase() === k?.trim().toLowerCase());
    const n = v !== undefined && !rest.length && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : NaN;
    if (!key || !Number.isFinite(n)) throw new UsageError(`--statisticValues must be "SampleCount=N,Sum=N,Maximum=N,Minimum=N", got "${kv}"`);
    got.set(key, n);
  }
  const missing = STATS.filter((s) => !got.has(s));
  if (missing.length) throw new UsageError(`--statisticValues needs ${missing.join(', ')} too (all of SampleCount, Sum, Maximum, Minimum)`);
  return { sampleCount: got.get('SampleCount')!, sum: got.get('Sum')!, minimum: got.get('Minimum')!, maximum: got.get('Maximum')! };
}

/** The native put-metric flags of a --value datapoint. */
function putDataFlags(p: Parsed) {
  const u = val(p, 'unit');
  const unit = u === undefined ? undefined : parseUnit(u);
  if (u !== undefined && !unit) throw new UsageError(`--unit "${u}" is not a CloudWatch unit`);
  const value = num(p, 'value');
  return { namespace: need(p, 'namespace'), ...(value !== undefined ? { value } : {}), ...(unit ? { unit } : {}), dimension: keyValues(p, 'dimensions').map((d) => ({ name: d.key, value: d.value })), ...(val(p, 'timestamp') !== undefined ? { timestamp: val(p, 'timestamp')! } : {}) };
}

function putDataOptions(p: Parsed, now: number): PutMetricOptions {
  const name = nameArg(p, 'MetricName', 'metric-name');
  const sv = val(p, 'statisticValues');
  const f = putDataFlags(p);
  if (sv === undefined) return putMetricOptions(name, f, now);
  if (f.value !== undefined) throw new UsageError('give --value or --statisticValues, not both');
  const statistics = statisticValues(sv);
  // The rest is checked as put-metric checks it; the statistic set then takes the value's place.
  const { datum, dryRun } = putMetricOptions(name, { ...f, value: 0 }, now);
  const { value: _value, ...rest } = datum;
  return { datum: { ...rest, statistics }, dryRun };
}

export const monPutData: LegacyCommand = {
  name: 'mon-put-data',
  usage: 'mon-put-data --metric-name value --namespace value [--dimensions "key1=value1,key2=value2..."] [--statisticValues "key1=value1,key2=value2..."] [--timestamp value] [--unit value] [--value value] [General Options]',
  options: [
    { long: 'metric-name', short: 'm', kind: 'value' }, { long: 'namespace', short: 'n', kind: 'value' }, { long: 'dimensions', short: 'd', kind: 'repeat' },
    { long: 'statisticValues', short: 's', kind: 'value' }, { long: 'timestamp', short: 't', kind: 'value' }, { long: 'unit', short: 'u', kind: 'value' }, { long: 'value', short: 'v', kind: 'value' },
  ],
  translate: (p) => {
    if (val(p, 'statisticValues') !== undefined) return { args: [], notes: ['put-metric NAME --values V1,V2,… sends the statistic set of the values themselves; no native flag takes a precomputed SampleCount/Sum/Maximum/Minimum'] };
    const f = putDataFlags(p);
    if (f.value === undefined) throw new UsageError('--value or --statisticValues is required');
    return { args: ['put-metric', nameArg(p, 'MetricName', 'metric-name'), '--namespace', f.namespace, '--value', String(f.value), ...(f.unit ? ['--unit', f.unit] : []), ...f.dimension.flatMap((d) => ['--dimension', `${d.name}=${d.value}`]), ...(f.timestamp ? ['--timestamp', f.timestamp] : [])] };
  },
  run: async (p, ctx) => {
    if (val(p, 'value') === undefined && val(p, 'statisticValues') === undefined) throw new UsageError('--value or --statisticValues is required');
    const r = done(await putMetric(putDataOptions(p, ctx.clock.now()), ctx));
    return { lines: [] };
  },
};

function stateOpts(p: Parsed) {
  const name = nameArg(p, 'AlarmName', 'alarm-name');
  if (val(p, 'state-value') === undefined) throw new UsageError('--state-value is required (ALARM, OK or INSUFFICIENT_DATA)');
  if (val(p, 'state-reason') === undefined) throw new UsageError('--state-reason is required');
  try {
    return setAlarmStateOptions(name, { state: val(p, 'state-value')!, reason: val(p, 'state-reason')! });
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(e.message.replace(/^--state /, '--state-value ').replace(/^--reason /, '--state-reason '), e.hint);
    throw e;
  }
}

export const monSetAlarmState: LegacyCommand = {
  name: 'mon-set-alarm-state',
  usage: 'mon-set-alarm-state AlarmName --state-reason value --state-value value [--state-reason-data value] [General Options]',
  options: [{ long: 'alarm-name', kind: 'value' }, { long: 'state-value', kind: 'value' }, { long: 'state-reason', kind: 'value' }, { long: 'state-reason-data', kind: 'value' }],
  translate: (p) => {
    const o = stateOpts(p);
    return { args: ['set-alarm-state', o.name, '--state', o.state, '--reason', o.reason], ...(val(p, 'state-reason-data') !== undefined ? { notes: ['set-alarm-state has no --state-reason-data; the JSON is dropped'] } : {}) };
  },
  run: async (p, ctx) => {
    if (val(p, 'state-reason-data') !== undefined) throw new UsageError('--state-reason-data is not supported by scalectl yet');
    const r = done(await setAlarmState(stateOpts(p), ctx));
    return { lines: [OK.setAlarmState] };
  },
};

function actionsCommand(verb: 'enable' | 'disable'): LegacyCommand {
  const name = `mon-${verb}-alarm-actions`;
  const names = (p: Parsed) => [...p.positional.flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean), ...(list(p, 'alarm-name') ?? [])];
  return {
    name,
    usage: `${name} [AlarmNames [AlarmNames ...]] [General Options]`,
    options: [{ long: 'alarm-name', kind: 'list' }],
    translate: (p) => ({ args: ['alarm-actions', verb, ...alarmActionsOptions(verb, names(p), {}).names] }),
    run: async (p, ctx) => {
      const r = done(await alarmActions(alarmActionsOptions(verb, names(p), {}), ctx));
      return { lines: [verb === 'enable' ? OK.enableAlarmActions : OK.disableAlarmActions] };
    },
  };
}

export const monEnableAlarmActions = actionsCommand('enable');
export const monDisableAlarmActions = actionsCommand('disable');
