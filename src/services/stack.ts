// A stack's resources across services: found by the scalectl:stack tag (teardown, status), and
// deleted one at a time with the right wait for each kind. Composes the per-service functions.
import type { AwsClients } from './clients.js';
import type { Alarm } from './cloudwatch.js';
import type { LaunchTemplate } from './ec2.js';
import type { LoadBalancerSummary } from './elb.js';
import type { StackDnsRecord } from './route53.js';
import type { ServerCertificateSummary } from './iam.js';
import type { Group } from '../domain/asg-plan.js';
import type { Policy } from '../domain/policy.js';
import type { Timing } from '../domain/retry.js';
import { mapLimit, type GroupFacts, type Target } from '../domain/teardown.js';

/** Everything a stack holds, as each service reports it. */
export interface StackResources {
  groups: Group[];
  policies: Policy[];
  alarms: Alarm[];
  launchTemplates: LaunchTemplate[];
  loadBalancers: LoadBalancerSummary[];
  certificates: ServerCertificateSummary[];
  /** Route 53 alias records whose `_scalectl.NAME` marker names the stack. */
  dnsRecords: StackDnsRecord[];
  /** What could not be searched (an endpoint without an API), for the command to warn about. */
  warnings: string[];
}

const PARALLEL = 4;

/**
 * AWS-compatible endpoints (moto, LocalStack) lack some APIs; they answer with a 5xx or a page
 * that is not XML. Such a gap makes one part of discovery unavailable, not the whole command.
 */
function isUnsupported(err: unknown): boolean {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return (e.$metadata?.httpStatusCode ?? 0) >= 500 || /NotImplemented|InvalidAction|UnknownOperation/.test(e.name ?? '') || /parse error|Deserialization error|not (been )?implemented/i.test(e.message ?? '');
}

async function optional<T>(what: string, warnings: string[], fn: () => Promise<T[]>): Promise<T[]> {
  try {
    return await fn();
  } catch (err) {
    if (!isUnsupported(err)) throw err;
    warnings.push(`this endpoint cannot ${what}; name them on the command line instead`);
    return [];
  }
}

/**
 * Finds what is tagged scalectl:stack=STACK (when given) plus the named groups that exist, the
 * scaling policies of all those groups, and the alarms that fire those policies.
 */
export async function findStackResources(aws: AwsClients, input: { stack?: string; groups?: string[]; timing?: Timing }): Promise<StackResources> {
  // Clients first: an `await` inside the list below would start the first read before the list
  // is awaited, and a quick failure of it would then go unhandled.
  const [autoscaling, elbClient, ec2Client, asg, asp, elb, ec2, iam] = await Promise.all([aws.autoscaling(), aws.elb(), aws.ec2(), import('./autoscaling.js'), import('./autoscaling-policies.js'), import('./elb.js'), import('./ec2.js'), import('./iam.js')]);
  const t = input.timing ? { timing: input.timing } : {};
  const stack = input.stack;
  const warnings: string[] = [];
  const [tagged, loadBalancers, launchTemplates, certificates, dnsRecords] = await Promise.all([
    stack ? asg.listStackGroups(autoscaling, { stack, ...t }) : [],
    stack ? elb.listStackLoadBalancers(elbClient, { stack, ...t }) : [],
    stack ? ec2.listStackLaunchTemplates(ec2Client, { stack, ...t }) : [],
    stack ? optional('read server certificate tags (ListServerCertificateTags)', warnings, async () => iam.listStackServerCertificates(await aws.iam(), { stack, ...t })) : [],
    stack ? optional('list Route 53 records (ListResourceRecordSets)', warnings, async () => (await import('./route53.js')).listStackRecords(await aws.route53(), { stack, ...t })) : [],
  ]);
  const extra = (input.groups ?? []).filter((n) => !tagged.some((g) => g.name === n));
  const groups = [...tagged, ...(extra.length ? await asg.describeGroups(autoscaling, { names: extra, ...t }) : [])];
  const policies = (await mapLimit(groups, PARALLEL, (g) => asp.describePolicies(autoscaling, { group: g.name, ...t }))).flat().filter((p) => p.name);
  const cwc = stack || policies.some((p) => p.alarms.length) ? await aws.cloudwatch() : undefined;
  const cw = cwc ? await import('./cloudwatch.js') : undefined;
  const alarms = cwc && cw && stack ? await cw.listStackAlarms(cwc, { stack, policyArns: policies.flatMap((p) => (p.arn ? [p.arn] : [])), ...t }) : [];
  const policyAlarms = policies.flatMap((p) => p.alarms).filter((n) => !alarms.some((a) => a.name === n));
  if (cwc && cw && policyAlarms.length) alarms.push(...(await cw.describeAlarms(cwc, { names: [...new Set(policyAlarms)], ...t })));
  return { groups, policies, alarms, launchTemplates, loadBalancers, certificates, dnsRecords, warnings };
}

