// create-lb --type application|network: flags → options, pure. Every bad value or combination is a
// UsageError (exit 2) raised before any request. The classic path lives in create-lb-options.ts.
import { UsageError } from '../errors.js';
import type { CreateLbFlags } from './create-lb-options.js';
import { checkCertificateRef, checkInstanceIds, checkLbName, parseHealthCheck, parseSticky, type HealthCheckSpec } from './listeners.js';
import type { Tag } from './stack.js';

export type LbType = 'classic' | 'application' | 'network';
export type V2Protocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP';
const V2_PROTOCOLS: readonly V2Protocol[] = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP'];

/** A current TLS policy (TLS 1.3 and 1.2), AWS's recommended default since 2023. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** One ELBv2 listener: front protocol/port and the target group's protocol/port. */
export interface V2ListenerSpec {
  protocol: V2Protocol;
  port: number;
  targetProtocol: V2Protocol;
  targetPort: number;
  /** Name or ARN as given (HTTPS/TLS only). */
  certificate?: string;
}

/** Target-group stickiness as ELBv2 attributes express it. */
export type V2Sticky = { type: 'lb_cookie'; seconds: number } | { type: 'app_cookie'; cookie: string; seconds: number } | { type: 'source_ip' };

export interface Elbv2Options {
  name: string;
  type: 'application' | 'network';
  listeners: V2ListenerSpec[];
  /** The HTTP:80 listener answers 301 to HTTPS:443. */
  redirectHttp: boolean;
  sslPolicy: string;
  targetType: 'instance' | 'ip';
  healthCheck?: HealthCheckSpec & { matcher?: string };
  sticky?: { spec: V2Sticky; ports?: number[] };
  zones: string[];
  subnets: string[];
  securityGroups: string[];
  internal: boolean;
  ipAddressType?: 'ipv4' | 'dualstack';
  /** NLB only (an ALB always balances across zones). */
  crossZone?: boolean;
  /** deregistration_delay.timeout_seconds: 0 with --no-drain. */
  drainSeconds: number;
  /** ALB only. */
  idleTimeout?: number;
  /** Deletion protection: undefined leaves it as it is. */
  protect?: boolean;
  instances: string[];
  tags: Tag[];
  stack?: string;
  dryRun: boolean;
}

/** The ELBv2-only flags create-lb takes on top of the classic ones. */
export interface Elbv2Flags {
  type?: string; targetType?: string; sslPolicy?: string; matcher?: string; redirectHttp?: boolean; protect?: boolean; ipAddressType?: string;
}

const V2_ONLY: Array<[keyof Elbv2Flags, string]> = [['targetType', '--target-type'], ['sslPolicy', '--ssl-policy'], ['matcher', '--matcher'], ['redirectHttp', '--redirect-http'], ['protect', '--protect'], ['ipAddressType', '--ip-address-type']];

/** `--type`, checked: classic (the default), application or network. */
export function parseLbType(raw: string | undefined): LbType {
  const t = (raw ?? 'classic').trim().toLowerCase();
  const alias: Record<string, LbType> = { classic: 'classic', application: 'application', alb: 'application', network: 'network', nlb: 'network' };
  const out = alias[t];
  if (!out) throw new UsageError(`unknown --type "${raw}"`, 'use classic (the default), application or network');
  return out;
}

