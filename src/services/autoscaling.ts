// Auto Scaling groups and scaling policies: thin typed functions over @aws-sdk/client-auto-scaling.
// Verb + noun names; client first, one input object of our own types; our own result types out.
import {
  AttachLoadBalancersCommand,
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  CreateOrUpdateTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand,
  DescribePoliciesCommand,
  DetachLoadBalancersCommand,
  PutScalingPolicyCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
  type AutoScalingGroup,
  type ScalingPolicy,
} from '@aws-sdk/client-auto-scaling';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { describeInstanceHealth } from './elb.js';
import type { Group, GroupSettings, GroupSpec, LaunchData, LaunchSource } from '../domain/asg-plan.js';
import type { AsgTag } from '../domain/asg-tags.js';
import type { Policy, PolicySpec } from '../domain/policy.js';
import type { Clock } from '../deps.js';

/** Groups by name (all groups when `names` is empty), every page read. */
export async function describeGroups(client: AutoScalingClient, input: { names: string[] }): Promise<Group[]> {
  const out: Group[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(new DescribeAutoScalingGroupsCommand({ ...(input.names.length ? { AutoScalingGroupNames: input.names } : {}), ...(token ? { NextToken: token } : {}) }));
    out.push(...(res.AutoScalingGroups ?? []).map(fromSdkGroup));
    token = res.NextToken;
  } while (token);
  return out;
}

/** The group named `name`, or undefined. */
export async function findGroup(client: AutoScalingClient, name: string): Promise<Group | undefined> {
  return (await describeGroups(client, { names: [name] })).find((g) => g.name === name);
}

/**
 * Creates the group. A launch template created a moment ago may not be visible to Auto Scaling
 * yet ("ValidationError … launch template … does not exist"): that is retried a few times with
 * `sleep` (the caller's clock) before it counts as a failure.
 */
export async function createGroup(client: AutoScalingClient, spec: GroupSpec, retry?: { sleep(ms: number): Promise<void>; attempts?: number }): Promise<void> {
  const attempts = retry ? (retry.attempts ?? 4) : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new CreateAutoScalingGroupCommand(createGroupInput(spec)));
      return;
    } catch (err) {
      const e = err as Error;
      const stale = e.name === 'ValidationError' && /launch template.*(does not exist|not found)/i.test(e.message);
      if (!stale || attempt >= attempts || !retry) throw err;
      await retry.sleep(2000 * attempt);
    }
  }
}

/** The CreateAutoScalingGroup input (also what --dry-run shows). */
export function createGroupInput(spec: GroupSpec) {
  return {
    AutoScalingGroupName: spec.name,
    ...settingsToSdk(spec),
    MinSize: spec.min,
    MaxSize: spec.max,
    ...(spec.loadBalancers.length ? { LoadBalancerNames: spec.loadBalancers } : {}),
    ...(spec.tags.length ? { Tags: tagsToSdk(spec.name, spec.tags) } : {}),
  };
}

/** The UpdateAutoScalingGroup input (also what --dry-run shows). */
export function updateGroupInput(input: { name: string; settings: GroupSettings }) {
  return { AutoScalingGroupName: input.name, ...settingsToSdk(input.settings) };
}

export async function updateGroup(client: AutoScalingClient, input: { name: string; settings: GroupSettings }): Promise<void> {
  await client.send(new UpdateAutoScalingGroupCommand(updateGroupInput(input)));
}

export async function attachLoadBalancers(client: AutoScalingClient, input: { name: string; loadBalancers: string[] }): Promise<void> {
  await client.send(new AttachLoadBalancersCommand({ AutoScalingGroupName: input.name, LoadBalancerNames: input.loadBalancers }));
}

export async function detachLoadBalancers(client: AutoScalingClient, input: { name: string; loadBalancers: string[] }): Promise<void> {
  await client.send(new DetachLoadBalancersCommand({ AutoScalingGroupName: input.name, LoadBalancerNames: input.loadBalancers }));
}