/** What teardown needs: the targets in any order, and the facts about each live group for blockers. */
export interface TeardownDiscovery {
  targets: Target[];
  groups: GroupFacts[];
  warnings: string[];
}

/** Discovery for teardown: the stack's resources as targets, and each group's blockers read up front. */
export async function discoverTeardown(aws: AwsClients, input: { stack?: string; groups: string[]; timing: Timing }): Promise<TeardownDiscovery> {
  const r = await findStackResources(aws, input);
  const [autoscaling, asg] = await Promise.all([aws.autoscaling(), import('./autoscaling-teardown.js')]);
  // The templates and configurations a stack's groups launch from go with the stack.
  const stackGroups = input.stack ? r.groups : [];
  const groups = await mapLimit(r.groups, PARALLEL, async (g): Promise<GroupFacts> => {
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
  });
  const n = (g: Group) => g.instances.filter((i) => i.lifecycleState !== 'Terminated').length;
  const targets: Target[] = [
    ...r.alarms.map((a) => ({ kind: 'alarm' as const, name: a.name })),
    ...r.policies.map((p) => ({ kind: 'scaling-policy' as const, name: p.name, group: p.group })),
    ...r.groups.map((g) => ({ kind: 'auto-scaling-group' as const, name: g.name, detail: `scale ${g.desired} → 0, wait for ${n(g)} instance${n(g) === 1 ? '' : 's'} to terminate, delete` })),
    ...stackGroups.flatMap((g) => (g.launchTemplate?.name ? [{ kind: 'launch-template' as const, name: g.launchTemplate.name }] : [])),
    ...stackGroups.flatMap((g) => (g.launchConfiguration ? [{ kind: 'launch-configuration' as const, name: g.launchConfiguration }] : [])),
    ...r.launchTemplates.map((l) => ({ kind: 'launch-template' as const, name: l.name })),
    ...r.dnsRecords.map((d) => ({ kind: 'dns-record' as const, name: d.name, zone: d.zoneId, ...(input.stack ? { stack: input.stack } : {}) })),
    ...r.loadBalancers.map((l) => ({ kind: 'load-balancer' as const, name: l.name, ...(l.instances.length ? { detail: `${l.instances.length} instances registered` } : {}) })),
    ...r.certificates.map((c) => ({ kind: 'server-certificate' as const, name: c.name, ...(c.arn ? { detail: c.arn } : {}) })),
  ];
  return { targets, groups, warnings: r.warnings };
}

/** Deletes one target with the wait its kind needs; `already gone` when it was not there. */
export async function deleteTarget(aws: AwsClients, t: Target, input: { timing: Timing; force: boolean; onProgress: (line: string) => void }): Promise<'deleted' | 'already gone'> {
  const timing = input.timing;
  switch (t.kind) {
    case 'alarm': {
      const out = await (await import('./cloudwatch.js')).deleteAlarmsIfExist(await aws.cloudwatch(), { names: [t.name], timing });
      return out.get(t.name) ?? 'already gone';
    }
    case 'scaling-policy':
      return (await import('./autoscaling-policies.js')).deletePolicyIfExists(await aws.autoscaling(), { group: t.group ?? '', name: t.name, timing });
    case 'auto-scaling-group':
      return (await import('./autoscaling-teardown.js')).deleteGroupIfExists(await aws.autoscaling(), { name: t.name, force: input.force, timing, onProgress: input.onProgress });
    case 'launch-template':
      return (await import('./ec2.js')).deleteLaunchTemplateIfExists(await aws.ec2(), { name: t.name, timing });
    case 'launch-configuration':
      return (await import('./autoscaling-teardown.js')).deleteLaunchConfigurationIfExists(await aws.autoscaling(), { name: t.name, timing });
    case 'dns-record':
      return (await import('./route53.js')).deleteAliasIfExists(await aws.route53(), { name: t.name, ...(t.zone ? { zoneId: t.zone } : {}), ...(t.stack ? { stack: t.stack } : {}), timing });
    case 'load-balancer':
      return (await import('./elb.js')).deleteLoadBalancerIfExists(await aws.elb(), { name: t.name, timing });
    case 'server-certificate':
      return (await import('./iam.js')).deleteServerCertificateWithRetry(await aws.iam(), { name: t.name, timing });
  }
}
