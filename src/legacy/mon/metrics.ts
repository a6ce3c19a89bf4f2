// mon-get-stats (legacy defaults: the last hour, 60-second period) and mon-list-metrics.
import { getStats, type GetStatsOptions } from '../../commands/alarm/get-stats.js';
import { listMetrics } from '../../commands/alarm/list-metrics.js';
import { parseUnit, STANDARD_STATISTICS } from '../../domain/alarm.js';
import { parseTime } from '../../domain/time-range.js';
import { UsageError } from '../../errors.js';
import type { Parsed } from '../argv.js';
import { int, keyValues, list, nameArg, need, val, type LegacyCommand } from '../framework.js';
import { dbl, type RecordType } from '../output.js';

const DIMENSIONS = { long: 'dimensions', short: 'd', kind: 'repeat' } as const;

function statsOptions(p: Parsed): GetStatsOptions {
  const statistics = list(p, 'statistics');
  if (!statistics?.length) throw new UsageError('--statistics is required (Average, Sum, SampleCount, Maximum, Minimum)');
  for (const s of statistics) if (!(STANDARD_STATISTICS as readonly string[]).includes(s)) throw new UsageError(`--statistics: "${s}" is not one of Average, Sum, SampleCount, Maximum, Minimum`);
  const period = int(p, 'period', 60) ?? 60;
  if (period % 60 !== 0) throw new UsageError(`--period must be a multiple of 60 seconds, got ${period}`);
  const u = val(p, 'unit');
  const unit = u === undefined ? undefined : parseUnit(u);
  if (u !== undefined && !unit) throw new UsageError(`--unit "${u}" is not a CloudWatch unit`);
  const start = val(p, 'start-time') ?? '-1h';
  const end = val(p, 'end-time') ?? 'now';
  for (const [flag, v] of [['--start-time', start], ['--end-time', end]] as const) if (parseTime(v, 0) === undefined) throw new UsageError(`${flag} "${v}" is not an ISO 8601 time`, 'e.g. 2013-07-30T19:30:00Z');
  return {
    metric: nameArg(p, 'MetricName', 'metric-name'), namespace: need(p, 'namespace'), statistics, period, start, end,
    dimensions: keyValues(p, 'dimensions').map((d) => ({ name: d.key, value: d.value })), ...(unit ? { unit } : {}),
  };
}

/** `2013-02-15 15:16:00`: the legacy time column. */
const legacyTime = (iso: string) => iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');

export const monGetStats: LegacyCommand = {
  name: 'mon-get-stats',
  usage: 'mon-get-stats MetricName --namespace value --statistics value[,value...] [--dimensions "key1=value1,key2=value2..."] [--end-time value] [--period value] [--start-time value] [--unit value] [General Options]',
  options: [{ long: 'metric-name', short: 'm', kind: 'value' }, { long: 'namespace', short: 'n', kind: 'value' }, { long: 'statistics', short: 's', kind: 'list' }, DIMENSIONS, { long: 'start-time', kind: 'value' }, { long: 'end-time', kind: 'value' }, { long: 'period', kind: 'value' }, { long: 'unit', kind: 'value' }],
  translate: (p) => {
    const o = statsOptions(p);
    return { args: ['get-stats', o.metric, '--namespace', o.namespace, '--statistics', o.statistics.join(','), ...o.dimensions.flatMap((d) => ['--dimension', `${d.name}=${d.value}`]), '--period', String(o.period), '--start', o.start, '--end', o.end, ...(o.unit ? ['--unit', o.unit] : [])] };
  },
  run: async (p, ctx) => {
    const o = statsOptions(p);
    const r = await getStats(o, ctx);
    const type: RecordType = { columns: [{ head: 'Time' }, ...o.statistics.map((head) => ({ head })), { head: 'Unit' }] };
    const rows = [...r.datapoints].sort((a, b) => a.time.localeCompare(b.time));
    return { records: rows.map((d) => ({ of: type, cells: [legacyTime(d.time), ...o.statistics.map((s) => dbl(d.values[s])), d.unit] })) };
  },
};

const METRIC: RecordType = { columns: [{ head: 'Metric Name' }, { head: 'Namespace' }, { head: 'Dimensions' }] };

export const monListMetrics: LegacyCommand = {
  name: 'mon-list-metrics',
  usage: 'mon-list-metrics [--dimensions "key1=value1,key2=value2..."] [--metric-name value] [--namespace value] [General Options]',
  options: [DIMENSIONS, { long: 'metric-name', short: 'm', kind: 'value' }, { long: 'namespace', short: 'n', kind: 'value' }],
  translate: (p) => ({ args: ['list-metrics', ...(val(p, 'namespace') ? ['--namespace', val(p, 'namespace')!] : []), ...(val(p, 'metric-name') ? ['--metric', val(p, 'metric-name')!] : []), ...keyValues(p, 'dimensions').flatMap((d) => ['--dimension', `${d.key}=${d.value}`])] }),
  run: async (p, ctx) => {
    const r = await listMetrics({ ...(val(p, 'namespace') ? { namespace: val(p, 'namespace')! } : {}), ...(val(p, 'metric-name') ? { metric: val(p, 'metric-name')! } : {}), dimensions: keyValues(p, 'dimensions').map((d) => ({ name: d.key, value: d.value })) }, ctx);
    return { records: r.metrics.map((m) => ({ of: METRIC, cells: [m.name, m.namespace, `{${m.dimensions.map((d) => `${d.name}=${d.value}`).join(',')}}`] })) };
  },
};
