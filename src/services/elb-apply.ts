// Classic Elastic Load Balancing writes: the changes create-lb plans (applyElbOp) and set-lb-cert's
// certificate swap. Reads, instances and deletion are in elb.ts.
import {
  AddTagsCommand, ApplySecurityGroupsToLoadBalancerCommand, AttachLoadBalancerToSubnetsCommand, ConfigureHealthCheckCommand,
  CreateAppCookieStickinessPolicyCommand, CreateLBCookieStickinessPolicyCommand, CreateLoadBalancerCommand, CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerListenersCommand, EnableAvailabilityZonesForLoadBalancerCommand, ModifyLoadBalancerAttributesCommand,
  SetLoadBalancerListenerSSLCertificateCommand, SetLoadBalancerPoliciesOfListenerCommand, type ElasticLoadBalancingClient, type Listener,
} from '@aws-sdk/client-elastic-load-balancing';
import { describeRaw, findLoadBalancer, registerInstances } from './elb.js';
import type { ElbOp, LbAttributes, ResolvedListener } from '../domain/lb-plan.js';
import { errorName, untilVisible, type RetryOptions } from '../domain/retry.js';
import type { Tag } from '../domain/stack.js';

const isCertNotFound = (err: unknown) => errorName(err) === 'CertificateNotFound';

function fromListener(l: ResolvedListener): Listener {
  return { Protocol: l.protocol, LoadBalancerPort: l.port, InstanceProtocol: l.instanceProtocol, InstancePort: l.instancePort, ...(l.certificateArn ? { SSLCertificateId: l.certificateArn } : {}) };
}

/** Runs `fn`, retrying while ELB says the certificate does not exist: one uploaded seconds ago takes a while to become visible to ELB. */
function withCertRetry<T>(what: string, retry: RetryOptions | undefined, fn: () => Promise<T>): Promise<T> {
  return untilVisible(retry, isCertNotFound, (s) => `waiting for the certificate to become visible to ELB (${what}); retrying in ${s}s`, fn);
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
    if (errorName(err) !== 'DuplicatePolicyName') throw err;
  }
}

/** Swaps the certificate of an HTTPS/SSL listener, retrying while a new certificate is not yet visible. */
export async function setListenerCertificate(client: ElasticLoadBalancingClient, input: { name: string; port: number; certificateArn: string }, retry?: RetryOptions): Promise<void> {
  await withCertRetry(`setting the certificate of ${input.name}:${input.port}`, retry, () =>
    client.send(new SetLoadBalancerListenerSSLCertificateCommand({ LoadBalancerName: input.name, LoadBalancerPort: input.port, SSLCertificateId: input.certificateArn })),
  );
}