/** Refuses ELBv2-only flags on a classic balancer. */
export function refuseV2Flags(f: Elbv2Flags): void {
  const given = V2_ONLY.filter(([k]) => f[k] !== undefined).map(([, flag]) => flag);
  if (given.length) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for --type application or network`, 'add --type application (or network), or drop the flag');
}

function v2Protocol(raw: string, spec: string): V2Protocol {
  const p = raw.trim().toUpperCase().replace('-', '_');
  const mapped = (p === 'SSL' ? 'TLS' : p) as V2Protocol;
  if (!V2_PROTOCOLS.includes(mapped)) throw new UsageError(`unknown protocol "${raw.trim()}" in "${spec}"`, 'use http, https, tcp, tls, udp or tcp_udp');
  return mapped;
}

function port(raw: string, spec: string): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`port "${raw.trim()}" in "${spec}" is not a port from 1 to 65535`);
  return n;
}

/** `http:80`, `https:443:http:80`, `https:443:80`, `tls:443:tcp:80`, `udp:53`. */
export function parseV2Listener(spec: string): V2ListenerSpec {
  const parts = spec.trim().split(':');
  if (parts.length < 2 || parts.length > 4) throw new UsageError(`listener "${spec}" does not parse`, 'use PROTOCOL:PORT or PROTOCOL:PORT:TARGET-PROTOCOL:TARGET-PORT, e.g. http:80 or https:443:http:80');
  const protocol = v2Protocol(parts[0]!, spec);
  const p = port(parts[1]!, spec);
  const plain = protocol === 'HTTPS' ? 'HTTP' : protocol === 'TLS' ? 'TCP' : protocol;
  if (parts.length === 2) return { protocol, port: p, targetProtocol: plain, targetPort: p };
  if (parts.length === 3) return { protocol, port: p, targetProtocol: plain, targetPort: port(parts[2]!, spec) };
  return { protocol, port: p, targetProtocol: v2Protocol(parts[2]!, spec), targetPort: port(parts[3]!, spec) };
}

const ALB_PROTOCOLS = new Set<V2Protocol>(['HTTP', 'HTTPS']);
const isSecureV2 = (p: V2Protocol) => p === 'HTTPS' || p === 'TLS';

/** `200`, `200-399`, `200,302`: HTTP codes 200-499 (a gRPC matcher is not offered). */
export function checkMatcher(raw: string): string {
  const m = raw.trim();
  const ok = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(m) && m.split(',').every((part) => {
    const [a, b] = part.split('-').map(Number) as [number, number | undefined];
    return a >= 200 && a <= 499 && (b === undefined || (b >= a && b <= 499));
  });
  if (!ok) throw new UsageError(`--matcher "${raw}" is not an HTTP code or range of codes`, 'e.g. --matcher 200, --matcher 200-399 or --matcher 200,302 (codes 200 to 499)');
  return m;
}

/** Flags → ELBv2 options; every combination AWS would refuse is refused here. */
export function parseElbv2Flags(name: string, type: 'application' | 'network', f: CreateLbFlags & Elbv2Flags): Elbv2Options {
  const alb = type === 'application';
  const kind = alb ? 'an application load balancer' : 'a network load balancer';
  const cert = f.cert === undefined ? undefined : checkCertificateRef(f.cert);
  const listeners = (f.listener ?? []).map(parseV2Listener);
  if (!listeners.length) throw new UsageError('create-lb needs at least one --listener', alb ? 'e.g. --listener http:80' : 'e.g. --listener tcp:80');
  const redirectHttp = f.redirectHttp === true;
  const seen = new Set<number>();
  for (const l of listeners) {
    if (seen.has(l.port)) throw new UsageError(`two listeners use port ${l.port}`, 'give each --listener its own balancer port');
    seen.add(l.port);
    if (alb && !ALB_PROTOCOLS.has(l.protocol)) throw new UsageError(`${kind} takes HTTP and HTTPS listeners, not ${l.protocol} (port ${l.port})`, 'use --type network for TCP, TLS and UDP');
    if (!alb && ALB_PROTOCOLS.has(l.protocol)) throw new UsageError(`${kind} takes TCP, TLS, UDP and TCP_UDP listeners, not ${l.protocol} (port ${l.port})`, 'use --type application for HTTP and HTTPS');
    if (alb && !ALB_PROTOCOLS.has(l.targetProtocol)) throw new UsageError(`listener on port ${l.port}: ${kind} sends HTTP or HTTPS to its targets, not ${l.targetProtocol}`);
    if (!alb && ALB_PROTOCOLS.has(l.targetProtocol)) throw new UsageError(`listener on port ${l.port}: ${kind} sends TCP, TLS or UDP to its targets, not ${l.targetProtocol}`);
    if (l.protocol === 'UDP' || l.protocol === 'TCP_UDP' ? l.targetProtocol !== l.protocol : l.targetProtocol === 'UDP' || l.targetProtocol === 'TCP_UDP') {
      throw new UsageError(`listener on port ${l.port}: ${l.protocol} in front needs ${l.protocol === 'UDP' || l.protocol === 'TCP_UDP' ? l.protocol : 'TCP or TLS'} to the targets, not ${l.targetProtocol}`);
    }
  }
  if (redirectHttp) {
    if (!alb) throw new UsageError('--redirect-http is for an application load balancer', 'add --type application');
    if (!listeners.some((l) => l.protocol === 'HTTPS' && l.port === 443)) throw new UsageError('--redirect-http sends HTTP to HTTPS:443, and there is no HTTPS listener on port 443', 'add e.g. --listener https:443:http:80 --cert NAME');
    const on80 = listeners.find((l) => l.port === 80);
    if (on80 && on80.protocol !== 'HTTP') throw new UsageError(`--redirect-http needs port 80 for its HTTP listener; port 80 is ${on80.protocol}`);
    if (!on80) listeners.push({ protocol: 'HTTP', port: 80, targetProtocol: 'HTTP', targetPort: 80 });
  }
  // One target group per back-end port: two forwarding listeners to one port must agree on its protocol.
  const forwarding = listeners.filter((l) => !(redirectHttp && l.port === 80));
  for (const a of forwarding) {
    const b = forwarding.find((x) => x.targetPort === a.targetPort && x.targetProtocol !== a.targetProtocol);
    if (b) throw new UsageError(`listeners on ports ${a.port} and ${b.port} both send to port ${a.targetPort}, one as ${a.targetProtocol} and one as ${b.targetProtocol}`, 'a target group has one protocol: use one protocol per back-end port');
  }
  const finished = listeners.map((l) => {
    if (!isSecureV2(l.protocol)) return l;
    if (!cert) throw new UsageError(`the ${l.protocol} listener on port ${l.port} needs a certificate`, 'pass --cert NAME|ARN (see list-certs; ACM ARNs work too)');
    return { ...l, certificate: cert };
  });
  const zones = f.zones ?? [];
  const subnets = f.subnets ?? [];
  if (alb && zones.length + subnets.length > 0 && zones.length + subnets.length < 2) {
    throw new UsageError(`${kind} needs subnets in at least two availability zones; got ${zones.length ? `zone ${zones[0]}` : `subnet ${subnets[0]}`}`, 'pass two or more --zones or --subnets');
  }
  if (new Set(zones).size !== zones.length) throw new UsageError('--zones names one zone twice');
  const targetType = (f.targetType ?? 'instance').toLowerCase();
  if (targetType !== 'instance' && targetType !== 'ip') throw new UsageError(`unknown --target-type "${f.targetType}"`, 'use instance (the default) or ip');
  if (targetType === 'ip' && f.instances) throw new UsageError('--instances registers instances; with --target-type ip the targets are addresses', 'drop --instances or use --target-type instance');
  const ipAddressType = f.ipAddressType?.toLowerCase();
  if (ipAddressType !== undefined && ipAddressType !== 'ipv4' && ipAddressType !== 'dualstack') throw new UsageError(`unknown --ip-address-type "${f.ipAddressType}"`, 'use ipv4 or dualstack');
  if (f.sslPolicy !== undefined && !/^[A-Za-z0-9-]{1,128}$/.test(f.sslPolicy)) throw new UsageError(`"${f.sslPolicy}" is not a security policy name`, `e.g. --ssl-policy ${DEFAULT_SSL_POLICY}`);
  if (f.sslPolicy !== undefined && !finished.some((l) => isSecureV2(l.protocol))) throw new UsageError('--ssl-policy is for HTTPS and TLS listeners, and there is none');
  if (alb && f.crossZone === false) throw new UsageError('an application load balancer always balances across zones', 'drop --no-cross-zone');
  if (!alb && f.idleTimeout !== undefined) throw new UsageError('--idle-timeout is an application load balancer setting', 'drop it for --type network');
  const drain = f.drain === false ? 0 : f.drain ?? 300;
  return {
    name: checkLbName(name),
    type,
    listeners: finished,
    redirectHttp,
    sslPolicy: f.sslPolicy ?? DEFAULT_SSL_POLICY,
    targetType,
    ...(f.healthCheck !== undefined || f.matcher !== undefined ? { healthCheck: healthCheckOf(f, alb) } : {}),
    ...(f.sticky ? { sticky: stickyOf(f.sticky, alb, finished, redirectHttp) } : {}),
    zones,
    subnets,
    securityGroups: f.securityGroups ?? [],
    internal: f.internal === true,
    ...(ipAddressType ? { ipAddressType } : {}),
    ...(alb ? {} : { crossZone: f.crossZone !== false }),
    drainSeconds: drain,
    ...(f.idleTimeout !== undefined ? { idleTimeout: f.idleTimeout } : {}),
    ...(f.protect !== undefined ? { protect: f.protect } : {}),
    instances: f.instances ? checkInstanceIds(f.instances) : [],
    tags: f.tag ?? [],
    ...(f.stack ? { stack: f.stack } : {}),
    dryRun: f.dryRun === true,
  };
}

function healthCheckOf(f: CreateLbFlags & Elbv2Flags, alb: boolean): HealthCheckSpec & { matcher?: string } {
  if (f.healthCheck === undefined) throw new UsageError('--matcher needs --health-check', 'e.g. --health-check HTTP:80/health --matcher 200-399');
  const timing = Object.fromEntries(Object.entries({ interval: f.interval, timeout: f.timeout, healthyThreshold: f.healthyThreshold, unhealthyThreshold: f.unhealthyThreshold }).filter(([, v]) => v !== undefined));
  const hc = parseHealthCheck(f.healthCheck, timing);
  const protocol = hc.target.split(':')[0];
  if (protocol === 'SSL') throw new UsageError(`health check "${f.healthCheck}": target groups check with HTTP, HTTPS or TCP`, 'use TCP:PORT for a plain connection check');
  if (alb && protocol === 'TCP') throw new UsageError(`health check "${f.healthCheck}": an application load balancer checks with HTTP or HTTPS`, 'e.g. --health-check HTTP:80/health');
  if (f.matcher !== undefined && protocol === 'TCP') throw new UsageError('--matcher needs an HTTP or HTTPS health check, not TCP');
  return { ...hc, ...(f.matcher !== undefined ? { matcher: checkMatcher(f.matcher) } : {}) };
}

function stickyOf(raw: string, alb: boolean, listeners: V2ListenerSpec[], redirectHttp: boolean): { spec: V2Sticky; ports?: number[] } {
  const s = parseSticky(raw);
  if (s.port !== undefined && !listeners.some((l) => l.port === s.port && !(redirectHttp && l.port === 80))) throw new UsageError(`--sticky names port ${s.port}, but no forwarding --listener uses it`);
  const ports = s.port !== undefined ? { ports: [s.port] } : {};
  if (!alb) {
    if (s.kind === 'app') throw new UsageError('--sticky app:COOKIE needs an application load balancer; a network load balancer does not read cookies', 'use --sticky lb (source-IP stickiness) or --type application');
    if (s.expirationSeconds !== undefined) throw new UsageError('a network load balancer sticks by source IP, with no cookie lifetime', 'use --sticky lb');
    return { spec: { type: 'source_ip' }, ...ports };
  }
  const seconds = s.kind === 'lb' ? s.expirationSeconds ?? 86400 : 86400;
  if (seconds > 604800) throw new UsageError(`--sticky "${raw}": an application load balancer cookie lasts at most 604800 seconds (7 days)`);
  return { spec: s.kind === 'app' ? { type: 'app_cookie', cookie: s.cookie, seconds } : { type: 'lb_cookie', seconds }, ...ports };
}

/** The target group for back-end port `port`: `NAME-PORT`, shortened with a hash to AWS's 32 characters. */
export function targetGroupName(lb: string, port: number): string {
  const full = `${lb}-${port}`;
  if (full.length <= 32) return full;
  let h = 0x811c9dc5;
  for (let i = 0; i < lb.length; i++) h = Math.imul(h ^ lb.charCodeAt(i), 0x01000193) >>> 0;
  const suffix = `-${h.toString(16).padStart(8, '0').slice(0, 4)}-${port}`;
  return `${lb.slice(0, 32 - suffix.length).replace(/-+$/, '')}${suffix}`;
}
