import { AWS_INT_MAX } from '../../domain/aws-names.js';
import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { checkSizes } from '../../domain/asg-options.js';
import { groupChanges, type GroupSettings } from '../../domain/asg-plan.js';
import { NotFoundError, UsageError } from '../../errors.js';

/** The group settings update-asg can change. */
type UpdatableSettings = Pick<GroupSettings, 'min' | 'max' | 'desired' | 'cooldown' | 'healthCheckType' | 'gracePeriod'>;
import { cell, render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf, intArg } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl update-asg web-asg --min 2 --max 8",
    "scalectl update-asg web-asg --desired 4 --dry-run",
  ],
  text: [
    "name, status (updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `update-asg` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('update-asg', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:UpdateAutoScalingGroup',
  ],
  subject: 'auto-scaling-group',
});

/** Parsed flags of `update-asg`. */
export interface UpdateAsgOptions {
  name: string;
  settings: UpdatableSettings;
  dryRun: boolean;
}

/** What update-asg did. */
export interface UpdateAsgResult {
  name: string;
  action: 'updated' | 'unchanged';
  /** Settings that were changed: min, max, desired, cooldown, healthCheckType, gracePeriod. */
  changed: string[];
}

type Flags = UpdatableSettings & { dryRun?: boolean };

export function registerUpdateAsg(program: Command, deps: Deps, run: (o: UpdateAsgOptions, ctx: Ctx) => Promise<UpdateAsgResult | PlanResult> = updateAsg): void {
  const cmd = addDocs(program.command('update-asg'), docs)
    .description("change an Auto Scaling group's sizes, cooldown or health check")
    .argument('<name>', 'group name')
    .option('--min <n>', 'minimum size', intArg('--min', 0))
    .option('--max <n>', 'maximum size', intArg('--max', 0))
    .option('--desired <n>', 'desired capacity', intArg('--desired', 0))
    .option('--cooldown <seconds>', 'default cooldown', intArg('--cooldown', 0))
    .addOption(new Option('--health-check-type <type>', 'what decides an instance is unhealthy').choices(['EC2', 'ELB']))
    .option('--grace-period <seconds>', 'health check grace period', intArg('--grace-period', 0, AWS_INT_MAX));
  addDryRun(cmd);
  cmd.action(async (name: string, f: Flags, c: Command) => {
    const opts = updateAsgOptions(name, f);
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, updateAsgView, ctx, ctx.io);
  });
}

export function updateAsgOptions(name: string, f: Flags): UpdateAsgOptions {
  const settings: UpdateAsgOptions['settings'] = {};
  for (const k of ['min', 'max', 'desired', 'cooldown', 'healthCheckType', 'gracePeriod'] as const) if (f[k] !== undefined) Object.assign(settings, { [k]: f[k] });
  if (Object.keys(settings).length === 0) throw new UsageError('nothing to change', 'pass at least one of --min, --max, --desired, --cooldown, --health-check-type, --grace-period');
  try {
    checkSizes(settings);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { name, settings, dryRun: f.dryRun === true };
}

export async function updateAsg(o: UpdateAsgOptions, ctx: Ctx): Promise<UpdateAsgResult | PlanResult> {
  const as = await import('../../services/autoscaling.js');
  const live = await readLive(ctx, o.dryRun, async () => {
    const g = await as.findGroup(await ctx.aws.autoscaling(), o.name);
    if (!g) throw new NotFoundError(`Auto Scaling group ${o.name} does not exist`, 'check the name with "scalectl describe-asgs", or create it with "scalectl create-asg"');
    return g;
  }, undefined);
  // Sizes given alone are checked against the live group, still before any write.
  if (live) {
    try {
      checkSizes({ min: o.settings.min ?? live.min, max: o.settings.max ?? live.max, ...(o.settings.desired !== undefined ? { desired: o.settings.desired } : {}) });
    } catch (e) {
      throw new UsageError(`${(e as Error).message.replace(/\.$/, '')} (the group has min ${live.min}, max ${live.max})`);
    }
  }
  const { changes, fields } = live ? groupChanges(live, o.settings) : { changes: o.settings, fields: Object.keys(o.settings) };
  const steps: Step[] = fields.length
    ? [{ action: 'update', resource: 'auto-scaling-group', name: o.name, detail: fields.join(', '), request: { service: 'autoscaling', operation: 'UpdateAutoScalingGroup', input: as.updateGroupInput({ name: o.name, settings: changes }) }, run: async () => as.updateGroup(await ctx.aws.autoscaling(), { name: o.name, settings: changes }) }]
    : [{ action: 'unchanged', resource: 'auto-scaling-group', name: o.name, run: async () => {} }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { name: o.name, action: fields.length ? 'updated' : 'unchanged', changed: fields };
}

const updateAsgView: View<UpdateAsgResult> = {
  table: (r, st) => ({ head: ['GROUP', 'RESULT', 'CHANGED'], rows: [[r.name, r.action === 'unchanged' ? st.dim(r.action) : st.green(r.action), cell(r.changed.join(', '))]] }),
  text: (r) => [[r.name, r.action]],
  json: (r) => ({ kind: 'auto-scaling-group', name: r.name, status: r.action, changes: r.changed.map((c) => `set ${c}`) }),
};
