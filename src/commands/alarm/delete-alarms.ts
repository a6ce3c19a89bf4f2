import { type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { OperationError, UsageError } from '../../errors.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, addYes, contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `delete-alarms` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('delete-alarms', {
  actions: [
    'cloudwatch:DeleteAlarms',
    'cloudwatch:DescribeAlarms',
  ],
});

/** Parsed arguments of `delete-alarms NAME…`. */
export interface DeleteAlarmsOptions {
  names: string[];
  yes: boolean;
  dryRun: boolean;
}

const docs: CommandDocs = {
  examples: [
    "scalectl delete-alarms cpu-old -y",
    "scalectl delete-alarms cpu-old cpu-older --dry-run",
  ],
  text: [
    "name, status (deleted, or unchanged for a name with no alarm), one alarm a line",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 5],
};

export function registerDeleteAlarms(program: Command, deps: Deps, run = deleteAlarms): void {
  const cmd = addDocs(program.command('delete-alarms'), docs)
    .description('delete metric alarms by name (outside a stack; teardown deletes a stack\'s own)')
    .argument('<names...>', 'alarm names');
  addYes(cmd);
  addDryRun(cmd);
  cmd.action(async (names: string[], f: { yes?: boolean; dryRun?: boolean }, c: Command) => {
    const opts: DeleteAlarmsOptions = { names: [...new Set(names)], yes: f.yes === true, dryRun: f.dryRun === true };
    if (!opts.dryRun && !opts.yes && !deps.io.stdinIsTTY) throw new UsageError('delete-alarms deletes alarms and stdin is not a terminal to confirm', 'pass --yes to delete without asking, or --dry-run to see the plan');
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    await renderChange(result, ctx);
  });
}

/**
 * Deletes the named alarms that exist (100 a request), after a prompt on a terminal unless --yes.
 * A name with no alarm is reported on stderr and in the result (`found: false`), and is no error:
 * what was asked for, no such alarm, is true afterwards.
 */
export async function deleteAlarms(o: DeleteAlarmsOptions, ctx: Ctx): Promise<ChangeReport[] | PlanResult> {
  const cw = await import('../../services/cloudwatch.js');
  const act = await import('../../services/cloudwatch-actions.js');
  const live = await readLive(ctx, o.dryRun, async () => cw.describeAlarms(await ctx.aws.cloudwatch(), { names: o.names }), undefined);
  const exists = (n: string) => !live || live.some((a) => a.name === n);
  const targets = o.names.filter(exists);
  const missing = o.names.filter((n) => !exists(n));
  for (const n of missing) ctx.log.warn(`no alarm named ${n}; nothing to delete`);
  const steps: Step[] = [];
  for (let i = 0; i < targets.length; i += act.ALARM_NAMES_PER_REQUEST) {
    const batch = targets.slice(i, i + act.ALARM_NAMES_PER_REQUEST);
    steps.push({ action: 'delete', resource: batch.length > 1 ? 'alarms' : 'alarm', name: batch.join(','), request: { service: 'cloudwatch', operation: 'DeleteAlarms', input: { AlarmNames: batch } }, run: async () => act.deleteAlarms(await ctx.aws.cloudwatch(), { names: batch }) });
  }
  if (o.dryRun) return toPlan(steps);
  if (targets.length && !o.yes) {
    ctx.io.err(targets.map((n) => `  ${n}\n`).join(''));
    if (!(await ctx.confirm(targets.length === 1 ? 'Delete this alarm?' : `Delete these ${targets.length} alarms?`))) throw new OperationError('delete-alarms cancelled; nothing was deleted');
  }
  await executePlan(steps, ctx.log);
  return o.names.map((name) => (targets.includes(name) ? { kind: 'alarm', name, status: 'deleted', changes: [`delete alarm ${name}`] } : { kind: 'alarm', name, status: 'unchanged', changes: [], found: false }));
}