export async function tagGroup(client: AutoScalingClient, input: { name: string; tags: AsgTag[] }): Promise<void> {
  await client.send(new CreateOrUpdateTagsCommand(tagGroupInput(input)));
}

export function tagGroupInput(input: { name: string; tags: AsgTag[] }) {
  return { Tags: tagsToSdk(input.name, input.tags) };
}

/** True when a launch configuration of that name exists. */
export async function launchConfigurationExists(client: AutoScalingClient, name: string): Promise<boolean> {
  const res = await client.send(new DescribeLaunchConfigurationsCommand({ LaunchConfigurationNames: [name] }));
  return (res.LaunchConfigurations ?? []).some((c) => c.LaunchConfigurationName === name);
}

/** Legacy: accounts opened since October 2024 get UnsupportedOperation here (the caller explains it). */
export async function createLaunchConfiguration(client: AutoScalingClient, input: { name: string; data: LaunchData }): Promise<void> {
  const d = input.data;
  await client.send(
    new CreateLaunchConfigurationCommand({
      LaunchConfigurationName: input.name,
      ImageId: d.imageId,
      InstanceType: d.instanceType,
      ...(d.keyName ? { KeyName: d.keyName } : {}),
      ...(d.securityGroupIds.length + d.securityGroupNames.length ? { SecurityGroups: [...d.securityGroupIds, ...d.securityGroupNames] } : {}),
      ...(d.userData ? { UserData: d.userData } : {}),
      InstanceMonitoring: { Enabled: d.detailedMonitoring },
    }),
  );
}

/** Scaling policies (of one group, or all), every page read, optionally only those named. */
export async function describePolicies(client: AutoScalingClient, input: { group?: string; names?: string[] }): Promise<Policy[]> {
  const out: Policy[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(
      new DescribePoliciesCommand({ ...(input.group ? { AutoScalingGroupName: input.group } : {}), ...(input.names?.length ? { PolicyNames: input.names } : {}), ...(token ? { NextToken: token } : {}) }),
    );
    out.push(...(res.ScalingPolicies ?? []).map(fromSdkPolicy));
    token = res.NextToken;
  } while (token);
  return out;
}

/** The policy `name` of `group`, or undefined. */
export async function findPolicy(client: AutoScalingClient, input: { group: string; name: string }): Promise<Policy | undefined> {
  return (await describePolicies(client, { group: input.group, names: [input.name] })).find((p) => p.name === input.name && (p.group === input.group || p.group === ''));
}

/** Creates or replaces a policy; the ARN when the response carries one (the caller looks it up otherwise). */
export async function putPolicy(client: AutoScalingClient, input: { group: string; name: string; spec: PolicySpec }): Promise<string | undefined> {
  const res = await client.send(new PutScalingPolicyCommand(policyInput(input)));
  return res.PolicyARN || undefined;
}

/** The PutScalingPolicy input for a spec (also shown by --dry-run). */
export function policyInput(input: { group: string; name: string; spec: PolicySpec }) {
  const s = input.spec;
  const base = { AutoScalingGroupName: input.group, PolicyName: input.name };
  if (s.kind === 'target') {
    return {
      ...base,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: s.metric as 'ASGAverageCPUUtilization', ...(s.resourceLabel ? { ResourceLabel: s.resourceLabel } : {}) },
        TargetValue: s.targetValue,
      },
    };
  }
  return {
    ...base,
    PolicyType: 'SimpleScaling',
    AdjustmentType: s.adjustmentType,
    ScalingAdjustment: s.adjustment,
    ...(s.cooldown !== undefined ? { Cooldown: s.cooldown } : {}),
    ...(s.minStep !== undefined ? { MinAdjustmentMagnitude: s.minStep } : {}),
  };
}

/** One look at a group while waiting for it. */
export interface GroupProgress {
  desired: number;
  /** Instances InService and Healthy (and InService in every attached load balancer). */
  ready: number;
  /** What is not ready yet, e.g. `i-0abc Pending`, `1 instance not launched yet`. */
  pending: string[];
  elapsedMs: number;
}

/**
 * Polls until the group's desired number of instances are InService and Healthy, and InService
 * in each classic load balancer attached to it. Returns the last look; `done` false on timeout.
 */
