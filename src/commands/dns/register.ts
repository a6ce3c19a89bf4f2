import { Option, type Command } from 'commander';
import type { Ctx } from '../../deps.js';
import { instanceRecord, planRegister, routingOf, type Routing } from '../../domain/dns-register.js';
import { checkDnsName, checkIpv4, checkTtl, describeRecord, type DnsRecord } from '../../domain/dns.js';
import { OperationError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, durationArg, intArg } from '../options.js';
import { checkNameAgainstZoneArg, findZone, metadataOf, summarize, timingOf, waitInSync, type ChangeSummary, type InstanceRecordFlags } from './dns-common.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `dns register` and `dns deregister` can send (an instance role's policy). */
export const permissions = declarePermissions('dns register', { actions: ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListHostedZones', 'route53:ListHostedZonesByName', 'route53:ListResourceRecordSets'], subject: 'hosted-zone' });
export const deregisterPermissions = declarePermissions('dns deregister', { actions: ['route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListHostedZones', 'route53:ListHostedZonesByName', 'route53:ListResourceRecordSets'], subject: 'hosted-zone' });


/** Parsed flags of `dns register`. */
export interface DnsRegisterOptions extends InstanceRecordFlags {
  ttl: number;
  routing: Routing;
  /** `auto`: the public IPv4 from instance metadata, else the private one. */
  ip: string;
}

/** The JSON contract of `dns register` and `dns deregister`. */
export interface InstanceRecordResult {
  kind: 'dns-record';
  name: string;
  status: 'created' | 'updated' | 'unchanged' | 'deleted';
  changes: ChangeSummary[];
  zone: { id: string; name: string };
  /** The set identifier: this instance's id. */
  instanceId: string;
  ip?: string;
  ttl?: number;
  inSync: boolean;
  /** Seconds waited after the delete for resolvers to drop the address (deregister). */
  drainedSeconds?: number;
}

/** Declares the flags both commands take. */
export function instanceRecordCommand(dns: Command, name: string, description: string): Command {
  return addDryRun(dns.command(name).description(description)
    .requiredOption('--zone <zone>', 'hosted zone name or id')
    .requiredOption('--name <name>', 'the record name, e.g. www.example.com')
    .addOption(new Option('--timeout <duration>', 'give up waiting after this long').argParser(durationArg('--timeout')).default(600, '10m')));
}

export function flagsOf(f: Record<string, unknown>): InstanceRecordFlags {
  const name = checkDnsName(f.name as string);
  checkNameAgainstZoneArg(name, f.zone as string);
  return { zone: f.zone as string, name, dryRun: f.dryRun === true, wait: f.wait !== false, timeout: f.timeout as number };
}

export function addDnsRegister(dns: Command, run: (o: DnsRegisterOptions, ctx: Ctx) => Promise<InstanceRecordResult | PlanResult>, ctxOf: (c: Command) => Promise<Ctx>): void {
  instanceRecordCommand(dns, 'register', 'put this instance\'s address into a Route 53 record (set identifier: the instance id) for DNS-only balancing')
    .option('--ttl <seconds>', 'record TTL in seconds', '60')
    .option('--weight <n>', 'weighted routing with this weight (0-255)', intArg('--weight', 0, 255))
    .option('--multivalue', 'multivalue answer routing (the default)')
    .option('--ip <ip>', 'the address: auto (public IPv4 from instance metadata, else private) or an IPv4 address', 'auto')
    .option('--no-wait', 'return once Route 53 accepts the change, without waiting until it is INSYNC')
    .action(async (f: Record<string, unknown>, c: Command) => {
      const ip = String(f.ip);
      const opts: DnsRegisterOptions = { ...flagsOf(f), ttl: checkTtl(String(f.ttl)), routing: routingOf(f.weight as number | undefined, f.multivalue === true), ip: ip === 'auto' ? ip : checkIpv4(ip) };
      const ctx = await ctxOf(c);
      const result = await run(opts, ctx);
      if ('dryRun' in result) return render(result, planView, ctx, ctx.io);
      if (result.status === 'unchanged') ctx.log.progress(`unchanged: ${result.name} ${result.instanceId}`);
      await render(result, instanceRecordView, ctx, ctx.io);
    });
}

/** This instance's id and address, from metadata; placeholders in a dry run off EC2. */
export async function identityFor(ctx: Ctx, dryRun: boolean, ip: string): Promise<{ instanceId: string; ip: string }> {
  const { md, client } = await metadataOf(ctx);
  try {
    const id = await md.readInstanceIdentity(client);
    const addr = ip !== 'auto' ? ip : id.publicIpv4 ?? id.privateIpv4;
    if (!addr) throw new OperationError('the instance metadata service gives this instance no IPv4 address', 'pass --ip');
    return { instanceId: id.instanceId, ip: addr };
  } catch (err) {
    if (!dryRun) throw err;
    ctx.log.warn(`${(err as Error).message}; planning with placeholders`);
    return { instanceId: '<instance id>', ip: ip === 'auto' ? '<instance address>' : ip };
  }
}

/** UPSERTs this instance's record; unchanged when it is already there as wanted. */
export async function dnsRegister(opts: DnsRegisterOptions, ctx: Ctx): Promise<InstanceRecordResult | PlanResult> {
  const timing = timingOf(ctx, opts.timeout);
  const me = await identityFor(ctx, opts.dryRun, opts.ip);
  const r53 = await import('../../services/route53.js');
  const record = instanceRecord({ name: opts.name, instanceId: me.instanceId, ip: me.ip, ttl: opts.ttl, routing: opts.routing });
  const live = await readLive(ctx, opts.dryRun, async () => {
    const zone = await findZone(ctx, opts.name, opts.zone, timing);
    return { zone, existing: await r53.listRecordsAt(await ctx.aws.route53(), { zoneId: zone.id, names: [opts.name], timing }) };
  }, { zone: { id: `<zone ${opts.zone}>`, name: opts.zone, private: false }, existing: [] as DnsRecord[] });
  const plan = planRegister(record, live.existing);
  let changeId = '';
  const step: Step = {
    action: plan.status === 'created' ? 'create' : plan.status === 'updated' ? 'update' : 'unchanged', resource: 'dns-record', name: `${opts.name}/${me.instanceId}`,
    detail: describeRecord(record), request: { service: 'route53', operation: 'ChangeResourceRecordSets', input: r53.changeBatchInput(live.zone.id, plan.changes) },
    run: async () => { changeId = await r53.changeRecords(await ctx.aws.route53(), { zoneId: live.zone.id, changes: plan.changes, timing }); },
  };
  if (opts.dryRun) return toPlan([step]);
  await executePlan([step], ctx.log);
  if (changeId && opts.wait) await waitInSync(ctx, changeId, timing);
  return { kind: 'dns-record', name: opts.name, status: plan.status, changes: summarize(plan.changes), zone: { id: live.zone.id, name: live.zone.name }, instanceId: me.instanceId, ip: me.ip, ttl: opts.ttl, inSync: !changeId || opts.wait };
}

/** text: name, set identifier (instance id), address. */
export const instanceRecordView: View<InstanceRecordResult> = {
  // The commands say what was unchanged themselves (which instance, which record).
  unchangedNote: false,
  table: (r) => ({ head: ['NAME', 'INSTANCE', 'ADDRESS', 'TTL', 'STATUS'], rows: [[r.name, r.instanceId, r.ip ?? '-', r.ttl === undefined ? '-' : String(r.ttl), r.status]] }),
  text: (r) => [[r.name, r.instanceId, r.ip ?? '']],
  json: (r) => r,
};
