// DNS-only balancing: each instance owns one record at NAME whose set identifier is its instance
// id. Pure planning of putting it in and taking it out.
import { OperationError, UsageError } from '../errors.js';
import { describeRecord, sameRecord, sameSlot, type DnsRecord, type RecordChange } from './dns.js';

/** How the instance records at NAME share the answers. */
export type Routing = { weight: number } | { multiValue: true };

/** `--weight N` or `--multivalue` (the default: each answer lists up to eight healthy addresses). */
export function routingOf(weight: number | undefined, multiValue: boolean): Routing {
  if (weight !== undefined && multiValue) throw new UsageError('--weight and --multivalue are two different routing policies', 'pass one of them');
  return weight !== undefined ? { weight } : { multiValue: true };
}

export function instanceRecord(input: { name: string; instanceId: string; ip: string; ttl: number; routing: Routing }): DnsRecord {
  return { name: input.name, type: 'A', setIdentifier: input.instanceId, ttl: input.ttl, values: [input.ip], ...input.routing };
}

/** The change that puts this instance's record in place; refuses a name held by a plain record or CNAME. */
export function planRegister(record: DnsRecord, existing: DnsRecord[]): { status: 'created' | 'updated' | 'unchanged'; changes: RecordChange[] } {
  const blocker = existing.find((r) => r.name === record.name && (r.type === 'CNAME' || (r.type === 'A' && !r.setIdentifier)));
  if (blocker) throw new OperationError(`${record.name} already has a record without a routing policy: ${describeRecord(blocker)}; nothing was changed`, 'DNS-only balancing needs every record at the name to have a set identifier; remove it first');
  const have = existing.find((r) => sameSlot(r, record));
  if (have && sameRecord(have, record)) return { status: 'unchanged', changes: [] };
  return { status: have ? 'updated' : 'created', changes: [{ action: 'UPSERT', record }] };
}

/** The change that takes this instance's record out (it must be sent exactly as it exists). */
export function planDeregister(name: string, instanceId: string, existing: DnsRecord[]): RecordChange[] {
  const have = existing.find((r) => r.name === name && r.type === 'A' && r.setIdentifier === instanceId);
  return have ? [{ action: 'DELETE', record: have }] : [];
}
