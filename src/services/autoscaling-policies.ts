// Auto Scaling scaling policies: thin typed functions over @aws-sdk/client-auto-scaling.
// Verb + noun names; client first, one input object of our own types; our own result types out.
import { DeletePolicyCommand, DescribePoliciesCommand, PutScalingPolicyCommand, type AutoScalingClient, type ScalingPolicy } from '@aws-sdk/client-auto-scaling';
import { isNotFound } from './autoscaling.js';
import type { Policy, PolicySpec } from '../domain/policy.js';
import { retrying, type Timing } from '../domain/retry.js';
import { earlierAttemptUnanswered } from './wire.js';

/**
 * Scaling policies (of one group, or all), every page read, optionally only those named. A group
 * that does not exist has none.
 */
export async function describePolicies(client: AutoScalingClient, input: { group?: string; names?: string[]; timing?: Timing }): Promise<Policy[]> {
  const out: Policy[] = [];
  let token: string | undefined;
  try {
    do {
      const req = { ...(input.group ? { AutoScalingGroupName: input.group } : {}), ...(input.names?.length ? { PolicyNames: input.names } : {}), ...(token ? { NextToken: token } : {}) };
      const res = await retrying(input.timing, () => client.send(new DescribePoliciesCommand(req)));
      out.push(...(res.ScalingPolicies ?? []).map((p) => fromSdkPolicy(p, input.group ?? '')));
      token = res.NextToken;
    } while (token);
  } catch (err) {
    if (!input.group || !isNotFound(err)) throw err;
  }
  return out;
}

/**
 * The scaling policies of several groups. DescribePolicies filters by one group or none, so one
 * unfiltered page (100 policies, the most a page holds) answers for every group at once when the
 * region holds no more; otherwise one filtered call per group, which is bounded by the groups
 * asked about, not by the region.
 */
export async function describeGroupsPolicies(client: AutoScalingClient, input: { groups: string[]; timing?: Timing }): Promise<Policy[]> {
  const t = input.timing ? { timing: input.timing } : {};
  const per = async () => (await Promise.all(input.groups.map((group) => describePolicies(client, { group, ...t })))).flat();
  if (input.groups.length <= 1) return per();
  const res = await retrying(input.timing, () => client.send(new DescribePoliciesCommand({ MaxRecords: 100 })));
  if (res.NextToken) return per();
  const wanted = new Set(input.groups);
  return (res.ScalingPolicies ?? []).map((p) => fromSdkPolicy(p, '')).filter((p) => wanted.has(p.group));
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

/**
 * The ARN of scaling policy `policy` in group `group`; undefined when the group has no such policy.
 * Filtered by group too, so an endpoint that ignores the filter cannot hand back a same-named
 * policy of another group.
 */
export async function findPolicyArn(client: AutoScalingClient, q: { group: string; policy: string }): Promise<string | undefined> {
  return (await findPolicy(client, { group: q.group, name: q.policy }))?.arn || undefined;
}

/** Deletes a scaling policy; a policy or group that is gone counts as done. */
export async function deletePolicyIfExists(client: AutoScalingClient, input: { group: string; name: string; timing?: Timing; seen?: boolean }): Promise<'deleted' | 'already gone'> {
  // A policy discovery has just read exists: no second look before the delete.
  if (input.seen) return deletePolicy(client, input);
  const policies = await describePolicies(client, input.timing ? { group: input.group, timing: input.timing } : { group: input.group });
  if (!policies.some((p) => p.name === input.name)) return 'already gone';
  return deletePolicy(client, input);
}

async function deletePolicy(client: AutoScalingClient, input: { group: string; name: string; timing?: Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await retrying(input.timing, () => client.send(new DeletePolicyCommand({ AutoScalingGroupName: input.group, PolicyName: input.name })));
    return 'deleted';
  } catch (err) {
    if (isNotFound(err)) return earlierAttemptUnanswered(err) ? 'deleted' : 'already gone';
    throw err;
  }
}

function fromSdkPolicy(p: ScalingPolicy, group: string): Policy {
  const tt = p.TargetTrackingConfiguration;
  return {
    name: p.PolicyName ?? '',
    group: p.AutoScalingGroupName ?? group,
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
