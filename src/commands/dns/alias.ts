import { Option, type Command } from 'commander';
import type { Ctx } from '../../deps.js';
import { planAlias, wantedAliasRecords, type AliasPlan } from '../../domain/dns-alias.js';
import { aliasTarget } from '../../domain/dns-target.js';
import { checkDnsName, describeRecord, markerName, zoneIndexKey, type AliasTarget, type DnsRecord, type HostedZone } from '../../domain/dns.js';
import { checkLbName } from '../../domain/listeners.js';
import type { Timing } from '../../domain/retry.js';
import { NotFoundError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, addStack, durationArg } from '../options.js';
import { checkNameAgainstZoneArg, findZone, summarize, timingOf, waitInSync, type ChangeSummary } from './dns-common.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `dns alias` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('dns alias', {
  actions: ['elasticloadbalancing:DescribeLoadBalancers', 'route53:ChangeResourceRecordSets', 'route53:ChangeTagsForResource', 'route53:GetChange', 'route53:ListHostedZones', 'route53:ListHostedZonesByName', 'route53:ListResourceRecordSets', 'route53:ListTagsForResources'],
  subject: 'hosted-zone',
});

/** Parsed flags of `dns alias`. */
export interface DnsAliasOptions {
  name: string;
  lb: string;
  zone?: string;
  ipv6: boolean;
  evaluateHealth: boolean;
  replace: boolean;
  wait: boolean;
  stack?: string;
  dryRun: boolean;
  /** Seconds to wait for INSYNC. */
  timeout: number;
}

/** The JSON contract of `dns alias`. */
export interface DnsAliasResult {
  kind: 'dns-record';
  name: string;
  status: 'created' | 'updated' | 'unchanged';
  changes: ChangeSummary[];
  zone: { id: string; name: string };
  target: AliasTarget;
  types: string[];
  /** The marker record's name when --stack was given. */
  marker?: string;
  /** False with --no-wait: Route 53 accepted the change but may not answer with it yet. */
  inSync: boolean;
}

export function addDnsAlias(dns: Command, run: (o: DnsAliasOptions, ctx: Ctx) => Promise<DnsAliasResult | PlanResult>, ctxOf: (c: Command) => Promise<Ctx>): void {
  const cmd = dns
    .command('alias')
    .description('point NAME (the zone apex or any name) at a load balancer with a Route 53 alias record')
    .argument('<name>', 'the record name, e.g. example.com')
    .requiredOption('--lb <name>', 'the load balancer the alias points at')
    .option('--zone <zone>', 'hosted zone name or id (default: the public zone with the longest suffix of NAME; a private zone only when named)')
    .option('--ipv6', 'also an AAAA alias (through the balancer\'s dualstack name)')
    .option('--evaluate-health', 'Route 53 evaluates the balancer\'s health for the alias')
    .option('--replace', 'replace an existing record that is not an alias (an A record, a CNAME) or is marked as another stack\'s')
    .option('--no-wait', 'return once Route 53 accepts the change, without waiting until it is INSYNC')
    .addOption(new Option('--timeout <duration>', 'give up waiting for INSYNC after this long').argParser(durationArg('--timeout')).default(600, '10m'));
  addStack(addDryRun(cmd), 'mark the record as stack S\'s (a TXT record at _scalectl.NAME) and tag its hosted zone scalectl:dns:S, so status and teardown find it').action(async (name: string, f: Record<string, unknown>, c: Command) => {
    const opts: DnsAliasOptions = {
      name: checkDnsName(name), lb: checkLbName(f.lb as string),
      ...(f.zone ? { zone: f.zone as string } : {}),
      ipv6: f.ipv6 === true, evaluateHealth: f.evaluateHealth === true, replace: f.replace === true, wait: f.wait !== false,
      ...(f.stack ? { stack: f.stack as string } : {}),
      dryRun: f.dryRun === true, timeout: f.timeout as number,
    };
    checkNameAgainstZoneArg(opts.name, opts.zone);
    const ctx = await ctxOf(c);
    const result = await run(opts, ctx);
    if ('dryRun' in result) return render(result, planView, ctx, ctx.io);
    if (result.status === 'unchanged') ctx.log.progress(`unchanged: ${result.name}`);
    await render(result, aliasView, ctx, ctx.io);
  });
}

