// General options and environment of the legacy tools → the same run context native commands get.
// -I/-S and --aws-credential-file become the legacy static keys the settings already understand;
// -U/--url and AWS_<FAMILY>_URL become the region (an AWS URL) or the endpoint (anything else);
// the legacy default region us-east-1 applies only when nothing else names one.
import { createCtx, type Ctx, type Deps, type Env } from '../deps.js';
import { ConfigError, UsageError } from '../errors.js';
import type { AwsClients } from '../services/clients.js';
// A static import: settings is part of the start-up file, which a dynamic import would not share.
import { resolveAwsSettings } from '../settings.js';
import type { Parsed } from './argv.js';
import type { RawAnswer } from '../services/wire.js';

export type Family = 'elb' | 'iam' | 'as' | 'mon';

/** The endpoint variable each family read (IAM's tools read AWS_IAM_URL). */
export const URL_ENV: Record<Family, string> = { as: 'AWS_AUTO_SCALING_URL', elb: 'AWS_ELB_URL', mon: 'AWS_CLOUDWATCH_URL', iam: 'AWS_IAM_URL' };

const X509 = 'X.509 certificates (EC2_CERT, EC2_PRIVATE_KEY, -K, -C) no longer sign AWS API requests; use an access key instead (-I/-S, AWS_CREDENTIAL_FILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a profile)';

/** One request as the command sent it, for --show-request. */
export interface SentRequest {
  service: string;
  operation: string;
  input: unknown;
}

/** What the general options say, before any client exists. */
export interface LegacyGeneral {
  region?: string;
  endpointUrl?: string;
  env: Env;
  /** The general options a native command line carries over (translate). */
  nativeArgs: string[];
}

/** Region from an AWS service URL such as https://autoscaling.eu-west-1.amazonaws.com. */
export function regionOfAwsUrl(url: string): string | undefined | null {
  let host: string;
  try {
    host = new URL(url.includes('://') ? url : `https://${url}`).hostname;
  } catch {
    throw new UsageError(`the URL "${url}" is not valid`, 'e.g. https://autoscaling.eu-west-1.amazonaws.com');
  }
  if (!/\.amazonaws\.com(\.cn)?$/.test(host)) return null;
  return /^[a-z0-9-]+\.([a-z]{2}(-gov)?-[a-z]+-\d)\.amazonaws\.com/.exec(host)?.[1];
}

/** Reads the general options; refuses X.509 credentials in one line. */
export function legacyGeneral(family: Family, p: Parsed, env: Env): LegacyGeneral {
  if (p.values.has('ec2-private-key-file-path') || p.values.has('ec2-cert-file-path')) throw new ConfigError(X509);
  const out: Env = { ...env };
  const keyId = p.values.get('access-key-id');
  const secret = p.values.get('secret-key');
  if ((keyId === undefined) !== (secret === undefined)) throw new UsageError('-I/--access-key-id and -S/--secret-key go together');
  const credentialFile = p.values.get('aws-credential-file');
  const explicit = keyId !== undefined || credentialFile !== undefined;
  if (explicit) {
    // The command line wins over the environment, as with the Java tools.
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'AWS_CREDENTIAL_FILE']) delete out[k];
    if (keyId !== undefined) Object.assign(out, { AWS_ACCESS_KEY: keyId, AWS_SECRET_KEY: secret });
    else out.AWS_CREDENTIAL_FILE = credentialFile;
  } else if ((env.EC2_CERT || env.EC2_PRIVATE_KEY) && !env.AWS_ACCESS_KEY_ID && !env.AWS_ACCESS_KEY && !env.AWS_CREDENTIAL_FILE && !env.AWS_PROFILE) {
    throw new ConfigError(X509);
  }
  const nativeArgs: string[] = [];
  const g: LegacyGeneral = { env: out, nativeArgs };
  const region = p.values.get('region');
  if (region) {
    g.region = region;
    nativeArgs.push('--region', region);
  }
  const url = p.values.get('url') ?? env[URL_ENV[family]];
  if (url) {
    const r = regionOfAwsUrl(url);
    if (r === null) {
      g.endpointUrl = url;
      nativeArgs.push('--endpoint-url', url);
    } else if (r && !g.region) {
      g.region = r;
      nativeArgs.push('--region', r);
    }
  }
  return g;
}

/** The run context: native globals from the legacy ones, quiet progress, requests recorded for --show-request. */
export async function legacyCtx(g: LegacyGeneral, deps: Deps, o: { debug: boolean; onRequest?: (r: SentRequest) => void; onAnswer?: (a: RawAnswer) => void }): Promise<Ctx> {
  const settings = await resolveAwsSettings({ ...(g.region ? { region: g.region } : {}) }, g.env);
  // The Java tools' default region: "us-east-1 unless EC2_REGION is set".
  const region = g.region ?? (settings.region ? undefined : 'us-east-1');
  const onRequest = o.onRequest;
  const legacyDeps: Deps = {
    ...deps,
    env: g.env,
    makeClients: (settings) => {
      const s = o.onAnswer ? { ...settings, onAnswer: o.onAnswer } : settings;
      const clients = deps.makeClients(s);
      if (!onRequest) return clients;
      const wrap = <K extends keyof AwsClients>(service: K) => async () => {
        const c = (await clients[service]()) as unknown as { send: (cmd: { input: unknown; constructor: { name: string } }, ...rest: unknown[]) => Promise<unknown> };
        if (!(c as { __legacyWrapped?: boolean }).__legacyWrapped) {
          const send = c.send.bind(c);
          c.send = (cmd, ...rest) => {
            onRequest({ service, operation: cmd.constructor.name.replace(/Command$/, ''), input: cmd.input });
            return send(cmd, ...rest);
          };
          Object.assign(c, { __legacyWrapped: true });
        }
        return c as never;
      };
      return Object.fromEntries((Object.keys(clients) as Array<keyof AwsClients>).map((k) => [k, wrap(k)])) as unknown as AwsClients;
    },
  };
  return createCtx(legacyDeps, { color: false, quiet: true, ...(o.debug ? { debug: true } : {}), ...(region ? { region } : {}), ...(g.endpointUrl ? { endpointUrl: g.endpointUrl } : {}) });
}
