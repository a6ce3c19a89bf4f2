import type { Command } from 'commander';
import { nameProblem } from '../../domain/aws-names.js';
import type { Ctx, Deps } from '../../deps.js';
import { describePolicySpec, policyMatches, policySpecFrom, type PolicyFlags, type PolicySpec } from '../../domain/policy.js';
import { NotFoundError, OperationError, UsageError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf, intArg, numberArg } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl put-policy scale-up --asg web-asg --adjust +1 --cooldown 300",
    "scalectl put-policy scale-down --asg web-asg --adjust=-1",
    "scalectl put-policy cpu-50 --asg web-asg --target-cpu 50",
  ],
  text: [
    "policy-arn",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `put-policy` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('put-policy', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribePolicies',
    'autoscaling:PutScalingPolicy',
  ],
});

/** Parsed flags of `put-policy`. */
export interface PutPolicyOptions {
  name: string;
  group: string;
  spec: PolicySpec;
  dryRun: boolean;
}

/** What put-policy did; `arn` is what a script captures (the only text field). */
export interface PutPolicyResult {
  name: string;
  group: string;
  arn: string;
  action: 'created' | 'updated' | 'unchanged';
  /** SimpleScaling or TargetTrackingScaling. */
  type: string;
}

interface Flags extends PolicyFlags {
  asg?: string;
  autoScalingGroup?: string;
  dryRun?: boolean;
}

/** Reads of the policy after a put that leave the ARN out are retried this many times (eventual consistency). */
const LOOKUP_ATTEMPTS = 4;

export function registerPutPolicy(program: Command, deps: Deps, run: (o: PutPolicyOptions, ctx: Ctx) => Promise<PutPolicyResult | PlanResult> = putPolicy): void {
  const cmd = addDocs(program.command('put-policy'), docs)
    .description('create or update a scaling policy and print its ARN')
    .argument('<name>', 'policy name')
    .option('--asg <group>', 'Auto Scaling group (legacy: --auto-scaling-group)')
    .option('--auto-scaling-group <group>')
    .option('--adjust <n>', 'change in capacity: 1, +2, -1 (or --adjust=-1)', intArg('--adjust'))
    .option('--exact <n>', 'set capacity to exactly N', intArg('--exact'))
    .option('--percent <n>', 'change capacity by N percent (negative to scale in)', intArg('--percent'))
    .option('--min-step <n>', 'with --percent: change by at least N instances', intArg('--min-step', 1))
    .option('--cooldown <seconds>', 'seconds before another simple-scaling activity', intArg('--cooldown', 0))
    .option('--target-cpu <percent>', 'target tracking: keep average CPU at PERCENT', numberArg('--target-cpu'))
    .option('--target-metric <metric>', 'target tracking: ASGAverageCPUUtilization, ASGAverageNetworkIn, ASGAverageNetworkOut, ALBRequestCountPerTarget')
    .option('--target-value <value>', 'target tracking: the value to keep --target-metric at', numberArg('--target-value'))
    .option('--resource-label <label>', 'with ALBRequestCountPerTarget: app/LB/ID/targetgroup/TG/ID')
    .option('--type <type>', 'legacy: ChangeInCapacity, ExactCapacity or PercentChangeInCapacity, with --adjustment')
    .option('--adjustment <n>', 'legacy: the amount for --type (write --adjustment=-1)', intArg('--adjustment'));
  addDryRun(cmd);
  cmd.action(async (name: string, f: Flags, c: Command) => {
    const bad = nameProblem('policy name', name);
    if (bad) throw new UsageError(bad, 'AWS takes 1 to 255 characters without control characters');
    const opts = putPolicyOptions(name, f);
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, putPolicyView, ctx, ctx.io);
  });
}

export function putPolicyOptions(name: string, f: Flags): PutPolicyOptions {
  if (f.asg && f.autoScalingGroup && f.asg !== f.autoScalingGroup) throw new UsageError(`--asg ${f.asg} and --auto-scaling-group ${f.autoScalingGroup} name different groups; pass one`);
  const group = f.asg ?? f.autoScalingGroup;
  if (!group) throw new UsageError('which group? pass --asg GROUP');
  let spec: PolicySpec;
  try {
    spec = policySpecFrom(f);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { name, group, spec, dryRun: f.dryRun === true };
}

export async function putPolicy(o: PutPolicyOptions, ctx: Ctx): Promise<PutPolicyResult | PlanResult> {
  const [as, asp] = await Promise.all([import('../../services/autoscaling.js'), import('../../services/autoscaling-policies.js')]);
  const client = () => ctx.aws.autoscaling();
  const live = await readLive(ctx, o.dryRun, async () => {
    if (!(await as.findGroup(await client(), o.group))) throw new NotFoundError(`Auto Scaling group ${o.group} does not exist`, 'check the name with "scalectl describe-asgs", or create it with "scalectl create-asg"');
    return { policy: await asp.findPolicy(await client(), { group: o.group, name: o.name }) };
  }, { policy: undefined });
  const type = o.spec.kind === 'target' ? 'TargetTrackingScaling' : 'SimpleScaling';
  const input = asp.policyInput(o);
  const unchanged = live.policy !== undefined && policyMatches(live.policy, o.spec);
  let arn: string | undefined = live.policy?.arn;
  const steps: Step[] = [
    unchanged
      ? { action: 'unchanged', resource: 'scaling-policy', name: o.name, run: async () => {} }
      : { action: live.policy ? 'update' : 'create', resource: 'scaling-policy', name: o.name, detail: `${describePolicySpec(o.spec)} on ${o.group}`, request: { service: 'autoscaling', operation: 'PutScalingPolicy', input }, run: async () => void (arn = await asp.putPolicy(await client(), o)) },
  ];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  // Never trust the response to carry the ARN (some endpoints leave it out): read it back.
  for (let attempt = 1; !arn && attempt <= LOOKUP_ATTEMPTS; attempt++) {
    if (attempt > 1) await ctx.clock.sleep(1000 * 2 ** (attempt - 2), ctx.signal);
    arn = (await asp.findPolicy(await client(), { group: o.group, name: o.name }))?.arn;
  }
  if (!arn) throw new OperationError(`policy ${o.name} on ${o.group} was put, but AWS did not say its ARN`, `read it with "scalectl describe-policies --asg ${o.group}"`);
  return { name: o.name, group: o.group, arn, action: unchanged ? 'unchanged' : live.policy ? 'updated' : 'created', type };
}

const putPolicyView: View<PutPolicyResult> = {
  table: (r, st) => ({ head: ['POLICY', 'GROUP', 'TYPE', 'RESULT', 'ARN'], rows: [[r.name, r.group, r.type, r.action === 'unchanged' ? st.dim(r.action) : st.green(r.action), r.arn]] }),
  text: (r) => [[r.arn]],
  json: (r) => ({ kind: 'scaling-policy', name: r.name, status: r.action, changes: r.action === 'unchanged' ? [] : [`${r.action === 'created' ? 'create' : 'update'} ${r.type} policy on ${r.group}`], group: r.group, arn: r.arn, type: r.type }),
};
