import type { PlannedStep } from '../plan.js';

/** The kinds of resource a teardown removes, in the order it removes them. */
// `zone-tag` (a hosted zone's scalectl:dns:STACK tag) goes last: only once every record of the
// stack is gone, and so that a tag it cannot remove holds nothing else back.
export const KIND_ORDER = ['alarm', 'scaling-policy', 'scheduled-action', 'notification', 'auto-scaling-group', 'launch-template', 'launch-configuration', 'dns-record', 'load-balancer', 'target-group', 'server-certificate', 'zone-tag'] as const;
export type ResourceKind = (typeof KIND_ORDER)[number];

/** One resource to remove. `group` is the owning group of a scaling policy, scheduled action or notification (whose name is the topic ARN). */
export interface Target {
  kind: ResourceKind;
  name: string;
  group?: string;
  /** dns-record: the hosted zone id when known, and the stack its marker must name (never another's). */
  zone?: string;
  stack?: string;
  /** zone-tag: the tag key to remove from the hosted zone `zone` (its name is `name`). */
  tagKey?: string;
  /** What deleting it involves, in a few words (e.g. `scale 2 instances to 0`). */
  detail?: string;
  /** A group deleted with ForceDelete (teardown --force), as the plan shows it. */
  force?: boolean;
  /** Discovery has just read it: it is deleted without a second look first. */
  seen?: true;
}

/** What happened to one resource. `not done` = not attempted (interrupted, or an earlier kind failed). */
export type Outcome = 'deleted' | 'already gone' | 'failed' | 'not done';

/** One line of the teardown report. */
export interface TeardownEntry {
  kind: ResourceKind;
  name: string;
  outcome: Outcome;
  /** Why it failed or was not done. */
  reason?: string;
}

/** The result of a teardown that ran (not a dry-run). */
export interface TeardownResult {
  dryRun: false;
  resources: TeardownEntry[];
  interrupted: boolean;
  /** Kinds discovery could not search: the teardown cannot say they are gone. */
  unsearched?: ResourceKind[];
}

/** A target's identity: a DNS name in two hosted zones (a public and a private one) is two records. */
export function targetKey(t: Pick<Target, 'kind' | 'name' | 'group' | 'zone'>): string {
  return `${t.kind}/${t.group ? `${t.group}/` : ''}${t.name}${t.zone ? `@${t.zone}` : ''}`;
}

export function targetLabel(t: Pick<Target, 'kind' | 'name' | 'group'>): string {
  return `${t.kind} ${t.group ? `${t.group}/` : ''}${t.name}`;
}

/** Unique targets sorted by deletion order, then name; the first detail seen for a target wins. */
export function orderTargets(targets: Target[]): Target[] {
  const byKey = new Map<string, Target>();
  // A record named on the command line (no zone) that discovery also found (in its zone) is that one.
  const zoned = new Set(targets.filter((t) => t.zone).map((t) => targetKey({ ...t, zone: undefined })));
  for (const t of targets) if (!byKey.has(targetKey(t)) && (t.zone || !zoned.has(targetKey(t)))) byKey.set(targetKey(t), t);
  return [...byKey.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || targetKey(a).localeCompare(targetKey(b)));
}

/** What teardown reads about a group before touching it, to find what would block deletion. */
export interface GroupFacts {
  name: string;
  /** `none`, `prevent-force-deletion` or `prevent-all-deletion`. */
  deletionProtection?: string;
  protectedInstances: string[];
  standbyInstances: string[];
  suspendedProcesses: string[];
  /** Lifecycle hooks on instance termination (they hold terminating instances). */
  terminationHooks: string[];
  /** Description of a scaling activity that has not finished, if any. */
  activityInProgress?: string;
}

/** Something that stops a group from being deleted, and the exact command that clears it. */
export interface Blocker {
  group: string;
  /** What is blocked when it is not an Auto Scaling group (e.g. `load-balancer`). */
  kind?: ResourceKind;
  problem: string;
  fix: string;
  /** Something teardown waits out rather than stops for (reported, but deletion goes ahead). */
  waits?: true;
}

/** Whether --force may use ForceDelete on this group (deletion protection can forbid it). */
export function canForceDelete(f: Pick<GroupFacts, 'deletionProtection'>): boolean {
  return f.deletionProtection !== 'prevent-force-deletion' && f.deletionProtection !== 'prevent-all-deletion';
}

