// Classic Elastic Load Balancing: thin typed functions over @aws-sdk/client-elastic-load-balancing.
// Verb + noun names; client first, one input object of our own types; our own result types out.
// The writes create-lb plans live in elb-apply.ts.
import {
  DeleteLoadBalancerCommand, DeregisterInstancesFromLoadBalancerCommand, DescribeInstanceHealthCommand, DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancerPoliciesCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, RegisterInstancesWithLoadBalancerCommand,
  type ElasticLoadBalancingClient, type Listener, type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import type { LiveLb, ResolvedListener } from '../domain/lb-plan.js';
import type { HealthCheckSpec, Protocol } from '../domain/listeners.js';
import { retrying, type Timing } from '../domain/retry.js';
import { STACK_TAG } from '../domain/stack.js';

/** A load balancer as describe-lbs shows it. */
export interface LoadBalancerSummary {
  name: string;
  dnsName?: string;
  scheme?: string;
  listeners: ResolvedListener[];
  healthCheck?: HealthCheckSpec;
  instances: string[];
  zones: string[];
  subnets: string[];
  securityGroups: string[];
  vpcId?: string;
  /** For a Route 53 alias record. */
  hostedZoneId?: string;
  createdTime?: string;
}

/** One instance's health as the balancer sees it. */
export interface InstanceHealth {
  instanceId: string;
  state: string;
  reasonCode?: string;
  description?: string;
}

const isNotFound = (err: unknown) => /^(AccessPointNotFound|LoadBalancerNotFound)/.test((err as { name?: string })?.name ?? '');

function toListener(l: Listener): ResolvedListener {
  const protocol = (l.Protocol ?? 'TCP').toUpperCase() as Protocol;
  return {
    protocol,
    port: l.LoadBalancerPort ?? 0,
    instanceProtocol: (l.InstanceProtocol ?? protocol).toUpperCase() as Protocol,
    instancePort: l.InstancePort ?? 0,
    ...(l.SSLCertificateId ? { certificateArn: l.SSLCertificateId } : {}),
  };
}

function toSummary(d: LoadBalancerDescription): LoadBalancerSummary {
  const hc = d.HealthCheck;
  return {
    name: d.LoadBalancerName ?? '',
    ...(d.DNSName ? { dnsName: d.DNSName } : {}),
    ...(d.Scheme ? { scheme: d.Scheme } : {}),
    listeners: (d.ListenerDescriptions ?? []).flatMap((ld) => (ld.Listener ? [toListener(ld.Listener)] : [])),
    ...(hc?.Target ? { healthCheck: { target: hc.Target, interval: hc.Interval ?? 0, timeout: hc.Timeout ?? 0, healthyThreshold: hc.HealthyThreshold ?? 0, unhealthyThreshold: hc.UnhealthyThreshold ?? 0 } } : {}),
    instances: (d.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : [])),
    zones: d.AvailabilityZones ?? [],
    subnets: d.Subnets ?? [],
    securityGroups: d.SecurityGroups ?? [],
    ...(d.VPCId ? { vpcId: d.VPCId } : {}),
    ...(d.CanonicalHostedZoneNameID ? { hostedZoneId: d.CanonicalHostedZoneNameID } : {}),
    ...(d.CreatedTime ? { createdTime: new Date(d.CreatedTime).toISOString() } : {}),
  };
}

/** The SDK's description of one balancer (for this service's modules only); undefined when it does not exist. */
export async function describeRaw(client: ElasticLoadBalancingClient, name: string, timing?: Timing): Promise<LoadBalancerDescription | undefined> {
  try {
    const res = await retrying(timing, () => client.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] })));
    return res.LoadBalancerDescriptions?.find((d) => d.LoadBalancerName === name) ?? res.LoadBalancerDescriptions?.[0];
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** One balancer by name; undefined when it does not exist. */
export async function findLoadBalancer(client: ElasticLoadBalancingClient, name: string, timing?: Timing): Promise<LoadBalancerSummary | undefined> {
  const d = await describeRaw(client, name, timing);
  return d ? toSummary(d) : undefined;
}

