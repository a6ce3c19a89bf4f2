import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { Policy } from '../../domain/policy.js';
import { NotFoundError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl describe-policies",
    "scalectl describe-policies --asg web-asg --output text",
  ],
  text: [
    "name, group, type, adjustment-type-or-metric, adjustment-or-target, cooldown, arn, alarms",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `describe-policies` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('describe-policies', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribePolicies',
  ],
});

/** Parsed flags of `describe-policies`. */
export interface DescribePoliciesOptions {
  /** Only this group's policies; all groups when absent. */
  group?: string;
}

/** One policy (JSON contract); fields that do not apply to its type are null. */
export interface PolicyView {
  name: string;
  group: string;
  /** SimpleScaling, StepScaling, TargetTrackingScaling, PredictiveScaling. */
  type: string;
  adjustmentType: string | null;
  adjustment: number | null;
  minStep: number | null;
  cooldown: number | null;
  targetMetric: string | null;
  targetValue: number | null;
  arn: string | null;
  /** CloudWatch alarms that fire the policy. */
  alarms: string[];
}

export interface DescribePoliciesResult {
  policies: PolicyView[];
}

export function registerDescribePolicies(program: Command, deps: Deps, run = describePolicies): void {
  addDocs(program.command('describe-policies'), docs)
    .description('show scaling policies with their ARNs and the alarms that fire them')
    .option('--asg <group>', 'only the policies of this group')
    .option('--auto-scaling-group <group>')
    .action(async (f: { asg?: string; autoScalingGroup?: string }, c: Command) => {
      const ctx = await contextOf(c, deps);
      const group = f.asg ?? f.autoScalingGroup;
      await render(await run(group ? { group } : {}, ctx), describePoliciesView, ctx, ctx.io);
    });
}

export async function describePolicies(o: DescribePoliciesOptions, ctx: Ctx): Promise<DescribePoliciesResult> {
  const [as, asp] = await Promise.all([import('../../services/autoscaling.js'), import('../../services/autoscaling-policies.js')]);
  const client = await ctx.aws.autoscaling();
  const policies = await asp.describePolicies(client, o.group ? { group: o.group } : {});
  // An unknown group gives an empty list from AWS; say so rather than print nothing.
  if (o.group && policies.length === 0 && !(await as.findGroup(client, o.group))) throw new NotFoundError(`Auto Scaling group ${o.group} does not exist`, 'list the groups with "scalectl describe-asgs"');
  return { policies: policies.map(toView) };
}

function toView(p: Policy): PolicyView {
  return {
    name: p.name,
    group: p.group,
    type: p.type,
    adjustmentType: p.adjustmentType ?? null,
    adjustment: p.adjustment ?? null,
    minStep: p.minStep ?? null,
    cooldown: p.cooldown ?? null,
    targetMetric: p.metric ?? null,
    targetValue: p.targetValue ?? null,
    arn: p.arn ?? null,
    alarms: p.alarms,
  };
}

const amount = (p: PolicyView) => (p.targetMetric ? `${p.targetMetric}=${p.targetValue}` : p.adjustment === null ? '' : `${p.adjustment > 0 && p.adjustmentType !== 'ExactCapacity' ? '+' : ''}${p.adjustment}${p.adjustmentType === 'PercentChangeInCapacity' ? '%' : ''}`);

const describePoliciesView: View<DescribePoliciesResult> = {
  empty: (r) => (r.policies.length ? undefined : 'no scaling policies'),
  table: (r) => ({
    head: ['POLICY', 'GROUP', 'TYPE', 'ADJUSTMENT', 'COOLDOWN', 'ALARMS', 'ARN'],
    rows: r.policies.map((p) => [p.name, p.group, p.type, cell(amount(p) && `${amount(p)}${p.adjustmentType && p.adjustmentType !== 'ChangeInCapacity' && p.adjustmentType !== 'PercentChangeInCapacity' ? ` (${p.adjustmentType})` : ''}`), cell(p.cooldown), cell(p.alarms.join(', ')), cell(p.arn)]),
  }),
  text: (r) => r.policies.map((p) => [p.name, p.group, p.type, p.targetMetric ?? p.adjustmentType ?? '', p.targetMetric ? p.targetValue ?? '' : p.adjustment ?? '', p.cooldown ?? '', p.arn ?? '', p.alarms.join(',')]),
  json: (r) => ({ policies: r.policies }),
};
