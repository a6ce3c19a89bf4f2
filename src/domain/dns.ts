// Route 53 records as scalectl reasons about them: names, zones, the ownership marker, and the
// change batch that turns what exists into what is wanted. Pure: no I/O.
import { UsageError } from '../errors.js';

/** A hosted zone. `name` has no trailing dot and is lower case. */
export interface HostedZone {
  id: string;
  name: string;
  private: boolean;
}

/** Where an alias record points: a balancer's canonical hosted zone and DNS name. */
export interface AliasTarget {
  hostedZoneId: string;
  dnsName: string;
  evaluateHealth: boolean;
}

/** One record set. `name` has no trailing dot and is lower case. */
export interface DnsRecord {
  name: string;
  type: string;
  ttl?: number;
  values?: string[];
  alias?: AliasTarget;
  setIdentifier?: string;
  weight?: number;
  multiValue?: boolean;
}

/** One entry of a Route 53 change batch. */
export interface RecordChange {
  action: 'CREATE' | 'UPSERT' | 'DELETE';
  record: DnsRecord;
}

/** Largest TTL Route 53 accepts (2^31 - 1). */
export const MAX_TTL = 2_147_483_647;

/**
 * The ownership marker: a TXT record at `_scalectl.NAME` (record sets cannot be tagged). A prefix,
 * not a TXT at NAME itself, because an apex usually has TXT records of its own (SPF, site
 * verification) that a marker would have to be merged into, and a CNAME cannot share its name.
 */
export const MARKER_PREFIX = '_scalectl.';

/** `"heritage=scalectl,scalectl/stack=STACK"`, the external-dns registry format (quotes included). */
export function markerValue(stack: string): string {
  return `"heritage=scalectl,scalectl/stack=${stack}"`;
}

/** The stack a marker TXT value names; undefined when the value is not a scalectl marker. */
export function markerStack(values: string[] | undefined): string | undefined {
  for (const v of values ?? []) {
    const m = /^"?heritage=scalectl,scalectl\/stack=([^,"]+)/.exec(v);
    if (m) return m[1];
  }
  return undefined;
}

export function markerName(name: string): string {
  return `${MARKER_PREFIX}${name}`;
}

/**
 * The tag a hosted zone carries while it holds a stack's records (record sets cannot be tagged),
 * so status and teardown read the records of those zones only, not of every zone in the account.
 * Undefined when the stack's name makes it no valid tag key (over 128 characters, or a character
 * tag keys do not allow): such a stack's zones are not indexed, and every zone is read for it.
 */
export function zoneIndexKey(stack: string): string | undefined {
  const key = `scalectl:dns:${stack}`;
  // What AWS allows in a tag key: letters, digits, spaces and _ . : / = + - @.
  return key.length <= 128 && /^[\p{L}\p{N} _.:/=+\-@]+$/u.test(key) ? key : undefined;
}

/** `Example.COM.` → `example.com`; Route 53 writes `*` as `\052`. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\.$/, '').replace(/\\052/g, '*').toLowerCase();
}

const LABEL = /^(\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** A DNS name as the user typed it, checked and normalized. */
export function checkDnsName(raw: string, what = 'NAME'): string {
  const name = normalizeName(raw);
  const labels = name.split('.');
  if (!name || name.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    throw new UsageError(`${what} "${raw}" is not a DNS name`, 'e.g. example.com or www.example.com');
  }
  return name;
}

export function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** Refuses a NAME outside ZONE (both normalized). */
export function checkInZone(name: string, zone: string): void {
  if (!inZone(name, zone)) throw new UsageError(`${name} is not inside the zone ${zone}`, `name a record that ends in ${zone}, or pick the zone that holds it with --zone`);
}

/** A hosted zone id as given (`Z123`, `/hostedzone/Z123`); undefined when `raw` is a name. */
export function zoneIdOf(raw: string): string | undefined {
  const m = /^(?:\/hostedzone\/)?(Z[A-Z0-9]{1,31})$/.exec(raw.trim());
  return m?.[1];
}

/**
 * The zone a record goes in: the one `--zone` names (by id or name; a private zone only then), or
 * the public zone with the longest suffix of NAME. Undefined when none fits.
 */
export function pickZone(zones: HostedZone[], name: string, wanted?: string): HostedZone | undefined {
  if (wanted) {
    const id = zoneIdOf(wanted);
    const hits = id ? zones.filter((z) => z.id === id) : zones.filter((z) => z.name === normalizeName(wanted));
    if (hits.length > 1) {
      const pub = hits.filter((z) => !z.private);
      if (pub.length === 1) return pub[0];
      throw new UsageError(`${hits.length} hosted zones are named ${normalizeName(wanted)}`, `pass --zone with the zone's id: ${hits.map((z) => z.id).join(', ')}`);
    }
    return hits[0];
  }
  return zones.filter((z) => !z.private && inZone(name, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(s: string): boolean {
  return IPV4.test(s);
}

export function checkIpv4(s: string, what = '--ip'): string {
  if (!isIpv4(s)) throw new UsageError(`${what} "${s}" is not an IPv4 address`, 'e.g. 203.0.113.10, or --ip auto for the address from the instance metadata');
  return s;
}

export function checkTtl(raw: string | number): number {
  const n = typeof raw === 'number' ? raw : /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_TTL) throw new UsageError(`TTL "${raw}" must be a whole number of seconds from 0 to ${MAX_TTL}`);
  return n;
}

/** Whether two records say the same thing (names, types and set identifiers assumed equal). */
export function sameRecord(a: DnsRecord, b: DnsRecord): boolean {
  if (!!a.alias !== !!b.alias) return false;
  if (a.alias && b.alias) {
    return a.alias.hostedZoneId === b.alias.hostedZoneId && normalizeName(a.alias.dnsName) === normalizeName(b.alias.dnsName) && a.alias.evaluateHealth === b.alias.evaluateHealth;
  }
  const vals = (r: DnsRecord) => [...(r.values ?? [])].sort().join('\n');
  return a.ttl === b.ttl && vals(a) === vals(b) && (a.weight ?? null) === (b.weight ?? null) && !!a.multiValue === !!b.multiValue;
}

/** Records with the same name, type and set identifier. */
export function sameSlot(a: DnsRecord, b: DnsRecord): boolean {
  return a.name === b.name && a.type === b.type && (a.setIdentifier ?? '') === (b.setIdentifier ?? '');
}

/** One line describing a record, for refusals and plans. */
export function describeRecord(r: DnsRecord): string {
  const who = r.setIdentifier ? ` (set ${r.setIdentifier})` : '';
  if (r.alias) return `${r.type} alias${who} → ${r.alias.dnsName}`;
  return `${r.type}${who} ${(r.values ?? []).join(' ')}${r.ttl !== undefined ? ` (TTL ${r.ttl})` : ''}`;
}
