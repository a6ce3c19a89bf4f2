// Classic Elastic Load Balancing: thin typed functions over @aws-sdk/client-elastic-load-balancing.
// Verb + noun names; client first, one input object of our own types; our own result types out.
import {
  AddTagsCommand, ApplySecurityGroupsToLoadBalancerCommand, AttachLoadBalancerToSubnetsCommand, ConfigureHealthCheckCommand,
  CreateAppCookieStickinessPolicyCommand, CreateLBCookieStickinessPolicyCommand, CreateLoadBalancerCommand, CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand, DeregisterInstancesFromLoadBalancerCommand, DescribeInstanceHealthCommand, DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancerPoliciesCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, EnableAvailabilityZonesForLoadBalancerCommand,
  ModifyLoadBalancerAttributesCommand, RegisterInstancesWithLoadBalancerCommand, SetLoadBalancerListenerSSLCertificateCommand,
  SetLoadBalancerPoliciesOfListenerCommand, type ElasticLoadBalancingClient, type Listener, type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import type { ElbOp, LbAttributes, LiveLb, ResolvedListener } from '../domain/lb-plan.js';
import type { HealthCheckSpec, Protocol } from '../domain/listeners.js';
import type { Tag } from '../domain/stack.js';

/** Waiting for something eventually consistent: the fake clock in tests, progress for the user. */
export interface RetryOptions {
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Called before each wait with what is awaited. */
  onWait?(message: string): void;
  /** How long to keep trying; default 60 s. */
  timeoutMs?: number;
}

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

const errName = (err: unknown) => (err as { name?: string }).name ?? '';
const isNotFound = (err: unknown) => ['AccessPointNotFoundException', 'LoadBalancerNotFound', 'AccessPointNotFound'].includes(errName(err));
const isCertNotFound = (err: unknown) => ['CertificateNotFoundException', 'CertificateNotFound'].includes(errName(err));

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

function fromListener(l: ResolvedListener): Listener {
  return { Protocol: l.protocol, LoadBalancerPort: l.port, InstanceProtocol: l.instanceProtocol, InstancePort: l.instancePort, ...(l.certificateArn ? { SSLCertificateId: l.certificateArn } : {}) };
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

async function describeRaw(client: ElasticLoadBalancingClient, name: string): Promise<LoadBalancerDescription | undefined> {
  try {
    const res = await client.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: [name] }));
    return res.LoadBalancerDescriptions?.find((d) => d.LoadBalancerName === name) ?? res.LoadBalancerDescriptions?.[0];
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** One balancer by name; undefined when it does not exist. */
export async function findLoadBalancer(client: ElasticLoadBalancingClient, name: string): Promise<LoadBalancerSummary | undefined> {
  const d = await describeRaw(client, name);
  return d ? toSummary(d) : undefined;
}

/** Every balancer in the region, all pages. */
export async function listLoadBalancers(client: ElasticLoadBalancingClient): Promise<LoadBalancerSummary[]> {
  const out: LoadBalancerSummary[] = [];
  let marker: string | undefined;
  do {
    const res = await client.send(new DescribeLoadBalancersCommand({ ...(marker ? { Marker: marker } : {}) }));
    out.push(...(res.LoadBalancerDescriptions ?? []).map(toSummary));
    marker = res.NextMarker;
  } while (marker);
  return out;
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

/**
 * Runs `fn`, retrying while ELB says the certificate does not exist: a certificate uploaded
 * seconds ago takes a while to become visible to ELB.
 */
async function withCertRetry<T>(what: string, retry: RetryOptions | undefined, fn: () => Promise<T>): Promise<T> {
  const deadline = retry ? retry.now() + (retry.timeoutMs ?? 60_000) : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!retry || !isCertNotFound(err) || retry.now() >= deadline) throw err;
      const wait = Math.min(2_000 * 2 ** attempt, 15_000, Math.max(deadline - retry.now(), 1));
      retry.onWait?.(`waiting for the certificate to become visible to ELB (${what}); retrying in ${Math.round(wait / 1000)}s`);
      await retry.sleep(wait);
    }
  }
}

/** Creates the balancer and returns its DNS name (looked up if the response lacks it). */
async function createLoadBalancer(client: ElasticLoadBalancingClient, input: Extract<ElbOp, { operation: 'CreateLoadBalancer' }>['input'], retry?: RetryOptions): Promise<string | undefined> {
  const res = await withCertRetry(`creating ${input.name}`, retry, () =>
    client.send(new CreateLoadBalancerCommand({
      LoadBalancerName: input.name,
      Listeners: input.listeners.map(fromListener),
      ...(input.zones.length ? { AvailabilityZones: input.zones } : {}),
      ...(input.subnets.length ? { Subnets: input.subnets } : {}),
      ...(input.securityGroups.length ? { SecurityGroups: input.securityGroups } : {}),
      ...(input.internal ? { Scheme: 'internal' } : {}),
      ...(input.tags.length ? { Tags: toSdkTags(input.tags) } : {}),
    })),
  );
  return res.DNSName ?? (await findLoadBalancer(client, input.name))?.dnsName;
}

const toSdkTags = (tags: Tag[]) => tags.map((t) => ({ Key: t.key, Value: t.value }));

function toSdkAttributes(a: Partial<LbAttributes>) {
  return {
    ...(a.crossZone !== undefined ? { CrossZoneLoadBalancing: { Enabled: a.crossZone } } : {}),
    ...(a.draining ? { ConnectionDraining: { Enabled: a.draining.enabled, ...(a.draining.enabled && a.draining.timeout !== undefined ? { Timeout: a.draining.timeout } : {}) } } : {}),
    ...(a.idleTimeout !== undefined ? { ConnectionSettings: { IdleTimeout: a.idleTimeout } } : {}),
  };
}

