// The converge diff for create-lb: desired balancer vs what exists → the operations that differ.
// Pure: the command turns each change into a Step whose run() hands the operation to services/elb.
import { OperationError } from '../errors.js';
import type { Tag } from './stack.js';
import { isSecure, listenerLabel, stickyPolicyName, type HealthCheckSpec, type ListenerSpec, type Protocol, type StickySpec } from './listeners.js';

/** A listener with its certificate resolved to an ARN (or a placeholder in a dry-run). */
export interface ResolvedListener extends Omit<ListenerSpec, 'certificate'> {
  certificateArn?: string;
}

export interface LbAttributes {
  crossZone: boolean;
  draining: { enabled: boolean; timeout?: number };
  idleTimeout?: number;
}

/** What `create-lb` asks for. */
export interface DesiredLb {
  name: string;
  listeners: ResolvedListener[];
  healthCheck?: HealthCheckSpec;
  sticky?: { spec: StickySpec; ports: number[] };
  zones: string[];
  subnets: string[];
  securityGroups: string[];
  internal: boolean;
  attributes: LbAttributes;
  instances: string[];
  tags: Tag[];
}

/** A balancer as read back; every part may be missing from LocalStack/moto responses. */
export interface LiveLb {
  name: string;
  dnsName?: string;
  scheme?: string;
  listeners: Array<ResolvedListener & { policyNames: string[] }>;
  healthCheck?: HealthCheckSpec;
  zones: string[];
  subnets: string[];
  securityGroups: string[];
  instances: string[];
  /** Policies of the balancer, with their type names when known. */
  policies: Array<{ name: string; type?: string }>;
  attributes?: { crossZone?: boolean; draining?: { enabled?: boolean; timeout?: number }; idleTimeout?: number };
  tags: Tag[];
}

/** The ELB writes create-lb can make, with our own input shapes. */
export type ElbOp =
  | { operation: 'CreateLoadBalancer'; input: { name: string; listeners: ResolvedListener[]; zones: string[]; subnets: string[]; securityGroups: string[]; internal: boolean; tags: Tag[] } }
  | { operation: 'CreateLoadBalancerListeners'; input: { name: string; listeners: ResolvedListener[] } }
  | { operation: 'DeleteLoadBalancerListeners'; input: { name: string; ports: number[] } }
  | { operation: 'SetLoadBalancerListenerSSLCertificate'; input: { name: string; port: number; certificateArn: string } }
  | { operation: 'ConfigureHealthCheck'; input: { name: string; healthCheck: HealthCheckSpec } }
  | { operation: 'CreateAppCookieStickinessPolicy'; input: { name: string; policyName: string; cookieName: string } }
  | { operation: 'CreateLBCookieStickinessPolicy'; input: { name: string; policyName: string; expirationSeconds?: number } }
  | { operation: 'SetLoadBalancerPoliciesOfListener'; input: { name: string; port: number; stickyPolicyName: string } }
  | { operation: 'ModifyLoadBalancerAttributes'; input: { name: string; attributes: Partial<LbAttributes> } }
  | { operation: 'EnableAvailabilityZonesForLoadBalancer'; input: { name: string; zones: string[] } }
  | { operation: 'AttachLoadBalancerToSubnets'; input: { name: string; subnets: string[] } }
  | { operation: 'ApplySecurityGroupsToLoadBalancer'; input: { name: string; securityGroups: string[] } }
  | { operation: 'RegisterInstancesWithLoadBalancer'; input: { name: string; instances: string[] } }
  | { operation: 'AddTags'; input: { name: string; tags: Tag[] } };

/** One change the plan makes; `op` is what is sent. */
export interface LbChange {
  action: string;
  resource: string;
  name: string;
  detail?: string;
  op: ElbOp;
}

const STICKY_TYPES = new Set(['AppCookieStickinessPolicyType', 'LBCookieStickinessPolicyType']);

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** How far to trust what the endpoint reports. */
export interface PlanOptions {
  /**
   * The endpoint is an AWS look-alike (--endpoint-url: LocalStack, moto). moto does not store a
   * listener's instance protocol and reports the front protocol instead (HTTPS:443 → HTTPS:80 for
   * what was created as HTTPS:443 → HTTP:80), so such a report is not taken as a difference.
   */
  compatibleEndpoint?: boolean;
}