/** UPSERTs the alias (and marker), refusing to replace a foreign record; waits for INSYNC. */
export async function dnsAlias(opts: DnsAliasOptions, ctx: Ctx): Promise<DnsAliasResult | PlanResult> {
  const timing = timingOf(ctx, opts.timeout);
  const [elb, r53] = await Promise.all([import('../../services/elb.js'), import('../../services/route53.js')]);
  const offlineZone: HostedZone = { id: `<zone of ${opts.name}>`, name: opts.name, private: false };
  const zoneKey = opts.stack ? zoneIndexKey(opts.stack) : undefined;
  const live = await readLive(ctx, opts.dryRun, async () => {
    const [lb, zone] = await Promise.all([elb.findLoadBalancer(await ctx.aws.elb(), opts.lb, timing), findZone(ctx, opts.name, opts.zone, timing)]);
    if (!lb) throw new NotFoundError(`load balancer ${opts.lb} not found in this region`, 'run "scalectl describe-lbs" to list them');
    const [existing, indexed] = await Promise.all([
      r53.listRecordsAt(await ctx.aws.route53(), { zoneId: zone.id, names: [opts.name, markerName(opts.name)], timing }),
      zoneKey ? zoneTagged(ctx, zone.id, zoneKey, timing) : true,
    ]);
    return { zone, target: aliasTarget(lb, opts.evaluateHealth), existing, indexed };
  }, { zone: offlineZone, target: { hostedZoneId: `<zone of ${opts.lb}>`, dnsName: `<dns name of ${opts.lb}>`, evaluateHealth: opts.evaluateHealth }, existing: [] as DnsRecord[], indexed: !zoneKey });
  const plan: AliasPlan = planAlias({ name: opts.name, target: live.target, ipv6: opts.ipv6, replace: opts.replace, ...(opts.stack ? { stack: opts.stack } : {}) }, live.existing);
  let changeId = '';
  const input = r53.changeBatchInput(live.zone.id, plan.changes, `scalectl dns alias ${opts.name}`);
  // A stack's record: its zone is tagged first, so status and teardown read this zone and not
  // every zone of the account (record sets cannot be tagged). First, so that a tag that cannot be
  // added (a tag policy, a missing permission) leaves no record behind that they would not find.
  const tagInput = zoneKey && opts.stack ? r53.zoneTagInput(live.zone.id, zoneKey, opts.stack) : undefined;
  const tagStep: Step | undefined = tagInput && !live.indexed ? {
    action: 'tag', resource: 'hosted-zone', name: live.zone.name, detail: `${zoneKey}=${opts.stack}`,
    request: { service: 'route53', operation: 'ChangeTagsForResource', input: tagInput },
    run: async () => r53.changeZoneTag(await ctx.aws.route53(), { zoneId: live.zone.id, key: zoneKey!, value: opts.stack!, timing }),
  } : undefined;
  const step: Step = {
    action: plan.status === 'created' ? 'create' : plan.status === 'updated' ? 'update' : 'unchanged',
    resource: 'dns-record', name: opts.name,
    detail: plan.changes.map((c) => `${c.action} ${c.record.name} ${describeRecord(c.record)}`).join('; ') || undefined,
    request: { service: 'route53', operation: 'ChangeResourceRecordSets', input },
    run: async () => {
      changeId = await r53.changeRecords(await ctx.aws.route53(), { zoneId: live.zone.id, changes: plan.changes, comment: input.ChangeBatch.Comment, timing });
    },
  };
  if (!step.detail) delete step.detail;
  const steps = tagStep ? [tagStep, step] : [step];
  if (opts.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  if (changeId && opts.wait) await waitInSync(ctx, changeId, timing);
  const types = wantedAliasRecords({ name: opts.name, target: live.target, ipv6: opts.ipv6, replace: false }).map((r) => r.type);
  return {
    kind: 'dns-record', name: opts.name, status: plan.status, changes: summarize(plan.changes), zone: { id: live.zone.id, name: live.zone.name },
    target: live.target, types, ...(opts.stack ? { marker: markerName(opts.name) } : {}), inSync: !changeId || opts.wait,
  };
}

/** A hosted zone holds at most 50 tags. */
const ZONE_TAG_LIMIT = 50;

/**
 * Whether the zone needs no tag from us: it has the stack's already, or it cannot take one. An
 * endpoint that cannot list zone tags (a look-alike) and a zone whose 50 tags are taken are left
 * untagged: `status` then does not list the record (teardown reads every zone and still finds it).
 */
async function zoneTagged(ctx: Ctx, zoneId: string, key: string, timing: Timing): Promise<boolean> {
  const [r53, search] = await Promise.all([import('../../services/route53.js'), import('../../services/stack-search.js')]);
  let keys: string[];
  try {
    keys = (await r53.zoneTagKeys(await ctx.aws.route53(), { zoneIds: [zoneId], timing })).get(zoneId) ?? [];
  } catch (err) {
    if (!search.isUnimplemented(err, (await ctx.settings()).endpoint !== undefined)) throw err;
    ctx.log.debug(`dns alias: the endpoint cannot list zone tags (${(err as Error).name}); the zone is not tagged`);
    return true;
  }
  if (keys.includes(key)) return true;
  if (keys.length < ZONE_TAG_LIMIT) return false;
  ctx.log.warn(`hosted zone ${zoneId} already has ${ZONE_TAG_LIMIT} tags, so it is not tagged ${key}: "status --stack" will not list this record (teardown still finds it)`);
  return true;
}

/** text: the record name. */
const aliasView: View<DnsAliasResult> = {
  // The command says `unchanged: NAME` itself, in its own words.
  unchangedNote: false,
  table: (r) => ({ head: ['NAME', 'TYPES', 'TARGET', 'ZONE', 'STATUS'], rows: [[r.name, r.types.join(','), r.target.dnsName, r.zone.name, r.status]] }),
  text: (r) => [[r.name]],
  json: (r) => r,
};
