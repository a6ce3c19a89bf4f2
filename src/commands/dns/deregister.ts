import type { Command } from 'commander';
import type { Ctx } from '../../deps.js';
import { planDeregister } from '../../domain/dns-register.js';
import { type DnsRecord } from '../../domain/dns.js';
import { render } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { findZone, summarize, timingOf, waitInSync, type InstanceRecordFlags } from './dns-common.js';
import { flagsOf, identityFor, instanceRecordCommand, instanceRecordView, type InstanceRecordResult } from './register.js';

/** Parsed flags of `dns deregister`. */
export interface DnsDeregisterOptions extends InstanceRecordFlags {
  /** Wait the record's TTL after the delete so resolvers stop handing the address out. */
  drain: boolean;
}

export function addDnsDeregister(dns: Command, run: (o: DnsDeregisterOptions, ctx: Ctx) => Promise<InstanceRecordResult | PlanResult>, ctxOf: (c: Command) => Promise<Ctx>): void {
  instanceRecordCommand(dns, 'deregister', 'take this instance\'s record out of Route 53, then wait its TTL so resolvers stop handing the address out')
    .option('--no-drain', 'return once Route 53 accepts the delete: no INSYNC wait, no TTL wait')
    .action(async (f: Record<string, unknown>, c: Command) => {
      const opts: DnsDeregisterOptions = { ...flagsOf(f), drain: f.drain !== false };
      opts.wait = opts.drain;
      const ctx = await ctxOf(c);
      const result = await run(opts, ctx);
      if ('dryRun' in result) return render(result, planView, ctx, ctx.io);
      if (result.status === 'unchanged') ctx.log.progress(`unchanged: no record of ${result.instanceId} at ${result.name}`);
      await render(result, instanceRecordView, ctx, ctx.io);
    });
}

/** Deletes this instance's record (unchanged when absent), waits INSYNC, then counts the TTL down. */
export async function dnsDeregister(opts: DnsDeregisterOptions, ctx: Ctx): Promise<InstanceRecordResult | PlanResult> {
  const timing = timingOf(ctx, opts.timeout);
  const me = await identityFor(ctx, opts.dryRun, '0.0.0.0');
  const r53 = await import('../../services/route53.js');
  const live = await readLive(ctx, opts.dryRun, async () => {
    const zone = await findZone(ctx, opts.name, opts.zone, timing);
    return { zone, existing: await r53.listRecordsAt(await ctx.aws.route53(), { zoneId: zone.id, names: [opts.name], timing }) };
  }, { zone: { id: `<zone ${opts.zone}>`, name: opts.zone, private: false }, existing: [{ name: opts.name, type: 'A', setIdentifier: me.instanceId }] as DnsRecord[] });
  const changes = planDeregister(opts.name, me.instanceId, live.existing);
  const record = changes[0]?.record;
  let changeId = '';
  const step: Step = {
    action: record ? 'delete' : 'unchanged', resource: 'dns-record', name: `${opts.name}/${me.instanceId}`,
    ...(record?.ttl !== undefined ? { detail: `then wait the TTL (${record.ttl}s)` } : {}),
    request: { service: 'route53', operation: 'ChangeResourceRecordSets', input: r53.changeBatchInput(live.zone.id, changes) },
    run: async () => { changeId = await r53.changeRecords(await ctx.aws.route53(), { zoneId: live.zone.id, changes, timing }); },
  };
  if (opts.dryRun) return toPlan([step]);
  await executePlan([step], ctx.log);
  const ttl = record?.ttl ?? 0;
  let drained = 0;
  if (changeId && opts.drain) {
    await waitInSync(ctx, changeId, timing);
    drained = await countDown(ctx, ttl);
  }
  return {
    kind: 'dns-record', name: opts.name, status: record ? 'deleted' : 'unchanged', changes: summarize(changes), zone: { id: live.zone.id, name: live.zone.name },
    instanceId: me.instanceId, ...(record?.values?.[0] ? { ip: record.values[0] } : {}), ...(record?.ttl !== undefined ? { ttl } : {}), inSync: !changeId || opts.drain,
    ...(changeId && opts.drain ? { drainedSeconds: drained } : {}),
  };
}

/** Waits `seconds`: a countdown that replaces itself on a terminal, one line otherwise. */
async function countDown(ctx: Ctx, seconds: number): Promise<number> {
  if (seconds <= 0) return 0;
  if (!ctx.io.stderrIsTTY) {
    ctx.log.progress(`Waiting ${seconds}s (the record's TTL) for resolvers to stop handing out this address`);
    await ctx.clock.sleep(seconds * 1000, ctx.signal);
    return seconds;
  }
  for (let left = seconds; left > 0; left--) {
    ctx.log.status(`Draining: resolvers may hand out this address for ${left}s more (the record's TTL)`);
    await ctx.clock.sleep(1000, ctx.signal);
  }
  ctx.log.endStatus();
  return seconds;
}
