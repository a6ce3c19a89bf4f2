// IAM server certificates: thin typed functions over @aws-sdk/client-iam.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};

// --- teardown and status ---
import * as iamTd from '@aws-sdk/client-iam';
import { STACK_TAG as TEARDOWN_STACK_TAG } from '../domain/stack.js';
import * as tdRetry from '../domain/teardown-retry.js';
import { mapLimit } from '../domain/teardown.js';

/** A server certificate as teardown and status see it (metadata only, never the body or key). */
export interface TeardownCertificate {
  name: string;
  arn?: string;
  /** ISO date. */
  expiration?: string;
}

function toTeardownCert(m: iamTd.ServerCertificateMetadata): TeardownCertificate {
  return { name: m.ServerCertificateName ?? '?', ...(m.Arn ? { arn: m.Arn } : {}), ...(m.Expiration ? { expiration: new Date(m.Expiration).toISOString() } : {}) };
}

const isTeardownCertGone = (err: unknown) => tdRetry.errorName(err) === 'NoSuchEntity';

/** Server certificates tagged scalectl:stack=STACK: list all (paginated), then read each one's tags. */
export async function listStackServerCertificates(client: iamTd.IAMClient, input: { stack: string; timing?: tdRetry.Timing }): Promise<TeardownCertificate[]> {
  const all: TeardownCertificate[] = [];
  let marker: string | undefined;
  do {
    const res = await tdRetry.retrying(input.timing, () => client.send(new iamTd.ListServerCertificatesCommand({ ...(marker ? { Marker: marker } : {}) })));
    all.push(...(res.ServerCertificateMetadataList ?? []).map(toTeardownCert));
    marker = res.IsTruncated ? res.Marker : undefined;
  } while (marker);
  const ours = await mapLimit(all, 4, async (c): Promise<boolean> => {
    try {
      const res = await tdRetry.retrying(input.timing, () => client.send(new iamTd.ListServerCertificateTagsCommand({ ServerCertificateName: c.name })));
      return (res.Tags ?? []).some((t) => t.Key === TEARDOWN_STACK_TAG && t.Value === input.stack);
    } catch (err) {
      if (isTeardownCertGone(err)) return false;
      throw err;
    }
  });
  const out = all.filter((_, i) => ours[i]);
  return out;
}

/** One certificate's metadata by name, or undefined when it does not exist. */
export async function describeServerCertificateForTeardown(client: iamTd.IAMClient, input: { name: string; timing?: tdRetry.Timing }): Promise<TeardownCertificate | undefined> {
  try {
    const res = await tdRetry.retrying(input.timing, () => client.send(new iamTd.GetServerCertificateCommand({ ServerCertificateName: input.name })));
    const m = res.ServerCertificate?.ServerCertificateMetadata;
    return m ? toTeardownCert(m) : { name: input.name };
  } catch (err) {
    if (isTeardownCertGone(err)) return undefined;
    throw err;
  }
}

/**
 * Deletes a server certificate. Right after its load balancer is deleted IAM still says it is in
 * use (`DeleteConflict`) for a while, so that is retried with backoff until the deadline.
 */
export async function deleteServerCertificateWithRetry(client: iamTd.IAMClient, input: { name: string; timing: tdRetry.Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await tdRetry.retrying(input.timing, () => client.send(new iamTd.DeleteServerCertificateCommand({ ServerCertificateName: input.name })), (e) => tdRetry.errorName(e) === 'DeleteConflict');
    return 'deleted';
  } catch (err) {
    if (isTeardownCertGone(err)) return 'already gone';
    throw err;
  }
}