function sameListener(want: ResolvedListener, live: ResolvedListener, o: PlanOptions): boolean {
  const instanceProtocol = want.instanceProtocol === live.instanceProtocol || (!!o.compatibleEndpoint && live.instanceProtocol === live.protocol);
  return want.protocol === live.protocol && want.port === live.port && instanceProtocol && want.instancePort === live.instancePort;
}

/** `HTTP:80/Health` → `HTTP:80/Health` with the protocol upper-cased: paths are case-sensitive. */
function normalTarget(target: string): string {
  const colon = target.indexOf(':');
  return colon < 0 ? target.toUpperCase() : target.slice(0, colon).toUpperCase() + target.slice(colon);
}

function sameHealthCheck(a: HealthCheckSpec, b?: HealthCheckSpec): boolean {
  return !!b && normalTarget(a.target) === normalTarget(b.target) && a.interval === b.interval && a.timeout === b.timeout && a.healthyThreshold === b.healthyThreshold && a.unhealthyThreshold === b.unhealthyThreshold;
}

/** A listener as a plan shows it: with its certificate, so a dry run shows which (or its placeholder). */
function listenerDetail(l: ResolvedListener): string {
  return l.certificateArn ? `${listenerLabel(l)} with ${l.certificateArn}` : listenerLabel(l);
}

function hcDetail(h: HealthCheckSpec): string {
  return `${h.target} every ${h.interval}s, timeout ${h.timeout}s, healthy ${h.healthyThreshold}, unhealthy ${h.unhealthyThreshold}`;
}

/**
 * Everything that differs between `want` and `live` (undefined: the balancer does not exist), in
 * the order AWS needs: balancer, listeners, health check, policies, attributes, placement, instances, tags.
 * Throws OperationError for what cannot change in place (the scheme).
 */
