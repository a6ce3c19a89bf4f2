import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { actionLabel, allActions } from '../../domain/alarm.js';
import { eventName, type ScheduledAction } from '../../domain/day-two.js';
import { daysLeft, expiryState, inServiceState, statusView, type StatusEntry, type StatusResult } from '../../domain/teardown-status.js';
import { orderTargets } from '../../domain/teardown.js';
import { NotFoundError, OperationError } from '../../errors.js';
import { render } from '../../output/render.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl status --stack web",
    "scalectl status --stack web --output text",
  ],
  text: [
    "kind, name, state, detail",
  ],
  exitCodes: [3],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `status` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('status', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeNotificationConfigurations',
    'autoscaling:DescribePolicies',
    'autoscaling:DescribeScheduledActions',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:ListTagsForResource',
    'ec2:DescribeLaunchTemplates',
    'elasticloadbalancing:DescribeInstanceHealth',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
    'iam:GetServerCertificate',
    'iam:ListServerCertificateTags',
    'iam:ListServerCertificates',
    'tag:GetResources',
    'route53:ListHostedZones',
    'route53:ListResourceRecordSets',
    'route53:ListTagsForResources',
  ],
});

/** Parsed flags of `status`. */
export interface StatusOptions {
  stack: string;
}

export function registerStatus(program: Command, deps: Deps, run = stackStatus): void {
  addDocs(program.command('status'), docs)
    .description('every resource of a stack with its state: group sizes and instance health, load balancer health, alarm states, certificate expiry')
    .requiredOption('--stack <name>', 'the stack: resources tagged scalectl:stack=NAME')
    .action(async (f: { stack: string }, c: Command) => {
      const ctx = await contextOf(c, deps);
      const result = await run({ stack: f.stack }, ctx);
      await render(result, statusView, ctx, ctx.io);
      if (result.unsearched?.length) throw new OperationError(`the status is incomplete: ${result.unsearched.join(', ')} could not be searched`, 'name them to the describe commands instead');
      if (result.resources.length === 0) throw new NotFoundError(`nothing is tagged scalectl:stack=${f.stack}`, 'check the stack name and --region');
    });
}

