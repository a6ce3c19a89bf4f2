// Auto Scaling groups and scaling policies: thin typed functions over @aws-sdk/client-auto-scaling.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};

// --- teardown and status ---
import * as asTd from '@aws-sdk/client-auto-scaling';
import { STACK_TAG as TEARDOWN_STACK_TAG } from '../domain/stack.js';
import * as tdRetry from '../domain/teardown-retry.js';

/** A group as teardown and status see it. */
export interface TeardownGroup {
  name: string;
  min: number;
  max: number;
  desired: number;
  /** Set while AWS is deleting the group (`Delete in progress`). */
  status?: string;
  deletionProtection?: string;
  instances: Array<{ id: string; lifecycleState: string; health: string; protectedFromScaleIn: boolean; zone?: string }>;
  suspendedProcesses: string[];
  launchTemplate?: { id?: string; name?: string; version?: string };
  launchConfiguration?: string;
  loadBalancers: string[];
}

/** A scaling policy, with the alarms that fire it. */
export interface TeardownPolicy {
  group: string;
  name: string;
  arn?: string;
  type?: string;
  alarms: string[];
}

function toTeardownGroup(g: asTd.AutoScalingGroup): TeardownGroup {
  const lt = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  return {
    name: g.AutoScalingGroupName ?? '',
    min: g.MinSize ?? 0,
    max: g.MaxSize ?? 0,
    desired: g.DesiredCapacity ?? 0,
    ...(g.Status ? { status: g.Status } : {}),
    ...(g.DeletionProtection ? { deletionProtection: g.DeletionProtection } : {}),
    instances: (g.Instances ?? []).map((i) => ({ id: i.InstanceId ?? '?', lifecycleState: i.LifecycleState ?? 'unknown', health: i.HealthStatus ?? 'unknown', protectedFromScaleIn: i.ProtectedFromScaleIn === true, ...(i.AvailabilityZone ? { zone: i.AvailabilityZone } : {}) })),
    suspendedProcesses: (g.SuspendedProcesses ?? []).flatMap((p) => (p.ProcessName ? [p.ProcessName] : [])),
    ...(lt ? { launchTemplate: { ...(lt.LaunchTemplateId ? { id: lt.LaunchTemplateId } : {}), ...(lt.LaunchTemplateName ? { name: lt.LaunchTemplateName } : {}), ...(lt.Version ? { version: lt.Version } : {}) } } : {}),
    ...(g.LaunchConfigurationName ? { launchConfiguration: g.LaunchConfigurationName } : {}),
    loadBalancers: g.LoadBalancerNames ?? [],
  };
}

/** `ValidationError: AutoScalingGroup name not found` and friends: the thing is gone. */
function isTeardownGroupGone(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return (e.name === 'ValidationError' || e.name === 'ValidationException') && /not found|does not exist|no such/i.test(e.message ?? '');
}

/** Groups tagged scalectl:stack=STACK (paginated). */
export async function listStackGroups(client: asTd.AutoScalingClient, input: { stack: string; timing?: tdRetry.Timing }): Promise<TeardownGroup[]> {
  const out: TeardownGroup[] = [];
  let token: string | undefined;
  do {
    const res = await tdRetry.retrying(input.timing, () => client.send(new asTd.DescribeAutoScalingGroupsCommand({ Filters: [{ Name: `tag:${TEARDOWN_STACK_TAG}`, Values: [input.stack] }], ...(token ? { NextToken: token } : {}) })));
    out.push(...(res.AutoScalingGroups ?? []).map(toTeardownGroup));
    token = res.NextToken;
  } while (token);
  return out;
}

/** Named groups that exist, looked up 50 names per call (the API limit). */
export async function describeGroupsForTeardown(client: asTd.AutoScalingClient, input: { names: string[]; timing?: tdRetry.Timing }): Promise<TeardownGroup[]> {
  const out: TeardownGroup[] = [];
  for (let i = 0; i < input.names.length; i += 50) {
    let token: string | undefined;
    do {
      const res = await tdRetry.retrying(input.timing, () => client.send(new asTd.DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: input.names.slice(i, i + 50), ...(token ? { NextToken: token } : {}) })));
      out.push(...(res.AutoScalingGroups ?? []).map(toTeardownGroup));
      token = res.NextToken;
    } while (token);
  }
  return out;
}

