// elb-create-lb, elb-create-lb-listeners, elb-delete-lb-listeners, elb-delete-lb.
import { createLb } from '../../commands/lb/create-lb.js';
import { parseCreateLbFlags } from '../../domain/create-lb-options.js';
import { checkLbName, parseListener } from '../../domain/listeners.js';
import { UsageError } from '../../errors.js';
import type { LegacyCommand } from '../framework.js';
import { list, nameArg, val } from '../framework.js';

const LB = { long: 'lb', kind: 'value' } as const;
const LISTENER = { long: 'listener', short: 'l', kind: 'repeat' } as const;
const FORCE = { long: 'force', kind: 'flag' } as const;

const dnsName = { type: 'DNS_NAME', columns: [{ head: 'DNS_NAME' }] };

/** Legacy listeners → create-lb's parsed ones (cert-id must be an ARN, as the legacy tools wanted). */
function listeners(raw: string[] | undefined) {
  if (!raw?.length) throw new UsageError('--listener is required', 'e.g. --listener "protocol=http,lb-port=80,instance-port=80"');
  return raw.map(parseListener);
}

export const elbCreateLb: LegacyCommand = {
  name: 'elb-create-lb',
  usage: 'elb-create-lb LoadBalancerName --listener "protocol=value, lb-port=value, instance-port=value, [instance-protocol=value], [cert-id=value]" [--listener ...] [--availability-zones value[,value...]] [--scheme value] [--security-groups value[,value...]] [--subnets value[,value...]] [General Options]',
  options: [LB, LISTENER, { long: 'availability-zones', short: 'z', kind: 'list' }, { long: 'scheme', short: 'i', kind: 'value' }, { long: 'security-groups', short: 'g', kind: 'list' }, { long: 'subnets', short: 's', kind: 'list' }],
  translate: (p) => {
    const name = nameArg(p, 'LoadBalancerName', 'lb');
    return {
      args: ['create-lb', name, ...(p.lists.get('listener') ?? []).flatMap((l) => ['--listener', l]),
        ...opt('--zones', list(p, 'availability-zones')), ...opt('--subnets', list(p, 'subnets')), ...opt('--security-groups', list(p, 'security-groups')),
        ...(val(p, 'scheme') === 'internal' ? ['--internal'] : [])],
    };
  },
  run: async (p, ctx) => {
    const name = nameArg(p, 'LoadBalancerName', 'lb');
    const scheme = val(p, 'scheme');
    if (scheme !== undefined && scheme !== 'internal' && scheme !== 'internet-facing') throw new UsageError(`--scheme must be internal or internet-facing, got "${scheme}"`);
    listeners(p.lists.get('listener'));
    const opts = parseCreateLbFlags(name, {
      listener: p.lists.get('listener') ?? [],
      ...(list(p, 'availability-zones') ? { zones: list(p, 'availability-zones')! } : {}),
      ...(list(p, 'subnets') ? { subnets: list(p, 'subnets')! } : {}),
      ...(list(p, 'security-groups') ? { securityGroups: list(p, 'security-groups')! } : {}),
      ...(scheme === 'internal' ? { internal: true } : {}),
    });
    const r = await createLb(opts, ctx);
    if ('dryRun' in r) throw new Error('unexpected plan');
    return { records: [{ of: dnsName, cells: [r.loadBalancer.dnsName] }] };
  },
};

function opt(flag: string, values: string[] | undefined): string[] {
  return values?.length ? [flag, values.join(',')] : [];
}

export const elbCreateLbListeners: LegacyCommand = {
  name: 'elb-create-lb-listeners',
  usage: 'elb-create-lb-listeners LoadBalancerName --listener "protocol=value, lb-port=value, instance-port=value, [instance-protocol=value], [cert-id=value]" [--listener ...] [General Options]',
  options: [LB, LISTENER],
  translate: (p) => ({
    args: ['create-lb', nameArg(p, 'LoadBalancerName', 'lb'), ...(p.lists.get('listener') ?? []).flatMap((l) => ['--listener', l])],
    notes: ['create-lb converges the whole balancer: name every listener it should keep, not only the new ones'],
  }),
  run: async (p, ctx) => {
    const name = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
    const specs = listeners(p.lists.get('listener'));
    const { applyElbOp } = await import('../../services/elb-apply.js');
    const resolved = specs.map(({ certificate, ...l }) => {
      if (certificate && !certificate.startsWith('arn:')) throw new UsageError(`cert-id must be a certificate ARN, got "${certificate}"`, 'iam-servercertlistbypath prints the ARNs');
      return { ...l, ...(certificate ? { certificateArn: certificate } : {}) };
    });
    await applyElbOp(await ctx.aws.elb(), { operation: 'CreateLoadBalancerListeners', input: { name, listeners: resolved } }, retryOf(ctx));
    return { lines: ['OK-Creating LoadBalancer Listener'] };
  },
};

export const elbDeleteLbListeners: LegacyCommand = {
  name: 'elb-delete-lb-listeners',
  usage: 'elb-delete-lb-listeners LoadBalancerName --lb-ports value[,value...] [--force] [General Options]',
  options: [LB, { long: 'lb-ports', short: 'l', kind: 'list' }, FORCE],
  prompt: () => ['Deleting listeners can lead to service disruption. Are you sure you want to delete these listeners?'],
  translate: () => ({ args: [], notes: ['no single native command: create-lb NAME with the --listener specs to keep removes the others'] }),
  run: async (p, ctx) => {
    const name = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
    const ports = (list(p, 'lb-ports') ?? []).map((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--lb-ports must be port numbers, got "${v}"`);
      return n;
    });
    if (!ports.length) throw new UsageError('--lb-ports is required');
    const { deleteListener } = await import('../../services/elb-listeners.js');
    const elb = await ctx.aws.elb();
    for (const port of ports) await deleteListener(elb, { name, port });
    return { lines: ['OK-Deleting LoadBalancer Listener'] };
  },
};

export const elbDeleteLb: LegacyCommand = {
  name: 'elb-delete-lb',
  usage: 'elb-delete-lb LoadBalancerName [--force] [General Options]',
  options: [LB, FORCE],
  prompt: () => ['Warning: Deleting a LoadBalancer can lead to service disruption to any customers connected to the LoadBalancer. Are you sure you want to delete this LoadBalancer?'],
  translate: (p) => ({ args: ['teardown', '--lb', nameArg(p, 'LoadBalancerName', 'lb'), '-y'] }),
  run: async (p, ctx) => {
    const name = checkLbName(nameArg(p, 'LoadBalancerName', 'lb'));
    const { deleteLoadBalancerIfExists } = await import('../../services/elb.js');
    await deleteLoadBalancerIfExists(await ctx.aws.elb(), { name });
    return { lines: ['OK-Deleting LoadBalancer'] };
  },
};

/** The certificate-visibility retry create-lb uses, bound to the run's clock. */
export function retryOf(ctx: import('../../deps.js').Ctx) {
  return { sleep: (ms: number) => ctx.clock.sleep(ms, ctx.signal), now: () => ctx.clock.now(), onWait: (m: string) => ctx.log.status(m) };
}
