// The converge diff for create-lb --type application|network: desired balancer, target groups and
// listeners vs what exists → the writes that differ. Pure; resources are referred to by name and
// the apply step turns names into ARNs (known from the read, or made by an earlier step).
import { OperationError } from '../errors.js';
import type { HealthCheckSpec } from './listeners.js';
import type { Tag } from './stack.js';
import type { V2Protocol } from './elbv2-options.js';

export type V2Action = { type: 'forward'; targetGroup: string } | { type: 'redirect-https' };

export interface TgHealthCheck {
  protocol: string;
  port: string;
  path?: string;
  interval: number;
  timeout: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher?: string;
}

export interface DesiredTargetGroup {
  name: string;
  protocol: V2Protocol;
  port: number;
  targetType: 'instance' | 'ip';
  healthCheck?: TgHealthCheck;
  attributes: Record<string, string>;
  tags: Tag[];
}

export interface DesiredV2Listener {
  port: number;
  protocol: V2Protocol;
  certificateArn?: string;
  sslPolicy?: string;
  action: V2Action;
}

export interface DesiredV2 {
  name: string;
  type: 'application' | 'network';
  internal: boolean;
  /** Subnets resolved from --subnets or --zones; empty: leave placement as it is. */
  subnets: string[];
  vpcId?: string;
  securityGroups: string[];
  ipAddressType?: 'ipv4' | 'dualstack';
  attributes: Record<string, string>;
  targetGroups: DesiredTargetGroup[];
  listeners: DesiredV2Listener[];
  instances: string[];
  tags: Tag[];
}

export interface LiveV2Listener {
  arn: string;
  port: number;
  protocol: string;
  certificateArn?: string;
  sslPolicy?: string;
  /** `forward:ARN`, `redirect-https`, or `other:…` for anything scalectl does not make. */
  action: string;
}

export interface LiveTargetGroup {
  arn: string;
  name: string;
  protocol?: string;
  port?: number;
  targetType?: string;
  vpcId?: string;
  healthCheck: Partial<TgHealthCheck>;
  attributes: Record<string, string>;
  tags: Tag[];
  targets: string[];
}

export interface LiveV2 {
  arn: string;
  name: string;
  type: string;
  scheme?: string;
  dnsName?: string;
  vpcId?: string;
  subnets: string[];
  securityGroups: string[];
  ipAddressType?: string;
  attributes: Record<string, string>;
  listeners: LiveV2Listener[];
  tags: Tag[];
}

/** A resource by name: the apply step looks its ARN up. */
export type Ref = { kind: 'lb' | 'tg' | 'listener'; name: string };

export type Elbv2Op =
  | { operation: 'CreateLoadBalancer'; input: { name: string; type: 'application' | 'network'; subnets: string[]; securityGroups: string[]; internal: boolean; ipAddressType?: string; tags: Tag[] } }
  | { operation: 'SetSubnets'; input: { lb: string; subnets: string[] } }
  | { operation: 'SetSecurityGroups'; input: { lb: string; securityGroups: string[] } }
  | { operation: 'SetIpAddressType'; input: { lb: string; ipAddressType: string } }
  | { operation: 'ModifyLoadBalancerAttributes'; input: { lb: string; attributes: Record<string, string> } }
  | { operation: 'CreateTargetGroup'; input: { name: string; protocol: V2Protocol; port: number; targetType: string; vpcId?: string; healthCheck?: TgHealthCheck; tags: Tag[] } }
  | { operation: 'ModifyTargetGroup'; input: { targetGroup: string; healthCheck: TgHealthCheck } }
  | { operation: 'ModifyTargetGroupAttributes'; input: { targetGroup: string; attributes: Record<string, string> } }
  | { operation: 'DeleteListener'; input: { lb: string; port: number } }
  | { operation: 'CreateListener'; input: { lb: string } & DesiredV2Listener }
  | { operation: 'ModifyListener'; input: { lb: string } & DesiredV2Listener }
  | { operation: 'RegisterTargets'; input: { targetGroup: string; instances: string[] } }
  | { operation: 'AddTags'; input: { resource: Ref; tags: Tag[] } };

export interface V2Change {
  action: string;
  resource: string;
  name: string;
  detail?: string;
  op: Elbv2Op;
}

/** A classic health check (`HTTP:80/health` and its timing) as a target group's. */
export function tgHealthCheck(h: HealthCheckSpec & { matcher?: string }): TgHealthCheck {
  const m = /^([A-Z]+):(\d+)(\/.*)?$/.exec(h.target)!;
  return {
    protocol: m[1]!, port: m[2]!, ...(m[3] ? { path: m[3] } : {}),
    interval: h.interval, timeout: h.timeout, healthyThreshold: h.healthyThreshold, unhealthyThreshold: h.unhealthyThreshold,
    ...(h.matcher ? { matcher: h.matcher } : m[1] !== 'TCP' ? { matcher: '200' } : {}),
  };
}