export async function waitForGroupInService(
  client: AutoScalingClient,
  input: { name: string; elb: () => Promise<ElasticLoadBalancingClient>; timeoutMs: number; pollMs: number; clock: Clock; signal: AbortSignal; onProgress(p: GroupProgress): void },
): Promise<GroupProgress & { done: boolean }> {
  const start = input.clock.now();
  for (;;) {
    const p = await lookAtGroup(client, input.name, input.elb);
    const elapsedMs = input.clock.now() - start;
    const look = { ...p, elapsedMs };
    input.onProgress(look);
    if (p.ready >= p.desired && p.pending.length === 0) return { ...look, done: true };
    if (elapsedMs >= input.timeoutMs) return { ...look, done: false };
    await input.clock.sleep(Math.min(input.pollMs, input.timeoutMs - elapsedMs), input.signal);
  }
}

async function lookAtGroup(client: AutoScalingClient, name: string, elb: () => Promise<ElasticLoadBalancingClient>): Promise<Omit<GroupProgress, 'elapsedMs'>> {
  // Right after CreateAutoScalingGroup a read may not see the group yet: that is "pending", not an error.
  const g = await findGroup(client, name);
  if (!g) return { desired: 1, ready: 0, pending: [`group ${name} not visible yet`] };
  const lbStates = new Map<string, Map<string, string>>();
  for (const lb of g.loadBalancers) {
    const health = (await describeInstanceHealth(await elb(), { name: lb })) ?? [];
    lbStates.set(lb, new Map(health.map((h) => [h.instanceId, h.state])));
  }
  const pending: string[] = [];
  let ready = 0;
  for (const i of g.instances) {
    if (i.lifecycleState !== 'InService' || i.health !== 'Healthy') {
      if (!/^Terminat/.test(i.lifecycleState ?? '')) pending.push(`${i.id} ${i.lifecycleState ?? 'unknown'}/${i.health ?? 'unknown'}`);
      continue;
    }
    const outOf = [...lbStates].filter(([, states]) => states.get(i.id) !== 'InService').map(([lb, states]) => `${states.get(i.id) ?? 'not registered'} in ${lb}`);
    if (outOf.length) pending.push(`${i.id} ${outOf.join(', ')}`);
    else ready++;
  }
  const missing = g.desired - g.instances.filter((i) => !/^Terminat/.test(i.lifecycleState ?? '')).length;
  if (missing > 0) pending.push(`${missing} instance${missing === 1 ? '' : 's'} not launched yet`);
  return { desired: g.desired, ready, pending: ready >= g.desired ? [] : pending };
}


function settingsToSdk(s: GroupSettings) {
  return {
    ...(s.min !== undefined ? { MinSize: s.min } : {}),
    ...(s.max !== undefined ? { MaxSize: s.max } : {}),
    ...(s.desired !== undefined ? { DesiredCapacity: s.desired } : {}),
    ...(s.cooldown !== undefined ? { DefaultCooldown: s.cooldown } : {}),
    ...(s.healthCheckType !== undefined ? { HealthCheckType: s.healthCheckType } : {}),
    ...(s.gracePeriod !== undefined ? { HealthCheckGracePeriod: s.gracePeriod } : {}),
    ...(s.zones ? { AvailabilityZones: s.zones } : {}),
    ...(s.subnets ? { VPCZoneIdentifier: s.subnets.join(',') } : {}),
    ...(s.terminationPolicies ? { TerminationPolicies: s.terminationPolicies } : {}),
    ...(s.launch ? launchToSdk(s.launch) : {}),
  };
}

function launchToSdk(l: LaunchSource) {
  return l.kind === 'config' ? { LaunchConfigurationName: l.name } : { LaunchTemplate: { LaunchTemplateName: l.name, Version: l.version } };
}

function tagsToSdk(name: string, tags: AsgTag[]) {
  return tags.map((t) => ({ ResourceId: name, ResourceType: 'auto-scaling-group', Key: t.key, Value: t.value, PropagateAtLaunch: t.propagate }));
}

