// Route 53: hosted zones, record sets, change batches and the wait until a change is INSYNC.
// Thin typed functions over @aws-sdk/client-route-53; SDK names stay here.
import {
  ChangeResourceRecordSetsCommand, ChangeTagsForResourceCommand, GetChangeCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand,
  ListTagsForResourceCommand, ListTagsForResourcesCommand,
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

/** The ids of the zones (of those given) that carry the tag `key`: ListTagsForResources, 10 zones a call. */
export async function zonesTagged(client: Route53Client, input: { zoneIds: string[]; key: string; timing?: Timing }): Promise<Set<string>> {
  const batches: string[][] = [];
  for (let i = 0; i < input.zoneIds.length; i += 10) batches.push(input.zoneIds.slice(i, i + 10));
  const out = new Set<string>();
  // Two at a time: Route 53 allows five requests a second per account, shared with everything else.
  for (let i = 0; i < batches.length; i += 2) {
    const pages = await Promise.all(batches.slice(i, i + 2).map((ids) => retrying(input.timing, () => client.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: ids })))));
    for (const set of pages.flatMap((p) => p.ResourceTagSets ?? [])) {
      if (set.Tags?.some((t) => t.Key === input.key)) out.add((set.ResourceId ?? '').replace(/^\/hostedzone\//, ''));
    }
  }
  return out;
}

/** Whether one zone carries the tag `key` (ListTagsForResource). */
export async function zoneHasTag(client: Route53Client, input: { zoneId: string; key: string; timing?: Timing }): Promise<boolean> {
  const res = await retrying(input.timing, () => client.send(new ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: input.zoneId })));
  return (res.ResourceTagSet?.Tags ?? []).some((t) => t.Key === input.key);
}

/** The ChangeTagsForResource input that adds (`value`) or removes the zone's tag `key` (also what --dry-run shows). */
export function zoneTagInput(zoneId: string, key: string, value?: string) {
  return { ResourceType: 'hostedzone' as const, ResourceId: zoneId, ...(value !== undefined ? { AddTags: [{ Key: key, Value: value }] } : { RemoveTagKeys: [key] }) };
}

/** Adds (`value`) or removes the zone's tag `key`. */
export async function changeZoneTag(client: Route53Client, input: { zoneId: string; key: string; value?: string; timing?: Timing }): Promise<void> {
  await retrying(input.timing, () => client.send(new ChangeTagsForResourceCommand(zoneTagInput(input.zoneId, input.key, input.value))));
}

/** A stack's records as discovery finds them, and the zones whose tag says they hold some. */
export interface StackDnsSearch {
  records: StackDnsRecord[];
  /** Zones carrying the stack's zone tag (see zoneIndexKey): teardown removes it with their records. */
  indexedZones: string[];
  /** How the zones were chosen, for --debug. */
  how: string;
}

/**
 * The records whose marker names `stack`: read in the zones tagged for the stack only (one
 * ListTagsForResources per 10 zones), not in every zone. Every zone is read when the stack's name
 * is too long for the tag, or when the endpoint cannot list zone tags (`unimplemented` says so).
 */
export async function listStackRecords(client: Route53Client, input: { stack: string; timing?: Timing; unimplemented?: (err: unknown) => boolean }): Promise<StackDnsSearch> {
  const zones = await listHostedZones(client, input.timing);
  const key = zoneIndexKey(input.stack);
  let indexed: Set<string> | undefined;
  let how = `the ${zones.length} hosted zones read whole: the stack's name is too long for a zone tag`;
  if (key && zones.length) {
    try {
      indexed = await zonesTagged(client, { zoneIds: zones.map((z) => z.id), key, ...(input.timing ? { timing: input.timing } : {}) });
      how = `${indexed.size} of ${zones.length} hosted zones tagged ${key}, read whole`;
    } catch (err) {
      if (!input.unimplemented?.(err)) throw err;
      how = `the ${zones.length} hosted zones read whole: the endpoint cannot list zone tags`;
    }
  } else if (key) how = 'no hosted zones';
  const out: StackDnsRecord[] = [];
  for (const z of zones.filter((zone) => !indexed || indexed.has(zone.id))) {
    const all = await listAllRecords(client, { zoneId: z.id, ...(input.timing ? { timing: input.timing } : {}) });
    for (const m of all.filter((r) => r.type === 'TXT' && r.name.startsWith('_scalectl.') && markerStack(r.values) === input.stack)) {
      const name = m.name.slice('_scalectl.'.length);
      out.push({ name, zoneId: z.id, zoneName: z.name, records: all.filter((r) => r.name === name || r.name === markerName(name)) });
    }
  }
  return { records: out, indexedZones: [...(indexed ?? [])], how };
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
