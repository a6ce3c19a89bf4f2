// What create-asg reads besides the group and its template: the attached classic balancers (to
// place a new group in their zones and warn about zones they do not serve) and the AMI's root
// device (for --volume-size). Split from create-asg.steps.ts for size.
import type { Ctx } from '../../deps.js';
import { placementFromBalancers, zoneMismatchWarnings, type BalancerPlacement } from '../../domain/asg-placement.js';
import type { Group, LaunchData } from '../../domain/asg-plan.js';
import type { CreateAsgOptions } from '../../domain/asg-options.js';
import { NotFoundError, UsageError } from '../../errors.js';

/** The launch data scalectl writes, if any. */
export function launchDataOf(o: CreateAsgOptions): LaunchData | undefined {
  return o.launch.kind === 'template' ? undefined : o.launch.data;
}

/** The classic balancers of --lb that exist (an ELBv2 name or a typo is left to AWS to judge). */
export async function readBalancers(o: CreateAsgOptions, ctx: Ctx): Promise<BalancerPlacement[]> {
  if (!o.loadBalancers?.length) return [];
  const elb = await import('../../services/elb.js');
  const client = await ctx.aws.elb();
  const found = await Promise.all(o.loadBalancers.map((n) => elb.findLoadBalancer(client, n)));
  return found.flatMap((b) => (b ? [{ name: b.name, zones: b.zones, subnets: b.subnets }] : []));
}

/** --volume-size goes on the AMI's root device; a size below the image's snapshot would fail every launch. */
export async function resolveRootVolume(data: LaunchData | undefined, ctx: Ctx): Promise<LaunchData | undefined> {
  if (!data?.rootVolume) return data;
  const ec2 = await import('../../services/ec2.js');
  const root = await ec2.findImageRoot(await ctx.aws.ec2(), data.imageId);
  if (!root) throw new NotFoundError(`image ${data.imageId} does not exist (or has no root device) in this region`, 'check --image-id and --region');
  if (root.snapshotGb !== undefined && data.rootVolume.sizeGb < root.snapshotGb) {
    throw new UsageError(`--volume-size ${data.rootVolume.sizeGb} is smaller than image ${data.imageId}'s ${root.snapshotGb} GiB root snapshot; every launch would fail`, `pass --volume-size ${root.snapshotGb} or more; nothing was changed`);
  }
  return { ...data, rootVolume: { device: root.device, sizeGb: data.rootVolume.sizeGb } };
}

/** Placement of a new group with --lb and neither --zones nor --subnets; progress says where it came from. */
export function defaultPlacement(o: CreateAsgOptions, balancers: BalancerPlacement[], ctx: Ctx): { zones: string[] } | { subnets: string[] } | undefined {
  let p;
  try {
    p = placementFromBalancers(balancers);
  } catch (e) {
    throw new UsageError((e as Error).message, 'nothing was changed');
  }
  if (!p) return undefined;
  const [what, list] = 'zones' in p ? ['zones', p.zones] : ['subnets', p.subnets];
  ctx.log.progress(`placing ${o.name} in the ${what} of load balancer${p.from.length > 1 ? 's' : ''} ${p.from.join(', ')}: ${list.join(', ')}`);
  return 'zones' in p ? { zones: p.zones } : { subnets: p.subnets };
}

/** Warns when the group launches in zones a balancer does not serve (subnets are resolved to zones). */
export async function warnZoneMismatch(o: CreateAsgOptions, placement: { zones?: string[]; subnets?: string[] }, live: Group | undefined, balancers: BalancerPlacement[], ctx: Ctx): Promise<void> {
  if (!balancers.length) return;
  let zones = placement.zones;
  const subnets = placement.subnets ?? (!zones && live?.subnets.length ? live.subnets : undefined);
  if (!zones && !subnets) zones = live?.zones;
  if (!zones && subnets?.length) {
    const ec2 = await import('../../services/ec2.js');
    const byId = await ec2.listSubnetZones(await ctx.aws.ec2(), subnets);
    zones = subnets.flatMap((s) => (byId.has(s) ? [byId.get(s)!] : []));
  }
  if (!zones?.length || zones.some((z) => z.startsWith('<'))) return;
  const elbChecks = (o.healthCheckType ?? live?.healthCheckType) === 'ELB';
  for (const w of zoneMismatchWarnings(o.name, zones, balancers, elbChecks)) ctx.log.warn(w);
}
