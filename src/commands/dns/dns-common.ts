// What the dns subcommands share: finding the zone, the run's timing, the INSYNC wait.
import type { Ctx } from '../../deps.js';
import { checkInZone, normalizeName, pickZone, zoneIdOf, type HostedZone, type RecordChange } from '../../domain/dns.js';
import { elapsed, WaitTimeout, type Timing } from '../../domain/retry.js';
import { NotFoundError, OperationError } from '../../errors.js';

/** The run's clock, Ctrl-C and deadline for waits. */
export function timingOf(ctx: Ctx, timeoutSeconds: number): Timing {
  return { now: () => ctx.clock.now(), sleep: (ms, s) => ctx.clock.sleep(ms, s), signal: ctx.signal, deadline: ctx.clock.now() + timeoutSeconds * 1000 };
}

/** Refuses a NAME outside a zone given by name, before any request (an id is checked once read). */
export function checkNameAgainstZoneArg(name: string, zone: string | undefined): void {
  if (zone && !zoneIdOf(zone)) checkInZone(name, normalizeName(zone));
}

/** The hosted zone for NAME: `--zone` (name or id, private allowed) or the longest public suffix. Exit 4 when none. */
export async function findZone(ctx: Ctx, name: string, zone: string | undefined, timing?: Timing): Promise<HostedZone> {
  const r53 = await import('../../services/route53.js');
  const zones = await r53.listHostedZones(await ctx.aws.route53(), timing);
  const z = pickZone(zones, name, zone);
  if (!z) {
    if (zone) throw new NotFoundError(`hosted zone ${zone} not found`, 'list the zones with "aws route53 list-hosted-zones"');
    throw new NotFoundError(`no public hosted zone holds ${name}`, 'create the zone in Route 53, or name a private one with --zone');
  }
  checkInZone(name, z.name);
  return z;
}

/** Waits until a change is INSYNC, with a status line that replaces itself on a terminal. */
export async function waitInSync(ctx: Ctx, changeId: string, timing: Timing): Promise<void> {
  const r53 = await import('../../services/route53.js');
  try {
    await r53.waitChangeInSync(await ctx.aws.route53(), { changeId, timing, onProgress: (status, ms) => ctx.log.status(`Waiting for Route 53 to apply change ${changeId}: ${status} (${elapsed(ms)})`) });
  } catch (err) {
    if (err instanceof WaitTimeout) throw new OperationError(err.message, 'raise --timeout, or pass --no-wait', { cause: err });
    throw err;
  } finally {
    ctx.log.endStatus();
  }
}

/** One change as results show it: `UPSERT A example.com`. */
export interface ChangeSummary {
  action: string;
  type: string;
  name: string;
  setIdentifier?: string;
}

export function summarize(changes: RecordChange[]): ChangeSummary[] {
  return changes.map((c) => ({ action: c.action, type: c.record.type, name: c.record.name, ...(c.record.setIdentifier ? { setIdentifier: c.record.setIdentifier } : {}) }));
}

/** The metadata client for this run: AWS_EC2_METADATA_SERVICE_ENDPOINT or the link-local default. */
export async function metadataOf(ctx: Ctx) {
  const md = await import('../../services/metadata.js');
  const endpoint = ctx.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  return { md, client: md.createMetadataClient(endpoint ? { endpoint } : {}) };
}

/** The flags register and deregister share. */
export interface InstanceRecordFlags {
  zone: string;
  name: string;
  dryRun: boolean;
  wait: boolean;
  timeout: number;
}
