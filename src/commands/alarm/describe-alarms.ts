import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { actionLabel, conditionText } from '../../domain/alarm.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import type { Style } from '../../output/style.js';
import type { Alarm } from '../../services/cloudwatch.js';
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

/** Parsed flags of `describe-alarms`. */
export interface DescribeAlarmsOptions {
  names: string[];
  state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  prefix?: string;
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
    .action(async (names: string[], flags: { state?: DescribeAlarmsOptions['state']; stateValue?: DescribeAlarmsOptions['state']; prefix?: string; alarmNamePrefix?: string }, cmd: Command) => {
      const prefix = flags.prefix ?? flags.alarmNamePrefix;
      const state = flags.state ?? flags.stateValue;
      if (prefix && names.length) {
        throw new UsageError('give alarm names or --prefix, not both', 'CloudWatch cannot filter by both at once');
      }
      const ctx = await contextOf(cmd, deps);
      const result = await run({ names, ...(state ? { state } : {}), ...(prefix ? { prefix } : {}) }, ctx);
      await render(result, describeAlarmsView, ctx, ctx.io);
    });
}

export async function describeAlarms(opts: DescribeAlarmsOptions, ctx: Ctx): Promise<DescribeAlarmsResult> {
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