/** DescribeLoadBalancers returns at most 400 a page; DescribeTags takes at most 20 names. */
const PAGE_SIZE = 400;
const TAG_NAMES = 20;

/**
 * The balancers of these names that exist, 20 names a call in parallel. A name that went since it
 * was found fails its whole call, so that call's names are then read one by one.
 */
export async function describeLoadBalancersByName(client: ElasticLoadBalancingClient, input: { names: string[]; timing?: Timing }): Promise<LoadBalancerSummary[]> {
  const batches = Array.from({ length: Math.ceil(input.names.length / TAG_NAMES) }, (_, i) => input.names.slice(i * TAG_NAMES, (i + 1) * TAG_NAMES));
  const found = await Promise.all(batches.map(async (names) => {
    try {
      const res = await retrying(input.timing, () => client.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: names })));
      return (res.LoadBalancerDescriptions ?? []).map(toSummary);
    } catch (err) {
      if (!isNotFound(err) || names.length === 1) {
        if (isNotFound(err)) return [];
        throw err;
      }
      return (await Promise.all(names.map((n) => findLoadBalancer(client, n, input.timing)))).flatMap((l) => (l ? [l] : []));
    }
  }));
  return found.flat();
}

/** Every balancer in the region, all pages. */
export async function listLoadBalancers(client: ElasticLoadBalancingClient, timing?: Timing): Promise<LoadBalancerSummary[]> {
  const out: LoadBalancerSummary[] = [];
  let marker: string | undefined;
  do {
    const res = await retrying(timing, () => client.send(new DescribeLoadBalancersCommand({ PageSize: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) })));
    out.push(...(res.LoadBalancerDescriptions ?? []).map(toSummary));
    marker = res.NextMarker;
  } while (marker);
  return out;
}

/** Load balancers tagged scalectl:stack=STACK: all of them, then their tags 20 names a call. */
export async function listStackLoadBalancers(client: ElasticLoadBalancingClient, input: { stack: string; timing?: Timing }): Promise<LoadBalancerSummary[]> {
  const all = await listLoadBalancers(client, input.timing);
  const ours = new Set<string>();
  const readTags = async (names: string[]) => {
    const res = await retrying(input.timing, () => client.send(new DescribeTagsCommand({ LoadBalancerNames: names })));
    for (const d of res.TagDescriptions ?? []) if (d.LoadBalancerName && (d.Tags ?? []).some((t) => t.Key === STACK_TAG && t.Value === input.stack)) ours.add(d.LoadBalancerName);
  };
  const batches = Array.from({ length: Math.ceil(all.length / TAG_NAMES) }, (_, i) => all.slice(i * TAG_NAMES, (i + 1) * TAG_NAMES).map((l) => l.name));
  await Promise.all(batches.map(async (names) => {
    try {
      await readTags(names);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // One of the batch went meanwhile and fails the whole call: read the others one by one.
      for (const n of names) await readTags([n]).catch((e: unknown) => { if (!isNotFound(e)) throw e; });
    }
  }));
  return all.filter((l) => ours.has(l.name));
}

