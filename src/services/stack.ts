// A stack's resources across services: found by the scalectl:stack tag (teardown, status), and
// deleted one at a time with the right wait for each kind. Composes the per-service functions.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from './clients.js';
import type { Alarm } from './cloudwatch.js';
import type { LaunchTemplate } from './ec2.js';
import type { LoadBalancerSummary } from './elb.js';
import type { V2Summary } from './elbv2.js';
import type { StackDnsRecord } from './route53.js';
import type { ServerCertificateSummary } from './iam.js';
import type { Group } from '../domain/asg-plan.js';
import type { NotificationConfig, ScheduledAction } from '../domain/day-two.js';
import type { Policy } from '../domain/policy.js';
import type { Timing } from '../domain/retry.js';
import { zoneIndexKey } from '../domain/dns.js';
import { type Blocker, type GroupFacts, type ResourceKind, type Target } from '../domain/teardown.js';

/** Everything a stack holds, as each service reports it. */
export interface StackResources {
  groups: Group[];
  policies: Policy[];
  alarms: Alarm[];
  launchTemplates: LaunchTemplate[];
  loadBalancers: LoadBalancerSummary[];
  certificates: ServerCertificateSummary[];
  /** Application and network load balancers, and target groups, tagged with the stack. */
  v2LoadBalancers: V2Summary[];
  targetGroups: Array<{ name: string; arn: string }>;
  /** Route 53 alias records whose `_scalectl.NAME` marker names the stack. */
  dnsRecords: StackDnsRecord[];
  /** Hosted zones tagged as holding the stack's records (teardown removes the tag, last). */
  dnsZones: Array<{ id: string; name: string }>;
  /** Scheduled actions of the groups (deleted before them). */
  schedules: ScheduledAction[];
  /** Notification configurations of the groups (deleted before them). */
  notifications: NotificationConfig[];
  /** What could not be searched (an endpoint without an API), for the command to warn about. */
  warnings: string[];
  /** Kinds that could not be searched at all: the run must not say they are gone. */
  unsearched: ResourceKind[];
}

/** Options of a discovery beyond the clients. */
export interface FindInput {
  stack?: string;
  groups?: string[];
  timing?: Timing;
  /** The endpoint is an AWS look-alike (--endpoint-url, AWS_ENDPOINT_URL): see stack-search.ts. */
  lookAlike?: boolean;
  /** --debug lines: which kind was found which way. */
  debug?: (line: string) => void;
  /** Certificates named on the command line: where tags cannot be read, these need no search. */
  certs?: string[];
  /** Balancers named on the command line (teardown --lb): an ELBv2 one takes its own target groups. */
  lbs?: string[];
  /**
   * Read every hosted zone for the stack's records (teardown, which must leave none behind), not
   * only the zones tagged for it (status).
   */
  everyZone?: boolean;
}

/**
 * Finds what is tagged scalectl:stack=STACK (when given) plus the named groups that exist, the
 * scaling policies of all those groups, and the alarms that fire those policies. Requests grow
 * with the stack, not with the region: one Tagging API search for the kinds it indexes, a tag
 * filter for groups, and reads by name of what those found.
 */
