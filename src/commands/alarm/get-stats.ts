import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { parseStatistic, type StandardStatistic, type Unit } from '../../domain/alarm.js';
import { renderChart } from '../../domain/chart.js';
import { dimensionArg, dimensionsListArg, unitArg, type Dimension } from '../../domain/metric-args.js';
import { floorToPeriod, MAX_REQUESTS, parseTime, periodSlots, requestCount, retentionProblem, splitRange } from '../../domain/time-range.js';
import { UsageError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import type { TableData } from '../../output/table.js';
import type { StatPoint } from '../../services/cloudwatch-metrics.js';
import { contextOf, durationArg, listArg } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl get-stats CPUUtilization --namespace AWS/EC2 --dimension AutoScalingGroupName=web-asg",
    "scalectl get-stats RequestCount --namespace AWS/ELB --statistics Sum --period 300 --start -6h --dimension LoadBalancerName=web --output text",
  ],
  text: [
    "time, then one value per statistic asked for",
  ],
  exitCodes: [3],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `get-stats` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('get-stats', {
  actions: [
    'cloudwatch:GetMetricStatistics',
  ],
});

/** Parsed flags of `get-stats`. */
export interface GetStatsOptions {
  metric: string;
  namespace: string;
  /** As asked, in order: standard names (`Average`) and percentiles (`p99`). */
  statistics: string[];
  dimensions: Dimension[];
  /** Seconds. */
  period: number;
  /** As typed: ISO or relative (`-3h`, `now`); resolved against the clock when the command runs. */
  start: string;
  end: string;
  unit?: Unit;
}

/** One period's values. */
export interface StatRow {
  time: string;
  /** Keyed by statistic as asked. */
  values: Record<string, number>;
  unit?: string;
}

export interface GetStatsResult {
  metric: string;
  namespace: string;
  period: number;
  start: string;
  end: string;
  statistics: string[];
  datapoints: StatRow[];
  /** The first statistic per period from start to end, undefined where there is no datapoint. */
  series: Array<number | undefined>;
}

function statisticsArg(value: string, previous: string[] = []): string[] {
  const names = listArg(value);
  for (const n of names) if (!parseStatistic(n)) throw new InvalidArgumentError(`--statistics: "${n}" is not Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99.`);
  return [...previous, ...names.map((n) => { const s = parseStatistic(n)!; return 'statistic' in s ? s.statistic : s.extendedStatistic; })];
}

/** GetMetricStatistics periods: 1, 5, 10, 30 (high resolution) or a multiple of 60. */
const isStatsPeriod = (p: number) => [1, 5, 10, 30].includes(p) || (p > 0 && p % 60 === 0);

export function registerGetStats(program: Command, deps: Deps, run = getStats): void {
  addDocs(program.command('get-stats'), docs)
    .description('statistics of one metric over time; a terminal also gets a small chart')
    .argument('<metric>', 'metric name, e.g. CPUUtilization')
    .requiredOption('--namespace <ns>', 'metric namespace, e.g. AWS/EC2')
    .option('--statistics <list>', 'Average, Sum, Minimum, Maximum, SampleCount, p99… (commas or repeated; default Average)', statisticsArg)
    .option('--dimension <name=value>', 'metric dimension (repeatable)', dimensionArg())
    .option('--period <seconds>', 'seconds per datapoint: 60 or a multiple (5m, 1h); 1, 5, 10, 30 for high resolution', durationArg('--period'), 60)
    .option('--start <time>', 'ISO 8601 time or relative: -3h, -30m, -2d', '-1h')
    .option('--end <time>', 'ISO 8601 time, relative, or now', 'now')
    .option('--unit <unit>', 'only datapoints in this unit', unitArg)
    .addOption(new Option('--dimensions <list>').argParser(dimensionsListArg()).hideHelp())
    .addOption(new Option('--start-time <time>').hideHelp())
    .addOption(new Option('--end-time <time>').hideHelp())
    .action(async (metric: string, f: { namespace: string; statistics?: string[]; dimension?: Dimension[]; dimensions?: Dimension[]; period: number; start: string; end: string; startTime?: string; endTime?: string; unit?: Unit }, cmd: Command) => {
      if (!isStatsPeriod(f.period)) throw new UsageError(`--period ${f.period} is not allowed`, 'use 60 or a multiple of 60 seconds (1, 5, 10 or 30 for high-resolution metrics)');
      const opts: GetStatsOptions = {
        metric, namespace: f.namespace, statistics: f.statistics ?? ['Average'], dimensions: [...(f.dimension ?? []), ...(f.dimensions ?? [])],
        period: f.period, start: f.startTime ?? f.start, end: f.endTime ?? f.end, ...(f.unit ? { unit: f.unit } : {}),
      };
      for (const [flag, v] of [['--start', opts.start], ['--end', opts.end]] as const) {
        if (parseTime(v, 0) === undefined) throw new UsageError(`${flag} "${v}" is not a time`, 'use ISO 8601 (2026-11-21T10:00:00Z) or a relative time such as -3h, -30m or now');
      }
      const ctx = await contextOf(cmd, deps);
      await render(await run(opts, ctx), getStatsView, ctx, ctx.io);
    });
}

