import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { actionLabel, conditionText } from '../../domain/alarm.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import type { Style } from '../../output/style.js';
import type { Alarm } from '../../services/cloudwatch.js';
import { dimensionArg, type Dimension } from '../../domain/metric-args.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl describe-alarms",
    "scalectl describe-alarms --state ALARM --output text",
    "scalectl describe-alarms --prefix web-",
  ],
  text: [
    "name, state, metric, condition, actions",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `describe-alarms` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('describe-alarms', {
  actions: [
    'cloudwatch:DescribeAlarms',
    'cloudwatch:DescribeAlarmsForMetric',
  ],
  subject: 'alarm',
});

/** Parsed flags of `describe-alarms`. */
export interface DescribeAlarmsOptions {
  names: string[];
  state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  prefix?: string;
  /** Only the alarms watching this metric with exactly these dimensions (DescribeAlarmsForMetric). */
  metric?: { name: string; namespace: string; dimensions: Dimension[] };
}

/** One alarm as describe-alarms reports it. */
export interface AlarmView {
  name: string;
  state: string;
  namespace: string;
  metric: string;
  dimensions: Array<{ name: string; value: string }>;
  /** The condition as a person reads it: "CPUUtilization avg > 80 for 2 × 60s". */
  condition: string;
  /** Alarm actions: a scaling policy's name, else the ARN. */
  actions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  actionArns: string[];
  description?: string;
}

export interface DescribeAlarmsResult {
  alarms: AlarmView[];
}

export function registerDescribeAlarms(program: Command, deps: Deps, run = describeAlarms): void {
  addDocs(program.command('describe-alarms'), docs)
    .description('list metric alarms: state, metric, condition and actions')
    .argument('[names...]', 'alarm names (default: all)')
    .addOption(new Option('--state <state>', 'only alarms in this state').choices(['OK', 'ALARM', 'INSUFFICIENT_DATA']))
    .addOption(new Option('--prefix <prefix>', 'only alarms whose name starts with this'))
    .addOption(new Option('--state-value <state>').choices(['OK', 'ALARM', 'INSUFFICIENT_DATA']).hideHelp())
    .addOption(new Option('--alarm-name-prefix <prefix>').hideHelp())
    .option('--metric <name>', 'only the alarms watching this metric (with --namespace, and --dimension as the alarms have them)')
    .option('--namespace <ns>', 'namespace of --metric, e.g. AWS/EC2')
    .option('--dimension <name=value>', 'dimension of --metric (repeatable)', dimensionArg())
    .action(async (names: string[], flags: { state?: DescribeAlarmsOptions['state']; stateValue?: DescribeAlarmsOptions['state']; prefix?: string; alarmNamePrefix?: string; metric?: string; namespace?: string; dimension?: Dimension[] }, cmd: Command) => {
      const prefix = flags.prefix ?? flags.alarmNamePrefix;
      const state = flags.state ?? flags.stateValue;
      if (prefix && names.length) {
        throw new UsageError('give alarm names or --prefix, not both', 'CloudWatch cannot filter by both at once');
      }
      const metric = metricFilter(flags, names, prefix);
      const ctx = await contextOf(cmd, deps);
      const result = await run({ names, ...(state ? { state } : {}), ...(prefix ? { prefix } : {}), ...(metric ? { metric } : {}) }, ctx);
      await render(result, describeAlarmsView, ctx, ctx.io);
    });
}

/** --metric with --namespace (and --dimension); neither names nor --prefix go with it. */
function metricFilter(f: { metric?: string; namespace?: string; dimension?: Dimension[] }, names: string[], prefix: string | undefined): DescribeAlarmsOptions['metric'] {
  if (f.metric === undefined) {
    if (f.namespace !== undefined || f.dimension) throw new UsageError('--namespace and --dimension go with --metric', 'e.g. describe-alarms --metric CPUUtilization --namespace AWS/EC2');
    return undefined;
  }
  if (!f.namespace) throw new UsageError('--metric needs --namespace', 'e.g. --metric CPUUtilization --namespace AWS/EC2');
  if (names.length || prefix) throw new UsageError('give alarm names, --prefix or --metric, not more than one', 'CloudWatch looks alarms up one way at a time');
  return { name: f.metric, namespace: f.namespace, dimensions: f.dimension ?? [] };
}

export async function describeAlarms(opts: DescribeAlarmsOptions, ctx: Ctx): Promise<DescribeAlarmsResult> {
  if (opts.metric) {
    const act = await import('../../services/cloudwatch-actions.js');
    const found = await act.describeAlarmsForMetric(await ctx.aws.cloudwatch(), { metric: opts.metric.name, namespace: opts.metric.namespace, dimensions: opts.metric.dimensions });
    return { alarms: found.filter((a) => !opts.state || a.state === opts.state).map(toView) };
  }
  const cw = await import('../../services/cloudwatch.js');
  const found = await cw.describeAlarms(await ctx.aws.cloudwatch(), opts);
  if (opts.names.length && !opts.state) {
    const missing = opts.names.filter((n) => !found.some((a) => a.name === n));
    if (missing.length) throw new NotFoundError(`no alarm named ${missing.join(', ')}`, 'list them with "scalectl describe-alarms"');
  }
  return { alarms: found.map(toView) };
}

function toView(a: Alarm): AlarmView {
  return {
    name: a.name,
    state: a.state ?? 'UNKNOWN',
    namespace: a.namespace,
    metric: a.metric,
    dimensions: a.dimensions,
    condition: conditionText(a),
    actions: a.alarmActions.map(actionLabel),
    okActions: a.okActions.map(actionLabel),
    insufficientDataActions: a.insufficientDataActions.map(actionLabel),
    actionArns: a.alarmActions,
    ...(a.description ? { description: a.description } : {}),
  };
}

function colourState(state: string, st: Style): string {
  return state === 'ALARM' ? st.red(state) : state === 'OK' ? st.green(state) : st.yellow(state);
}

const metricLabel = (a: AlarmView) => `${a.namespace} ${a.metric}${a.dimensions.length ? ` (${a.dimensions.map((d) => `${d.name}=${d.value}`).join(',')})` : ''}`;

export const describeAlarmsView: View<DescribeAlarmsResult> = {
  empty: (r) => (r.alarms.length ? undefined : 'no metric alarms'),
  table: (r, st) => ({
    head: ['NAME', 'STATE', 'METRIC', 'CONDITION', 'ACTIONS'],
    rows: r.alarms.map((a) => [a.name, colourState(a.state, st), metricLabel(a), a.condition, cell(a.actions.join(', '))]),
  }),
  text: (r) => r.alarms.map((a) => [a.name, a.state, metricLabel(a), a.condition, a.actions.join(',')]),
  json: (r) => r,
};
