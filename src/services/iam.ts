// IAM server certificates: thin typed functions over @aws-sdk/client-iam.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};

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
