import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { NotFoundError } from '../../errors.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf } from '../options.js';
import { liveGroup } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `execute-policy` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('execute-policy', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribePolicies',
    'autoscaling:ExecutePolicy',
  ],
});

/** Parsed flags of `execute-policy`. */
export interface ExecutePolicyOptions {
  policy: string;
  group: string;
  honorCooldown: boolean;
  dryRun: boolean;
}

const docs: CommandDocs = {
  examples: [
    "scalectl execute-policy scale-up --asg web-asg",
    "scalectl execute-policy scale-up --asg web-asg --honor-cooldown",
  ],
  text: [
    "name, status (updated)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

export function registerExecutePolicy(program: Command, deps: Deps, run: (o: ExecutePolicyOptions, ctx: Ctx) => Promise<ChangeReport | PlanResult> = executePolicy): void {
  const cmd = addDocs(program.command('execute-policy'), docs)
    .description('run a scaling policy now, as its alarm would')
    .argument('<policy>', 'policy name')
    .requiredOption('--asg <group>', 'the group the policy belongs to')
    .option('--honor-cooldown', 'refuse while the group is in its cooldown period');
  addDryRun(cmd);
  cmd.action(async (policy: string, f: { asg: string; honorCooldown?: boolean; dryRun?: boolean }, c: Command) => {
    const ctx = await contextOf(c, deps);
    await renderChange(await run({ policy, group: f.asg, honorCooldown: f.honorCooldown === true, dryRun: f.dryRun === true }, ctx), ctx);
  });
}

/** Runs the policy once. Always `updated`: running a policy is never a no-op to report as unchanged. */
export async function executePolicy(o: ExecutePolicyOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  const [ops, asp] = await Promise.all([import('../../services/autoscaling-ops.js'), import('../../services/autoscaling-policies.js')]);
  const group = await liveGroup(ctx, o.group, o.dryRun);
  if (group) {
    const found = await readLive(ctx, o.dryRun, async () => asp.findPolicy(await ctx.aws.autoscaling(), { group: o.group, name: o.policy }), undefined);
    if (!found) throw new NotFoundError(`scaling policy ${o.policy} does not exist in group ${o.group}`, `list them with "scalectl describe-policies --asg ${o.group}"`);
  }
  const input = { group: o.group, policy: o.policy, honorCooldown: o.honorCooldown };
  const steps: Step[] = [{ action: 'execute', resource: 'scaling-policy', name: `${o.group}/${o.policy}`, request: { service: 'autoscaling', operation: 'ExecutePolicy', input: ops.executePolicyInput(input) }, run: async () => ops.executePolicy(await ctx.aws.autoscaling(), input) }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { kind: 'scaling-policy', name: o.policy, status: 'updated', changes: [`executed on ${o.group}`] };
}