/** Every blocker of every group, so the user sees them all at once. ForceDelete clears all but deletion protection. */
export function findBlockers(groups: GroupFacts[], force: boolean): Blocker[] {
  const out: Blocker[] = [];
  for (const f of groups) {
    const g = f.name;
    const asg = `aws autoscaling`;
    if (f.deletionProtection === 'prevent-all-deletion') {
      out.push({ group: g, problem: 'deletion protection is prevent-all-deletion', fix: `${asg} update-auto-scaling-group --auto-scaling-group-name ${g} --deletion-protection none` });
    }
    if (force && canForceDelete(f)) continue;
    const orForce = f.deletionProtection === 'prevent-force-deletion' ? '' : ' (or pass --force)';
    if (f.protectedInstances.length) {
      out.push({ group: g, problem: `${count(f.protectedInstances.length, 'instance')} protected from scale-in (${f.protectedInstances.join(', ')})`, fix: `${asg} set-instance-protection --auto-scaling-group-name ${g} --instance-ids ${f.protectedInstances.join(' ')} --no-protected-from-scale-in${orForce}` });
    }
    if (f.standbyInstances.length) {
      out.push({ group: g, problem: `${count(f.standbyInstances.length, 'instance')} in Standby (${f.standbyInstances.join(', ')})`, fix: `${asg} exit-standby --auto-scaling-group-name ${g} --instance-ids ${f.standbyInstances.join(' ')}${orForce}` });
    }
    if (f.suspendedProcesses.includes('Terminate')) {
      out.push({ group: g, problem: 'the Terminate process is suspended', fix: `${asg} resume-processes --auto-scaling-group-name ${g} --scaling-processes Terminate${orForce}` });
    }
    for (const h of f.terminationHooks) {
      out.push({ group: g, problem: `lifecycle hook ${h} holds terminating instances`, fix: `${asg} delete-lifecycle-hook --auto-scaling-group-name ${g} --lifecycle-hook-name ${h}${orForce}` });
    }
    if (f.activityInProgress) {
      // Not a hard blocker: scaling to zero and the delete retry wait it out (its marker is eventually consistent).
      out.push({ group: g, problem: `a scaling activity is in progress (${f.activityInProgress})`, fix: `teardown waits for it (up to --timeout); to watch it: ${asg} describe-scaling-activities --auto-scaling-group-name ${g}`, waits: true });
    }
  }
  return out;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const OPERATION: Record<ResourceKind, [service: string, operation: string, input: (t: Target) => unknown]> = {
  alarm: ['cloudwatch', 'DeleteAlarms', (t) => ({ AlarmNames: [t.name] })],
  'scaling-policy': ['autoscaling', 'DeletePolicy', (t) => ({ AutoScalingGroupName: t.group, PolicyName: t.name })],
  'scheduled-action': ['autoscaling', 'DeleteScheduledAction', (t) => ({ AutoScalingGroupName: t.group, ScheduledActionName: t.name })],
  notification: ['autoscaling', 'DeleteNotificationConfiguration', (t) => ({ AutoScalingGroupName: t.group, TopicARN: t.name })],
  'auto-scaling-group': ['autoscaling', 'DeleteAutoScalingGroup', (t) => ({ AutoScalingGroupName: t.name, ...(t.force ? { ForceDelete: true } : {}) })],
  'launch-template': ['ec2', 'DeleteLaunchTemplate', (t) => ({ LaunchTemplateName: t.name })],
  'launch-configuration': ['autoscaling', 'DeleteLaunchConfiguration', (t) => ({ LaunchConfigurationName: t.name })],
  'dns-record': ['route53', 'ChangeResourceRecordSets', (t) => ({ HostedZoneId: t.zone ?? `<zone of ${t.name}>`, ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: t.name } }, { Action: 'DELETE', ResourceRecordSet: { Name: `_scalectl.${t.name}`, Type: 'TXT' } }] } })],
  'load-balancer': ['elb', 'DeleteLoadBalancer', (t) => ({ LoadBalancerName: t.name })],
  // ELBv2 target groups carry their ARN as detail.
  'target-group': ['elbv2', 'DeleteTargetGroup', (t) => ({ TargetGroupArn: t.detail ?? t.name })],
  'server-certificate': ['iam', 'DeleteServerCertificate', (t) => ({ ServerCertificateName: t.name })],
  'zone-tag': ['route53', 'ChangeTagsForResource', (t) => ({ ResourceType: 'hostedzone', ResourceId: t.zone, RemoveTagKeys: [t.tagKey] })],
};