export async function findStackResources(aws: AwsClients, input: FindInput): Promise<StackResources> {
  const t = input.timing ? { timing: input.timing } : {};
  const stack = input.stack;
  const lookAlike = input.lookAlike === true;
  const warnings: string[] = [];
  const unsearched: ResourceKind[] = [];
  const search = await import('./stack-search.js');
  const env = { aws, stack: stack ?? '', ...t, lookAlike, debug: input.debug ?? (() => {}) };
  // Every read starts from a promise made here, all awaited together below (none is left unhandled).
  const tagged = stack ? search.searchByTag(env) : Promise.resolve(new Map<string, string[]>());
  const groupsP = (async () => {
    const [autoscaling, asg] = await Promise.all([aws.autoscaling(), import('./autoscaling.js')]);
    const found = stack ? await asg.listStackGroups(autoscaling, { stack, ...t }) : [];
    const extra = (input.groups ?? []).filter((n) => !found.some((g) => g.name === n));
    return [...found, ...(extra.length ? await asg.describeGroups(autoscaling, { names: extra, ...t }) : [])];
  })();
  const policiesP = groupsP.then(async (groups) => {
    if (!groups.length) return [];
    const [autoscaling, asp] = await Promise.all([aws.autoscaling(), import('./autoscaling-policies.js')]);
    return (await asp.describeGroupsPolicies(autoscaling, { groups: groups.map((g) => g.name), ...t })).filter((p) => p.name);
  });
  const alarmsP = Promise.all([tagged, policiesP]).then(async ([arns, policies]) => {
    const fromPolicies = policies.flatMap((p) => p.alarms);
    const taggedArns = arns.get('alarm');
    if (!stack && !fromPolicies.length) return [];
    const [cwc, cw] = await Promise.all([aws.cloudwatch(), import('./cloudwatch.js')]);
    if (stack && !taggedArns) return mergeAlarms(await cw.listStackAlarms(cwc, { stack, policyArns: policies.flatMap((p) => (p.arn ? [p.arn] : [])), ...t }), fromPolicies, cwc, cw, t);
    const names = [...new Set([...(await search.namesOf(taggedArns ?? [], 'alarm')), ...fromPolicies])];
    return names.length ? cw.describeAlarms(cwc, { names, ...t }) : [];
  });
  const lbsP = tagged.then(async (arns) => {
    if (!stack) return [];
    const taggedArns = arns.get('load-balancer');
    const [client, elb] = await Promise.all([aws.elb(), import('./elb.js')]);
    if (!taggedArns) return elb.listStackLoadBalancers(client, { stack, ...t });
    // Classic balancers only: an ELBv2 ARN names loadbalancer/app/NAME/ID or loadbalancer/net/NAME/ID.
    const names = await search.namesOf(taggedArns, 'loadbalancer', (n) => !n.includes('/'));
    return names.length ? elb.describeLoadBalancersByName(client, { names, ...t }) : [];
  });
  const ltsP = tagged.then(async (arns) => {
    const taggedArns = arns.get('launch-template');
    // EC2 (its client is the heaviest to load) only when the stack has launch templates.
    if (!stack || (taggedArns && !taggedArns.length)) return [];
    const [client, ec2] = await Promise.all([aws.ec2(), import('./ec2.js')]);
    return ec2.listStackLaunchTemplates(client, { stack, ...t });
  });
  const certsP = (async () => {
    if (!stack) return [];
    const [client, iam] = await Promise.all([aws.iam(), import('./iam.js')]);
    try {
      return await iam.listStackServerCertificates(client, { stack, ...t });
    } catch (err) {
      if (!search.isUnimplemented(err, lookAlike)) throw err;
      // Certificates named on the command line are deleted anyway: only the others are unknown.
      const named = new Set(input.certs ?? []);
      const unknown = (await iam.listServerCertificates(client, t)).filter((c) => !named.has(c.name));
      if (!unknown.length) return [];
      unsearched.push('server-certificate');
      warnings.push('this endpoint cannot read server certificate tags (ListServerCertificateTags), so the stack\'s certificates were not searched; name them with --cert');
      return [];
    }
  })();
  // ELBv2 balancers and target groups: read by the ARNs the Tagging API found (none: no ELBv2 request),
  // or, where it did not answer, their own listing (DescribeLoadBalancers, DescribeTargetGroups, DescribeTags 20 ARNs a call).
  const v2P = tagged.then(async (arns) => {
    if (!stack) return undefined;
    const lbArns = arns.get('elbv2-load-balancer')?.filter((a) => /:loadbalancer\/(app|net)\//.test(a));
    const tgArns = arns.get('target-group');
    if (lbArns && tgArns && !lbArns.length && !tgArns.length) return undefined;
    const client = await aws.elbv2();
    try {
      if (lbArns && tgArns) return await (await import('./elbv2-stack.js')).describeStackV2(client, { lbArns, tgArns, ...t });
      return await (await import('./elbv2.js')).listStackV2(client, { stack, ...t });
    } catch (err) {
      if (!search.isUnimplemented(err, lookAlike)) throw err;
      warnings.push('this endpoint cannot list application and network load balancers (ELBv2); name them with --lb');
      return undefined;
    }
  });
  // Record sets cannot be tagged: the stack's aliases are found by their `_scalectl.NAME` markers.
  const dnsP = (async () => {
    if (!stack) return { records: [], taggedZones: [] };
    // Zone tags that cannot be read: every zone is read instead (an endpoint without the call; a
    // policy made before status and teardown read them, with a warning).
    const fallback = (err: unknown) => {
      if (search.isUnimplemented(err, lookAlike)) return 'the endpoint cannot list them';
      if (!/AccessDenied/.test((err as { name?: string })?.name ?? '')) return undefined;
      warnings.push('no permission for route53:ListTagsForResources, so every hosted zone was read for the stack\'s records; run "scalectl policy status teardown" for the policy');
      return 'no permission';
    };
    try {
      const found = await (await import('./route53.js')).listStackRecords(await aws.route53(), { stack, ...t, ...(input.everyZone ? { everyZone: true } : {}), fallback });
      env.debug(`dns-record: ${found.how}`);
      return found;
    } catch (err) {
      if (!search.isUnimplemented(err, lookAlike)) throw err;
      unsearched.push('dns-record');
      warnings.push('this endpoint cannot list Route 53 records, so the stack\'s records were not searched; name them with --record');
      return { records: [], taggedZones: [] };
    }
  })();
  // Scheduled actions and notification configurations belong to the groups: read by group name.
  const extrasP = groupsP.then(async (groups) => (await import('./stack-day-two.js')).findGroupExtras(await aws.autoscaling(), { groups, warnings, ...t }));
  const [groups, policies, alarms, loadBalancers, launchTemplates, certificates, { schedules, notifications }, dns, , v2] = await Promise.all([groupsP, policiesP, alarmsP, lbsP, ltsP, certsP, extrasP, dnsP, tagged, v2P]);
  return { groups, policies, alarms, launchTemplates, loadBalancers, certificates, dnsRecords: dns.records, dnsZones: dns.taggedZones, schedules, notifications, v2LoadBalancers: v2?.loadBalancers ?? [], targetGroups: v2?.targetGroups ?? [], warnings, unsearched };
}

/** The alarms found by tag, plus the ones the policies name that are not among them. */
async function mergeAlarms(found: Alarm[], fromPolicies: string[], client: CloudWatchClient, cw: typeof import('./cloudwatch.js'), t: { timing?: Timing }): Promise<Alarm[]> {
  const missing = [...new Set(fromPolicies)].filter((n) => !found.some((a) => a.name === n));
  return missing.length ? [...found, ...(await cw.describeAlarms(client, { names: missing, ...t }))] : found;
}

/** What teardown needs: the targets in any order, and the facts about each live group for blockers. */
export interface TeardownDiscovery {
  targets: Target[];
  groups: GroupFacts[];
  /** Blockers of other kinds (ELBv2 deletion protection). */
  blockers?: Blocker[];
  warnings: string[];
  /** Kinds that could not be searched (see StackResources). */
  unsearched: ResourceKind[];
  /** The groups as discovery read them, so deleting one does not read it again first. */
  seenGroups: Map<string, Group>;
}

/** Discovery for teardown: the stack's resources as targets, and each group's blockers read up front. */
export async function discoverTeardown(aws: AwsClients, input: FindInput & { groups: string[]; timing: Timing }): Promise<TeardownDiscovery> {
  const found = await findStackResources(aws, { ...input, everyZone: true });
  const key = input.stack ? zoneIndexKey(input.stack) : undefined;
  // A named ELBv2 balancer the stack did not hold takes the target groups only it uses (deleted after it).
  const extra = (input.lbs ?? []).filter((n) => !found.v2LoadBalancers.some((l) => l.name === n) && !found.loadBalancers.some((l) => l.name === n));
  const own = extra.length ? await (await import('./elbv2-stack.js')).findNamedV2(await aws.elbv2(), { names: extra, leaving: found.v2LoadBalancers.map((l) => l.arn), timing: input.timing }) : undefined;
  const r = own ? { ...found, v2LoadBalancers: [...found.v2LoadBalancers, ...own.loadBalancers], targetGroups: [...found.targetGroups, ...own.targetGroups.filter((g) => !found.targetGroups.some((x) => x.arn === g.arn))] } : found;
  const [autoscaling, asg] = await Promise.all([aws.autoscaling(), import('./autoscaling-teardown.js')]);
  // The templates and configurations a stack's groups launch from go with the stack.
  const stackGroups = input.stack ? r.groups : [];
  // Blockers of every group are read at once: two look-ups a group, all in parallel.
  const groups = await Promise.all(r.groups.map(async (g): Promise<GroupFacts> => {
    const [hooks, activity] = await Promise.all([
      asg.listTerminationHooks(autoscaling, { group: g.name, timing: input.timing }),
      asg.findActivityInProgress(autoscaling, { group: g.name, timing: input.timing }),
    ]);
    return {
      name: g.name,
      ...(g.deletionProtection ? { deletionProtection: g.deletionProtection } : {}),
      protectedInstances: g.instances.filter((i) => i.protectedFromScaleIn && i.lifecycleState !== 'Terminated').map((i) => i.id),
      standbyInstances: g.instances.filter((i) => i.lifecycleState === 'Standby').map((i) => i.id),
      suspendedProcesses: g.suspendedProcesses,
      terminationHooks: hooks,
      ...(activity ? { activityInProgress: activity } : {}),
    };
  }));
  const n = (g: Group) => g.instances.filter((i) => i.lifecycleState !== 'Terminated').length;
  const seen = { seen: true as const };
  const targets: Target[] = [
    ...r.alarms.map((a) => ({ kind: 'alarm' as const, name: a.name, ...seen })),
    ...r.policies.map((p) => ({ kind: 'scaling-policy' as const, name: p.name, group: p.group, ...seen })),
    ...r.schedules.map((a) => ({ kind: 'scheduled-action' as const, name: a.name, group: a.group, ...seen })),
    ...r.notifications.map((n) => ({ kind: 'notification' as const, name: n.topic, group: n.group, ...seen })),
    ...r.groups.map((g) => ({ kind: 'auto-scaling-group' as const, name: g.name, detail: `scale ${g.desired} → 0, wait for ${n(g)} instance${n(g) === 1 ? '' : 's'} to terminate, delete`, ...seen })),
    ...stackGroups.flatMap((g) => (g.launchTemplate?.name ? [{ kind: 'launch-template' as const, name: g.launchTemplate.name }] : [])),
    ...stackGroups.flatMap((g) => (g.launchConfiguration ? [{ kind: 'launch-configuration' as const, name: g.launchConfiguration }] : [])),
    ...r.launchTemplates.map((l) => ({ kind: 'launch-template' as const, name: l.name, ...seen })),
    ...r.dnsRecords.map((d) => ({ kind: 'dns-record' as const, name: d.name, zone: d.zoneId, ...(input.stack ? { stack: input.stack } : {}) })),
    ...r.loadBalancers.map((l) => ({ kind: 'load-balancer' as const, name: l.name, ...(l.instances.length ? { detail: `${l.instances.length} instances registered` } : {}), ...seen })),
    ...r.certificates.map((c) => ({ kind: 'server-certificate' as const, name: c.name, ...(c.arn ? { detail: c.arn } : {}), ...seen })),
    ...r.v2LoadBalancers.map((l) => ({ kind: 'load-balancer' as const, name: l.name, detail: `${l.type}: listeners, then the balancer (waited out)` })),
    ...r.targetGroups.map((g) => ({ kind: 'target-group' as const, name: g.name, detail: g.arn })),
    // The stack's tag on the zones that held its records: removed last, once those are gone.
    // A public and a private zone can share a name: then each is named with its id too.
    ...(key ? r.dnsZones.map((z) => ({ kind: 'zone-tag' as const, name: r.dnsZones.filter((o) => o.name === z.name).length > 1 ? `${z.name} (${z.id})` : z.name, zone: z.id, tagKey: key, detail: key })) : []),
  ];
  const blockers = r.v2LoadBalancers.length ? await (await import('./elbv2-teardown.js')).v2Blockers(await aws.elbv2(), { loadBalancers: r.v2LoadBalancers, timing: input.timing }) : [];
  return { targets, groups, blockers, warnings: r.warnings, unsearched: r.unsearched, seenGroups: new Map(r.groups.map((g) => [g.name, g])) };
}

/** What deleting needs besides the target. */
export interface DeleteInput {
  timing: Timing;
  force: boolean;
  onProgress: (line: string) => void;
  /** Groups as discovery read them (see TeardownDiscovery.seenGroups). */
  seenGroups?: Map<string, Group>;
}

type Outcome = 'deleted' | 'already gone';

/** How each kind is deleted: one at a time with the wait it needs, or (`many`) in batches. */
const DELETERS: Record<ResourceKind, { one: (aws: AwsClients, t: Target, input: DeleteInput) => Promise<Outcome>; many?: (aws: AwsClients, ts: Target[], input: DeleteInput) => Promise<Outcome[]> }> = {
  alarm: {
    one: async (aws, t, input) => (await DELETERS.alarm.many!(aws, [t], input))[0] ?? 'already gone',
    // DeleteAlarms takes 100 names a call.
    many: async (aws, ts, input) => {
      const out = await (await import('./cloudwatch.js')).deleteAlarmsIfExist(await aws.cloudwatch(), { names: ts.map((t) => t.name), seen: ts.filter((t) => t.seen).map((t) => t.name), timing: input.timing });
      return ts.map((t) => out.get(t.name) ?? 'already gone');
    },
  },
  'scaling-policy': { one: async (aws, t, input) => (await import('./autoscaling-policies.js')).deletePolicyIfExists(await aws.autoscaling(), { group: t.group ?? '', name: t.name, timing: input.timing, ...(t.seen ? { seen: true } : {}) }) },
  'scheduled-action': { one: async (aws, t, input) => (await import('./autoscaling-ops.js')).deleteScheduledActionIfExists(await aws.autoscaling(), { group: t.group ?? '', name: t.name, timing: input.timing }) },
  notification: { one: async (aws, t, input) => (await import('./autoscaling-notify.js')).deleteNotificationIfExists(await aws.autoscaling(), { group: t.group ?? '', topic: t.name, timing: input.timing }) },
  'auto-scaling-group': {
    one: async (aws, t, input) => {
      const seen = t.seen ? input.seenGroups?.get(t.name) : undefined;
      return (await import('./autoscaling-teardown.js')).deleteGroupIfExists(await aws.autoscaling(), { name: t.name, force: input.force, timing: input.timing, onProgress: input.onProgress, ...(seen ? { seen } : {}) });
    },
  },
  'launch-template': { one: async (aws, t, input) => (await import('./ec2.js')).deleteLaunchTemplateIfExists(await aws.ec2(), { name: t.name, timing: input.timing }) },
  'launch-configuration': { one: async (aws, t, input) => (await import('./autoscaling-teardown.js')).deleteLaunchConfigurationIfExists(await aws.autoscaling(), { name: t.name, timing: input.timing }) },
  'dns-record': { one: async (aws, t, input) => (await import('./route53.js')).deleteAliasIfExists(await aws.route53(), { name: t.name, ...(t.zone ? { zoneId: t.zone } : {}), ...(t.stack ? { stack: t.stack } : {}), timing: input.timing }) },
  'load-balancer': {
    one: async (aws, t, input) => {
      const classic = await (await import('./elb.js')).deleteLoadBalancerIfExists(await aws.elb(), { name: t.name, timing: input.timing, ...(t.seen ? { seen: true } : {}) });
      // Not a classic one: an application or network load balancer of that name, if any.
      return classic === 'deleted' ? classic : (await import('./elbv2-teardown.js')).deleteV2LoadBalancerIfExists(await aws.elbv2(), { name: t.name, timing: input.timing, onProgress: input.onProgress });
    },
  },
  'target-group': { one: async (aws, t, input) => (await import('./elbv2-teardown.js')).deleteTargetGroupIfExists(await aws.elbv2(), { name: t.name, timing: input.timing }) },
  'server-certificate': { one: async (aws, t, input) => (await import('./iam.js')).deleteServerCertificateWithRetry(await aws.iam(), { name: t.name, timing: input.timing }) },
  'zone-tag': { one: async (aws, t, input) => (await import('./route53.js')).removeZoneTagIfExists(await aws.route53(), { zoneId: t.zone ?? '', key: t.tagKey ?? '', timing: input.timing }) },
};

/** Deletes one target with the wait its kind needs; `already gone` when it was not there. */
export async function deleteTarget(aws: AwsClients, t: Target, input: DeleteInput): Promise<Outcome> {
  return DELETERS[t.kind].one(aws, t, input);
}

/** Deletes all targets of one kind in batches where the kind allows it; undefined when it does not. */
export function deleteTargets(aws: AwsClients, ts: Target[], input: DeleteInput): Promise<Outcome[]> | undefined {
  const kind = ts[0]?.kind;
  const many = kind ? DELETERS[kind].many : undefined;
  return many ? many(aws, ts, input) : undefined;
}
