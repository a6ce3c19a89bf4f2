// Auto Scaling groups and launch configurations: thin typed functions over @aws-sdk/client-auto-scaling.
// Verb + noun names; client first, one input object of our own types; our own result types out.
// Scaling policies are in autoscaling-policies.ts; draining and deleting a group in autoscaling-teardown.ts.
import {
  AttachLoadBalancersCommand,
  AttachLoadBalancerTargetGroupsCommand,
  DetachLoadBalancerTargetGroupsCommand,
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  CreateOrUpdateTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand,
  DetachLoadBalancersCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
  type AutoScalingGroup,
  type DescribeAutoScalingGroupsCommandInput,
} from '@aws-sdk/client-auto-scaling';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { Group, GroupSettings, GroupSpec, LaunchData, LaunchSource } from '../domain/asg-plan.js';
import type { AsgTag } from '../domain/asg-tags.js';
import { retrying, type Timing } from '../domain/retry.js';
import { STACK_TAG } from '../domain/stack.js';
import type { Clock } from '../deps.js';

/** `ValidationError: AutoScalingGroup name not found` and friends: the group (or what was asked about) is gone. */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return (e.name === 'ValidationError' || e.name === 'ValidationException') && /not found|does not exist|no such/i.test(e.message ?? '');
}

/** DescribeAutoScalingGroups takes at most 50 names per request, and returns at most 100 groups a page. */
const NAMES_PER_REQUEST = 50;
const MAX_RECORDS = 100;

async function describeGroupPages(client: AutoScalingClient, filter: DescribeAutoScalingGroupsCommandInput, timing?: Timing): Promise<Group[]> {
  const out: Group[] = [];
  let token: string | undefined;
  do {
    const res = await retrying(timing, () => client.send(new DescribeAutoScalingGroupsCommand({ ...filter, MaxRecords: MAX_RECORDS, ...(token ? { NextToken: token } : {}) })));
    out.push(...(res.AutoScalingGroups ?? []).map(fromSdkGroup));
    token = res.NextToken;
  } while (token);
  return out;
}

/** Groups by name (all groups when `names` is empty), every page read. */
export async function describeGroups(client: AutoScalingClient, input: { names: string[]; timing?: Timing }): Promise<Group[]> {
  if (!input.names.length) return describeGroupPages(client, {}, input.timing);
  const out: Group[] = [];
  for (let i = 0; i < input.names.length; i += NAMES_PER_REQUEST) {
    out.push(...(await describeGroupPages(client, { AutoScalingGroupNames: input.names.slice(i, i + NAMES_PER_REQUEST) }, input.timing)));
  }
  return out;
}

/** Groups tagged scalectl:stack=STACK, every page read. */
export async function listStackGroups(client: AutoScalingClient, input: { stack: string; timing?: Timing }): Promise<Group[]> {
  return describeGroupPages(client, { Filters: [{ Name: `tag:${STACK_TAG}`, Values: [input.stack] }] }, input.timing);
}

/** The group named `name`, or undefined. */
export async function findGroup(client: AutoScalingClient, name: string, timing?: Timing): Promise<Group | undefined> {
  return (await describeGroups(client, { names: [name], ...(timing ? { timing } : {}) })).find((g) => g.name === name);
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
      if (/^AlreadyExists/.test(e.name) && (await convergeExistingGroup(client, spec))) return;
      const stale = e.name === 'ValidationError' && /launch template.*(does not exist|not found)/i.test(e.message);
      if (!stale || attempt >= attempts || !retry) throw err;
      await retry.sleep(2000 * attempt);
    }
  }
}

/**
 * The group already exists though it did not a moment ago: an attempt whose answer was lost made
 * it, or another run did. Read it and set the settings asked for; false when it is not there.
 */
async function convergeExistingGroup(client: AutoScalingClient, spec: GroupSpec): Promise<boolean> {
  if (!(await findGroup(client, spec.name))) return false;
  const { name, loadBalancers: _lb, tags: _t, ...settings } = spec;
  await updateGroup(client, { name, settings });
  return true;
}

/** The CreateAutoScalingGroup input (also what --dry-run shows). */
export function createGroupInput(spec: GroupSpec) {
  return {
    AutoScalingGroupName: spec.name,
    ...settingsToSdk(spec),
    MinSize: spec.min,
    MaxSize: spec.max,
    ...(spec.loadBalancers.length ? { LoadBalancerNames: spec.loadBalancers } : {}),
    ...(spec.targetGroupArns?.length ? { TargetGroupARNs: spec.targetGroupArns } : {}),
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

export async function attachTargetGroups(client: AutoScalingClient, input: { name: string; arns: string[] }): Promise<void> {
  await client.send(new AttachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: input.name, TargetGroupARNs: input.arns }));
}

