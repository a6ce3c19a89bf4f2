// Where create-asg places a group when it is attached to classic load balancers: the balancers'
// zones (or subnets, for balancers in a VPC) by default, and a warning for zones they do not serve.
// Pure: the live balancers and subnet zones are read by the command.

/** What placement needs to know of one classic balancer. */
export interface BalancerPlacement {
  name: string;
  zones: string[];
  /** Empty for an EC2-Classic style (zone) balancer. */
  subnets: string[];
}

/** The placement a new group takes from its balancers when neither --zones nor --subnets was given. */
export type DefaultPlacement = { zones: string[]; from: string[] } | { subnets: string[]; from: string[] };

const intersect = (lists: string[][]): string[] => (lists.length ? lists.reduce((a, b) => a.filter((x) => b.includes(x))) : []);

/**
 * The zones (or subnets) every balancer serves; throws Error(message) when they have none in
 * common or mix VPC and zone balancers. Undefined when no balancer was found.
 */
export function placementFromBalancers(balancers: BalancerPlacement[]): DefaultPlacement | undefined {
  if (!balancers.length) return undefined;
  const from = balancers.map((b) => b.name);
  const vpc = balancers.filter((b) => b.subnets.length > 0);
  if (vpc.length && vpc.length !== balancers.length) {
    throw new Error(`load balancers ${vpc.map((b) => b.name).join(', ')} are in a VPC and ${balancers.filter((b) => !b.subnets.length).map((b) => b.name).join(', ')} not; pass --subnets or --zones`);
  }
  if (vpc.length) {
    const subnets = intersect(vpc.map((b) => b.subnets));
    if (!subnets.length) throw new Error(`load balancers ${from.join(', ')} share no subnet to place the group in; pass --subnets`);
    return { subnets, from };
  }
  const zones = intersect(balancers.map((b) => b.zones));
  if (!zones.length) throw new Error(`load balancers ${from.join(', ')} share no availability zone to place the group in; pass --zones`);
  return { zones, from };
}

/**
 * One warning per balancer that does not serve every zone the group launches in: an instance in
 * such a zone never comes InService in that balancer, and with ELB health checks it is replaced
 * over and over.
 */
export function zoneMismatchWarnings(group: string, groupZones: string[], balancers: BalancerPlacement[], elbHealthCheck: boolean): string[] {
  const out: string[] = [];
  for (const b of balancers) {
    if (!b.zones.length) continue;
    const outside = [...new Set(groupZones)].filter((z) => !b.zones.includes(z));
    if (!outside.length) continue;
    out.push(
      `${group} launches instances in ${outside.join(', ')}, which load balancer ${b.name} does not serve (it serves ${b.zones.join(', ')}): ` +
        `instances there never come InService in it${elbHealthCheck ? ' and, with ELB health checks, are replaced over and over' : ''}. ` +
        `Add the zone${outside.length > 1 ? 's' : ''} to the balancer, or place the group with --zones ${b.zones.join(',')}${b.subnets.length ? ` or --subnets ${b.subnets.join(',')}` : ''}.`,
    );
  }
  return out;
}
