import type { Command } from 'commander';
import type { Ctx, Deps } from '../deps.js';
import { checkInstanceIds } from '../domain/listeners.js';
import { NotFoundError } from '../errors.js';
import { render, type View } from '../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult } from '../plan.js';
import type { LoadBalancerSummary } from '../services/elb.js';
import { addDryRun, contextOf } from './options.js';

/** Parsed arguments of `deregister-instances`. */
export interface DeregisterInstancesOptions {
  name: string;
  instances: string[];
  dryRun: boolean;
}

export interface DeregisterInstancesResult {
  loadBalancer: string;
  status: 'updated' | 'unchanged';
  /** The ids this run deregistered (those not registered are left out). */
  changed: string[];
  /** Every instance still registered afterwards. */
  instances: string[];
}

export function registerDeregisterInstances(program: Command, deps: Deps, run = deregisterInstances): void {
  const cmd = program
    .command('deregister-instances')
    .description('deregister instances from a load balancer (connection draining applies)')
    .argument('<name>', 'load balancer name')
    .argument('<ids...>', 'instance ids (i-…)');
  addDryRun(cmd).action(async (name: string, ids: string[], flags: { dryRun?: boolean }, c: Command) => {
    const opts = { name, instances: checkInstanceIds(ids.flatMap((i) => i.split(',')).map((i) => i.trim()).filter(Boolean)), dryRun: flags.dryRun === true };
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, deregisterView, ctx, ctx.io);
  });
}

export async function deregisterInstances(opts: DeregisterInstancesOptions, ctx: Ctx): Promise<DeregisterInstancesResult | PlanResult> {
  const elb = await import('../services/elb.js');
  const offline = Symbol('offline');
  const lb = await readLive<LoadBalancerSummary | undefined | typeof offline>(ctx, opts.dryRun, async () => elb.findLoadBalancer(await ctx.aws.elb(), opts.name), offline);
  if (lb === undefined) throw new NotFoundError(`load balancer ${opts.name} not found in this region`, 'run "scalectl describe-lbs" to list them');
  const registered = lb === offline ? [] : lb.instances;
  const todo = lb === offline ? opts.instances : opts.instances.filter((i) => registered.includes(i));
  if (todo.length === 0) return { loadBalancer: opts.name, status: 'unchanged', changed: [], instances: registered };
  let after = registered;
  const input = { name: opts.name, instances: todo };
  const steps = [{
    action: 'deregister', resource: 'instances', name: opts.name, detail: todo.join(', '),
    request: { service: 'elb', operation: 'DeregisterInstancesFromLoadBalancer', input },
    run: async () => {
      const listed = await elb.deregisterInstances(await ctx.aws.elb(), input);
      // An empty list is either "none left" (AWS) or "not said" (moto): both mean what we had minus what went.
      after = listed.length ? listed : registered.filter((i) => !todo.includes(i));
    },
  }];
  if (opts.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { loadBalancer: opts.name, status: 'updated', changed: todo, instances: after };
}

/** text: one line per instance still registered afterwards (as the legacy tool printed). */
const deregisterView: View<DeregisterInstancesResult> = {
  table: (r) => ({ head: ['STILL REGISTERED'], rows: r.instances.map((i) => [i]) }),
  text: (r) => r.instances.map((i) => [i]),
  json: (r) => r,
};