/** One group, or undefined when it does not exist. */
export async function describeGroupForTeardown(client: asTd.AutoScalingClient, input: { name: string; timing?: tdRetry.Timing }): Promise<TeardownGroup | undefined> {
  return (await describeGroupsForTeardown(client, { names: [input.name], ...(input.timing ? { timing: input.timing } : {}) }))[0];
}

/** The scaling policies of a group (none when the group is gone). */
export async function listGroupPoliciesForTeardown(client: asTd.AutoScalingClient, input: { group: string; timing?: tdRetry.Timing }): Promise<TeardownPolicy[]> {
  const out: TeardownPolicy[] = [];
  let token: string | undefined;
  try {
    do {
      const res = await tdRetry.retrying(input.timing, () => client.send(new asTd.DescribePoliciesCommand({ AutoScalingGroupName: input.group, ...(token ? { NextToken: token } : {}) })));
      for (const p of res.ScalingPolicies ?? []) {
        if (!p.PolicyName) continue;
        out.push({ group: p.AutoScalingGroupName ?? input.group, name: p.PolicyName, ...(p.PolicyARN ? { arn: p.PolicyARN } : {}), ...(p.PolicyType ? { type: p.PolicyType } : {}), alarms: (p.Alarms ?? []).flatMap((a) => (a.AlarmName ? [a.AlarmName] : [])) });
      }
      token = res.NextToken;
    } while (token);
  } catch (err) {
    if (!isTeardownGroupGone(err)) throw err;
  }
  return out;
}

/** Names of the group's lifecycle hooks on termination (launch hooks do not hold a teardown). */
export async function listTerminationHooks(client: asTd.AutoScalingClient, input: { group: string; timing?: tdRetry.Timing }): Promise<string[]> {
  try {
    const res = await tdRetry.retrying(input.timing, () => client.send(new asTd.DescribeLifecycleHooksCommand({ AutoScalingGroupName: input.group })));
    return (res.LifecycleHooks ?? []).filter((h) => h.LifecycleTransition !== 'autoscaling:EC2_INSTANCE_LAUNCHING').flatMap((h) => (h.LifecycleHookName ? [h.LifecycleHookName] : []));
  } catch (err) {
    if (isTeardownGroupGone(err)) return [];
    throw err;
  }
}

const TEARDOWN_FINAL_ACTIVITY = new Set(['Successful', 'Failed', 'Cancelled']);

/** The description of the group's newest unfinished scaling activity, if there is one. */
export async function findActivityInProgress(client: asTd.AutoScalingClient, input: { group: string; timing?: tdRetry.Timing }): Promise<string | undefined> {
  try {
    const res = await tdRetry.retrying(input.timing, () => client.send(new asTd.DescribeScalingActivitiesCommand({ AutoScalingGroupName: input.group, MaxRecords: 20 })));
    const a = (res.Activities ?? []).find((x) => x.StatusCode && !TEARDOWN_FINAL_ACTIVITY.has(x.StatusCode));
    return a ? `${a.StatusCode}: ${a.Description ?? a.ActivityId ?? 'activity'}` : undefined;
  } catch (err) {
    if (isTeardownGroupGone(err)) return undefined;
    throw err;
  }
}

/** Deletes a scaling policy; a policy or group that is gone counts as done. */
export async function deletePolicyIfExists(client: asTd.AutoScalingClient, input: { group: string; name: string; timing?: tdRetry.Timing }): Promise<'deleted' | 'already gone'> {
  const policies = await listGroupPoliciesForTeardown(client, input);
  if (!policies.some((p) => p.name === input.name)) return 'already gone';
  try {
    await tdRetry.retrying(input.timing, () => client.send(new asTd.DeletePolicyCommand({ AutoScalingGroupName: input.group, PolicyName: input.name })));
    return 'deleted';
  } catch (err) {
    if (isTeardownGroupGone(err)) return 'already gone';
    throw err;
  }
}

