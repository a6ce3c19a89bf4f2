import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { checkLbName, listenerLabel, type Protocol } from '../../domain/listeners.js';
import { NotFoundError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import type { LoadBalancerSummary } from '../../services/elb.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl describe-lbs",
    "scalectl describe-lbs web --output text",
    "scalectl describe-lbs --query 'loadBalancers[].dnsName'",
  ],
  text: [
    "name, dns-name, scheme, listeners, health-check-target, instance-count",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `describe-lbs` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('describe-lbs', {
  actions: [
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
  ],
  subject: 'load-balancer',
});

/** Parsed arguments of `describe-lbs`: no names means every balancer in the region. */
export interface DescribeLbsOptions {
  names: string[];
}

/** One balancer as describe-lbs reports it. */
export interface LbDescription {
  name: string;
  /** classic, application or network. */
  type: string;
  dnsName: string;
  scheme: string;
  /** Protocols upper-case, as AWS spells them; certificateArn on HTTPS/SSL listeners. */
  listeners: Array<{ protocol: Protocol; port: number; instanceProtocol: Protocol; instancePort: number; certificateArn?: string }>;
  healthCheck?: { target: string; interval: number; timeout: number; healthyThreshold: number; unhealthyThreshold: number };
  instanceCount: number;
  instances: string[];
  zones: string[];
  subnets: string[];
  securityGroups: string[];
}

export interface DescribeLbsResult {
  loadBalancers: LbDescription[];
}

export function registerDescribeLbs(program: Command, deps: Deps, run = describeLbs): void {
  addDocs(program.command('describe-lbs'), docs)
    .description('list load balancers: DNS name, scheme, listeners, health check, instance count')
    .argument('[names...]', 'load balancer names (default: all in the region)')
    .action(async (names: string[], _flags: unknown, cmd: Command) => {
      const ctx = await contextOf(cmd, deps);
      await render(await run({ names: names.map(checkLbName) }, ctx), describeLbsView, ctx, ctx.io);
    });
}

export async function describeLbs(opts: DescribeLbsOptions, ctx: Ctx): Promise<DescribeLbsResult> {
  const [elb, v2] = await Promise.all([import('../../services/elb.js'), import('../../services/elbv2-describe.js')]);
  const client = await ctx.aws.elb();
  let found: Array<LoadBalancerSummary & { type?: string }>;
  // Both kinds at once: the ELBv2 client loads while the classic answer is on its way. Both are
  // waited for, a failure too, so that no request is left running when the command ends.
  if (opts.names.length === 0) {
    const both = await Promise.allSettled([elb.listLoadBalancers(client), ctx.aws.elbv2().then((c) => v2.listV2Described(c))]);
    for (const r of both) if (r.status === 'rejected') throw r.reason;
    found = both.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }
  else {
    const names = [...new Set(opts.names)];
    // Classic first; a name it does not know may be an application or network load balancer.
    const each = await Promise.all(names.map(async (n) => (await elb.findLoadBalancer(client, n)) ?? v2.findV2Described(await ctx.aws.elbv2(), n)));
    const missing = names.filter((_, i) => !each[i]);
    if (missing.length) throw new NotFoundError(`load balancer${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not found in this region`, 'run "scalectl describe-lbs" to list them');
    found = each.filter((x): x is LoadBalancerSummary => !!x);
  }
  return {
    loadBalancers: found.map((lb) => ({
      name: lb.name,
      type: lb.type ?? 'classic',
      dnsName: lb.dnsName ?? '',
      scheme: lb.scheme ?? '',
      listeners: lb.listeners,
      ...(lb.healthCheck ? { healthCheck: lb.healthCheck } : {}),
      instanceCount: lb.instances.length,
      instances: lb.instances,
      zones: lb.zones,
      subnets: lb.subnets,
      securityGroups: lb.securityGroups,
    })),
  };
}

const hc = (lb: LbDescription) => lb.healthCheck ? `${lb.healthCheck.target} ${lb.healthCheck.interval}/${lb.healthCheck.timeout}s ${lb.healthCheck.healthyThreshold}/${lb.healthCheck.unhealthyThreshold}` : undefined;

/** text columns: name, dnsName, scheme, listeners (comma-separated), health-check target, instance count, type (last, so older scripts keep their columns). */
const describeLbsView: View<DescribeLbsResult> = {
  empty: (r) => (r.loadBalancers.length ? undefined : 'no load balancers'),
  table: (r) => ({
    head: ['NAME', 'TYPE', 'DNS NAME', 'SCHEME', 'LISTENERS', 'HEALTH CHECK', 'INSTANCES'],
    rows: r.loadBalancers.map((lb) => [lb.name, lb.type, cell(lb.dnsName), cell(lb.scheme), cell(lb.listeners.map(listenerLabel).join(', ')), cell(hc(lb)), String(lb.instanceCount)]),
  }),
  text: (r) => r.loadBalancers.map((lb) => [lb.name, lb.dnsName, lb.scheme, lb.listeners.map(listenerLabel).join(','), lb.healthCheck?.target ?? '', lb.instanceCount, lb.type]),
  json: (r) => r,
};
