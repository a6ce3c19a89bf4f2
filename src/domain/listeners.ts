// Pure parsing and validation of load-balancer flags: listeners, health check, stickiness.
// Every function throws UsageError (exit 2) with a message naming the bad value and the fix.
import { UsageError } from '../errors.js';

export type Protocol = 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
const PROTOCOLS: readonly Protocol[] = ['HTTP', 'HTTPS', 'TCP', 'SSL'];

/** One listener: the balancer's front end and the instances' back end. */
export interface ListenerSpec {
  protocol: Protocol;
  port: number;
  instanceProtocol: Protocol;
  instancePort: number;
  /** Server certificate name or ARN (HTTPS/SSL only), as given; resolved to an ARN before sending. */
  certificate?: string;
}

/** The health check target and its timing, as ConfigureHealthCheck takes it. */
export interface HealthCheckSpec {
  /** `HTTP:80/health`, `TCP:80`, … with the protocol upper-cased. */
  target: string;
  interval: number;
  timeout: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

/** `--sticky app:COOKIE` or `--sticky lb[:SECONDS]`, optionally on one listener port. */
export type StickySpec = { kind: 'app'; cookie: string; port?: number } | { kind: 'lb'; expirationSeconds?: number; port?: number };

export function isSecure(p: Protocol): boolean {
  return p === 'HTTPS' || p === 'SSL';
}

export function isLayer7(p: Protocol): boolean {
  return p === 'HTTP' || p === 'HTTPS';
}

function protocolOf(raw: string, what: string, spec: string): Protocol {
  const p = raw.trim().toUpperCase() as Protocol;
  if (!PROTOCOLS.includes(p)) throw new UsageError(`unknown ${what} "${raw.trim()}" in "${spec}"`, 'use http, https, tcp or ssl');
  return p;
}

function portOf(raw: string, what: string, spec: string): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${what} "${raw.trim()}" in "${spec}" is not a port from 1 to 65535`);
  return n;
}

/**
 * `http:80`, `https:443:http:80`, `tcp:443`, `ssl:443:tcp:80`, `http:80:8080`, or the legacy
 * `protocol=https, lb-port=443, instance-port=80, instance-protocol=http, cert-id=ARN`.
 */
export function parseListener(spec: string): ListenerSpec {
  const s = spec.trim();
  let l: ListenerSpec;
  if (s.includes('=')) {
    const fields = new Map<string, string>();
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const eq = part.indexOf('=');
      const key = eq > 0 ? part.slice(0, eq).trim().toLowerCase() : '';
      if (!['protocol', 'lb-port', 'instance-port', 'instance-protocol', 'cert-id'].includes(key)) {
        throw new UsageError(`listener "${spec}": unknown field "${part}"`, 'fields are protocol, lb-port, instance-port, instance-protocol, cert-id');
      }
      fields.set(key, part.slice(eq + 1).trim());
    }
    for (const need of ['protocol', 'lb-port', 'instance-port']) {
      if (!fields.get(need)) throw new UsageError(`listener "${spec}" has no ${need}`, 'e.g. protocol=http,lb-port=80,instance-port=80');
    }
    const protocol = protocolOf(fields.get('protocol')!, 'protocol', spec);
    const ip = fields.get('instance-protocol');
    l = {
      protocol,
      port: portOf(fields.get('lb-port')!, 'lb-port', spec),
      instanceProtocol: ip ? protocolOf(ip, 'instance protocol', spec) : defaultInstanceProtocol(protocol),
      instancePort: portOf(fields.get('instance-port')!, 'instance-port', spec),
      ...(fields.get('cert-id') ? { certificate: fields.get('cert-id')! } : {}),
    };
  } else {
    const parts = s.split(':');
    if (parts.length < 2 || parts.length > 4) throw new UsageError(`listener "${spec}" does not parse`, 'use PROTOCOL:PORT or PROTOCOL:PORT:INSTANCE-PROTOCOL:INSTANCE-PORT, e.g. http:80 or https:443:http:80');
    const protocol = protocolOf(parts[0]!, 'protocol', spec);
    const port = portOf(parts[1]!, 'port', spec);
    if (parts.length === 2) l = { protocol, port, instanceProtocol: protocol, instancePort: port };
    else if (parts.length === 3) l = { protocol, port, instanceProtocol: defaultInstanceProtocol(protocol), instancePort: portOf(parts[2]!, 'instance port', spec) };
    else l = { protocol, port, instanceProtocol: protocolOf(parts[2]!, 'instance protocol', spec), instancePort: portOf(parts[3]!, 'instance port', spec) };
  }
  if (isLayer7(l.protocol) !== isLayer7(l.instanceProtocol)) {
    throw new UsageError(`listener "${spec}": ${l.protocol} in front needs ${isLayer7(l.protocol) ? 'HTTP or HTTPS' : 'TCP or SSL'} to the instances, not ${l.instanceProtocol}`);
  }
  if (l.certificate && !isSecure(l.protocol)) throw new UsageError(`listener "${spec}": cert-id is only for HTTPS and SSL listeners`);
  return l;
}

/** The same protocol, except that HTTPS/SSL terminate at the balancer and talk HTTP/TCP to the instances. */
function defaultInstanceProtocol(p: Protocol): Protocol {
  return p === 'HTTPS' ? 'HTTP' : p === 'SSL' ? 'TCP' : p;
}

/**
 * Applies `--cert` to every HTTPS/SSL listener that names none, and refuses duplicate ports and a
 * secure listener without a certificate.
 */
export function finishListeners(listeners: ListenerSpec[], cert?: string): ListenerSpec[] {
  if (listeners.length === 0) throw new UsageError('create-lb needs at least one --listener', 'e.g. --listener http:80');
  const seen = new Set<number>();
  // AWS: listeners sending to the same instance port must all use a secure (HTTPS/SSL) or all a plain (HTTP/TCP) back end.
  for (const a of listeners) {
    const b = listeners.find((x) => x.instancePort === a.instancePort && isSecure(x.instanceProtocol) !== isSecure(a.instanceProtocol));
    if (b) throw new UsageError(`listeners on ports ${a.port} and ${b.port} both send to instance port ${a.instancePort}, one as ${a.instanceProtocol} and one as ${b.instanceProtocol}`, 'AWS needs every listener to one instance port to be all secure (HTTPS/SSL) or all plain (HTTP/TCP)');
  }
  return listeners.map((l) => {
    if (seen.has(l.port)) throw new UsageError(`two listeners use port ${l.port}`, 'give each --listener its own balancer port');
    seen.add(l.port);
    if (!isSecure(l.protocol)) return l;
    const certificate = l.certificate ?? cert;
    if (!certificate) throw new UsageError(`the ${l.protocol} listener on port ${l.port} needs a certificate`, 'pass --cert NAME|ARN (see list-certs) or cert-id=ARN in the listener');
    return { ...l, certificate };
  });
}

/** AWS's limits for ConfigureHealthCheck. */
export const HEALTH_CHECK_LIMITS = { interval: [5, 300], timeout: [2, 60], healthyThreshold: [2, 10], unhealthyThreshold: [2, 10] } as const;
/** What AWS uses when a value is not given. */
export const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 } as const;

const FLAG: Record<keyof typeof HEALTH_CHECK_LIMITS, string> = { interval: '--interval', timeout: '--timeout', healthyThreshold: '--healthy-threshold', unhealthyThreshold: '--unhealthy-threshold' };

/** `HTTP:80/health`, `HTTPS:443/`, `TCP:80`, `SSL:443`, with thresholds checked against AWS's ranges. */
export function parseHealthCheck(target: string, timing: Partial<Omit<HealthCheckSpec, 'target'>> = {}): HealthCheckSpec {
  const m = /^([a-z]+):(\d+)(\/.*)?$/i.exec(target.trim());
  const protocol = m?.[1]?.toUpperCase() as Protocol | undefined;
  if (!m || !protocol || !PROTOCOLS.includes(protocol)) {
    throw new UsageError(`health check target "${target}" does not parse`, 'use HTTP:PORT/PATH, HTTPS:PORT/PATH, TCP:PORT or SSL:PORT, e.g. HTTP:80/health');
  }
  portOf(m[2]!, 'health check port', target);
  const path = m[3];
  if (isLayer7(protocol) && !path) throw new UsageError(`health check target "${target}" needs a path for ${protocol}`, `e.g. ${protocol}:${m[2]}/health`);
  if (!isLayer7(protocol) && path) throw new UsageError(`health check target "${target}": ${protocol} checks take no path`, `use ${protocol}:${m[2]}`);
  const hc: HealthCheckSpec = { target: `${protocol}:${Number(m[2])}${path ?? ''}`, ...HEALTH_CHECK_DEFAULTS, ...timing };
  // A short --interval without --timeout: keep the default timeout below it, as AWS requires.
  if (timing.timeout === undefined && hc.interval <= hc.timeout) hc.timeout = Math.max(HEALTH_CHECK_LIMITS.timeout[0], hc.interval - 1);
  for (const key of Object.keys(HEALTH_CHECK_LIMITS) as Array<keyof typeof HEALTH_CHECK_LIMITS>) {
    const [min, max] = HEALTH_CHECK_LIMITS[key];
    if (hc[key] < min || hc[key] > max) throw new UsageError(`${FLAG[key]} ${hc[key]} is outside AWS's range of ${min} to ${max}`);
  }
  if (hc.timeout >= hc.interval) throw new UsageError(`--timeout ${hc.timeout} must be less than --interval ${hc.interval}`);
  return hc;
}