function sameHealthCheck(want: TgHealthCheck, live: Partial<TgHealthCheck>, tgPort: number): boolean {
  const livePort = live.port === 'traffic-port' ? String(tgPort) : live.port;
  return want.protocol === live.protocol && want.port === livePort && (want.path ?? '') === (live.path ?? (want.path ? '' : '')) && want.interval === live.interval && want.timeout === live.timeout
    && want.healthyThreshold === live.healthyThreshold && want.unhealthyThreshold === live.unhealthyThreshold && (want.matcher === undefined || want.matcher === live.matcher);
}

function hcDetail(h: TgHealthCheck): string {
  return `${h.protocol}:${h.port}${h.path ?? ''} every ${h.interval}s, timeout ${h.timeout}s, healthy ${h.healthyThreshold}, unhealthy ${h.unhealthyThreshold}${h.matcher ? `, matcher ${h.matcher}` : ''}`;
}

const attrDiff = (want: Record<string, string>, live: Record<string, string> | undefined) => Object.fromEntries(Object.entries(want).filter(([k, v]) => live?.[k] !== v));
const attrDetail = (a: Record<string, string>) => Object.entries(a).map(([k, v]) => `${k}=${v}`).join(', ');
const missingTags = (want: Tag[], live: Tag[]) => want.filter((t) => !live.some((x) => x.key === t.key && x.value === t.value));
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function actionLabel(a: V2Action): string {
  return a.type === 'forward' ? `forward to ${a.targetGroup}` : 'redirect 301 to HTTPS:443';
}

function listenerDetail(l: DesiredV2Listener): string {
  return `${l.protocol.toLowerCase()}:${l.port} ${actionLabel(l.action)}${l.certificateArn ? ` with ${l.certificateArn}` : ''}`;
}

/**
 * Everything that differs, in the order AWS needs: balancer and its placement and attributes,
 * target groups, listeners (removed, changed, added), targets, tags. Throws OperationError for
 * what cannot change in place (the type, the scheme, a target group's protocol or port).
 */
