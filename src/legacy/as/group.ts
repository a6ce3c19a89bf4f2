// as-create-auto-scaling-group, as-update-auto-scaling-group, as-delete-auto-scaling-group.
import { createAsg, createAsgOptions } from '../../commands/asg/create-asg.js';
import { updateAsg, updateAsgOptions } from '../../commands/asg/update-asg.js';
import type { AsgTag } from '../../domain/asg-tags.js';
import { parseAsgTag } from '../../domain/asg-tags.js';
import { UsageError } from '../../errors.js';
import type { Parsed } from '../argv.js';
import { int, list, nameArg, val, type LegacyCommand } from '../framework.js';

const ASG = { long: 'auto-scaling-group', kind: 'value' } as const;
const SIZES = ['min-size', 'max-size', 'desired-capacity', 'default-cooldown', 'grace-period'] as const;
const NATIVE: Record<(typeof SIZES)[number], string> = { 'min-size': '--min', 'max-size': '--max', 'desired-capacity': '--desired', 'default-cooldown': '--cooldown', 'grace-period': '--grace-period' };

function healthType(p: Parsed): 'EC2' | 'ELB' | undefined {
  const t = val(p, 'health-check-type')?.toUpperCase();
  if (t !== undefined && t !== 'EC2' && t !== 'ELB') throw new UsageError(`--health-check-type must be EC2 or ELB, got "${val(p, 'health-check-type')}"`);
  // The legacy tools took --grace-period alone; scalectl ties it to a health check type (EC2 is AWS's default).
  return t ?? (val(p, 'grace-period') !== undefined ? 'EC2' : undefined);
}

