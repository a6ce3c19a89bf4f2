// The EC2 instance metadata service, version 2: a PUT for a session token first, then GETs that
// carry it. Short timeouts: off EC2 nothing answers, and a CLI must not hang waiting for it.
import { OperationError } from '../errors.js';

/** Where IMDS answers unless AWS_EC2_METADATA_SERVICE_ENDPOINT says otherwise (the command passes it in). */
export const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254';

export interface MetadataClient {
  /** The text at `latest/PATH`; undefined when IMDS says 404 (no public IPv4, no user data). */
  get(path: string): Promise<string | undefined>;
}

export interface MetadataOptions {
  endpoint?: string;
  /** Per request; default 2 s. */
  timeoutMs?: number;
  /** Attempts per request; default 3. */
  attempts?: number;
  fetch?: typeof fetch;
}

/** A client that fetches a token on first use and again when IMDS refuses it (401). */
export function createMetadataClient(o: MetadataOptions = {}): MetadataClient {
  const base = (o.endpoint || DEFAULT_METADATA_ENDPOINT).replace(/\/+$/, '');
  const f = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 2000;
  const attempts = o.attempts ?? 3;
  let token: string | undefined;
  const call = async (method: string, path: string, headers: Record<string, string>): Promise<Response> => {
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        return await f(`${base}/latest/${path}`, { method, headers, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        last = err;
      }
    }
    throw new OperationError(`the instance metadata service at ${base} did not answer (${(last as Error)?.message ?? last})`, 'run this on an EC2 instance, or set AWS_EC2_METADATA_SERVICE_ENDPOINT');
  };
  const fetchToken = async () => {
    const res = await call('PUT', 'api/token', { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' });
    if (!res.ok) throw new OperationError(`the instance metadata service refused a session token (HTTP ${res.status})`, 'IMDSv2 must be enabled, with a hop limit that reaches this process');
    return (token = (await res.text()).trim());
  };
  return {
    async get(path) {
      for (let retry = 0; ; retry++) {
        const t = token ?? (await fetchToken());
        const res = await call('GET', path, { 'X-aws-ec2-metadata-token': t });
        if (res.status === 401 && retry === 0) {
          token = undefined;
          continue;
        }
        if (res.status === 404) return undefined;
        if (!res.ok) throw new OperationError(`the instance metadata service answered HTTP ${res.status} for ${path}`);
        return res.text();
      }
    },
  };
}

/** Who this instance is, as a record of it needs. */
export interface InstanceIdentity {
  instanceId: string;
  publicIpv4?: string;
  privateIpv4?: string;
}

export async function readInstanceIdentity(md: MetadataClient): Promise<InstanceIdentity> {
  const instanceId = (await md.get('meta-data/instance-id'))?.trim();
  if (!instanceId) throw new OperationError('the instance metadata service does not say this instance\'s id');
  const [pub, priv] = await Promise.all([md.get('meta-data/public-ipv4'), md.get('meta-data/local-ipv4')]);
  return { instanceId, ...(pub?.trim() ? { publicIpv4: pub.trim() } : {}), ...(priv?.trim() ? { privateIpv4: priv.trim() } : {}) };
}

/** The instance's user data as text; undefined when it has none. */
export async function readUserData(md: MetadataClient): Promise<string | undefined> {
  return md.get('user-data');
}