export function planElbv2(want: DesiredV2, live: LiveV2 | undefined, liveTgs: LiveTargetGroup[]): V2Change[] {
  const name = want.name;
  const out: V2Change[] = [];
  const add = (action: string, resource: string, what: string, op: Elbv2Op, detail?: string) => out.push({ action, resource, name: what, op, ...(detail ? { detail } : {}) });

  if (!live) {
    add('create', 'load-balancer', name, { operation: 'CreateLoadBalancer', input: { name, type: want.type, subnets: want.subnets, securityGroups: want.securityGroups, internal: want.internal, ...(want.ipAddressType ? { ipAddressType: want.ipAddressType } : {}), tags: want.tags } }, `${want.type}, ${want.internal ? 'internal' : 'internet-facing'}, subnets ${want.subnets.join(', ')}`);
  } else {
    if (live.type !== want.type) throw new OperationError(`load balancer ${name} is ${live.type === 'application' ? 'an application' : `a ${live.type}`} load balancer, and AWS cannot convert it to ${want.type}`, `keep --type ${live.type}, or delete it (scalectl teardown --lb ${name}) and create it again`);
    const scheme = live.scheme?.toLowerCase();
    if (scheme && scheme !== (want.internal ? 'internal' : 'internet-facing')) throw new OperationError(`load balancer ${name} is ${scheme} and the scheme cannot change in place`, `${want.internal ? 'drop --internal' : 'add --internal'} to keep it, or delete it (scalectl teardown --lb ${name}) and create it again`);
    const newSubnets = want.subnets.filter((s) => !live.subnets.includes(s));
    if (newSubnets.length) add('attach', 'subnets', name, { operation: 'SetSubnets', input: { lb: name, subnets: [...live.subnets, ...newSubnets] } }, newSubnets.join(', '));
    if (want.securityGroups.length && !sameSet(want.securityGroups, live.securityGroups)) add('update', 'security-groups', name, { operation: 'SetSecurityGroups', input: { lb: name, securityGroups: want.securityGroups } }, want.securityGroups.join(', '));
    if (want.ipAddressType && live.ipAddressType && live.ipAddressType !== want.ipAddressType) add('update', 'ip-address-type', name, { operation: 'SetIpAddressType', input: { lb: name, ipAddressType: want.ipAddressType } }, want.ipAddressType);
  }
  const lbAttrs = attrDiff(want.attributes, live?.attributes);
  if (Object.keys(lbAttrs).length) add(live ? 'update' : 'set', 'attributes', name, { operation: 'ModifyLoadBalancerAttributes', input: { lb: name, attributes: lbAttrs } }, attrDetail(lbAttrs));

  for (const tg of want.targetGroups) {
    const cur = liveTgs.find((x) => x.name === tg.name);
    if (!cur) {
      add('create', 'target-group', tg.name, { operation: 'CreateTargetGroup', input: { name: tg.name, protocol: tg.protocol, port: tg.port, targetType: tg.targetType, ...(want.vpcId ? { vpcId: want.vpcId } : {}), ...(tg.healthCheck ? { healthCheck: tg.healthCheck } : {}), tags: tg.tags } }, `${tg.protocol}:${tg.port}, targets by ${tg.targetType}`);
    } else {
      const fixed = [cur.protocol && cur.protocol !== tg.protocol && `protocol ${cur.protocol}`, cur.port !== undefined && cur.port !== tg.port && `port ${cur.port}`, cur.targetType && cur.targetType !== tg.targetType && `target type ${cur.targetType}`].filter(Boolean);
      if (fixed.length) throw new OperationError(`target group ${tg.name} has ${fixed.join(', ')}, which cannot change in place (wanted ${tg.protocol}:${tg.port}, ${tg.targetType})`, `delete it (aws elbv2 delete-target-group --target-group-arn ${cur.arn}) after removing its listeners, or keep its settings`);
      if (tg.healthCheck && !sameHealthCheck(tg.healthCheck, cur.healthCheck, tg.port)) add('update', 'health-check', tg.name, { operation: 'ModifyTargetGroup', input: { targetGroup: tg.name, healthCheck: tg.healthCheck } }, hcDetail(tg.healthCheck));
    }
    const a = attrDiff(tg.attributes, cur?.attributes);
    if (Object.keys(a).length) add(cur ? 'update' : 'set', 'target-group-attributes', tg.name, { operation: 'ModifyTargetGroupAttributes', input: { targetGroup: tg.name, attributes: a } }, attrDetail(a));
    const tags = cur ? missingTags(tg.tags, cur.tags) : [];
    if (tags.length) add('tag', 'target-group', tg.name, { operation: 'AddTags', input: { resource: { kind: 'tg', name: tg.name }, tags } }, tags.map((t) => `${t.key}=${t.value}`).join(', '));
  }

  const tgArn = (n: string) => liveTgs.find((x) => x.name === n)?.arn;
  const wantAction = (a: V2Action) => (a.type === 'forward' ? (tgArn(a.targetGroup) ? `forward:${tgArn(a.targetGroup)}` : undefined) : 'redirect-https');
  for (const cur of live?.listeners ?? []) {
    if (!want.listeners.some((l) => l.port === cur.port)) add('delete', 'listener', `${name}:${cur.port}`, { operation: 'DeleteListener', input: { lb: name, port: cur.port } }, `${cur.protocol.toLowerCase()}:${cur.port} is not named`);
  }
  for (const l of want.listeners) {
    const cur = live?.listeners.find((x) => x.port === l.port);
    if (!cur) {
      add('create', 'listener', `${name}:${l.port}`, { operation: 'CreateListener', input: { lb: name, ...l } }, listenerDetail(l));
      continue;
    }
    const secure = l.protocol === 'HTTPS' || l.protocol === 'TLS';
    const same = cur.protocol === l.protocol && cur.action === wantAction(l.action) && (!secure || (cur.certificateArn === l.certificateArn && cur.sslPolicy === l.sslPolicy));
    if (!same) add('update', 'listener', `${name}:${l.port}`, { operation: 'ModifyListener', input: { lb: name, ...l } }, listenerDetail(l));
  }

  if (want.instances.length) {
    for (const tg of want.targetGroups) {
      const registered = liveTgs.find((x) => x.name === tg.name)?.targets ?? [];
      const todo = want.instances.filter((i) => !registered.includes(i));
      if (todo.length) add('register', 'targets', tg.name, { operation: 'RegisterTargets', input: { targetGroup: tg.name, instances: todo } }, todo.join(', '));
    }
  }
  if (live) {
    const tags = missingTags(want.tags, live.tags);
    if (tags.length) add('tag', 'load-balancer', name, { operation: 'AddTags', input: { resource: { kind: 'lb', name }, tags } }, tags.map((t) => `${t.key}=${t.value}`).join(', '));
  }
  return out;
}

/** Target groups the balancer forwards to now that the desired state no longer names: left in place, reported. */
export function unusedTargetGroups(want: DesiredV2, liveTgs: LiveTargetGroup[]): string[] {
  return liveTgs.filter((t) => !want.targetGroups.some((w) => w.name === t.name)).map((t) => t.name);
}
