/** Static keys read from the legacy `AWS_CREDENTIAL_FILE` or `AWS_ACCESS_KEY`/`AWS_SECRET_KEY`. */
export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where a run's credentials come from, in words that never include the secret. */
export interface CredentialSource {
  kind: 'env' | 'legacy-env' | 'legacy-file' | 'profile' | 'sso' | 'assume-role' | 'process' | 'web-identity' | 'container' | 'instance-metadata' | 'none';
  /** e.g. `profile prod in ~/.aws/credentials`, `AWS_ACCESS_KEY_ID=AKIA…WXYZ`. */
  detail: string;
}

/** The result of parsing a legacy credential file: keys, or the reason it is unusable. */
export type LegacyParse = { ok: true; keys: StaticKeys } | { ok: false; problem: string };

/**
 * Parses the Java tools' credential file: `AWSAccessKeyId=…` and `AWSSecretKey=…` lines, `#`
 * comments, blank lines, CRLF and spaces around `=` tolerated. The problem text never holds a value.
 */
export function parseLegacyCredentialFile(text: string): LegacyParse {
  const fields = new Map<string, string>();
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, problem: `line ${i + 1} is not KEY=VALUE` };
    fields.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('awsaccesskeyid');
  const secretAccessKey = fields.get('awssecretkey');
  const missing = [!accessKeyId && 'AWSAccessKeyId', !secretAccessKey && 'AWSSecretKey'].filter(Boolean);
  if (missing.length > 0 || !accessKeyId || !secretAccessKey) {
    return { ok: false, problem: `has no ${missing.join(' and no ')} value` };
  }
  const sessionToken = fields.get('awssessiontoken');
  return { ok: true, keys: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/** `AKIA…WXYZ`: enough of an access key id to tell keys apart, never the whole of it. */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/** How a shared-config profile gets its credentials, judged from its settings alone. */
export function profileCredentialKind(
  config: Record<string, string | undefined> | undefined,
  credentials: Record<string, string | undefined> | undefined,
): CredentialSource['kind'] | undefined {
  const c = { ...config, ...credentials };
  if (c.aws_access_key_id && c.aws_secret_access_key) return 'profile';
  if (c.sso_session || c.sso_start_url) return 'sso';
  if (c.role_arn) return c.web_identity_token_file ? 'web-identity' : 'assume-role';
  if (c.credential_process) return 'process';
  return undefined;
}

/**
 * The `source_profile` chain of `name` when it comes back on itself (`a → b → a`), else undefined.
 * The SDK reports such a loop only as "no credentials"; it is a mistake in the config file.
 */
export function sourceProfileLoop(name: string, profileOf: (n: string) => Record<string, string | undefined> | undefined): string[] | undefined {
  const seen: string[] = [];
  for (let n: string | undefined = name; n !== undefined; ) {
    if (seen.includes(n)) return [...seen, n];
    seen.push(n);
    const p = profileOf(n);
    const next = p?.source_profile?.trim();
    // A profile with keys of its own ends the chain (the SDK uses them for the source).
    n = next && !(next === n && p?.aws_access_key_id) ? next : undefined;
  }
  return undefined;
}