export async function detachTargetGroups(client: AutoScalingClient, input: { name: string; arns: string[] }): Promise<void> {
  await client.send(new DetachLoadBalancerTargetGroupsCommand({ AutoScalingGroupName: input.name, TargetGroupARNs: input.arns }));
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
export async function launchConfigurationExists(client: AutoScalingClient, name: string, timing?: Timing): Promise<boolean> {
  const res = await retrying(timing, () => client.send(new DescribeLaunchConfigurationsCommand({ LaunchConfigurationNames: [name] })));
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
      ...(d.instanceProfile ? { IamInstanceProfile: d.instanceProfile } : {}),
      ...(d.imdsTokens === 'required' || d.imdsTokens === 'optional' ? { MetadataOptions: { HttpTokens: d.imdsTokens, HttpEndpoint: 'enabled' } } : {}),
      ...(d.publicIp !== undefined ? { AssociatePublicIpAddress: d.publicIp } : {}),
      ...(d.rootVolume?.device ? { BlockDeviceMappings: [{ DeviceName: d.rootVolume.device, Ebs: { VolumeSize: d.rootVolume.sizeGb } }] } : {}),
    }),
  );
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
  input: { name: string; elb: () => Promise<ElasticLoadBalancingClient>; targetHealth?: (arn: string) => Promise<Array<{ id: string; state: string }>>; timeoutMs: number; pollMs: number; clock: Clock; signal: AbortSignal; onProgress(p: GroupProgress): void },
): Promise<GroupProgress & { done: boolean }> {
  const start = input.clock.now();
  for (;;) {
    const p = await lookAtGroup(client, input.name, input.elb, input.targetHealth);
    const elapsedMs = input.clock.now() - start;
    const look = { ...p, elapsedMs };
    input.onProgress(look);
    if (p.ready >= p.desired && p.pending.length === 0) return { ...look, done: true };
    if (elapsedMs >= input.timeoutMs) return { ...look, done: false };
    await input.clock.sleep(Math.min(input.pollMs, input.timeoutMs - elapsedMs), input.signal);
  }
}

async function lookAtGroup(client: AutoScalingClient, name: string, elb: () => Promise<ElasticLoadBalancingClient>, targetHealth?: (arn: string) => Promise<Array<{ id: string; state: string }>>): Promise<Omit<GroupProgress, 'elapsedMs'>> {
  // Right after CreateAutoScalingGroup a read may not see the group yet: that is "pending", not an error.
  const g = await findGroup(client, name);
  if (!g) return { desired: 1, ready: 0, pending: [`group ${name} not visible yet`] };
  const lbStates = new Map<string, Map<string, string>>();
  for (const lb of g.loadBalancers) {
    // The ELB service module loads only for a group behind a balancer (describe-asgs never needs it).
    const { describeInstanceHealth } = await import('./elb.js');
    const health = (await describeInstanceHealth(await elb(), { name: lb })) ?? [];
    lbStates.set(lb, new Map(health.map((h) => [h.instanceId, h.state])));
  }
  // ELBv2 target groups: a `healthy` target counts as InService.
  for (const arn of targetHealth ? g.targetGroupArns ?? [] : []) {
    const health = await targetHealth!(arn);
    lbStates.set(`target group ${arn.split('/')[1] ?? arn}`, new Map(health.map((h) => [h.id, h.state === 'healthy' ? 'InService' : h.state])));
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
    ...(g.TargetGroupARNs?.length ? { targetGroupArns: g.TargetGroupARNs } : {}),
    ...(g.HealthCheckType ? { healthCheckType: g.HealthCheckType } : {}),
    ...(g.HealthCheckGracePeriod !== undefined ? { gracePeriod: g.HealthCheckGracePeriod } : {}),
    ...(g.DefaultCooldown !== undefined ? { cooldown: g.DefaultCooldown } : {}),
    terminationPolicies: g.TerminationPolicies ?? [],
    ...(g.Status ? { status: g.Status } : {}),
    ...(g.DeletionProtection ? { deletionProtection: g.DeletionProtection } : {}),
    suspendedProcesses: (g.SuspendedProcesses ?? []).flatMap((p) => (p.ProcessName ? [p.ProcessName] : [])),
    tags: (g.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '', propagate: t.PropagateAtLaunch === true })),
    instances: (g.Instances ?? []).map((i) => ({
      id: i.InstanceId ?? '',
      ...(i.AvailabilityZone ? { zone: i.AvailabilityZone } : {}),
      ...(i.LifecycleState ? { lifecycleState: i.LifecycleState } : {}),
      ...(i.HealthStatus ? { health: i.HealthStatus } : {}),
      ...(i.LaunchTemplate?.LaunchTemplateName ? { launchTemplate: i.LaunchTemplate.LaunchTemplateName } : {}),
      ...(i.LaunchTemplate?.Version ? { launchTemplateVersion: i.LaunchTemplate.Version } : {}),
      ...(i.LaunchConfigurationName ? { launchConfiguration: i.LaunchConfigurationName } : {}),
      protectedFromScaleIn: i.ProtectedFromScaleIn === true,
    })),
  };
}
