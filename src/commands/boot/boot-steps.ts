// The three things `boot` does, each prepared (read what is there) and then carried out on its
// own, so one failing does not stop the others. Each is idempotent: already done is `unchanged`.
import type { Ctx } from '../../deps.js';
import type { BootConfig } from '../../domain/boot.js';
import { instanceRecord, planRegister } from '../../domain/dns-register.js';
import { pickZone } from '../../domain/dns.js';
import { errorName, retrying, type Timing } from '../../domain/retry.js';
import { NotFoundError } from '../../errors.js';
import type { PlannedStep } from '../../plan.js';

export type BootStepName = 'eip' | 'lb' | 'dns';

/** A step ready to run: what it will do, or that it is already done. */
export interface PreparedStep extends PlannedStep {
  step: BootStepName;
  target: string;
  run?: () => Promise<string>;
}

/** Who this instance is, and its address once the Elastic IP is on it. */
export interface Me {
  instanceId: string;
  ip?: string;
}

/** A new instance is often not yet known to ELB (InvalidInstance); retried like throttling. */
const notYetKnown = (err: unknown) => /^InvalidEndPoint|^InvalidInstance/.test(errorName(err)) || /InvalidInstance/.test((err as { Code?: string })?.Code ?? '');

export async function prepareEip(ctx: Ctx, cfg: NonNullable<BootConfig['eip']>, me: Me, timing: Timing): Promise<PreparedStep> {
  const ec2 = await import('../../services/ec2-addresses.js');
  const target = 'allocationId' in cfg ? cfg.allocationId : cfg.publicIp;
  const address = await ec2.findAddress(await ctx.aws.ec2(), { ref: cfg, timing });
  if (!address) throw new NotFoundError(`no Elastic IP ${target} in this region`);
  const base = { step: 'eip' as const, target, resource: 'elastic-ip', name: target };
  if (address.instanceId === me.instanceId) {
    me.ip = address.publicIp;
    return { ...base, action: 'unchanged', detail: `${address.publicIp} on ${me.instanceId}` };
  }
  const input = ec2.associateAddressInput({ address, instanceId: me.instanceId });
  return {
    ...base, action: 'associate', detail: `${address.publicIp} → ${me.instanceId}${address.instanceId ? ` (taken over from ${address.instanceId})` : ''}`,
    request: { service: 'ec2', operation: 'AssociateAddress', input },
    run: async () => {
      await ec2.associateAddress(await ctx.aws.ec2(), { address, instanceId: me.instanceId, timing });
      me.ip = address.publicIp;
      return `${address.publicIp} associated with ${me.instanceId}`;
    },
  };
}

export async function prepareLb(ctx: Ctx, name: string, me: Me, timing: Timing): Promise<PreparedStep> {
  const elb = await import('../../services/elb.js');
  const lb = await elb.findLoadBalancer(await ctx.aws.elb(), name, timing);
  if (!lb) throw new NotFoundError(`load balancer ${name} not found in this region`);
  const base = { step: 'lb' as const, target: name, resource: 'instances', name };
  if (lb.instances.includes(me.instanceId)) return { ...base, action: 'unchanged', detail: `${me.instanceId} registered` };
  const input = { name, instances: [me.instanceId] };
  return {
    ...base, action: 'register', detail: me.instanceId,
    request: { service: 'elb', operation: 'RegisterInstancesWithLoadBalancer', input },
    run: async () => {
      const client = await ctx.aws.elb();
      await retrying(timing, () => elb.registerInstances(client, input), notYetKnown, 1000);
      return `${me.instanceId} registered with ${name}`;
    },
  };
}

export async function prepareDns(ctx: Ctx, cfg: NonNullable<BootConfig['dns']>, me: Me, fallbackIp: string | undefined, timing: Timing): Promise<PreparedStep> {
  const r53 = await import('../../services/route53.js');
  const client = await ctx.aws.route53();
  const zone = pickZone(await r53.listHostedZones(client, timing), cfg.name, cfg.zone);
  if (!zone) throw new NotFoundError(`hosted zone ${cfg.zone} not found`);
  const ip = me.ip ?? fallbackIp;
  if (!ip) throw new NotFoundError('this instance has no IPv4 address to register');
  const record = instanceRecord({ name: cfg.name, instanceId: me.instanceId, ip, ttl: cfg.ttl, routing: { multiValue: true } });
  const plan = planRegister(record, await r53.listRecordsAt(client, { zoneId: zone.id, names: [cfg.name], timing }));
  const base = { step: 'dns' as const, target: cfg.name, resource: 'dns-record', name: `${cfg.name}/${me.instanceId}` };
  if (plan.status === 'unchanged') return { ...base, action: 'unchanged', detail: `A ${ip}` };
  return {
    ...base, action: plan.status === 'created' ? 'create' : 'update', detail: `A ${ip} (TTL ${cfg.ttl})`,
    request: { service: 'route53', operation: 'ChangeResourceRecordSets', input: r53.changeBatchInput(zone.id, plan.changes) },
    run: async () => {
      const id = await r53.changeRecords(client, { zoneId: zone.id, changes: plan.changes, timing });
      await r53.waitChangeInSync(client, { changeId: id, timing, onProgress: (s) => ctx.log.status(`dns ${cfg.name}: Route 53 change ${s}`) });
      ctx.log.endStatus();
      return `${cfg.name} A ${ip} (set ${me.instanceId})`;
    },
  };
}
