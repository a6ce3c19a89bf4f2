// A certificate name given to create-lb or set-lb-cert → its ARN. A certificate uploaded moments
// ago may not be visible to GetServerCertificate yet, so that case is waited for (up to 60 s);
// a mistyped name is not: it fails at once with the names that do exist closest to it.
import type { Ctx } from '../deps.js';
import { closestNames } from '../domain/closest.js';
import { NotFoundError } from '../errors.js';
import { placeholder, readLive } from '../plan.js';

export interface CertLookup {
  dryRun: boolean;
  /** --wait-for-cert: wait for the name even when IAM does not list it (an upload still in flight elsewhere). */
  waitForCert: boolean;
}

const near = (names: string[]) => (names.length ? `; the closest existing: ${names.join(', ')}` : '; there are no server certificates in this account');

/** The ARN, or in a dry run a placeholder (with a warning when the name is known not to exist). */
export async function certificateArnFor(name: string, opts: CertLookup, ctx: Ctx): Promise<string> {
  const iam = await import('../services/iam.js');
  const retry = { sleep: (ms: number) => ctx.clock.sleep(ms, ctx.signal), now: () => ctx.clock.now(), onWait: (m: string) => ctx.log.status(m) };
  const once = await readLive(ctx, opts.dryRun, async () => iam.resolveCertificateArn(await ctx.aws.iam(), name), undefined);
  if (once) return once;
  // An offline dry run (no credentials, no network) can say nothing about the name: undefined.
  const listed = await readLive<string[] | undefined>(ctx, opts.dryRun, async () => (await iam.listServerCertificates(await ctx.aws.iam())).map((c) => c.name).filter(Boolean), undefined);
  if (opts.dryRun) {
    if (listed && !listed.includes(name)) ctx.log.warn(`server certificate ${name} not found${near(closestNames(name, listed))}`);
    return placeholder(`arn of certificate ${name}`);
  }
  const fresh = listed?.includes(name) === true;
  if (fresh || opts.waitForCert) {
    const arn = await iam.resolveCertificateArn(await ctx.aws.iam(), name, retry);
    ctx.log.endStatus();
    if (arn) return arn;
    throw new NotFoundError(`server certificate ${name} not found (waited 60s for it to become visible)`, 'check the name with "scalectl list-certs", or pass its ARN');
  }
  throw new NotFoundError(`server certificate ${name} not found${near(closestNames(name, listed ?? []))}`, 'check the name with "scalectl list-certs", upload it with "scalectl upload-cert", pass its ARN, or add --wait-for-cert if it is being uploaded right now');
}
