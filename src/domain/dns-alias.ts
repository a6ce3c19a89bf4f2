// What `dns alias` changes: the alias records (A, and AAAA with --ipv6) and the stack's marker,
// compared with what exists at the name. Pure.
import { OperationError } from '../errors.js';
import { describeRecord, markerName, markerStack, markerValue, sameRecord, sameSlot, type AliasTarget, type DnsRecord, type RecordChange } from './dns.js';

export interface AliasWanted {
  name: string;
  target: AliasTarget;
  ipv6: boolean;
  stack?: string;
  replace: boolean;
}

export interface AliasPlan {
  status: 'created' | 'updated' | 'unchanged';
  changes: RecordChange[];
}

/** The records `dns alias` wants at NAME (and its marker). */
export function wantedAliasRecords(w: AliasWanted): DnsRecord[] {
  const types = w.ipv6 ? ['A', 'AAAA'] : ['A'];
  const out: DnsRecord[] = types.map((type) => ({ name: w.name, type, alias: w.target }));
  if (w.stack) out.push({ name: markerName(w.name), type: 'TXT', ttl: 300, values: [markerValue(w.stack)] });
  return out;
}

/**
 * The change batch from `existing` (every record at NAME and at its marker name) to what is
 * wanted. Refuses, before anything is sent, to replace a record that is not an alias (or is a
 * CNAME, or belongs to a routing policy) or one whose marker names another stack, unless --replace.
 */
export function planAlias(w: AliasWanted, existing: DnsRecord[]): AliasPlan {
  const wanted = wantedAliasRecords(w);
  const types = new Set(wanted.filter((r) => r.type !== 'TXT').map((r) => r.type));
  const atName = existing.filter((r) => r.name === w.name && (types.has(r.type) || r.type === 'CNAME'));
  const conflicts = atName.filter((r) => r.type === 'CNAME' || !r.alias || r.setIdentifier);
  const marker = existing.find((r) => r.name === markerName(w.name) && r.type === 'TXT' && !r.setIdentifier);
  const owner = markerStack(marker?.values);
  if (!w.replace) {
    const c = conflicts[0];
    if (c) throw new OperationError(`${w.name} already has a record that is not a scalectl alias: ${describeRecord(c)}; nothing was changed`, 'pass --replace to replace it with the alias');
    if (w.stack && marker && owner !== w.stack) {
      throw new OperationError(`${w.name} is marked as ${owner ? `stack ${owner}'s` : 'not scalectl\'s'} (${markerName(w.name)} TXT ${(marker.values ?? []).join(' ')}); nothing was changed`, 'pass --replace to take it over');
    }
  }
  const changes: RecordChange[] = [];
  // A CNAME or a routing-policy record cannot be UPSERTed into an alias: delete it in the same batch.
  for (const c of conflicts) if (c.type === 'CNAME' || c.setIdentifier) changes.push({ action: 'DELETE', record: c });
  for (const r of wanted) {
    const have = existing.find((e) => sameSlot(e, r));
    if (!have || !sameRecord(have, r) || changes.some((c) => c.action === 'DELETE' && sameSlot(c.record, r))) changes.push({ action: 'UPSERT', record: r });
  }
  const existed = atName.length > 0;
  return { status: changes.length === 0 ? 'unchanged' : existed ? 'updated' : 'created', changes };
}

/**
 * What deleting NAME's alias takes: its A and AAAA alias records and its marker. With `stack`,
 * nothing unless the marker names that stack (never a record of another stack or of none).
 */
export function planAliasDelete(name: string, existing: DnsRecord[], stack?: string): RecordChange[] {
  const marker = existing.find((r) => r.name === markerName(name) && r.type === 'TXT' && !r.setIdentifier);
  if (stack !== undefined && markerStack(marker?.values) !== stack) return [];
  const aliases = existing.filter((r) => r.name === name && (r.type === 'A' || r.type === 'AAAA') && r.alias && !r.setIdentifier);
  return [...aliases, ...(marker && markerStack(marker.values) ? [marker] : [])].map((record) => ({ action: 'DELETE' as const, record }));
}
