import type { Command } from 'commander';
import type { Ctx, Deps } from '../deps.js';
import { checkInstanceIds } from '../domain/listeners.js';
import { NotFoundError } from '../errors.js';
import { render, type View } from '../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult } from '../plan.js';
import type { LoadBalancerSummary } from '../services/elb.js';
import { addDryRun, contextOf } from './options.js';

/** Parsed arguments of `register-instances`. */
export interface RegisterInstancesOptions {
  name: string;
  instances: string[];
  dryRun: boolean;
}

export interface RegisterInstancesResult {
  loadBalancer: string;
  status: 'updated' | 'unchanged';
  /** The ids this run registered (those already registered are left out). */
  changed: string[];
  /** Every instance registered afterwards. */
  instances: string[];
}

export function registerRegisterInstances(program: Command, deps: Deps, run = registerInstances): void {
  const cmd = program
    .command('register-instances')
    .description('register instances with a load balancer')
    .argument('<name>', 'load balancer name')
    .argument('<ids...>', 'instance ids (i-…)');
  addDryRun(cmd).action(async (name: string, ids: string[], flags: { dryRun?: boolean }, c: Command) => {
    const opts = { name, instances: checkInstanceIds(ids.flatMap((i) => i.split(',')).map((i) => i.trim()).filter(Boolean)), dryRun: flags.dryRun === true };
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, registerView, ctx, ctx.io);
  });
}

export async function registerInstances(opts: RegisterInstancesOptions, ctx: Ctx): Promise<RegisterInstancesResult | PlanResult> {
  const elb = await import('../services/elb.js');
  const offline = Symbol('offline');
  const lb = await readLive<LoadBalancerSummary | undefined | typeof offline>(ctx, opts.dryRun, async () => elb.findLoadBalancer(await ctx.aws.elb(), opts.name), offline);
  if (lb === undefined) throw new NotFoundError(`load balancer ${opts.name} not found in this region`, 'run "scalectl describe-lbs" to list them');
  const registered = lb === offline ? [] : lb.instances;
  const todo = opts.instances.filter((i) => !registered.includes(i));
  if (todo.length === 0) return { loadBalancer: opts.name, status: 'unchanged', changed: [], instances: registered };
  let after = registered;
  const input = { name: opts.name, instances: todo };
  const steps = [{
    action: 'register', resource: 'instances', name: opts.name, detail: todo.join(', '),
    request: { service: 'elb', operation: 'RegisterInstancesWithLoadBalancer', input },
    run: async () => {
      const listed = await elb.registerInstances(await ctx.aws.elb(), input);
      // Real AWS lists at least the new ones; an empty list (moto) means "not said".
      after = listed.length ? listed : [...registered, ...todo];
    },
  }];
  if (opts.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { loadBalancer: opts.name, status: 'updated', changed: todo, instances: after };
}

/** text: one line per instance registered afterwards (as the legacy tool printed). */
const registerView: View<RegisterInstancesResult> = {
  table: (r) => ({ head: ['INSTANCE', 'REGISTERED'], rows: r.instances.map((i) => [i, r.changed.includes(i) ? 'now' : 'already']) }),
  text: (r) => r.instances.map((i) => [i]),
  json: (r) => r,
};