/** The teardown as plan steps, in deletion order: what --dry-run prints and the prompt shows. */
export function teardownSteps(targets: Target[]): PlannedStep[] {
  return orderTargets(targets).map((t) => {
    const [service, operation, input] = OPERATION[t.kind];
    return { action: 'delete', resource: t.kind, name: t.group ? `${t.group}/${t.name}` : t.name, ...(t.detail ? { detail: t.detail } : {}), request: { service, operation, input: input(t) } };
  });
}

/** How the teardown ends: 0 all done, 130 interrupted, 1 nothing could be done, 5 some done and some not. */
export function teardownExit(r: TeardownResult): 0 | 1 | 5 | 130 {
  if (r.interrupted) return 130;
  const done = r.resources.filter((e) => e.outcome === 'deleted' || e.outcome === 'already gone').length;
  // A kind that could not be searched may still hold resources: never "all done".
  if (r.unsearched?.length) return r.resources.some((e) => e.outcome === 'deleted') ? 5 : 1;
  if (done === r.resources.length) return 0;
  return done === 0 ? 1 : 5;
}

/** Runs `fn` over `items` with at most `limit` at once; results keep the input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Deletes one target; resolves `deleted` or `already gone`, rejects with the reason it failed. */
export type DeleteFn = (t: Target) => Promise<'deleted' | 'already gone'>;

/** Deletes all targets of one kind in as few calls as the API allows (outcomes in input order); undefined: that kind goes one by one. */
export type DeleteManyFn = (ts: Target[]) => Promise<Array<'deleted' | 'already gone'>> | undefined;

/** How many of a kind are deleted at once: every group together (a teardown takes as long as its slowest drain), ten of the rest. */
export function parallelFor(kind: ResourceKind, count: number): number {
  return kind === 'auto-scaling-group' ? Math.max(count, 1) : 10;
}

/**
 * Deletes kind by kind in order, each kind's resources in parallel (at most `limit` at once). After
 * a kind with a failure, later kinds are `not done` (they would depend on it); after an interrupt,
 * everything not finished is `not done`.
 */
export async function runTeardown(targets: Target[], del: DeleteFn, opts: { signal: AbortSignal; limit?: number; reason: (err: unknown) => string; isInterrupt: (err: unknown) => boolean; delMany?: DeleteManyFn }): Promise<TeardownResult> {
  const ordered = orderTargets(targets);
  const entries = new Map<string, TeardownEntry>(ordered.map((t) => [targetKey(t), { kind: t.kind, name: t.group ? `${t.group}/${t.name}` : t.name, outcome: 'not done' }]));
  let blockedBy: string | undefined;
  for (const kind of KIND_ORDER) {
    const batch = ordered.filter((t) => t.kind === kind);
    if (batch.length === 0) continue;
    if (opts.signal.aborted) break;
    if (blockedBy) {
      for (const t of batch) Object.assign(entries.get(targetKey(t)) as TeardownEntry, { reason: `${blockedBy} failed first` });
      continue;
    }
    const many = opts.delMany?.(batch);
    if (many) {
      try {
        const outcomes = await many;
        batch.forEach((t, i) => Object.assign(entries.get(targetKey(t)) as TeardownEntry, { outcome: outcomes[i] ?? 'already gone' }));
      } catch (err) {
        if (opts.isInterrupt(err) || opts.signal.aborted) continue;
        for (const t of batch) Object.assign(entries.get(targetKey(t)) as TeardownEntry, { outcome: 'failed', reason: opts.reason(err) });
        blockedBy ??= targetLabel(batch[0] as Target);
      }
      continue;
    }
    await mapLimit(batch, opts.limit ?? parallelFor(kind, batch.length), async (t) => {
      const entry = entries.get(targetKey(t)) as TeardownEntry;
      if (opts.signal.aborted) return;
      try {
        entry.outcome = await del(t);
      } catch (err) {
        if (opts.isInterrupt(err) || opts.signal.aborted) return;
        entry.outcome = 'failed';
        entry.reason = opts.reason(err);
        blockedBy ??= targetLabel(t);
      }
    });
  }
  const resources = [...entries.values()];
  const interrupted = opts.signal.aborted;
  if (interrupted) for (const e of resources) if (e.outcome === 'not done') e.reason = 'interrupted';
  return { dryRun: false, resources, interrupted };
}
