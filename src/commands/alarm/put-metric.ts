import { InvalidArgumentError, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { Unit } from '../../domain/alarm.js';
import { dimensionArg, unitArg, type Dimension } from '../../domain/metric-args.js';
import { parseTime } from '../../domain/time-range.js';
import { UsageError } from '../../errors.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { executePlan, toPlan, type PlanResult, type Step } from '../../plan.js';
import type { MetricDatum } from '../../services/cloudwatch-actions.js';
import { addDryRun, contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `put-metric` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('put-metric', {
  actions: [
    'cloudwatch:PutMetricData',
  ],
});

/** Parsed flags of `put-metric`: one datapoint, a value or a statistic set. */
export interface PutMetricOptions {
  datum: MetricDatum;
  dryRun: boolean;
}

interface Flags {
  namespace?: string;
  value?: number;
  values?: number[];
  unit?: Unit;
  dimension?: Dimension[];
  timestamp?: string;
  dryRun?: boolean;
}

/** CloudWatch takes datapoints up to two weeks old and two hours ahead; at most 30 dimensions. */
const MAX_AGE_MS = 14 * 86_400_000;
const MAX_AHEAD_MS = 2 * 3_600_000;
const MAX_DIMENSIONS = 30;

function finite(label: string, raw: string): number {
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${label} must be a finite number, got "${raw}".`);
  return n;
}
const valueArg = (raw: string) => finite('--value', raw);
const valuesArg = (raw: string, prev: number[] = []) => [...prev, ...raw.split(',').map((v) => finite('--values', v))];

const docs: CommandDocs = {
  examples: [
    "scalectl put-metric QueueDepth --namespace MyApp --value 42 --unit Count --dimension Queue=jobs",
    "scalectl put-metric Latency --namespace MyApp --values 120,95,310 --unit Milliseconds",
  ],
  text: [
    "name, status (created)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3],
};

export function registerPutMetric(program: Command, deps: Deps, run = putMetric): void {
  const cmd = addDocs(program.command('put-metric'), docs)
    .description('publish one datapoint of a custom metric: a value, or several values as one statistic set')
    .argument('<name>', 'metric name')
    .option('--namespace <ns>', 'metric namespace (required; not AWS/…)')
    .option('--value <n>', 'the value', valueArg)
    .option('--values <list>', 'several values sent as one statistic set: count, sum, minimum, maximum (commas)', valuesArg)
    .option('--unit <unit>', 'unit, e.g. Count, Seconds, Percent', unitArg)
    .option('--dimension <name=value>', 'dimension (repeatable), e.g. AutoScalingGroupName=web-asg', dimensionArg())
    .option('--timestamp <time>', 'time of the datapoint: ISO 8601 or relative like -5m (default: now)');
  addDryRun(cmd);
  cmd.action(async (name: string, f: Flags, c: Command) => {
    const opts = putMetricOptions(name, f, deps.clock.now());
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    await renderChange(result, ctx);
  });
}

/** Flags → options; every usage error is raised here, before any request. */
export function putMetricOptions(name: string, f: Flags, nowMs: number): PutMetricOptions {
  if (!f.namespace) throw new UsageError(`put-metric ${name} needs --namespace`, 'e.g. --namespace MyApp');
  if (/^AWS\//i.test(f.namespace)) throw new UsageError(`namespace ${f.namespace} is reserved for AWS services`, 'use your own, e.g. MyApp');
  if (f.value === undefined && !f.values) throw new UsageError(`put-metric ${name} needs --value N or --values N,N,…`, 'e.g. --value 42');
  if (f.value !== undefined && f.values) throw new UsageError('give --value or --values, not both', '--values sends several values as one statistic set');
  const dimensions = f.dimension ?? [];
  if (dimensions.length > MAX_DIMENSIONS) throw new UsageError(`a datapoint has at most ${MAX_DIMENSIONS} dimensions, got ${dimensions.length}`);
  let timestamp: number | undefined;
  if (f.timestamp !== undefined) {
    timestamp = parseTime(f.timestamp, nowMs);
    if (timestamp === undefined) throw new UsageError(`--timestamp must be an ISO 8601 time (2026-11-21T10:00:00Z) or relative (-5m, -2h), got "${f.timestamp}"`);
    if (timestamp < nowMs - MAX_AGE_MS || timestamp > nowMs + MAX_AHEAD_MS) throw new UsageError(`--timestamp ${f.timestamp} is outside what CloudWatch accepts (up to two weeks ago, up to two hours ahead)`);
  }
  const v = f.values;
  return {
    datum: {
      namespace: f.namespace,
      metric: name,
      ...(f.value !== undefined ? { value: f.value } : {}),
      ...(v ? { statistics: { sampleCount: v.length, sum: v.reduce((a, b) => a + b, 0), minimum: Math.min(...v), maximum: Math.max(...v) } } : {}),
      ...(f.unit ? { unit: f.unit } : {}),
      dimensions,
      ...(timestamp !== undefined ? { timestamp } : {}),
    },
    dryRun: f.dryRun === true,
  };
}

/** Publishes the datapoint (or plans it); no read is needed, so a plan needs no credentials. */
export async function putMetric(o: PutMetricOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  const cw = await import('../../services/cloudwatch-actions.js');
  const d = o.datum;
  const what = d.statistics ? `statistic set of ${d.statistics.sampleCount} values (sum ${d.statistics.sum}, min ${d.statistics.minimum}, max ${d.statistics.maximum})` : `value ${d.value}`;
  const label = `put ${what}${d.unit ? ` ${d.unit}` : ''} in ${d.namespace}${d.dimensions.length ? ` (${d.dimensions.map((x) => `${x.name}=${x.value}`).join(',')})` : ''}`;
  const steps: Step[] = [{ action: 'put', resource: 'metric', name: d.metric, detail: label, request: { service: 'cloudwatch', operation: 'PutMetricData', input: cw.putMetricDataInput(d) }, run: async () => cw.putMetricData(await ctx.aws.cloudwatch(), d) }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { kind: 'metric', name: d.metric, status: 'created', changes: [label] };
}
