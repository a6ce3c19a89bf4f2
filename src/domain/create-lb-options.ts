// create-lb's flags → its options: pure, refusing bad values and combinations (UsageError, exit 2).
import { UsageError } from '../errors.js';
import { checkCertificateRef, checkInstanceIds, checkLbName, finishListeners, parseHealthCheck, parseListener, parseSticky, stickyPorts, type HealthCheckSpec, type ListenerSpec, type StickySpec } from './listeners.js';
import type { Tag } from './stack.js';

/** Parsed flags of `create-lb`. */
export interface CreateLbOptions {
  name: string;
  /** HTTPS/SSL listeners carry the certificate name or ARN to use. */
  listeners: ListenerSpec[];
  healthCheck?: HealthCheckSpec;
  sticky?: { spec: StickySpec; ports: number[] };
  zones: string[];
  subnets: string[];
  securityGroups: string[];
  internal: boolean;
  crossZone: boolean;
  /** Connection draining: on with 300 s unless --no-drain. */
  drain: { enabled: boolean; timeout?: number };
  idleTimeout?: number;
  instances: string[];
  tags: Tag[];
  stack?: string;
  dryRun: boolean;
  /** Delete live listeners that --listener does not name without asking (required off a terminal). */
  prune: boolean;
  /** Wait for a --cert name that IAM does not list yet. */
  waitForCert: boolean;
}

/** The raw flags as commander hands them over. */
export interface CreateLbFlags {
  listener?: string[]; cert?: string; healthCheck?: string; interval?: number; timeout?: number; healthyThreshold?: number; unhealthyThreshold?: number;
  zones?: string[]; subnets?: string[]; securityGroups?: string[]; internal?: boolean; sticky?: string; crossZone?: boolean; drain?: number | false;
  idleTimeout?: number; instances?: string[]; tag?: Tag[]; stack?: string; dryRun?: boolean; prune?: boolean; waitForCert?: boolean;
}

/** Flags → options, refusing bad values and combinations before anything is sent (exit 2). */
export function parseCreateLbFlags(name: string, f: CreateLbFlags): CreateLbOptions {
  const listeners = finishListeners((f.listener ?? []).map(parseListener), f.cert === undefined ? undefined : checkCertificateRef(f.cert));
  const timing = { interval: f.interval, timeout: f.timeout, healthyThreshold: f.healthyThreshold, unhealthyThreshold: f.unhealthyThreshold };
  const given = Object.fromEntries(Object.entries(timing).filter(([, v]) => v !== undefined));
  if (!f.healthCheck && Object.keys(given).length) throw new UsageError('--interval, --timeout and the thresholds need --health-check', 'e.g. --health-check HTTP:80/health --interval 30');
  const sticky = f.sticky ? parseSticky(f.sticky) : undefined;
  return {
    name: checkLbName(name),
    listeners,
    ...(f.healthCheck ? { healthCheck: parseHealthCheck(f.healthCheck, given) } : {}),
    ...(sticky ? { sticky: { spec: sticky, ports: stickyPorts(sticky, listeners) } } : {}),
    zones: f.zones ?? [],
    subnets: f.subnets ?? [],
    securityGroups: f.securityGroups ?? [],
    internal: f.internal === true,
    crossZone: f.crossZone !== false,
    drain: f.drain === false ? { enabled: false } : { enabled: true, timeout: f.drain ?? 300 },
    ...(f.idleTimeout !== undefined ? { idleTimeout: f.idleTimeout } : {}),
    instances: f.instances ? checkInstanceIds(f.instances) : [],
    tags: f.tag ?? [],
    ...(f.stack ? { stack: f.stack } : {}),
    dryRun: f.dryRun === true,
    prune: f.prune === true,
    waitForCert: f.waitForCert === true,
  };
}