/**
 * Puts the stickiness policy on a listener. SetLoadBalancerPoliciesOfListener replaces the whole
 * set, so the listener's other policies (the SSL negotiation policy AWS attaches to HTTPS
 * listeners) are read now and kept; only other stickiness policies are swapped out.
 */
async function setStickyPolicy(client: ElasticLoadBalancingClient, input: { name: string; port: number; stickyPolicyName: string }): Promise<void> {
  const d = await describeRaw(client, input.name);
  const current = d?.ListenerDescriptions?.find((l) => l.Listener?.LoadBalancerPort === input.port)?.PolicyNames ?? [];
  const sticky = new Set([...(d?.Policies?.AppCookieStickinessPolicies ?? []), ...(d?.Policies?.LBCookieStickinessPolicies ?? [])].map((p) => p.PolicyName));
  const keep = current.filter((p) => !sticky.has(p) && !p.startsWith('scalectl-app-') && !p.startsWith('scalectl-lb-'));
  await client.send(new SetLoadBalancerPoliciesOfListenerCommand({ LoadBalancerName: input.name, LoadBalancerPort: input.port, PolicyNames: [...keep, input.stickyPolicyName] }));
}

/** Sends one planned write. Returns the DNS name for CreateLoadBalancer. */
export async function applyElbOp(client: ElasticLoadBalancingClient, op: ElbOp, retry?: RetryOptions): Promise<string | undefined> {
  const LoadBalancerName = op.input.name;
  switch (op.operation) {
    case 'CreateLoadBalancer':
      return createLoadBalancer(client, op.input, retry);
    case 'CreateLoadBalancerListeners':
      await withCertRetry(`adding listeners to ${LoadBalancerName}`, retry, () => client.send(new CreateLoadBalancerListenersCommand({ LoadBalancerName, Listeners: op.input.listeners.map(fromListener) })));
      return;
    case 'DeleteLoadBalancerListeners':
      await client.send(new DeleteLoadBalancerListenersCommand({ LoadBalancerName, LoadBalancerPorts: op.input.ports }));
      return;
    case 'SetLoadBalancerListenerSSLCertificate':
      await setListenerCertificate(client, op.input, retry);
      return;
    case 'ConfigureHealthCheck': {
      const h = op.input.healthCheck;
      await client.send(new ConfigureHealthCheckCommand({ LoadBalancerName, HealthCheck: { Target: h.target, Interval: h.interval, Timeout: h.timeout, HealthyThreshold: h.healthyThreshold, UnhealthyThreshold: h.unhealthyThreshold } }));
      return;
    }
    case 'CreateAppCookieStickinessPolicy':
      await ignoreDuplicatePolicy(client.send(new CreateAppCookieStickinessPolicyCommand({ LoadBalancerName, PolicyName: op.input.policyName, CookieName: op.input.cookieName })));
      return;
    case 'CreateLBCookieStickinessPolicy':
      await ignoreDuplicatePolicy(client.send(new CreateLBCookieStickinessPolicyCommand({ LoadBalancerName, PolicyName: op.input.policyName, ...(op.input.expirationSeconds ? { CookieExpirationPeriod: op.input.expirationSeconds } : {}) })));
      return;
    case 'SetLoadBalancerPoliciesOfListener':
      await setStickyPolicy(client, op.input);
      return;
    case 'ModifyLoadBalancerAttributes':
      await client.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerName, LoadBalancerAttributes: toSdkAttributes(op.input.attributes) }));
      return;
    case 'EnableAvailabilityZonesForLoadBalancer':
      await client.send(new EnableAvailabilityZonesForLoadBalancerCommand({ LoadBalancerName, AvailabilityZones: op.input.zones }));
      return;
    case 'AttachLoadBalancerToSubnets':
      await client.send(new AttachLoadBalancerToSubnetsCommand({ LoadBalancerName, Subnets: op.input.subnets }));
      return;
    case 'ApplySecurityGroupsToLoadBalancer':
      await client.send(new ApplySecurityGroupsToLoadBalancerCommand({ LoadBalancerName, SecurityGroups: op.input.securityGroups }));
      return;
    case 'RegisterInstancesWithLoadBalancer':
      await registerInstances(client, { name: LoadBalancerName, instances: op.input.instances });
      return;
    case 'AddTags':
      await client.send(new AddTagsCommand({ LoadBalancerNames: [LoadBalancerName], Tags: toSdkTags(op.input.tags) }));
      return;
  }
}

/** Names are deterministic and encode the settings, so an existing policy of that name is the same policy. */
async function ignoreDuplicatePolicy(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!['DuplicatePolicyNameException', 'DuplicatePolicyName'].includes(errName(err))) throw err;
  }
}

/** Swaps the certificate of an HTTPS/SSL listener, retrying while a new certificate is not yet visible. */
export async function setListenerCertificate(client: ElasticLoadBalancingClient, input: { name: string; port: number; certificateArn: string }, retry?: RetryOptions): Promise<void> {
  await withCertRetry(`setting the certificate of ${input.name}:${input.port}`, retry, () =>
    client.send(new SetLoadBalancerListenerSSLCertificateCommand({ LoadBalancerName: input.name, LoadBalancerPort: input.port, SSLCertificateId: input.certificateArn })),
  );
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