/** Delete errors AWS clears by itself in a while (its in-progress markers are eventually consistent). */
function isTeardownGroupBusy(err: unknown): boolean {
  return ['ScalingActivityInProgress', 'ResourceInUse', 'ResourceContention'].includes(tdRetry.errorName(err));
}

/**
 * Removes a group: scale to zero, wait while instances terminate, delete, wait until it is gone.
 * With `force`, ForceDelete terminates the instances instead. Progress reports instances left and
 * time elapsed; every wait stops at the deadline with a WaitTimeout.
 */
export async function deleteGroupIfExists(client: asTd.AutoScalingClient, input: { name: string; force: boolean; timing: tdRetry.Timing; pollMs?: number; onProgress?: (line: string) => void }): Promise<'deleted' | 'already gone'> {
  const { name, timing: t } = input;
  const poll = input.pollMs ?? 10_000;
  const start = t.now();
  const progress = (msg: string) => input.onProgress?.(`auto-scaling-group ${name}: ${msg}, ${tdRetry.elapsed(t.now() - start)} elapsed`);
  const first = await describeGroupForTeardown(client, { name, timing: t });
  if (!first) return 'already gone';
  if (!input.force && !first.status) {
    try {
      await tdRetry.retrying(t, () => client.send(new asTd.UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, MinSize: 0, MaxSize: 0, DesiredCapacity: 0 })), isTeardownGroupBusy);
    } catch (err) {
      if (isTeardownGroupGone(err)) return 'already gone';
      throw err;
    }
    for (let g: TeardownGroup | undefined = first; ; ) {
      g = await describeGroupForTeardown(client, { name, timing: t });
      if (!g) return 'deleted';
      const left = g.instances.filter((i) => i.lifecycleState !== 'Terminated').length;
      if (left === 0) break;
      progress(`${left} instance${left === 1 ? '' : 's'} left`);
      if (t.now() + poll > t.deadline) throw new tdRetry.WaitTimeout(`${left} instance${left === 1 ? '' : 's'} still terminating after ${tdRetry.elapsed(t.now() - start)}; re-run teardown to keep waiting, or pass --force`);
      await t.sleep(poll, t.signal);
    }
  }
  // A group whose Status is set is already being deleted (an earlier run): just wait for it.
  if (!first.status) {
    try {
      await tdRetry.retrying(t, () => client.send(new asTd.DeleteAutoScalingGroupCommand({ AutoScalingGroupName: name, ...(input.force ? { ForceDelete: true } : {}) })), isTeardownGroupBusy, 5000);
    } catch (err) {
      if (!isTeardownGroupGone(err)) throw err;
    }
  }
  for (;;) {
    const g = await describeGroupForTeardown(client, { name, timing: t });
    if (!g) return 'deleted';
    const left = g.instances.filter((i) => i.lifecycleState !== 'Terminated').length;
    progress(`deleting${left ? `, ${left} instance${left === 1 ? '' : 's'} left` : ''}`);
    if (t.now() + poll > t.deadline) throw new tdRetry.WaitTimeout(`still being deleted after ${tdRetry.elapsed(t.now() - start)}; re-run teardown to keep waiting`);
    await t.sleep(poll, t.signal);
  }
}

/** Deletes a launch configuration; one that is gone counts as done. */
export async function deleteLaunchConfigurationIfExists(client: asTd.AutoScalingClient, input: { name: string; timing?: tdRetry.Timing }): Promise<'deleted' | 'already gone'> {
  const res = await tdRetry.retrying(input.timing, () => client.send(new asTd.DescribeLaunchConfigurationsCommand({ LaunchConfigurationNames: [input.name] })));
  if (!(res.LaunchConfigurations ?? []).length) return 'already gone';
  try {
    // In use right after its group went is eventual consistency; in use for minutes means another group uses it.
    const timing = input.timing && { ...input.timing, deadline: Math.min(input.timing.deadline, input.timing.now() + 120_000) };
    await tdRetry.retrying(timing, () => client.send(new asTd.DeleteLaunchConfigurationCommand({ LaunchConfigurationName: input.name })), (e) => tdRetry.errorName(e) === 'ResourceInUse');
    return 'deleted';
  } catch (err) {
    if (isTeardownGroupGone(err)) return 'already gone';
    throw err;
  }
}
