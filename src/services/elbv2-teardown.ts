// Deleting ELBv2 parts for teardown: listeners → balancer (waited out) → target groups (retried while in use).
import {
  DeleteListenerCommand, DeleteLoadBalancerCommand, DeleteTargetGroupCommand, DescribeListenersCommand, DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupsCommand, DeregisterTargetsCommand, RegisterTargetsCommand, type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { backoff, errorName, retrying, WaitTimeout, type Timing } from '../domain/retry.js';
import type { Blocker } from '../domain/teardown.js';
import { findV2LoadBalancer, isTgNotFound } from './elbv2.js';

const POLL_MS = 5000;

/** Whether deletion protection is on (a teardown blocker). */
export async function deletionProtected(client: ElasticLoadBalancingV2Client, input: { arn: string; timing?: Timing }): Promise<boolean> {
  const res = await retrying(input.timing, () => client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: input.arn })));
  return (res.Attributes ?? []).some((a) => a.Key === 'deletion_protection.enabled' && a.Value === 'true');
}

/** Deletes the balancer's listeners, then the balancer, then waits until AWS no longer lists it. */
export async function deleteV2LoadBalancerIfExists(client: ElasticLoadBalancingV2Client, input: { name: string; timing: Timing; onProgress?: (line: string) => void }): Promise<'deleted' | 'already gone'> {
  const t = input.timing;
  const lb = await findV2LoadBalancer(client, input.name, t);
  if (!lb) return 'already gone';
  const ls = await retrying(t, () => client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.arn })));
  for (const l of ls.Listeners ?? []) {
    await retrying(t, () => client.send(new DeleteListenerCommand({ ListenerArn: l.ListenerArn }))).catch((err: unknown) => {
      if (errorName(err) !== 'ListenerNotFound') throw err;
    });
  }
  await retrying(t, () => client.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.arn })));
  // Its target groups stay "in use" until the balancer is really gone.
  for (;;) {
    if (!(await findV2LoadBalancer(client, input.name, t))) return 'deleted';
    if (t.now() + POLL_MS > t.deadline) throw new WaitTimeout(`load balancer ${input.name} is still being deleted; re-run to finish`);
    input.onProgress?.(`waiting for load balancer ${input.name} to be deleted`);
    await t.sleep(POLL_MS, t.signal);
  }
}

/** Deletes a target group by name, retrying while a balancer being deleted still holds it (ResourceInUse). */
export async function deleteTargetGroupIfExists(client: ElasticLoadBalancingV2Client, input: { name: string; timing: Timing }): Promise<'deleted' | 'already gone'> {
  const t = input.timing;
  let arn: string | undefined;
  try {
    arn = (await retrying(t, () => client.send(new DescribeTargetGroupsCommand({ Names: [input.name] })))).TargetGroups?.[0]?.TargetGroupArn;
  } catch (err) {
    if (isTgNotFound(err)) return 'already gone';
    throw err;
  }
  if (!arn) return 'already gone';
  for (let attempt = 0; ; attempt++) {
    try {
      await retrying(t, () => client.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn })));
      return 'deleted';
    } catch (err) {
      if (isTgNotFound(err)) return 'already gone';
      if (errorName(err) !== 'ResourceInUse') throw err;
      const delay = backoff(attempt, 2000, 15_000);
      if (t.now() + delay > t.deadline) throw err;
      await t.sleep(delay, t.signal);
    }
  }
}

/** Registers instances with a target group. */
export async function registerTargets(client: ElasticLoadBalancingV2Client, input: { arn: string; instances: string[] }): Promise<void> {
  await client.send(new RegisterTargetsCommand({ TargetGroupArn: input.arn, Targets: input.instances.map((Id) => ({ Id })) }));
}

/** Deregisters instances from a target group. */
export async function deregisterTargets(client: ElasticLoadBalancingV2Client, input: { arn: string; instances: string[] }): Promise<void> {
  await client.send(new DeregisterTargetsCommand({ TargetGroupArn: input.arn, Targets: input.instances.map((Id) => ({ Id })) }));
}

/** Deletion protection on a stack's balancers, each with the command that lifts it. */
export async function v2Blockers(client: ElasticLoadBalancingV2Client, input: { loadBalancers: Array<{ name: string; arn: string }>; timing?: Timing }): Promise<Blocker[]> {
  const out: Blocker[] = [];
  for (const l of input.loadBalancers) {
    if (await deletionProtected(client, { arn: l.arn, ...(input.timing ? { timing: input.timing } : {}) })) {
      out.push({ kind: 'load-balancer', group: l.name, problem: 'deletion protection is on', fix: `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${l.arn} --attributes Key=deletion_protection.enabled,Value=false (or scalectl create-lb ${l.name} … --no-protect)` });
    }
  }
  return out;
}