export function planLoadBalancer(want: DesiredLb, live: LiveLb | undefined, o: PlanOptions = {}): LbChange[] {
  const name = want.name;
  const changes: LbChange[] = [];
  const add = (action: string, resource: string, what: string, op: ElbOp, detail?: string) => changes.push({ action, resource, name: what, op, ...(detail ? { detail } : {}) });
  const freshPorts = new Set<number>();

  if (!live) {
    add('create', 'load-balancer', name, { operation: 'CreateLoadBalancer', input: { name, listeners: want.listeners, zones: want.zones, subnets: want.subnets, securityGroups: want.securityGroups, internal: want.internal, tags: want.tags } }, want.listeners.map(listenerDetail).join(', '));
    for (const l of want.listeners) freshPorts.add(l.port);
  } else {
    const liveScheme = live.scheme?.toLowerCase();
    if (liveScheme && liveScheme !== (want.internal ? 'internal' : 'internet-facing')) {
      throw new OperationError(`load balancer ${name} is ${liveScheme} and the scheme cannot change in place`, `${want.internal ? 'drop --internal' : 'add --internal'} to keep it, or delete it (scalectl teardown --lb ${name}) and create it again`);
    }
    const remove: number[] = [];
    const create: ResolvedListener[] = [];
    for (const l of want.listeners) {
      const cur = live.listeners.find((x) => x.port === l.port);
      if (cur && sameListener(l, cur, o)) {
        if (isSecure(l.protocol) && l.certificateArn && cur.certificateArn !== l.certificateArn) {
          add('update', 'listener', `${name}:${l.port}`, { operation: 'SetLoadBalancerListenerSSLCertificate', input: { name, port: l.port, certificateArn: l.certificateArn } }, `certificate ${l.certificateArn}`);
        }
        continue;
      }
      if (cur) remove.push(l.port);
      create.push(l);
    }
    for (const cur of live.listeners) if (!want.listeners.some((l) => l.port === cur.port)) remove.push(cur.port);
    if (remove.length) add('delete', 'listener', `${name}:${remove.sort((a, b) => a - b).join(',')}`, { operation: 'DeleteLoadBalancerListeners', input: { name, ports: remove } });
    if (create.length) {
      add('create', 'listener', `${name}:${create.map((l) => l.port).join(',')}`, { operation: 'CreateLoadBalancerListeners', input: { name, listeners: create } }, create.map(listenerDetail).join(', '));
      for (const l of create) freshPorts.add(l.port);
    }
  }

  if (want.healthCheck && !sameHealthCheck(want.healthCheck, live?.healthCheck)) {
    add(live?.healthCheck ? 'update' : 'set', 'health-check', name, { operation: 'ConfigureHealthCheck', input: { name, healthCheck: want.healthCheck } }, hcDetail(want.healthCheck));
  }

  if (want.sticky) {
    const policyName = stickyPolicyName(want.sticky.spec);
    if (!live?.policies.some((p) => p.name === policyName)) {
      const s = want.sticky.spec;
      const op: ElbOp = s.kind === 'app'
        ? { operation: 'CreateAppCookieStickinessPolicy', input: { name, policyName, cookieName: s.cookie } }
        : { operation: 'CreateLBCookieStickinessPolicy', input: { name, policyName, ...(s.expirationSeconds ? { expirationSeconds: s.expirationSeconds } : {}) } };
      add('create', 'sticky-policy', policyName, op, s.kind === 'app' ? `application cookie ${s.cookie}` : `load-balancer cookie, ${s.expirationSeconds ? `${s.expirationSeconds}s` : 'session'}`);
    }
    const stickyNames = new Set((live?.policies ?? []).filter((p) => p.type && STICKY_TYPES.has(p.type)).map((p) => p.name));
    for (const port of want.sticky.ports) {
      const cur = freshPorts.has(port) ? undefined : live?.listeners.find((l) => l.port === port);
      const ok = cur && cur.policyNames.includes(policyName) && !cur.policyNames.some((p) => p !== policyName && (stickyNames.has(p) || p.startsWith('scalectl-app-') || p.startsWith('scalectl-lb-')));
      if (!ok) add('attach', 'sticky-policy', `${name}:${port}`, { operation: 'SetLoadBalancerPoliciesOfListener', input: { name, port, stickyPolicyName: policyName } }, policyName);
    }
  }

  const a = want.attributes;
  const la = live?.attributes;
  const attrs: Partial<LbAttributes> = {};
  if (la?.crossZone !== a.crossZone) attrs.crossZone = a.crossZone;
  const drainSame = la?.draining?.enabled === a.draining.enabled && (!a.draining.enabled || la.draining?.timeout === a.draining.timeout);
  if (!drainSame) attrs.draining = a.draining;
  if (a.idleTimeout !== undefined && la?.idleTimeout !== a.idleTimeout) attrs.idleTimeout = a.idleTimeout;
  if (Object.keys(attrs).length) {
    const parts = [
      attrs.crossZone !== undefined ? `cross-zone ${attrs.crossZone ? 'on' : 'off'}` : '',
      attrs.draining ? (attrs.draining.enabled ? `draining ${attrs.draining.timeout}s` : 'draining off') : '',
      attrs.idleTimeout !== undefined ? `idle timeout ${attrs.idleTimeout}s` : '',
    ].filter(Boolean);
    add(live ? 'update' : 'set', 'attributes', name, { operation: 'ModifyLoadBalancerAttributes', input: { name, attributes: attrs } }, parts.join(', '));
  }

  if (live) {
    const zones = want.zones.filter((z) => !live.zones.includes(z));
    if (zones.length) add('attach', 'zones', name, { operation: 'EnableAvailabilityZonesForLoadBalancer', input: { name, zones } }, zones.join(', '));
    const subnets = want.subnets.filter((s) => !live.subnets.includes(s));
    if (subnets.length) add('attach', 'subnets', name, { operation: 'AttachLoadBalancerToSubnets', input: { name, subnets } }, subnets.join(', '));
    if (want.securityGroups.length && !sameSet(want.securityGroups, live.securityGroups)) {
      add('update', 'security-groups', name, { operation: 'ApplySecurityGroupsToLoadBalancer', input: { name, securityGroups: want.securityGroups } }, want.securityGroups.join(', '));
    }
  }

  const instances = want.instances.filter((i) => !live?.instances.includes(i));
  if (instances.length) add('register', 'instances', name, { operation: 'RegisterInstancesWithLoadBalancer', input: { name, instances } }, instances.join(', '));

  if (live) {
    const tags = want.tags.filter((t) => !live.tags.some((x) => x.key === t.key && x.value === t.value));
    if (tags.length) add('tag', 'load-balancer', name, { operation: 'AddTags', input: { name, tags } }, tags.map((t) => `${t.key}=${t.value}`).join(', '));
  }
  return changes;
}

/** Zones or subnets present on the balancer but not asked for: left in place, reported. */
export function extraPlacement(want: DesiredLb, live: LiveLb | undefined): string[] {
  if (!live) return [];
  const zones = want.zones.length ? live.zones.filter((z) => !want.zones.includes(z)) : [];
  const subnets = want.subnets.length ? live.subnets.filter((s) => !want.subnets.includes(s)) : [];
  return [...zones, ...subnets];
}

export type { Protocol };