export async function stackStatus(opts: StatusOptions, ctx: Ctx): Promise<StatusResult> {
  const { findStackResources } = await import('../../services/stack.js');
  const r = await findStackResources(ctx.aws, { stack: opts.stack, lookAlike: (await ctx.settings()).endpoint !== undefined, debug: (l) => ctx.log.debug(l) });
  for (const w of r.warnings) ctx.log.warn(w);
  const now = ctx.clock.now();
  const entries: StatusEntry[] = [
    ...r.alarms.map((a): StatusEntry => ({ kind: 'alarm', name: a.name, state: a.state ?? 'unknown', ...(allActions(a).length ? { detail: allActions(a).map(actionLabel).join(', ') } : {}) })),
    ...r.policies.map((p): StatusEntry => ({ kind: 'scaling-policy', name: `${p.group}/${p.name}`, state: p.type, ...(p.alarms.length ? { detail: `fired by ${p.alarms.join(', ')}` } : {}) })),
    ...r.schedules.map((a): StatusEntry => ({ kind: 'scheduled-action', name: `${a.group}/${a.name}`, state: a.recurrence ?? (a.startTime ? `at ${a.startTime}` : 'scheduled'), detail: scheduleDetail(a) })),
    ...r.notifications.map((n): StatusEntry => ({ kind: 'notification', name: `${n.group}/${n.topic}`, state: n.types.map(eventName).join(','), detail: n.topic })),
    ...r.groups.map((g): StatusEntry => {
      const instances = g.instances.map((i) => ({ id: i.id || '?', state: i.lifecycleState ?? 'unknown', health: i.health ?? 'unknown' }));
      return {
        kind: 'auto-scaling-group', name: g.name, state: g.status ?? inServiceState(instances, g.desired),
        detail: `min ${g.min} max ${g.max} desired ${g.desired}${instances.length ? `; ${instances.map((i) => `${i.id} ${i.state} ${i.health}`).join(', ')}` : ''}`,
        size: { min: g.min, max: g.max, desired: g.desired }, instances,
      };
    }),
    ...r.launchTemplates.map((t): StatusEntry => ({ kind: 'launch-template', name: t.name, state: t.defaultVersion !== undefined ? `default v${t.defaultVersion}` : 'unknown', ...(t.latestVersion !== undefined ? { detail: `latest v${t.latestVersion}`, latestVersion: t.latestVersion } : {}), ...(t.defaultVersion !== undefined ? { defaultVersion: t.defaultVersion } : {}) })),
    ...(await Promise.all(r.loadBalancers.map(async (l): Promise<StatusEntry> => {
      const elb = await import('../../services/elb.js');
      const instances = ((await elb.describeInstanceHealth(await ctx.aws.elb(), { name: l.name })) ?? []).map((h) => ({ id: h.instanceId, state: h.state, ...(h.description ? { health: h.description } : {}) }));
      return { kind: 'load-balancer', name: l.name, state: inServiceState(instances, instances.length), ...(l.dnsName ? { detail: l.dnsName, dnsName: l.dnsName } : {}), instances };
    }))),
    ...r.dnsRecords.map((d): StatusEntry => {
      const aliases = d.records.filter((x) => x.name === d.name && x.alias);
      return { kind: 'dns-record', name: d.name, state: aliases.length ? `${aliases.map((x) => x.type).join(',')} alias` : 'marker only', ...(aliases[0]?.alias ? { detail: aliases[0].alias.dnsName } : {}) };
    }),
    ...(await v2Entries(r, ctx)),
    ...r.certificates.map((c): StatusEntry => {
      if (!c.expiration) return { kind: 'server-certificate', name: c.name, state: 'unknown expiry' };
      const expiration = new Date(c.expiration).toISOString();
      const days = daysLeft(expiration, now);
      return { kind: 'server-certificate', name: c.name, state: expiryState(days), detail: expiration.slice(0, 10), expiration, daysLeft: days };
    }),
  ];
  const order = orderTargets(entries.map((e) => ({ kind: e.kind, name: e.name }))).map((t) => `${t.kind}/${t.name}`);
  entries.sort((a, b) => order.indexOf(`${a.kind}/${a.name}`) - order.indexOf(`${b.kind}/${b.name}`));
  return { stack: opts.stack, resources: entries, ...(r.unsearched.length ? { unsearched: r.unsearched } : {}) };
}

/** ELBv2 balancers (state from their targets' health) and target groups of the stack. */
async function v2Entries(r: Awaited<ReturnType<typeof import('../../services/stack.js').findStackResources>>, ctx: Ctx): Promise<StatusEntry[]> {
  if (!r.v2LoadBalancers.length && !r.targetGroups.length) return [];
  const v2 = await import('../../services/elbv2.js');
  const client = await ctx.aws.elbv2();
  const lbs = await Promise.all(r.v2LoadBalancers.map(async (l): Promise<StatusEntry> => {
    const health = (await v2.describeV2TargetHealth(client, { name: l.name })) ?? [];
    const instances = health.map((h) => ({ id: h.id, state: h.state === 'healthy' ? 'InService' : h.state, ...(h.description ? { health: h.description } : {}) }));
    return { kind: 'load-balancer', name: l.name, state: l.state && l.state !== 'active' ? l.state : inServiceState(instances, instances.length), ...(l.dnsName ? { detail: `${l.type} ${l.dnsName}`, dnsName: l.dnsName } : { detail: l.type }), instances };
  }));
  return [...lbs, ...r.targetGroups.map((g): StatusEntry => ({ kind: 'target-group', name: g.name, state: 'present', detail: g.arn }))];
}

function scheduleDetail(a: ScheduledAction): string {
  const size = [a.min !== undefined && `min ${a.min}`, a.max !== undefined && `max ${a.max}`, a.desired !== undefined && `desired ${a.desired}`].filter(Boolean).join(' ');
  return [size, a.recurrence && a.startTime && `next ${a.startTime}`, a.endTime && `until ${a.endTime}`, a.timeZone && a.timeZone].filter(Boolean).join('; ');
}
