import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `unschedule` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('unschedule', {
  actions: [
    'autoscaling:DeleteScheduledAction',
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeScheduledActions',
  ],
});

/** Parsed flags of `unschedule`. */
export interface UnscheduleOptions {
  name: string;
  group: string;
  dryRun: boolean;
}

const docs: CommandDocs = {
  examples: [
    "scalectl unschedule mornings --asg web-asg",
    "scalectl unschedule mornings --asg web-asg --dry-run",
  ],
  text: [
    "name, status (deleted or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3],
};

export function registerUnschedule(program: Command, deps: Deps, run: (o: UnscheduleOptions, ctx: Ctx) => Promise<ChangeReport | PlanResult> = unschedule): void {
  const cmd = addDocs(program.command('unschedule'), docs)
    .description('delete a scheduled action (one already gone is unchanged)')
    .argument('<name>', 'scheduled action name')
    .requiredOption('--asg <group>', 'the group it belongs to');
  addDryRun(cmd);
  cmd.action(async (name: string, f: { asg: string; dryRun?: boolean }, c: Command) => {
    const ctx = await contextOf(c, deps);
    await renderChange(await run({ name, group: f.asg, dryRun: f.dryRun === true }, ctx), ctx);
  });
}

export async function unschedule(o: UnscheduleOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  const ops = await import('../../services/autoscaling-ops.js');
  const live = await readLive(ctx, o.dryRun, async () => ops.findScheduledAction(await ctx.aws.autoscaling(), { group: o.group, name: o.name }), { name: o.name, group: o.group });
  const label = `${o.group}/${o.name}`;
  const steps: Step[] = live
    ? [{ action: 'delete', resource: 'scheduled-action', name: label, request: { service: 'autoscaling', operation: 'DeleteScheduledAction', input: { AutoScalingGroupName: o.group, ScheduledActionName: o.name } }, run: async () => void (await ops.deleteScheduledActionIfExists(await ctx.aws.autoscaling(), { group: o.group, name: o.name })) }]
    : [{ action: 'unchanged', resource: 'scheduled-action', name: label, detail: 'not there', run: async () => {} }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { kind: 'scheduled-action', name: o.name, status: live ? 'deleted' : 'unchanged', changes: live ? [`deleted from ${o.group}`] : [] };
}