/** `app:JSESSIONID`, `lb`, `lb:3600`, each optionally followed by `@PORT`. */
export function parseSticky(raw: string): StickySpec {
  const at = raw.lastIndexOf('@');
  const body = (at >= 0 ? raw.slice(0, at) : raw).trim();
  const port = at >= 0 ? portOf(raw.slice(at + 1), 'sticky port', raw) : undefined;
  const withPort = port === undefined ? {} : { port };
  const colon = body.indexOf(':');
  const kind = (colon >= 0 ? body.slice(0, colon) : body).trim().toLowerCase();
  const arg = colon >= 0 ? body.slice(colon + 1).trim() : undefined;
  if (kind === 'app') {
    if (!arg || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(arg)) throw new UsageError(`--sticky "${raw}" needs a cookie name`, 'e.g. --sticky app:JSESSIONID');
    return { kind: 'app', cookie: arg, ...withPort };
  }
  if (kind === 'lb') {
    if (arg === undefined || arg === '') return { kind: 'lb', ...withPort };
    const n = /^\d+$/.test(arg) ? Number(arg) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--sticky "${raw}": the cookie lifetime must be a whole number of seconds, 1 or more`, 'e.g. --sticky lb:3600, or --sticky lb for a session cookie');
    return { kind: 'lb', expirationSeconds: n, ...withPort };
  }
  throw new UsageError(`--sticky "${raw}" does not parse`, 'use app:COOKIE or lb[:SECONDS], optionally followed by @PORT');
}

/** The listener ports the stickiness policy goes on; refuses a TCP/SSL-only balancer or a wrong @PORT. */
export function stickyPorts(sticky: StickySpec, listeners: ListenerSpec[]): number[] {
  if (sticky.port !== undefined) {
    const l = listeners.find((x) => x.port === sticky.port);
    if (!l) throw new UsageError(`--sticky names port ${sticky.port}, but no --listener uses it`);
    if (!isLayer7(l.protocol)) throw new UsageError(`--sticky needs an HTTP or HTTPS listener; port ${l.port} is ${l.protocol}`);
    return [l.port];
  }
  const ports = listeners.filter((l) => isLayer7(l.protocol)).map((l) => l.port);
  if (ports.length === 0) throw new UsageError('--sticky needs an HTTP or HTTPS listener; this balancer has only TCP/SSL listeners', 'drop --sticky, or add e.g. --listener http:80');
  return ports;
}

/** A deterministic policy name, so a re-run finds the policy it made: `scalectl-app-JSESSIONID`, `scalectl-lb-3600`. */
export function stickyPolicyName(sticky: StickySpec): string {
  if (sticky.kind === 'app') {
    const safe = sticky.cookie.replace(/[^A-Za-z0-9-]/g, '-');
    // Two cookies that differ only in characters a policy name cannot hold (sess.id, sess_id)
    // must not share a policy: add a short hash of the real name when anything was replaced.
    return safe === sticky.cookie ? `scalectl-app-${safe}` : `scalectl-app-${safe}-${shortHash(sticky.cookie)}`;
  }
  return `scalectl-lb-${sticky.expirationSeconds ?? 'session'}`;
}

/** Six hex digits of FNV-1a: stable, tiny, and enough to tell two cookie names apart. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

/** `http:80` for tables; `https:443→http:80` when the back end differs. */
export function listenerLabel(l: Pick<ListenerSpec, 'protocol' | 'port' | 'instanceProtocol' | 'instancePort'>): string {
  const front = `${l.protocol.toLowerCase()}:${l.port}`;
  return l.protocol === l.instanceProtocol && l.port === l.instancePort ? front : `${front}:${l.instanceProtocol.toLowerCase()}:${l.instancePort}`;
}

/** `i-` followed by 8 or 17 hex digits. */
export function checkInstanceIds(ids: string[]): string[] {
  if (ids.length === 0) throw new UsageError('name at least one instance id', 'e.g. i-0123456789abcdef0');
  for (const id of ids) if (!/^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(id)) throw new UsageError(`"${id}" is not an instance id`, 'instance ids look like i-0123456789abcdef0');
  return ids;
}

/** A server certificate as --cert or cert-id names it: an ARN, or an IAM name (1–128 of [\w+=,.@-]). */
export function checkCertificateRef(ref: string): string {
  if (!/^arn:aws[a-z-]*:(iam|acm):/.test(ref) && !/^[\w+=,.@-]{1,128}$/.test(ref)) {
    throw new UsageError(`"${ref}" is neither a certificate ARN nor a certificate name`, 'names are 1 to 128 letters, digits and +=,.@_- (see scalectl list-certs)');
  }
  return ref;
}

/** AWS's rule for classic balancer names: 1–32 letters, digits and hyphens, no hyphen at either end. */
export function checkLbName(name: string): string {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(name)) {
    throw new UsageError(`"${name}" is not a valid load balancer name`, 'use 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen');
  }
  return name;
}
