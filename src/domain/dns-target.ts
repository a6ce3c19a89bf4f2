// Where an alias record points for each kind of balancer. Classic today; an ELBv2 balancer plugs
// in by describing itself the same way (its DNS name and canonical hosted zone).
import { OperationError } from '../errors.js';
import type { AliasTarget } from './dns.js';

/** What an alias needs to know about a balancer, whatever its kind. */
export interface AliasableBalancer {
  name: string;
  dnsName?: string;
  /** CanonicalHostedZoneNameID (classic) or CanonicalHostedZoneId (ELBv2). */
  hostedZoneId?: string;
  /** `internet-facing` or `internal`. */
  scheme?: string;
  /** `classic` unless said otherwise; `application` and `network` once ELBv2 lands. */
  type?: 'classic' | 'application' | 'network';
}

/**
 * The canonical hosted zone of classic balancers per region, for endpoints (moto) that leave
 * CanonicalHostedZoneNameID out of DescribeLoadBalancers. AWS itself always says it.
 */
const CLASSIC_ZONE: Record<string, string> = {
  'us-east-1': 'Z35SXDOTRQ7X7K', 'us-east-2': 'Z3AADJGX6KTTL2', 'us-west-1': 'Z368ELLRRE2KJ0', 'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2', 'eu-west-2': 'ZHURV8PSTC4K8', 'eu-central-1': 'Z215JYRZR1TBD5',
  'ap-southeast-1': 'Z1LMS91P8CMLE5', 'ap-southeast-2': 'Z1GM3OXH4ZPM65', 'ap-northeast-1': 'Z14GRHDCWA56QT',
};

/**
 * The alias target of a balancer. An internet-facing classic balancer is aliased through its
 * `dualstack.` name, which answers both A and AAAA queries (the plain name answers A only); an
 * internal one has no dualstack name.
 */
export function aliasTargetOf(lb: AliasableBalancer): { hostedZoneId: string; dnsName: string } {
  const dns = (lb.dnsName ?? '').toLowerCase().replace(/\.$/, '');
  if (!dns) throw new OperationError(`load balancer ${lb.name} has no DNS name yet`, 're-run once it is provisioned');
  const region = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.elb\.amazonaws\.com$/.exec(dns)?.[1];
  const hostedZoneId = lb.hostedZoneId ?? (region ? CLASSIC_ZONE[region] : undefined);
  if (!hostedZoneId) throw new OperationError(`load balancer ${lb.name} does not say its canonical hosted zone`, 'pass a balancer in a region scalectl knows, or create the alias in the Route 53 console');
  const internal = lb.scheme === 'internal' || dns.startsWith('internal-');
  const dualstack = !internal && (lb.type ?? 'classic') !== 'network' && !dns.startsWith('dualstack.');
  return { hostedZoneId, dnsName: dualstack ? `dualstack.${dns}` : dns };
}

/** The alias target with the --evaluate-health choice. */
export function aliasTarget(lb: AliasableBalancer, evaluateHealth: boolean): AliasTarget {
  return { ...aliasTargetOf(lb), evaluateHealth };
}