export async function getStats(opts: GetStatsOptions, ctx: Ctx): Promise<GetStatsResult> {
  const now = ctx.clock.now();
  // CloudWatch puts datapoints on period boundaries; starting on one keeps the slots and the chart aligned.
  const start = floorToPeriod(parseTime(opts.start, now)!, opts.period);
  const end = parseTime(opts.end, now)!;
  if (end <= start) throw new UsageError(`--start ${opts.start} is not before --end ${opts.end}`, 'give an earlier --start or a later --end');
  // Before any planning: a range of years in 1 s periods would be millions of requests.
  const tooOld = retentionProblem({ start, end }, opts.period, now);
  if (tooOld) throw new UsageError(`--start ${opts.start} with --period ${opts.period}: ${tooOld}`, 'give a later --start');
  const requests = requestCount({ start, end }, opts.period);
  if (requests > MAX_REQUESTS) throw new UsageError(`--start ${opts.start} to --end ${opts.end} at --period ${opts.period} takes ${requests} requests; at most ${MAX_REQUESTS} are sent`, 'give a shorter range or a longer --period');
  const pieces = splitRange({ start, end }, opts.period).length;
  if (pieces > 1) ctx.log.progress(`Asking CloudWatch in ${pieces} requests (at most 1,440 datapoints each)`);
  const standard = opts.statistics.filter((s): s is StandardStatistic => ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(s));
  const cw = await import('../../services/cloudwatch-metrics.js');
  const points: StatPoint[] = await cw.getStatistics(await ctx.aws.cloudwatch(), {
    metric: opts.metric, namespace: opts.namespace, dimensions: opts.dimensions, range: { start, end }, period: opts.period,
    statistics: [...new Set(standard)], extendedStatistics: [...new Set(opts.statistics.filter((s) => !standard.includes(s as StandardStatistic)))], ...(opts.unit ? { unit: opts.unit } : {}),
  });
  const first = opts.statistics[0]!;
  // Each datapoint goes to the period it falls in: an endpoint need not align times to periods.
  const slots = periodSlots({ start, end }, opts.period);
  const bySlot = new Map<number, number | undefined>();
  for (const p of points) {
    const i = Math.floor((p.time - start) / (opts.period * 1000));
    if (i >= 0 && i < slots.length && !bySlot.has(i)) bySlot.set(i, p.values[first]);
  }
  return {
    metric: opts.metric, namespace: opts.namespace, period: opts.period, start: new Date(start).toISOString(), end: new Date(end).toISOString(), statistics: opts.statistics,
    datapoints: points.map((p) => ({ time: new Date(p.time).toISOString(), values: p.values, ...(p.unit ? { unit: p.unit } : {}) })),
    series: slots.map((_, i) => bySlot.get(i)),
  };
}

const num = (v: number | undefined) => (v === undefined ? '' : String(Math.round(v * 10_000) / 10_000));

const getStatsView: View<GetStatsResult> = {
  empty: (r) => (r.datapoints.length ? undefined : 'no datapoints for this metric and range'),
  emptyInEveryFormat: true,
  table: (r, st, width): TableData[] => {
    const rows = r.datapoints.map((d) => [d.time, ...r.statistics.map((s) => num(d.values[s]) || '-'), d.unit ?? '-']);
    const numbers: TableData = { head: ['TIME', ...r.statistics.map((s) => s.toUpperCase()), 'UNIT'], rows: rows.length ? rows : [[st.dim('no datapoints'), ...r.statistics.map(() => ''), '']] };
    const chart: TableData = { head: [`${r.statistics[0]} of ${r.metric}, ${r.series.length} × ${r.period}s from ${r.start}`], rows: [[renderChart(r.series, Math.max(10, Math.min(60, width - 2)))]] };
    return [numbers, chart];
  },
  text: (r) => r.datapoints.map((d) => [d.time, ...r.statistics.map((s) => num(d.values[s]))]),
  json: ({ series: _series, ...r }) => r,
};
