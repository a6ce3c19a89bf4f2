// Classic Elastic Load Balancing: thin typed functions over @aws-sdk/client-elastic-load-balancing.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};

// --- teardown and status ---
import * as elbTd from '@aws-sdk/client-elastic-load-balancing';
import { STACK_TAG as TEARDOWN_STACK_TAG } from '../domain/stack.js';
import * as tdRetry from '../domain/teardown-retry.js';

/** A load balancer as teardown and status see it. */
export interface TeardownLoadBalancer {
  name: string;
  dnsName?: string;
  /** Certificate ARNs its listeners use. */
  certificates: string[];
  instances: string[];
}

function toTeardownLb(d: elbTd.LoadBalancerDescription): TeardownLoadBalancer {
  return {
    name: d.LoadBalancerName ?? '?',
    ...(d.DNSName ? { dnsName: d.DNSName } : {}),
    certificates: (d.ListenerDescriptions ?? []).flatMap((l) => (l.Listener?.SSLCertificateId ? [l.Listener.SSLCertificateId] : [])),
    instances: (d.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : [])),
  };
}

function isTeardownLbGone(err: unknown): boolean {
  return /^(AccessPointNotFound|LoadBalancerNotFound)/.test((err as { name?: string })?.name ?? '');
}

/** Load balancers tagged scalectl:stack=STACK: all of them (paginated), then their tags 20 names a call. */
export async function listStackLoadBalancers(client: elbTd.ElasticLoadBalancingClient, input: { stack: string; timing?: tdRetry.Timing }): Promise<TeardownLoadBalancer[]> {
  const all: TeardownLoadBalancer[] = [];
  let marker: string | undefined;
  do {
    const res = await tdRetry.retrying(input.timing, () => client.send(new elbTd.DescribeLoadBalancersCommand({ ...(marker ? { Marker: marker } : {}) })));
    all.push(...(res.LoadBalancerDescriptions ?? []).map(toTeardownLb));
    marker = res.NextMarker;
  } while (marker);
  const ours = new Set<string>();
  const readTags = async (names: string[]) => {
    const res = await tdRetry.retrying(input.timing, () => client.send(new elbTd.DescribeTagsCommand({ LoadBalancerNames: names })));
    for (const d of res.TagDescriptions ?? []) if (d.LoadBalancerName && (d.Tags ?? []).some((t) => t.Key === TEARDOWN_STACK_TAG && t.Value === input.stack)) ours.add(d.LoadBalancerName);
  };
  for (let i = 0; i < all.length; i += 20) {
    const names = all.slice(i, i + 20).map((l) => l.name);
    try {
      await readTags(names);
    } catch (err) {
      if (!isTeardownLbGone(err)) throw err;
      // One of the batch went meanwhile and fails the whole call: read the others one by one.
      for (const n of names) await readTags([n]).catch((e: unknown) => { if (!isTeardownLbGone(e)) throw e; });
    }
  }
  return all.filter((l) => ours.has(l.name));
}

/** One load balancer by name, or undefined when it does not exist. */
export async function describeLoadBalancerForTeardown(client: elbTd.ElasticLoadBalancingClient, input: { name: string; timing?: tdRetry.Timing }): Promise<TeardownLoadBalancer | undefined> {
  try {
    const res = await tdRetry.retrying(input.timing, () => client.send(new elbTd.DescribeLoadBalancersCommand({ LoadBalancerNames: [input.name] })));
    const d = res.LoadBalancerDescriptions?.[0];
    return d ? toTeardownLb(d) : undefined;
  } catch (err) {
    if (isTeardownLbGone(err)) return undefined;
    throw err;
  }
}

/** Deletes a load balancer. AWS accepts deleting an absent one, so look first to report `already gone`. */
export async function deleteLoadBalancerIfExists(client: elbTd.ElasticLoadBalancingClient, input: { name: string; timing?: tdRetry.Timing }): Promise<'deleted' | 'already gone'> {
  if (!(await describeLoadBalancerForTeardown(client, input))) return 'already gone';
  await tdRetry.retrying(input.timing, () => client.send(new elbTd.DeleteLoadBalancerCommand({ LoadBalancerName: input.name })));
  return 'deleted';
}

/** Health of each registered instance as the load balancer sees it. */
export async function instanceHealthForStatus(client: elbTd.ElasticLoadBalancingClient, input: { name: string }): Promise<Array<{ id: string; state: string; reason?: string }>> {
  try {
    const res = await client.send(new elbTd.DescribeInstanceHealthCommand({ LoadBalancerName: input.name }));
    return (res.InstanceStates ?? []).map((s) => ({ id: s.InstanceId ?? '?', state: s.State ?? 'Unknown', ...(s.Description && s.Description !== 'N/A' ? { reason: s.Description } : {}) }));
  } catch (err) {
    if (isTeardownLbGone(err)) return [];
    throw err;
  }
}
