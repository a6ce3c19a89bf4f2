// IAM server certificates: thin typed functions over @aws-sdk/client-iam.
// Verb + noun names; client first, one input object of our own types; our own result types out.
import {
  GetServerCertificateCommand,
  paginateListServerCertificates,
  TagServerCertificateCommand,
  UploadServerCertificateCommand,
  type IAMClient,
  type TagServerCertificateCommandInput,
  type ServerCertificateMetadata,
  type UploadServerCertificateCommandInput,
} from '@aws-sdk/client-iam';
import type { Tag } from '../domain/stack.js';

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

/** Whether an SDK error is the named IAM error (the SDK appends `Exception`; some endpoints don't). */
export function isIamError(err: unknown, code: string): boolean {
  const name = (err as { name?: string } | undefined)?.name ?? '';
  return name === code || name === `${code}Exception`;
}

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
    if (isIamError(err, 'NoSuchEntity')) return undefined;
    throw err;
  }
}

/** Every server certificate under `pathPrefix` (all pages). */
export async function listServerCertificates(client: IAMClient, input: { pathPrefix?: string } = {}): Promise<ServerCertificateSummary[]> {
  const out: ServerCertificateSummary[] = [];
  for await (const page of paginateListServerCertificates({ client }, input.pathPrefix ? { PathPrefix: input.pathPrefix } : {})) {
    for (const m of page.ServerCertificateMetadataList ?? []) out.push(fromMetadata(m, ''));
  }
  return out;
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

// --- certificate look-up for load balancers ---
// Aliased so this block merges with the certificate commands' own imports from the same package.
import { GetServerCertificateCommand as LbGetServerCertificateCommand, type IAMClient as LbIamClient } from '@aws-sdk/client-iam';

/** Waiting for an eventually consistent read: the fake clock in tests, progress for the user. */
export interface CertificateLookupRetry {
  sleep(ms: number): Promise<void>;
  now(): number;
  onWait?(message: string): void;
  /** How long to keep trying; default 60 s. */
  timeoutMs?: number;
}

/**
 * The ARN of the server certificate called `name`; undefined when it does not exist. With `retry`,
 * a missing certificate is asked for again until the timeout: one uploaded seconds ago may not be
 * visible yet (IAM is eventually consistent).
 */
export async function resolveCertificateArn(client: LbIamClient, name: string, retry?: CertificateLookupRetry): Promise<string | undefined> {
  const deadline = retry ? retry.now() + (retry.timeoutMs ?? 60_000) : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await client.send(new LbGetServerCertificateCommand({ ServerCertificateName: name }));
      const arn = res.ServerCertificate?.ServerCertificateMetadata?.Arn;
      if (arn) return arn;
      return undefined;
    } catch (err) {
      const n = (err as { name?: string }).name;
      if (n !== 'NoSuchEntityException' && n !== 'NoSuchEntity') throw err;
      if (!retry || retry.now() >= deadline) return undefined;
      const wait = Math.min(2_000 * 2 ** attempt, 15_000, Math.max(deadline - retry.now(), 1));
      retry.onWait?.(`server certificate ${name} is not visible yet; retrying in ${Math.round(wait / 1000)}s`);
      await retry.sleep(wait);
    }
  }
}

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
