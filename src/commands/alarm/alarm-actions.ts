import { type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `alarm-actions` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('alarm-actions', {
  actions: [
    'cloudwatch:DescribeAlarms',
    'cloudwatch:DisableAlarmActions',
    'cloudwatch:EnableAlarmActions',
  ],
});

/** Parsed arguments of `alarm-actions enable|disable NAME…`. */
export interface AlarmActionsOptions {
  enabled: boolean;
  names: string[];
  dryRun: boolean;
}

const docs: CommandDocs = {
  examples: [
    "scalectl alarm-actions disable cpu-high cpu-low",
    "scalectl alarm-actions enable cpu-high cpu-low",
  ],
  text: [
    "name, status (updated or unchanged), one alarm a line",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4, 5],
};

export function registerAlarmActions(program: Command, deps: Deps, run = alarmActions): void {
  const cmd = addDocs(program.command('alarm-actions'), docs)
    .description("switch alarms' actions on or off (e.g. off for maintenance); the alarms keep evaluating")
    .argument('<enable|disable>', 'enable or disable')
    .argument('[names...]', 'alarm names');
  addDryRun(cmd);
  cmd.action(async (verb: string, names: string[], f: { dryRun?: boolean }, c: Command) => {
    const opts = alarmActionsOptions(verb, names, f);
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    await renderChange(result, ctx);
  });
}

/** Arguments → options; every usage error is raised here, before any request. */
export function alarmActionsOptions(verb: string, names: string[], f: { dryRun?: boolean }): AlarmActionsOptions {
  const v = verb.toLowerCase();
  if (v !== 'enable' && v !== 'disable') throw new UsageError(`alarm-actions takes enable or disable first, got "${verb}"`, 'e.g. scalectl alarm-actions disable cpu-high');
  if (!names.length) throw new UsageError(`alarm-actions ${v} needs at least one alarm name`);
  return { enabled: v === 'enable', names: [...new Set(names)], dryRun: f.dryRun === true };
}

/** Enables or disables the actions of the alarms whose setting differs; all names must exist. */
export async function alarmActions(o: AlarmActionsOptions, ctx: Ctx): Promise<ChangeReport[] | PlanResult> {
  const cw = await import('../../services/cloudwatch.js');
  const act = await import('../../services/cloudwatch-actions.js');
  const live = await readLive(ctx, o.dryRun, async () => cw.describeAlarms(await ctx.aws.cloudwatch(), { names: o.names }), undefined);
  if (live) {
    const missing = o.names.filter((n) => !live.some((a) => a.name === n));
    if (missing.length) throw new NotFoundError(`no alarm named ${missing.join(', ')}`, 'nothing was changed; list them with "scalectl describe-alarms"');
  }
  const verb = o.enabled ? 'enable' : 'disable';
  const toChange = o.names.filter((n) => live?.find((a) => a.name === n)?.actionsEnabled !== o.enabled);
  const steps: Step[] = o.names.filter((n) => !toChange.includes(n)).map((n) => ({ action: 'unchanged', resource: 'alarm', name: n, detail: `actions already ${verb}d`, run: async () => {} }));
  if (toChange.length) {
    const operation = o.enabled ? 'EnableAlarmActions' : 'DisableAlarmActions';
    steps.push({ action: 'set', resource: 'alarm', name: toChange.join(','), detail: `${verb} actions`, request: { service: 'cloudwatch', operation, input: { AlarmNames: toChange } }, run: async () => act.setAlarmActionsEnabled(await ctx.aws.cloudwatch(), { names: toChange, enabled: o.enabled }) });
  }
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return o.names.map((name) => (toChange.includes(name) ? { kind: 'alarm', name, status: 'updated', changes: [`${verb} actions`] } : { kind: 'alarm', name, status: 'unchanged', changes: [] }));
}
