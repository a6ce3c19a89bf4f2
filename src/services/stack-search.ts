// How each kind of a stack's resources is found: one Tagging API search (GetResources) for every
// kind it indexes at this endpoint, and the kind's own service look-up where it does not. A new
// kind is one more entry in SEARCHES (and its deleter in stack.ts, its place in KIND_ORDER).
import type { AwsClients } from './clients.js';
import { isUnreadableServerError } from './clients.js';
import type { Timing } from '../domain/retry.js';

/** What a search needs besides the clients. */
export interface SearchEnv {
  aws: AwsClients;
  stack: string;
  timing?: Timing;
  /** Requests go to an AWS look-alike (moto, LocalStack), whose Tagging API indexes fewer types. */
  lookAlike: boolean;
  debug: (line: string) => void;
}

/** One kind as the Tagging API knows it. */
export interface TaggingSearch {
  kind: string;
  /** `service:type` as GetResources' ResourceTypeFilters takes it. */
  type: string;
  /** Look-alike endpoints index this type too (moto 5 indexes alarms, not classic ELBs or launch templates). */
  onLookAlike: boolean;
  /** Why the kind's own look-up is used where the Tagging API is not. */
  fallback: string;
  /** What a look-alike leaves out, when it is narrower than the type (classic balancers share theirs with ELBv2). */
  unindexed?: string;
}

/** Kinds found through the Tagging API where it answers. Groups are not here: GetResources returns none (AWS documents it). */
export const SEARCHES: TaggingSearch[] = [
  { kind: 'alarm', type: 'cloudwatch:alarm', onLookAlike: true, fallback: 'DescribeAlarms, then ListTagsForResource per alarm' },
  { kind: 'load-balancer', type: 'elasticloadbalancing:loadbalancer', onLookAlike: false, fallback: 'DescribeLoadBalancers, then DescribeTags 20 names a call', unindexed: 'classic balancers as elasticloadbalancing:loadbalancer' },
  { kind: 'launch-template', type: 'ec2:launch-template', onLookAlike: false, fallback: 'DescribeLaunchTemplates with a tag filter' },
  // ELBv2 balancers share the classic type (their ARNs name loadbalancer/app/… or loadbalancer/net/…); moto 5 indexes both ELBv2 types.
  { kind: 'elbv2-load-balancer', type: 'elasticloadbalancing:loadbalancer', onLookAlike: true, fallback: 'DescribeLoadBalancers (ELBv2) of the region, then DescribeTags 20 ARNs a call' },
  { kind: 'target-group', type: 'elasticloadbalancing:targetgroup', onLookAlike: true, fallback: 'DescribeTargetGroups of the region, then DescribeTags 20 ARNs a call' },
];

/** Kinds always found by their own service. */
export const OWN_SEARCHES: Record<string, string> = {
  'auto-scaling-group': 'DescribeAutoScalingGroups with a tag filter (the Tagging API returns no groups)',
  'server-certificate': 'ListServerCertificates, then ListServerCertificateTags per certificate (IAM is global; the Tagging API does not list them)',
};

/** ARNs by kind from one GetResources search; undefined for a kind the search does not cover here. */
export type TaggedArns = Map<string, string[]>;

/**
 * An operation the endpoint does not have (moto: an HTML 500 page "has not been implemented"), as
 * opposed to one that failed: only such a gap may leave a kind unsearched. Throttling, a 503 or
 * any other 5xx from AWS is an error.
 */
export function isUnimplemented(err: unknown, lookAlike: boolean): boolean {
  const e = err as { name?: string; message?: string };
  if (/^(NotImplemented|InvalidAction|UnknownOperation)/.test(e?.name ?? '')) return true;
  if (/not (been )?implemented/i.test(e?.message ?? '')) return true;
  return lookAlike && isUnreadableServerError(err);
}

/** AccessDenied to tag:GetResources: the kinds' own look-ups still work (slower), so they answer instead. */
function isDenied(err: unknown): boolean {
  return /AccessDenied|UnauthorizedOperation/.test((err as { name?: string })?.name ?? '');
}

/**
 * One GetResources search for the kinds the endpoint indexes. Kinds left out of the map use their
 * own look-up; --debug says which kind goes which way and why.
 */
export async function searchByTag(env: SearchEnv): Promise<TaggedArns> {
  const covered = SEARCHES.filter((s) => !env.lookAlike || s.onLookAlike);
  const out: TaggedArns = new Map();
  for (const s of SEARCHES.filter((x) => !covered.includes(x))) env.debug(`discovery: ${s.kind} by ${s.fallback} (this endpoint's Tagging API does not index ${s.unindexed ?? s.type})`);
  for (const [kind, how] of Object.entries(OWN_SEARCHES)) env.debug(`discovery: ${kind} by ${how}`);
  if (!covered.length) return out;
  const [client, tagging] = await Promise.all([env.aws.tagging(), import('./tagging.js')]);
  try {
    const types = [...new Set(covered.map((s) => s.type))];
    const arns = await tagging.listStackArns(client, { stack: env.stack, types, ...(env.timing ? { timing: env.timing } : {}) });
    for (const s of covered) out.set(s.kind, arns.filter((a) => a.split(':')[2] === s.type.split(':')[0] && tagging.arnResource(a, s.type.split(':')[1] ?? '') !== undefined));
    env.debug(`discovery: ${covered.map((s) => s.kind).join(', ')} by one Tagging API search (GetResources ${types.join(', ')})`);
  } catch (err) {
    if (!isUnimplemented(err, env.lookAlike) && !isDenied(err)) throw err;
    for (const s of covered) env.debug(`discovery: ${s.kind} by ${s.fallback} (GetResources: ${(err as Error).name})`);
  }
  return out;
}

/** The names in ARNs of one type: `arn:…:loadbalancer/web-lb` → `web-lb`; `only` drops ARNs whose name does not fit. */
export async function namesOf(arns: string[], type: string, only: (name: string) => boolean = () => true): Promise<string[]> {
  const { arnResource } = await import('./tagging.js');
  return arns.flatMap((a) => {
    const n = arnResource(a, type);
    return n !== undefined && only(n) ? [n] : [];
  });
}