function tags(p: Parsed): AsgTag[] {
  return (p.lists.get('tag') ?? []).map((t) => {
    try {
      return parseAsgTag(t);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
}

function refuse(p: Parsed, ...keys: string[]): void {
  const given = keys.filter((k) => p.values.has(k) || p.lists.has(k));
  if (given.length) throw new UsageError(`--${given.join(', --')} is not supported by scalectl yet`);
}

/** The native create-asg flags (also the translated command line). */
function createFlags(p: Parsed) {
  const zones = list(p, 'availability-zones');
  const subnets = list(p, 'vpc-zone-identifier');
  const lbs = list(p, 'load-balancers');
  const hc = healthType(p);
  const tp = list(p, 'termination-policies');
  return {
    min: int(p, 'min-size', 0) ?? missing('--min-size'), max: int(p, 'max-size', 0) ?? missing('--max-size'),
    ...(int(p, 'desired-capacity', 0) !== undefined ? { desired: int(p, 'desired-capacity', 0)! } : {}),
    ...(zones ? { zones } : {}), ...(subnets ? { subnets } : {}), ...(lbs ? { lb: lbs } : {}), ...(hc ? { healthCheckType: hc } : {}),
    ...(int(p, 'grace-period', 0) !== undefined ? { gracePeriod: int(p, 'grace-period', 0)! } : {}),
    ...(int(p, 'default-cooldown', 0) !== undefined ? { cooldown: int(p, 'default-cooldown', 0)! } : {}),
    ...(tp ? { terminationPolicies: tp } : {}), tag: tags(p), timeout: 600,
  };
}

const missing = (flag: string): never => {
  throw new UsageError(`${flag} is required`);
};

export const asCreateAutoScalingGroup: LegacyCommand = {
  name: 'as-create-auto-scaling-group',
  usage: 'as-create-auto-scaling-group AutoScalingGroupName --launch-configuration value --max-size value --min-size value [--availability-zones value[,value...]] [--default-cooldown value] [--desired-capacity value] [--grace-period value] [--health-check-type value] [--load-balancers value[,value...]] [--tag "k=value, [v=value], [p=value]" ...] [--termination-policies value[,value...]] [--vpc-zone-identifier value] [General Options]',
  options: [
    ASG, { long: 'launch-configuration', short: 'l', kind: 'value' }, { long: 'availability-zones', short: 'z', kind: 'list' }, { long: 'load-balancers', kind: 'list' },
    ...SIZES.map((long) => ({ long, kind: 'value' as const })), { long: 'health-check-type', kind: 'value' }, { long: 'placement-group', kind: 'value' },
    { long: 'tag', kind: 'repeat' }, { long: 'vpc-zone-identifier', kind: 'list' }, { long: 'termination-policies', kind: 'list' },
  ],
  translate: (p) => {
    const name = nameArg(p, 'AutoScalingGroupName', 'auto-scaling-group');
    const lc = val(p, 'launch-configuration') ?? missing('--launch-configuration');
    const f = createFlags(p);
    return {
      args: ['create-asg', name, '--launch-template', lc, '--min', String(f.min), '--max', String(f.max),
        ...(f.desired !== undefined ? ['--desired', String(f.desired)] : []), ...(f.zones ? ['--zones', f.zones.join(',')] : []), ...(f.subnets ? ['--subnets', f.subnets.join(',')] : []),
        ...(f.lb ? ['--lb', f.lb.join(',')] : []), ...(f.healthCheckType ? ['--health-check-type', f.healthCheckType] : []), ...(f.gracePeriod !== undefined ? ['--grace-period', String(f.gracePeriod)] : []),
        ...(f.cooldown !== undefined ? ['--cooldown', String(f.cooldown)] : []), ...(f.terminationPolicies ? ['--termination-policies', f.terminationPolicies.join(',')] : []),
        ...f.tag.flatMap((t) => ['--tag', `k=${t.key},v=${t.value},p=${t.propagate}`])],
      notes: [`if ${lc} is a real launch configuration rather than a launch template, use --launch-config ${lc}`],
    };
  },
  run: async (p, ctx) => {
    const name = nameArg(p, 'AutoScalingGroupName', 'auto-scaling-group');
    refuse(p, 'placement-group');
    const lc = val(p, 'launch-configuration') ?? missing('--launch-configuration');
    const f = createFlags(p);
    createAsgOptions(name, { ...f, launchConfig: lc }); // every usage error before the first request
    const { findLaunchTemplate } = await import('../../services/ec2.js');
    // as-create-launch-config makes a launch template of that name: use it when there is one.
    const template = await findLaunchTemplate(await ctx.aws.ec2(), lc);
    const r = await createAsg(createAsgOptions(name, { ...f, ...(template ? { launchTemplate: lc } : { launchConfig: lc }) }), ctx);
    return { lines: ['OK-Created AutoScalingGroup'] };
  },
};

export const asUpdateAutoScalingGroup: LegacyCommand = {
  name: 'as-update-auto-scaling-group',
  usage: 'as-update-auto-scaling-group AutoScalingGroupName [--default-cooldown value] [--desired-capacity value] [--grace-period value] [--health-check-type value] [--max-size value] [--min-size value] [General Options]',
  options: [
    ASG, { long: 'name', kind: 'value' }, ...SIZES.map((long) => ({ long, kind: 'value' as const })), { long: 'health-check-type', kind: 'value' },
    { long: 'launch-configuration', short: 'l', kind: 'value' }, { long: 'availability-zones', short: 'z', kind: 'list' }, { long: 'vpc-zone-identifier', kind: 'list' }, { long: 'placement-group', kind: 'value' },
  ],
  translate: (p) => ({
    args: ['update-asg', nameArg(p, 'AutoScalingGroupName', 'name', 'auto-scaling-group'), ...SIZES.flatMap((k) => (val(p, k) !== undefined ? [NATIVE[k], val(p, k)!] : [])), ...(val(p, 'health-check-type') ? ['--health-check-type', val(p, 'health-check-type')!.toUpperCase()] : [])],
  }),
  run: async (p, ctx) => {
    const name = nameArg(p, 'AutoScalingGroupName', 'name', 'auto-scaling-group');
    refuse(p, 'launch-configuration', 'availability-zones', 'vpc-zone-identifier', 'placement-group');
    const t = val(p, 'health-check-type')?.toUpperCase();
    if (t !== undefined && t !== 'EC2' && t !== 'ELB') throw new UsageError(`--health-check-type must be EC2 or ELB, got "${val(p, 'health-check-type')}"`);
    const opts = updateAsgOptions(name, {
      ...(int(p, 'min-size', 0) !== undefined ? { min: int(p, 'min-size', 0)! } : {}), ...(int(p, 'max-size', 0) !== undefined ? { max: int(p, 'max-size', 0)! } : {}),
      ...(int(p, 'desired-capacity', 0) !== undefined ? { desired: int(p, 'desired-capacity', 0)! } : {}), ...(int(p, 'default-cooldown', 0) !== undefined ? { cooldown: int(p, 'default-cooldown', 0)! } : {}),
      ...(int(p, 'grace-period', 0) !== undefined ? { gracePeriod: int(p, 'grace-period', 0)! } : {}), ...(t ? { healthCheckType: t } : {}),
    });
    const r = await updateAsg(opts, ctx);
    return { lines: ['OK-Updated AutoScalingGroup'] };
  },
};

export const asDeleteAutoScalingGroup: LegacyCommand = {
  name: 'as-delete-auto-scaling-group',
  usage: 'as-delete-auto-scaling-group AutoScalingGroupName [-d/--force-delete] [-f/--force] [General Options]',
  options: [ASG, { long: 'force-delete', short: 'd', kind: 'flag' }, { long: 'force', short: 'f', kind: 'flag' }],
  prompt: () => ['Are you sure you want to delete this AutoScalingGroup?'],
  translate: (p) => ({ args: ['teardown', '--asg', nameArg(p, 'AutoScalingGroupName', 'auto-scaling-group'), '-y'], notes: ['teardown scales the group to zero, waits for its instances and deletes it (with its policies and alarms)'] }),
  run: async (p, ctx) => {
    const name = nameArg(p, 'AutoScalingGroupName', 'auto-scaling-group');
    const { deleteGroup } = await import('../../services/autoscaling-instances.js');
    await deleteGroup(await ctx.aws.autoscaling(), { name, forceDelete: p.flags.has('force-delete') });
    return { lines: ['OK-Deleted AutoScalingGroup'] };
  },
};