function fromSdkGroup(g: AutoScalingGroup): Group {
  const lt = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  return {
    name: g.AutoScalingGroupName ?? '',
    min: g.MinSize ?? 0,
    max: g.MaxSize ?? 0,
    desired: g.DesiredCapacity ?? 0,
    ...(lt ? { launchTemplate: { ...(lt.LaunchTemplateName ? { name: lt.LaunchTemplateName } : {}), ...(lt.LaunchTemplateId ? { id: lt.LaunchTemplateId } : {}), ...(lt.Version ? { version: lt.Version } : {}) } } : {}),
    ...(g.LaunchConfigurationName ? { launchConfiguration: g.LaunchConfigurationName } : {}),
    zones: g.AvailabilityZones ?? [],
    subnets: (g.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    loadBalancers: g.LoadBalancerNames ?? [],
    ...(g.HealthCheckType ? { healthCheckType: g.HealthCheckType } : {}),
    ...(g.HealthCheckGracePeriod !== undefined ? { gracePeriod: g.HealthCheckGracePeriod } : {}),
    ...(g.DefaultCooldown !== undefined ? { cooldown: g.DefaultCooldown } : {}),
    terminationPolicies: g.TerminationPolicies ?? [],
    ...(g.Status ? { status: g.Status } : {}),
    tags: (g.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '', propagate: t.PropagateAtLaunch === true })),
    instances: (g.Instances ?? []).map((i) => ({
      id: i.InstanceId ?? '',
      ...(i.AvailabilityZone ? { zone: i.AvailabilityZone } : {}),
      ...(i.LifecycleState ? { lifecycleState: i.LifecycleState } : {}),
      ...(i.HealthStatus ? { health: i.HealthStatus } : {}),
      ...(i.LaunchTemplate?.LaunchTemplateName ? { launchTemplate: i.LaunchTemplate.LaunchTemplateName } : {}),
      ...(i.LaunchTemplate?.Version ? { launchTemplateVersion: i.LaunchTemplate.Version } : {}),
      ...(i.LaunchConfigurationName ? { launchConfiguration: i.LaunchConfigurationName } : {}),
    })),
  };
}

function fromSdkPolicy(p: ScalingPolicy): Policy {
  const tt = p.TargetTrackingConfiguration;
  return {
    name: p.PolicyName ?? '',
    group: p.AutoScalingGroupName ?? '',
    ...(p.PolicyARN ? { arn: p.PolicyARN } : {}),
    type: p.PolicyType ?? 'SimpleScaling',
    ...(p.AdjustmentType ? { adjustmentType: p.AdjustmentType } : {}),
    ...(p.ScalingAdjustment !== undefined ? { adjustment: p.ScalingAdjustment } : {}),
    ...(p.Cooldown !== undefined ? { cooldown: p.Cooldown } : {}),
    ...((p.MinAdjustmentMagnitude ?? p.MinAdjustmentStep) !== undefined ? { minStep: (p.MinAdjustmentMagnitude ?? p.MinAdjustmentStep)! } : {}),
    ...(tt?.PredefinedMetricSpecification?.PredefinedMetricType ? { metric: tt.PredefinedMetricSpecification.PredefinedMetricType } : {}),
    ...(tt?.TargetValue !== undefined ? { targetValue: tt.TargetValue } : {}),
    ...(tt?.PredefinedMetricSpecification?.ResourceLabel ? { resourceLabel: tt.PredefinedMetricSpecification.ResourceLabel } : {}),
    alarms: (p.Alarms ?? []).flatMap((a) => (a.AlarmName ? [a.AlarmName] : [])),
  };
}

/**
 * The ARN of scaling policy `policy` in group `group`; undefined when the group has no such policy.
 * Filtered by group too, so an endpoint that ignores the filter cannot hand back a same-named
 * policy of another group.
 */
export async function findPolicyArn(client: AutoScalingClient, q: { group: string; policy: string }): Promise<string | undefined> {
  return (await findPolicy(client, { group: q.group, name: q.policy }))?.arn || undefined;
}

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
