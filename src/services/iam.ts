// IAM server certificates: thin typed functions over @aws-sdk/client-iam.
// Verb + noun names; client first, one input object of our own types; our own result types out.
import {
  DeleteServerCertificateCommand,
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  TagServerCertificateCommand,
  UploadServerCertificateCommand,
  type IAMClient,
  type TagServerCertificateCommandInput,
  type ServerCertificateMetadata,
  type UploadServerCertificateCommandInput,
} from '@aws-sdk/client-iam';
import { errorName, retrying, untilVisible, type RetryOptions, type Timing } from '../domain/retry.js';
import { STACK_TAG, type Tag } from '../domain/stack.js';
import { mapLimit } from '../domain/teardown.js';
import { earlierAttemptUnanswered } from './wire.js';

/** A server certificate as IAM lists it. Fields may be missing from AWS-compatible endpoints. */
export interface ServerCertificateSummary {
  name: string;
  arn?: string;
  id?: string;
  path?: string;
  /** ISO 8601. */
  uploaded?: string;
  /** ISO 8601. */
  expiration?: string;
}

/** A stored certificate with its PEM body (the key can never be read back). */
export interface StoredServerCertificate extends ServerCertificateSummary {
  body?: string;
  chain?: string;
  tags: Tag[];
  /** False when the response carried no Tags field at all (moto), so `tags` says nothing. */
  tagsReported: boolean;
}

export interface UploadServerCertificateInput {
  name: string;
  path: string;
  body: string;
  chain?: string;
  /** Secret: sent to IAM and nowhere else. */
  privateKey: string;
  tags: Tag[];
}

/** The certificate does not exist (the SDK names it `NoSuchEntityException`; some endpoints `NoSuchEntity`). */
const isNotFound = (err: unknown) => errorName(err) === 'NoSuchEntity';

/** The UploadServerCertificate request exactly as it is sent (for --dry-run, redacted when printed). */
export function uploadServerCertificateRequest(input: UploadServerCertificateInput): UploadServerCertificateCommandInput {
  return {
    ServerCertificateName: input.name,
    Path: input.path,
    CertificateBody: input.body,
    ...(input.chain ? { CertificateChain: input.chain } : {}),
    PrivateKey: input.privateKey,
    ...(input.tags.length ? { Tags: input.tags.map((t) => ({ Key: t.key, Value: t.value })) } : {}),
  };
}

/** Uploads; when the endpoint answers without the ARN or id, reads them back. */
export async function uploadServerCertificate(client: IAMClient, input: UploadServerCertificateInput): Promise<ServerCertificateSummary> {
  const res = await client.send(new UploadServerCertificateCommand(uploadServerCertificateRequest(input)));
  const summary = fromMetadata(res.ServerCertificateMetadata, input.name);
  if (summary.arn && summary.id) return summary;
  const stored = await getServerCertificate(client, input.name);
  return { ...summary, ...(stored ? withoutUndefined(stored) : {}), name: input.name };
}

/** The TagServerCertificate request (adds or overwrites the given tags). */
export function tagServerCertificateRequest(input: { name: string; tags: Tag[] }): TagServerCertificateCommandInput {
  return { ServerCertificateName: input.name, Tags: input.tags.map((t) => ({ Key: t.key, Value: t.value })) };
}

export async function tagServerCertificate(client: IAMClient, input: { name: string; tags: Tag[] }): Promise<void> {
  await client.send(new TagServerCertificateCommand(tagServerCertificateRequest(input)));
}

/** The certificate named `name`, or undefined when there is none. */
export async function getServerCertificate(client: IAMClient, name: string): Promise<StoredServerCertificate | undefined> {
  try {
    const res = await client.send(new GetServerCertificateCommand({ ServerCertificateName: name }));
    const c = res.ServerCertificate;
    return {
      ...fromMetadata(c?.ServerCertificateMetadata, name),
      ...(c?.CertificateBody ? { body: c.CertificateBody } : {}),
      ...(c?.CertificateChain ? { chain: c.CertificateChain } : {}),
      tags: (c?.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
      tagsReported: c?.Tags !== undefined,
    };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Every server certificate under `pathPrefix` (all pages). */
export async function listServerCertificates(client: IAMClient, input: { pathPrefix?: string; timing?: Timing } = {}): Promise<ServerCertificateSummary[]> {
  const out: ServerCertificateSummary[] = [];
  let marker: string | undefined;
  do {
    const res = await retrying(input.timing, () => client.send(new ListServerCertificatesCommand({ ...(input.pathPrefix ? { PathPrefix: input.pathPrefix } : {}), ...(marker ? { Marker: marker } : {}) })));
    out.push(...(res.ServerCertificateMetadataList ?? []).map((m) => fromMetadata(m, '')));
    marker = res.IsTruncated ? res.Marker : undefined;
  } while (marker);
  return out;
}

/** Server certificates tagged scalectl:stack=STACK: list all, then read each one's tags. */
export async function listStackServerCertificates(client: IAMClient, input: { stack: string; timing?: Timing }): Promise<ServerCertificateSummary[]> {
  const all = await listServerCertificates(client, input.timing ? { timing: input.timing } : {});
  const ours = await mapLimit(all, 4, async (c): Promise<boolean> => {
    try {
      const res = await retrying(input.timing, () => client.send(new ListServerCertificateTagsCommand({ ServerCertificateName: c.name })));
      return (res.Tags ?? []).some((t) => t.Key === STACK_TAG && t.Value === input.stack);
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  });
  return all.filter((_, i) => ours[i]);
}

/**
 * The ARN of the server certificate called `name`; undefined when it does not exist. With `retry`,
 * a missing certificate is asked for again until the timeout: one uploaded seconds ago may not be
 * visible yet (IAM is eventually consistent).
 */
export async function resolveCertificateArn(client: IAMClient, name: string, retry?: RetryOptions): Promise<string | undefined> {
  const missing = new Error(`server certificate ${name} not found`);
  try {
    const found = await untilVisible(retry, (e) => e === missing, (s) => `server certificate ${name} is not visible yet; retrying in ${s}s`, async () => (await getServerCertificate(client, name)) ?? Promise.reject(missing));
    return found.arn;
  } catch (err) {
    if (err === missing) return undefined;
    throw err;
  }
}

/**
 * Deletes a server certificate. Right after its load balancer is deleted IAM still says it is in
 * use (`DeleteConflict`) for a while, so that is retried with backoff until the deadline.
 */
export async function deleteServerCertificateWithRetry(client: IAMClient, input: { name: string; timing: Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await retrying(input.timing, () => client.send(new DeleteServerCertificateCommand({ ServerCertificateName: input.name })), (e) => errorName(e) === 'DeleteConflict');
    return 'deleted';
  } catch (err) {
    // NotFound after an attempt whose answer was lost: that attempt deleted it.
    if (isNotFound(err)) return earlierAttemptUnanswered(err) ? 'deleted' : 'already gone';
    throw err;
  }
}

function fromMetadata(m: ServerCertificateMetadata | undefined, name: string): ServerCertificateSummary {
  return {
    name: m?.ServerCertificateName ?? name,
    ...(m?.Arn ? { arn: m.Arn } : {}),
    ...(m?.ServerCertificateId ? { id: m.ServerCertificateId } : {}),
    ...(m?.Path ? { path: m.Path } : {}),
    ...(m?.UploadDate ? { uploaded: toIso(m.UploadDate) } : {}),
    ...(m?.Expiration ? { expiration: toIso(m.Expiration) } : {}),
  };
}

function toIso(d: Date | string): string {
  return new Date(d).toISOString().replace('.000Z', 'Z');
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
