import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { dimensionArg, dimensionsListArg, type Dimension } from '../../domain/metric-args.js';
import { cell, render, type View } from '../../output/render.js';
import type { MetricInfo } from '../../services/cloudwatch-metrics.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl list-metrics --namespace AWS/EC2",
    "scalectl list-metrics --namespace AWS/ELB --dimension LoadBalancerName=web --output text",
  ],
  text: [
    "metric, namespace, dimensions",
  ],
  exitCodes: [3],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `list-metrics` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('list-metrics', {
  actions: [
    'cloudwatch:ListMetrics',
  ],
});

/** Parsed flags of `list-metrics`. */
export interface ListMetricsOptions {
  namespace?: string;
  metric?: string;
  /** A dimension with an empty value matches any value of that name. */
  dimensions: Dimension[];
}

export interface ListMetricsResult {
  metrics: MetricInfo[];
}

export function registerListMetrics(program: Command, deps: Deps, run = listMetrics): void {
  addDocs(program.command('list-metrics'), docs)
    .description('list the metrics CloudWatch has data for')
    .option('--namespace <ns>', 'only this namespace, e.g. AWS/EC2')
    .option('--metric <name>', 'only this metric name')
    .option('--dimension <name[=value]>', 'only metrics with this dimension (repeatable; NAME alone matches any value)', dimensionArg('--dimension', true))
    .addOption(new Option('--metric-name <name>').hideHelp())
    .addOption(new Option('--dimensions <list>').argParser(dimensionsListArg('--dimensions', true)).hideHelp())
    .action(async (flags: { namespace?: string; metric?: string; metricName?: string; dimension?: Dimension[]; dimensions?: Dimension[] }, cmd: Command) => {
      const ctx = await contextOf(cmd, deps);
      const metric = flags.metric ?? flags.metricName;
      const opts: ListMetricsOptions = { ...(flags.namespace ? { namespace: flags.namespace } : {}), ...(metric ? { metric } : {}), dimensions: [...(flags.dimension ?? []), ...(flags.dimensions ?? [])] };
      await render(await run(opts, ctx), listMetricsView, ctx, ctx.io);
    });
}

export async function listMetrics(opts: ListMetricsOptions, ctx: Ctx): Promise<ListMetricsResult> {
  const cw = await import('../../services/cloudwatch-metrics.js');
  return { metrics: await cw.listMetrics(await ctx.aws.cloudwatch(), opts) };
}

const dims = (m: MetricInfo) => m.dimensions.map((d) => `${d.name}=${d.value}`).join(',');

const listMetricsView: View<ListMetricsResult> = {
  empty: (r) => (r.metrics.length ? undefined : 'no metrics'),
  table: (r) => ({ head: ['METRIC', 'NAMESPACE', 'DIMENSIONS'], rows: r.metrics.map((m) => [m.name, m.namespace, cell(dims(m))]) }),
  text: (r) => r.metrics.map((m) => [m.name, m.namespace, dims(m)]),
  json: (r) => r,
};
