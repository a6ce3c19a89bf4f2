import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { checkInstanceIds, checkLbName } from '../../domain/listeners.js';
import { NotFoundError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult } from '../../plan.js';
import type { LoadBalancerSummary } from '../../services/elb.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { addDryRun, contextOf } from '../options.js';

// What register-instances and deregister-instances share: they are mirror images of one change
// to a load balancer's instance list.

/** Parsed arguments of `register-instances` / `deregister-instances`. */
export interface MembershipOptions {
  name: string;
  instances: string[];
  dryRun: boolean;
}

/** The JSON contract of both commands. */
export interface MembershipResult {
  loadBalancer: string;
  status: 'updated' | 'unchanged';
  /** The ids this run (de)registered; those already in the wanted state are left out. */
  changed: string[];
  /** Every instance registered afterwards. */
  instances: string[];
}

export type Direction = 'register' | 'deregister';
type Run = (opts: MembershipOptions, ctx: Ctx) => Promise<MembershipResult | PlanResult>;

/** Declares one of the two commands: `NAME ID…` plus --dry-run; results in the given view. */
export function addMembershipCommand(program: Command, deps: Deps, spec: { command: string; description: string; run: Run; view: View<MembershipResult>; docs: CommandDocs }): void {
  const cmd = addDocs(program.command(spec.command), spec.docs).description(spec.description).argument('<name>', 'load balancer name').argument('<ids...>', 'instance ids (i-…)');
  addDryRun(cmd).action(async (name: string, ids: string[], flags: { dryRun?: boolean }, c: Command) => {
    const opts = { name: checkLbName(name), instances: checkInstanceIds(ids.flatMap((i) => i.split(',')).map((i) => i.trim()).filter(Boolean)), dryRun: flags.dryRun === true };
    const ctx = await contextOf(c, deps);
    const result = await spec.run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, spec.view, ctx, ctx.io);
  });
}

/** Registers or deregisters only the instances not already in the wanted state. */
export async function changeMembership(direction: Direction, opts: MembershipOptions, ctx: Ctx): Promise<MembershipResult | PlanResult> {
  const elb = await import('../../services/elb.js');
  const offline = Symbol('offline');
  const lb = await readLive<(LoadBalancerSummary & { targetGroupArns?: string[] }) | undefined | typeof offline>(ctx, opts.dryRun, async () =>
    (await elb.findLoadBalancer(await ctx.aws.elb(), opts.name)) ?? (await import('../../services/elbv2-describe.js')).findV2Described(await ctx.aws.elbv2(), opts.name), offline);
  if (lb === undefined) throw new NotFoundError(`load balancer ${opts.name} not found in this region`, 'run "scalectl describe-lbs" to list them');
  const registered = lb === offline ? [] : lb.instances;
  const todo =
    direction === 'register'
      ? opts.instances.filter((i) => !registered.includes(i))
      : lb === offline ? opts.instances : opts.instances.filter((i) => registered.includes(i));
  if (todo.length === 0) return { loadBalancer: opts.name, status: 'unchanged', changed: [], instances: registered };
  let after = registered;
  const input = { name: opts.name, instances: todo };
  if (lb !== offline && lb.targetGroupArns) return changeTargets(direction, { ...opts, targetGroupArns: lb.targetGroupArns, registered, todo }, ctx);
  const steps = [{
    action: direction, resource: 'instances', name: opts.name, detail: todo.join(', '),
    request: { service: 'elb', operation: direction === 'register' ? 'RegisterInstancesWithLoadBalancer' : 'DeregisterInstancesFromLoadBalancer', input },
    run: async () => {
      const client = await ctx.aws.elb();
      const listed = direction === 'register' ? await elb.registerInstances(client, input) : await elb.deregisterInstances(client, input);
      // An empty list is "not said" (moto) or, after a deregister, "none left" (AWS): either way
      // the list is what we had with this run's change applied.
      after = listed.length ? listed : direction === 'register' ? [...registered, ...todo] : registered.filter((i) => !todo.includes(i));
    },
  }];
  if (opts.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { loadBalancer: opts.name, status: 'updated', changed: todo, instances: after };
}

/** The same change on an application or network load balancer: the instances as targets of each of its target groups. */
async function changeTargets(direction: Direction, o: MembershipOptions & { targetGroupArns: string[]; registered: string[]; todo: string[] }, ctx: Ctx): Promise<MembershipResult | PlanResult> {
  const v2 = await import('../../services/elbv2-teardown.js');
  const steps = o.targetGroupArns.map((arn) => ({
    action: direction, resource: 'targets', name: arn.split('/')[1] ?? arn, detail: o.todo.join(', '),
    request: { service: 'elbv2', operation: direction === 'register' ? 'RegisterTargets' : 'DeregisterTargets', input: { TargetGroupArn: arn, Targets: o.todo.map((Id) => ({ Id })) } },
    run: async () => (direction === 'register' ? v2.registerTargets : v2.deregisterTargets)(await ctx.aws.elbv2(), { arn, instances: o.todo }),
  }));
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  const after = direction === 'register' ? [...o.registered, ...o.todo] : o.registered.filter((i) => !o.todo.includes(i));
  return { loadBalancer: o.name, status: 'updated', changed: o.todo, instances: after };
}
