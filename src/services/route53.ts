// Route 53: hosted zones, record sets, change batches and the wait until a change is INSYNC.
// Thin typed functions over @aws-sdk/client-route-53; SDK names stay here.
import {
  ChangeResourceRecordSetsCommand, ChangeTagsForResourceCommand, GetChangeCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  type Change, type ResourceRecordSet, type Route53Client, type RRType,
} from '@aws-sdk/client-route-53';
import { markerName, markerStack, normalizeName, zoneIndexKey, type DnsRecord, type HostedZone, type RecordChange } from '../domain/dns.js';
import { retrying, WaitTimeout, type Timing } from '../domain/retry.js';

/** Every hosted zone of the account, public and private. */
export async function listHostedZones(client: Route53Client, timing?: Timing): Promise<HostedZone[]> {
  const out: HostedZone[] = [];
  let marker: string | undefined;
  do {
    const res = await retrying(timing, () => client.send(new ListHostedZonesCommand({ ...(marker ? { Marker: marker } : {}) })));
    for (const z of res.HostedZones ?? []) out.push({ id: (z.Id ?? '').replace(/^\/hostedzone\//, ''), name: normalizeName(z.Name ?? ''), private: z.Config?.PrivateZone === true });
    marker = res.IsTruncated ? res.NextMarker : undefined;
  } while (marker);
  return out;
}

function fromSdk(r: ResourceRecordSet): DnsRecord {
  return {
    name: normalizeName(r.Name ?? ''),
    type: r.Type ?? '',
    ...(r.TTL !== undefined ? { ttl: r.TTL } : {}),
    ...(r.ResourceRecords?.length ? { values: r.ResourceRecords.map((v) => v.Value ?? '') } : {}),
    ...(r.AliasTarget ? { alias: { hostedZoneId: r.AliasTarget.HostedZoneId ?? '', dnsName: normalizeName(r.AliasTarget.DNSName ?? ''), evaluateHealth: r.AliasTarget.EvaluateTargetHealth === true } } : {}),
    ...(r.SetIdentifier ? { setIdentifier: r.SetIdentifier } : {}),
    ...(r.Weight !== undefined ? { weight: r.Weight } : {}),
    ...(r.MultiValueAnswer ? { multiValue: true } : {}),
  };
}

/** Our record as the SDK's record set (what a change batch carries). */
export function toSdkRecord(r: DnsRecord): ResourceRecordSet {
  return {
    Name: r.name,
    Type: r.type as RRType,
    ...(r.setIdentifier ? { SetIdentifier: r.setIdentifier } : {}),
    ...(r.weight !== undefined ? { Weight: r.weight } : {}),
    ...(r.multiValue ? { MultiValueAnswer: true } : {}),
    ...(r.alias
      ? { AliasTarget: { HostedZoneId: r.alias.hostedZoneId, DNSName: r.alias.dnsName, EvaluateTargetHealth: r.alias.evaluateHealth } }
      : { TTL: r.ttl ?? 300, ResourceRecords: (r.values ?? []).map((Value) => ({ Value })) }),
  };
}

/** The ChangeResourceRecordSets input for a batch (also what --dry-run shows). */
export function changeBatchInput(zoneId: string, changes: RecordChange[], comment?: string) {
  return { HostedZoneId: zoneId, ChangeBatch: { ...(comment ? { Comment: comment } : {}), Changes: changes.map((c): Change => ({ Action: c.action, ResourceRecordSet: toSdkRecord(c.record) })) } };
}

/** Every record set at the given names (exact), read from where each name starts in the zone's order. */
export async function listRecordsAt(client: Route53Client, input: { zoneId: string; names: string[]; timing?: Timing }): Promise<DnsRecord[]> {
  const out: DnsRecord[] = [];
  for (const name of [...new Set(input.names)]) {
    let start: { name: string; type?: string; id?: string } | undefined = { name };
    while (start) {
      const s: { name: string; type?: string; id?: string } = start;
      const res = await retrying(input.timing, () => client.send(new ListResourceRecordSetsCommand({ HostedZoneId: input.zoneId, StartRecordName: s.name, ...(s.type ? { StartRecordType: s.type as RRType } : {}), ...(s.id ? { StartRecordIdentifier: s.id } : {}) })));
      const page = (res.ResourceRecordSets ?? []).map(fromSdk);
      out.push(...page.filter((r) => r.name === name));
      // Listed in name order from `name` on: once another name shows up, there is no more of it.
      const past = page.some((r) => r.name !== name);
      start = res.IsTruncated && !past && res.NextRecordName ? { name: res.NextRecordName, ...(res.NextRecordType ? { type: res.NextRecordType } : {}), ...(res.NextRecordIdentifier ? { id: res.NextRecordIdentifier } : {}) } : undefined;
    }
  }
  return out;
}

/** Every record set of a zone, all pages. */
export async function listAllRecords(client: Route53Client, input: { zoneId: string; timing?: Timing }): Promise<DnsRecord[]> {
  const out: DnsRecord[] = [];
  let start: { name: string; type?: string; id?: string } | undefined;
  do {
    const s = start;
    const res = await retrying(input.timing, () => client.send(new ListResourceRecordSetsCommand({ HostedZoneId: input.zoneId, ...(s ? { StartRecordName: s.name, ...(s.type ? { StartRecordType: s.type as RRType } : {}), ...(s.id ? { StartRecordIdentifier: s.id } : {}) } : {}) })));
    out.push(...(res.ResourceRecordSets ?? []).map(fromSdk));
    start = res.IsTruncated && res.NextRecordName ? { name: res.NextRecordName, ...(res.NextRecordType ? { type: res.NextRecordType } : {}), ...(res.NextRecordIdentifier ? { id: res.NextRecordIdentifier } : {}) } : undefined;
  } while (start);
  return out;
}

/** Sends one change batch (atomic: all or nothing); returns the change id to wait on. */
export async function changeRecords(client: Route53Client, input: { zoneId: string; changes: RecordChange[]; comment?: string; timing?: Timing }): Promise<string> {
  // PriorRequestNotComplete: another change to the zone is still being applied; it is a throttle.
  const res = await retrying(input.timing, () => client.send(new ChangeResourceRecordSetsCommand(changeBatchInput(input.zoneId, input.changes, input.comment))));
  return (res.ChangeInfo?.Id ?? '').replace(/^\/change\//, '');
}

/** Polls GetChange until INSYNC; reports each poll. Throws WaitTimeout at the deadline. */
export async function waitChangeInSync(client: Route53Client, input: { changeId: string; timing: Timing; pollMs?: number; onProgress?: (status: string, waitedMs: number) => void }): Promise<void> {
  const t = input.timing;
  const started = t.now();
  for (;;) {
    const res = await retrying(t, () => client.send(new GetChangeCommand({ Id: input.changeId })));
    const status = res.ChangeInfo?.Status ?? 'PENDING';
    if (status === 'INSYNC') return;
    input.onProgress?.(status, t.now() - started);
    const poll = input.pollMs ?? 5000;
    if (t.now() + poll > t.deadline) throw new WaitTimeout(`change ${input.changeId} is still ${status} after ${Math.round((t.now() - started) / 1000)}s; Route 53 will still apply it`);
    await t.sleep(poll, t.signal);
  }
}

/** A stack's alias record as discovery finds it: by its marker TXT at `_scalectl.NAME`. */
export interface StackDnsRecord {
  name: string;
  zoneId: string;
  zoneName: string;
  records: DnsRecord[];
}

/** The tag keys of each zone given: ListTagsForResources, 10 zones a call, two calls at a time. */
export async function zoneTagKeys(client: Route53Client, input: { zoneIds: string[]; timing?: Timing }): Promise<Map<string, string[]>> {
  const batches: string[][] = [];
  for (let i = 0; i < input.zoneIds.length; i += 10) batches.push(input.zoneIds.slice(i, i + 10));
  const out = new Map<string, string[]>();
  // Two at a time: Route 53 allows five requests a second per account, shared with everything else.
  for (let i = 0; i < batches.length; i += 2) {
    const pages = await Promise.all(batches.slice(i, i + 2).map((ids) => retrying(input.timing, () => client.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: ids })))));
    for (const set of pages.flatMap((p) => p.ResourceTagSets ?? [])) out.set((set.ResourceId ?? '').replace(/^\/hostedzone\//, ''), (set.Tags ?? []).map((t) => t.Key ?? ''));
  }
  return out;
}

/** The ChangeTagsForResource input that adds (`value`) or removes the zone's tag `key` (also what --dry-run shows). */
export function zoneTagInput(zoneId: string, key: string, value?: string) {
  return { ResourceType: 'hostedzone' as const, ResourceId: zoneId, ...(value !== undefined ? { AddTags: [{ Key: key, Value: value }] } : { RemoveTagKeys: [key] }) };
}

/** Adds (`value`) or removes the zone's tag `key`. */
export async function changeZoneTag(client: Route53Client, input: { zoneId: string; key: string; value?: string; timing?: Timing }): Promise<void> {
  await retrying(input.timing, () => client.send(new ChangeTagsForResourceCommand(zoneTagInput(input.zoneId, input.key, input.value))));
}

/** Removes the zone's tag `key`; `already gone` when the zone is. */
export async function removeZoneTagIfExists(client: Route53Client, input: { zoneId: string; key: string; timing?: Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await changeZoneTag(client, input);
    return 'deleted';
  } catch (err) {
    if ((err as { name?: string })?.name === 'NoSuchHostedZone') return 'already gone';
    throw err;
  }
}

/** A stack's records as discovery finds them, and the zones tagged as holding some. */
export interface StackDnsSearch {
  records: StackDnsRecord[];
  /** Zones carrying the stack's zone tag (see zoneIndexKey), by id, with their names. */
  taggedZones: HostedZone[];
  /** How the zones were chosen, for --debug. */
  how: string;
}

/**
 * The records whose marker names `stack`. With `everyZone` (teardown, which must leave nothing
 * behind) every zone is read; otherwise (status) only the zones tagged for the stack, one
 * ListTagsForResources per 10 zones instead of every record of the account. Every zone is read
 * too when the stack's name is no tag key, or the zones' tags cannot be read (`fallback` says which
 * errors allow that: an endpoint without the call, a policy without the permission).
 */
export async function listStackRecords(client: Route53Client, input: { stack: string; everyZone?: boolean; timing?: Timing; fallback?: (err: unknown) => string | undefined }): Promise<StackDnsSearch> {
  const zones = await listHostedZones(client, input.timing);
  const key = zoneIndexKey(input.stack);
  let tagged: HostedZone[] | undefined;
  let how = key ? '' : `the stack's name is no tag key`;
  if (key && zones.length) {
    try {
      const keys = await zoneTagKeys(client, { zoneIds: zones.map((z) => z.id), ...(input.timing ? { timing: input.timing } : {}) });
      tagged = zones.filter((z) => keys.get(z.id)?.includes(key));
      how = `${tagged.length} of ${zones.length} hosted zones tagged ${key}`;
    } catch (err) {
      const why = input.fallback?.(err);
      if (!why) throw err;
      how = `the zones' tags cannot be read (${why})`;
    }
  }
  const read = input.everyZone || !tagged ? zones : tagged;
  const out: StackDnsRecord[] = [];
  for (const z of read) {
    const all = await listAllRecords(client, { zoneId: z.id, ...(input.timing ? { timing: input.timing } : {}) });
    for (const m of all.filter((r) => r.type === 'TXT' && r.name.startsWith('_scalectl.') && markerStack(r.values) === input.stack)) {
      const name = m.name.slice('_scalectl.'.length);
      out.push({ name, zoneId: z.id, zoneName: z.name, records: all.filter((r) => r.name === name || r.name === markerName(name)) });
    }
  }
  const whole = read === zones ? `all ${zones.length} hosted zones read${input.everyZone ? ' (teardown reads every zone)' : ''}` : 'only their records read';
  return { records: out, taggedZones: tagged ?? [], how: how ? `${how}; ${whole}` : whole };
}

/**
 * Deletes NAME's alias records and marker (one batch). The zone is the one given or the public
 * zone with the longest suffix of NAME. With `stack`, only when the marker names that stack.
 */
export async function deleteAliasIfExists(client: Route53Client, input: { name: string; zoneId?: string; stack?: string; timing?: Timing }): Promise<'deleted' | 'already gone'> {
  const { planAliasDelete } = await import('../domain/dns-alias.js');
  const { pickZone } = await import('../domain/dns.js');
  const zoneId = input.zoneId ?? pickZone(await listHostedZones(client, input.timing), input.name)?.id;
  if (!zoneId) return 'already gone';
  const existing = await listRecordsAt(client, { zoneId, names: [input.name, markerName(input.name)], ...(input.timing ? { timing: input.timing } : {}) });
  const changes = planAliasDelete(input.name, existing, input.stack);
  if (changes.length === 0) return 'already gone';
  await changeRecords(client, { zoneId, changes, comment: `scalectl teardown ${input.name}`, ...(input.timing ? { timing: input.timing } : {}) });
  return 'deleted';
}
