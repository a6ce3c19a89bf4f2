import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { formatElapsed } from '../../domain/asg-options.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { OperationError, UsageError } from '../../errors.js';
import { executePlan, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf, durationArg, intArg } from '../options.js';
import { liveGroup } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `set-capacity` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('set-capacity', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:SetDesiredCapacity',
    'elasticloadbalancing:DescribeInstanceHealth',
  ],
  subject: 'auto-scaling-group',
});

/** Parsed flags of `set-capacity`. */
export interface SetCapacityOptions {
  group: string;
  desired: number;
  honorCooldown: boolean;
  wait: boolean;
  timeoutSeconds: number;
  dryRun: boolean;
}

/** The change, plus how the wait ended when --wait was given. */
export type SetCapacityResult = ChangeReport & { inService?: { ready: number; desired: number; elapsedSeconds: number } };

/** How often --wait looks at the group. */
const POLL_MS = 15_000;

const docs: CommandDocs = {
  examples: [
    "scalectl set-capacity web-asg 3 --wait",
    "scalectl set-capacity web-asg 3 --honor-cooldown",
    "scalectl set-capacity web-asg 6 --dry-run",
  ],
  text: [
    "name, status (updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

export function registerSetCapacity(program: Command, deps: Deps, run: (o: SetCapacityOptions, ctx: Ctx) => Promise<SetCapacityResult | PlanResult> = setCapacity): void {
  const cmd = addDocs(program.command('set-capacity'), docs)
    .description("set an Auto Scaling group's desired capacity (within its min and max)")
    .argument('<group>', 'group name')
    .argument('<n>', 'desired capacity', intArg('N', 0))
    .option('--honor-cooldown', 'refuse while the group is in its cooldown period (AWS ScalingActivityInProgress)')
    .option('--wait', 'wait until the desired instances are InService and healthy (and InService in the load balancers)')
    .addOption(new Option('--timeout <duration>', 'how long --wait waits').argParser(durationArg('--timeout')).default(600, '10m'));
  addDryRun(cmd);
  cmd.action(async (group: string, n: number, f: { honorCooldown?: boolean; wait?: boolean; timeout: number; dryRun?: boolean }, c: Command) => {
    const ctx = await contextOf(c, deps);
    await renderChange(await run({ group, desired: n, honorCooldown: f.honorCooldown === true, wait: f.wait === true, timeoutSeconds: f.timeout, dryRun: f.dryRun === true }, ctx), ctx);
  });
}

export async function setCapacity(o: SetCapacityOptions, ctx: Ctx): Promise<SetCapacityResult | PlanResult> {
  const ops = await import('../../services/autoscaling-ops.js');
  const g = await liveGroup(ctx, o.group, o.dryRun);
  if (g && (o.desired < g.min || o.desired > g.max)) {
    throw new UsageError(`desired capacity ${o.desired} is outside the group's range [${g.min}, ${g.max}]`, `pick a number from ${g.min} to ${g.max}, or change the range with "scalectl update-asg ${o.group} --min … --max …"`);
  }
  const unchanged = g !== undefined && g.desired === o.desired;
  const input = { group: o.group, desired: o.desired, honorCooldown: o.honorCooldown };
  const steps: Step[] = unchanged
    ? [{ action: 'unchanged', resource: 'auto-scaling-group', name: o.group, detail: `desired ${o.desired}`, run: async () => {} }]
    : [{ action: 'update', resource: 'auto-scaling-group', name: o.group, detail: `desired ${g ? `${g.desired} → ` : ''}${o.desired}`, request: { service: 'autoscaling', operation: 'SetDesiredCapacity', input: ops.setDesiredCapacityInput(input) }, run: async () => ops.setDesiredCapacity(await ctx.aws.autoscaling(), input) }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  const result: SetCapacityResult = { kind: 'auto-scaling-group', name: o.group, status: unchanged ? 'unchanged' : 'updated', changes: unchanged ? [] : [`desired ${g?.desired} → ${o.desired}`] };
  if (o.wait) result.inService = await waitInService(o, ctx);
  return result;
}

async function waitInService(o: SetCapacityOptions, ctx: Ctx): Promise<NonNullable<SetCapacityResult['inService']>> {
  const as = await import('../../services/autoscaling.js');
  const end = await as.waitForGroupInService(await ctx.aws.autoscaling(), {
    name: o.group, elb: () => ctx.aws.elb(), timeoutMs: o.timeoutSeconds * 1000, pollMs: POLL_MS, clock: ctx.clock, signal: ctx.signal,
    onProgress: (p) => ctx.log.status(`waiting for ${o.group}: ${p.ready} of ${p.desired} instances InService (${formatElapsed(p.elapsedMs)})`),
  });
  ctx.log.endStatus();
  if (!end.done) {
    throw new OperationError(`timed out after ${formatElapsed(o.timeoutSeconds * 1000)} waiting for ${o.group}: ${end.ready} of ${end.desired} instances InService; still pending: ${end.pending.join(', ')}`, `the desired capacity is set; see why with "scalectl activities ${o.group}"`);
  }
  return { ready: end.ready, desired: end.desired, elapsedSeconds: Math.round(end.elapsedMs / 1000) };
}
