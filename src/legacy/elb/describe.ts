// elb-describe-lbs, elb-describe-instance-health, instance registration, zones.
import { deregisterInstances } from '../../commands/lb/deregister-instances.js';
import { describeLbs } from '../../commands/lb/describe-lbs.js';
import { instanceHealth } from '../../commands/lb/instance-health.js';
import { registerInstances } from '../../commands/lb/register-instances.js';
import { checkInstanceIds, checkLbName, listenerLabel } from '../../domain/listeners.js';
import { UsageError } from '../../errors.js';
import { list, nameArg, type LegacyCommand, type LegacyResult } from '../framework.js';
import type { RecordType } from '../output.js';

const LB = { long: 'lb', kind: 'value' } as const;
const INSTANCES = { long: 'instances', kind: 'list' } as const;

const loadBalancer: RecordType = {
  type: 'LOAD_BALANCER',
  columns: [{ head: 'NAME' }, { head: 'DNS_NAME' }, { head: 'SCHEME', long: true }, { head: 'ZONES', long: true }, { head: 'SUBNETS', long: true }, { head: 'SECURITY_GROUPS', long: true }, { head: 'LISTENERS', long: true }, { head: 'HEALTH_CHECK', long: true }, { head: 'INSTANCES', long: true }],
};

export const elbDescribeLbs: LegacyCommand = {
  name: 'elb-describe-lbs',
  usage: 'elb-describe-lbs [LoadBalancerNames...] [General Options]',
  options: [LB],
  translate: (p) => ({ args: ['describe-lbs', ...names(p)] }),
  run: async (p, ctx) => {
    const r = await describeLbs({ names: names(p) }, ctx);
    return {
      records: r.loadBalancers.map((lb) => ({
        of: loadBalancer,
        cells: [lb.name, lb.dnsName, lb.scheme, lb.zones.join(','), lb.subnets.join(','), lb.securityGroups.join(','), lb.listeners.map((l) => listenerLabel(l)).join(';'), lb.healthCheck?.target, lb.instances.join(',')],
      })),
    };
  },
};

function names(p: import('../argv.js').Parsed): string[] {
  return [...p.positional, ...(p.values.get('lb') ? [p.values.get('lb')!] : [])];
}

const instanceHealthType: RecordType = { type: 'INSTANCE_ID', columns: [{ head: 'INSTANCE_ID' }, { head: 'STATE' }, { head: 'DESCRIPTION' }, { head: 'REASON-CODE' }] };

export const elbDescribeInstanceHealth: LegacyCommand = {
  name: 'elb-describe-instance-health',
  usage: 'elb-describe-instance-health LoadBalancerName [--instances value[,value...]] [General Options]',
  options: [LB, INSTANCES],
  translate: (p) => ({ args: ['instance-health', nameArg(p, 'LoadBalancerName', 'lb')] }),
  run: async (p, ctx) => {
    const r = await instanceHealth({ name: checkLbName(nameArg(p, 'LoadBalancerName', 'lb')) }, ctx);
    const only = list(p, 'instances');
    const rows = r.instances.filter((i) => !only || only.includes(i.instanceId));
    return { records: rows.map((i) => ({ of: instanceHealthType, cells: [i.instanceId, i.state, i.description ?? 'N/A', i.reasonCode ?? 'N/A'] })) };
  },
};

const instanceId: RecordType = { type: 'INSTANCE_ID', columns: [{ head: 'INSTANCE_ID' }] };

function membership(name: 'elb-register-instances-with-lb' | 'elb-deregister-instances-from-lb'): LegacyCommand {
  const register = name === 'elb-register-instances-with-lb';
  return {
    name,
    usage: `${name} LoadBalancerName --instances value[,value...] [General Options]`,
    options: [LB, INSTANCES],
    translate: (p) => ({ args: [register ? 'register-instances' : 'deregister-instances', nameArg(p, 'LoadBalancerName', 'lb'), ...(list(p, 'instances') ?? [])] }),
    run: async (p, ctx): Promise<LegacyResult> => {
      const ids = list(p, 'instances');
      if (!ids?.length) throw new UsageError('--instances is required');
      const opts = { name: checkLbName(nameArg(p, 'LoadBalancerName', 'lb')), instances: checkInstanceIds(ids), dryRun: false };
      const r = await (register ? registerInstances(opts, ctx) : deregisterInstances(opts, ctx));
      if ('dryRun' in r) throw new Error('unexpected plan');
      // Like the Java tools: every instance registered after the call, one a line.
      return { records: r.instances.map((i) => ({ of: instanceId, cells: [i] })) };
    },
  };
}

export const elbRegisterInstancesWithLb = membership('elb-register-instances-with-lb');
export const elbDeregisterInstancesFromLb = membership('elb-deregister-instances-from-lb');

const zonesType: RecordType = { type: 'AVAILABILITY_ZONES', columns: [{ head: 'AVAILABILITY_ZONES' }] };

function zones(name: 'elb-enable-zones-for-lb' | 'elb-disable-zones-for-lb'): LegacyCommand {
  const enable = name === 'elb-enable-zones-for-lb';
  return {
    name,
    usage: `${name} LoadBalancerName --availability-zones value[,value...] [General Options]`,
    options: [LB, { long: 'availability-zones', short: 'z', kind: 'list' }],
    translate: (p) => (enable
      ? { args: ['create-lb', nameArg(p, 'LoadBalancerName', 'lb'), '--zones', (list(p, 'availability-zones') ?? []).join(',')], notes: ['create-lb adds zones it is given and keeps the others; add the --listener specs too'] }
      : { args: [], notes: ['no native command removes zones (create-lb leaves extra zones in place)'] }),
    run: async (p, ctx) => {
      const lbName = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
      const z = list(p, 'availability-zones');
      if (!z?.length) throw new UsageError('--availability-zones is required');
      const svc = await import('../../services/elb-listeners.js');
      const after = await (enable ? svc.enableZones : svc.disableZones)(await ctx.aws.elb(), { name: lbName, zones: z });
      return { records: [{ of: zonesType, cells: [after.join(', ')] }] };
    },
  };
}

export const elbEnableZonesForLb = zones('elb-enable-zones-for-lb');
export const elbDisableZonesForLb = zones('elb-disable-zones-for-lb');