/** Everything create-lb compares: description, attributes, policies, tags. Undefined when absent. */
export async function readLoadBalancerState(client: ElasticLoadBalancingClient, name: string): Promise<LiveLb | undefined> {
  const d = await describeRaw(client, name);
  if (!d) return undefined;
  const s = toSummary(d);
  const input = { LoadBalancerName: name };
  const [attrs, policies, tags] = await Promise.all([
    client.send(new DescribeLoadBalancerAttributesCommand(input)),
    client.send(new DescribeLoadBalancerPoliciesCommand(input)),
    client.send(new DescribeTagsCommand({ LoadBalancerNames: [name] })),
  ]);
  const a = attrs.LoadBalancerAttributes;
  const known = new Map<string, string | undefined>();
  for (const p of d.Policies?.AppCookieStickinessPolicies ?? []) if (p.PolicyName) known.set(p.PolicyName, 'AppCookieStickinessPolicyType');
  for (const p of d.Policies?.LBCookieStickinessPolicies ?? []) if (p.PolicyName) known.set(p.PolicyName, 'LBCookieStickinessPolicyType');
  for (const p of d.Policies?.OtherPolicies ?? []) if (!known.has(p)) known.set(p, undefined);
  for (const p of policies.PolicyDescriptions ?? []) if (p.PolicyName) known.set(p.PolicyName, p.PolicyTypeName ?? known.get(p.PolicyName));
  return {
    name,
    ...(s.dnsName ? { dnsName: s.dnsName } : {}),
    ...(s.scheme ? { scheme: s.scheme } : {}),
    listeners: (d.ListenerDescriptions ?? []).flatMap((ld) => (ld.Listener ? [{ ...toListener(ld.Listener), policyNames: ld.PolicyNames ?? [] }] : [])),
    ...(s.healthCheck ? { healthCheck: s.healthCheck } : {}),
    zones: s.zones,
    subnets: s.subnets,
    securityGroups: s.securityGroups,
    instances: s.instances,
    policies: [...known].map(([n, type]) => ({ name: n, ...(type ? { type } : {}) })),
    attributes: {
      ...(a?.CrossZoneLoadBalancing?.Enabled !== undefined ? { crossZone: a.CrossZoneLoadBalancing.Enabled } : {}),
      ...(a?.ConnectionDraining ? { draining: { ...(a.ConnectionDraining.Enabled !== undefined ? { enabled: a.ConnectionDraining.Enabled } : {}), ...(a.ConnectionDraining.Timeout !== undefined ? { timeout: a.ConnectionDraining.Timeout } : {}) } } : {}),
      ...(a?.ConnectionSettings?.IdleTimeout !== undefined ? { idleTimeout: a.ConnectionSettings.IdleTimeout } : {}),
    },
    tags: (tags.TagDescriptions?.find((t) => t.LoadBalancerName === name) ?? tags.TagDescriptions?.[0])?.Tags?.map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })) ?? [],
  };
}

/** Deletes a load balancer. AWS accepts deleting an absent one, so look first to report `already gone`. */
export async function deleteLoadBalancerIfExists(client: ElasticLoadBalancingClient, input: { name: string; timing?: Timing; seen?: boolean }): Promise<'deleted' | 'already gone'> {
  // One discovery has just read exists: no second look before the delete.
  if (!input.seen && !(await describeRaw(client, input.name, input.timing))) return 'already gone';
  await retrying(input.timing, () => client.send(new DeleteLoadBalancerCommand({ LoadBalancerName: input.name })));
  return 'deleted';
}

/** Registers instances; returns every instance registered afterwards, as the response lists them (moto lists none). */
export async function registerInstances(client: ElasticLoadBalancingClient, input: { name: string; instances: string[] }): Promise<string[]> {
  const res = await client.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: input.name, Instances: input.instances.map((InstanceId) => ({ InstanceId })) }));
  return (res.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : []));
}

/** Deregisters instances; returns every instance still registered afterwards, as the response lists them (moto lists none). */
export async function deregisterInstances(client: ElasticLoadBalancingClient, input: { name: string; instances: string[] }): Promise<string[]> {
  const res = await client.send(new DeregisterInstancesFromLoadBalancerCommand({ LoadBalancerName: input.name, Instances: input.instances.map((InstanceId) => ({ InstanceId })) }));
  return (res.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : []));
}

/** Health of each registered instance; undefined when the balancer does not exist. */
export async function describeInstanceHealth(client: ElasticLoadBalancingClient, input: { name: string }): Promise<InstanceHealth[] | undefined> {
  try {
    const res = await client.send(new DescribeInstanceHealthCommand({ LoadBalancerName: input.name }));
    return (res.InstanceStates ?? []).map((s) => ({
      instanceId: s.InstanceId ?? '',
      state: s.State ?? 'Unknown',
      ...(s.ReasonCode && s.ReasonCode !== 'N/A' ? { reasonCode: s.ReasonCode } : {}),
      ...(s.Description && s.Description !== 'N/A' ? { description: s.Description } : {}),
    }));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
