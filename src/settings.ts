import { homedir } from 'node:os';
import { join } from 'node:path';
import { maskKeyId, parseLegacyCredentialFile, profileCredentialKind, sourceProfileLoop, type CredentialSource, type StaticKeys } from './domain/credentials.js';
import { configFileProfiles, parseIni, type IniSections } from './domain/ini.js';
import { ConfigError, UsageError } from './errors.js';
import { INPUT_LIMITS, InputFileError, readInputFile } from './input-file.js';

/** The global flags that decide how AWS is reached. */
export interface AwsFlags {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

/** Everything a run needs to build its clients, and where each value came from (for `config`). */
export interface AwsSettings {
  region?: string;
  regionSource?: string;
  /** The profile named by `--profile` or `AWS_PROFILE`; undefined means the SDK's `default`. */
  profile?: string;
  profileSource?: string;
  endpoint?: string;
  endpointSource?: string;
  credentials: CredentialSource;
  /** Set when the keys come from a legacy source the SDK does not read itself. */
  staticKeys?: StaticKeys;
  /** The profile's credential_process, run by scalectl so that its failure can be told (see credential-process.ts). */
  credentialProcess?: { profile: string; command: string };
  /** Region or endpoint values that no request could use; `checkSettings` turns the first into an error. */
  invalid: InvalidSetting[];
}

/** A region or endpoint value that cannot be used, and where it came from. */
export interface InvalidSetting {
  setting: 'region' | 'endpoint';
  value: string;
  /** `--region`, `AWS_REGION`, `profile prod in the AWS config file`, … */
  source: string;
  problem: string;
}

type Env = Record<string, string | undefined>;

const REGION_FIX = 'pass --region, set AWS_REGION, or add "region = …" to your profile in ~/.aws/config';
const CREDENTIALS_FIX =
  'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run "aws configure" or "aws sso login", pass --profile, or point AWS_CREDENTIAL_FILE at a legacy credential file';

/**
 * Resolves region, profile, endpoint and the credential source the way the SDK would, plus the
 * legacy `EC2_REGION`, `AWS_CREDENTIAL_FILE` and `AWS_ACCESS_KEY`/`AWS_SECRET_KEY` of the Java tools.
 */
export async function resolveAwsSettings(flags: AwsFlags, env: Env): Promise<AwsSettings> {
  const home = env.HOME ?? homedir();
  // Like the SDK: a missing or unreadable file is an empty one, and `~/` means the home directory.
  // A FIFO or a device in their place is refused (exit 2) rather than read, which would hang the run.
  const read = (path: string, label: string): IniSections => {
    try {
      return parseIni(readInputFile(path.startsWith('~/') ? join(home, path.slice(2)) : path, { label, limit: INPUT_LIMITS.awsConfig }).toString('utf8'));
    } catch (err) {
      if (err instanceof InputFileError) throw err;
      return {};
    }
  };
  const configPath = env.AWS_CONFIG_FILE ?? '~/.aws/config';
  const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials';
  const configSections = read(configPath, env.AWS_CONFIG_FILE ? 'AWS_CONFIG_FILE' : 'the AWS config file');
  const credentialsFile = read(credentialsPath, env.AWS_SHARED_CREDENTIALS_FILE ? 'AWS_SHARED_CREDENTIALS_FILE' : 'the AWS credentials file');
  const files = { configFile: configFileProfiles(configSections), credentialsFile };

  const profile = flags.profile ?? env.AWS_PROFILE;
  const profileSource = flags.profile ? '--profile' : env.AWS_PROFILE ? 'AWS_PROFILE' : undefined;
  const profileName = profile ?? 'default';
  const config = files.configFile[profileName];
  const creds = files.credentialsFile[profileName];
  if (profile && !config && !creds) {
    // Name the files actually read: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE may point elsewhere.
    throw new ConfigError(`profile "${profile}" (from ${profileSource}) is not in ${configPath} or ${credentialsPath}`, 'check the name with "aws configure list-profiles"');
  }

  const settings: AwsSettings = { credentials: { kind: 'none', detail: 'none found' }, invalid: [] };
  if (profile) Object.assign(settings, { profile, profileSource });

  const region = firstOf([
    [flags.region, '--region'],
    [env.AWS_REGION, 'AWS_REGION'],
    [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
    [config?.region, `profile ${profileName} in the AWS config file`],
    [env.EC2_REGION, 'EC2_REGION (legacy)'],
  ]);
  if (region) Object.assign(settings, { region: region[0], regionSource: region[1] });

  // As the SDK: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's setting) leaves only the flag.
  const ignoreConfigured = /^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? config?.ignore_configured_endpoint_urls ?? '');
  const endpoint = firstOf([
    [flags.endpointUrl, '--endpoint-url'],
    ...(ignoreConfigured ? [] : ([[env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL'], [config?.endpoint_url, `profile ${profileName} in the AWS config file`]] as Array<[string | undefined, string]>)),
  ]);
  if (endpoint) Object.assign(settings, { endpoint: endpoint[0], endpointSource: endpoint[1] });
  if (region && !isRegion(region[0])) settings.invalid.push({ setting: 'region', value: region[0], source: region[1], problem: 'is not a region name (letters, digits and dashes, like us-east-1)' });
  const endpoints: Array<[string, string]> = [
    ...(endpoint ? [endpoint] : []),
    ...(ignoreConfigured ? [] : Object.keys(env).filter((k) => k.startsWith('AWS_ENDPOINT_URL_') && env[k]?.trim()).sort().map((k): [string, string] => [env[k]!.trim(), k])),
  ];
  for (const [url, source] of endpoints) {
    const problem = endpointProblem(url);
    if (problem) settings.invalid.push({ setting: 'endpoint', value: url, source, problem });
  }

  await resolveCredentialSource(settings, env, profile, profileName, config, creds);
  if (settings.credentials.kind === 'assume-role' || settings.credentials.kind === 'process') {
    const profileOf = (n: string) => (files.configFile[n] || files.credentialsFile[n] ? { ...files.configFile[n], ...files.credentialsFile[n] } : undefined);
    const loop = sourceProfileLoop(profileName, profileOf);
    if (loop) throw new ConfigError(`profile ${profileName}${profileSource ? ` (from ${profileSource})` : ''} has a source_profile loop: ${loop.join(' → ')}`, 'end the chain at a profile with keys, SSO settings or a credential_process of its own');
    const command = { ...config, ...creds }.credential_process?.trim();
    if (settings.credentials.kind === 'process' && command) settings.credentialProcess = { profile: profileName, command };
  }
  return settings;
}

async function resolveCredentialSource(
  s: AwsSettings,
  env: Env,
  profile: string | undefined,
  profileName: string,
  config: Record<string, string | undefined> | undefined,
  creds: Record<string, string | undefined> | undefined,
): Promise<void> {
  const kind = profileCredentialKind(config, creds);
  // An explicit profile wins over keys in the environment, as in the AWS CLI and the SDK.
  if (profile && kind) {
    s.credentials = { kind, detail: `profile ${profile}` };
    return;
  }
  if (profile) {
    // The SDK skips environment keys whenever a profile is named, even one without credentials of
    // its own; only web identity, container and instance roles remain. Say so instead of showing
    // keys that the run would not use.
    remoteSource(s, env, `profile ${profile} has no credentials`);
    return;
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    s.credentials = { kind: 'env', detail: `AWS_ACCESS_KEY_ID=${maskKeyId(env.AWS_ACCESS_KEY_ID)}${env.AWS_SESSION_TOKEN ? ' with AWS_SESSION_TOKEN' : ''}` };
    return;
  }
  if (env.AWS_ACCESS_KEY && env.AWS_SECRET_KEY) {
    s.credentials = { kind: 'legacy-env', detail: `AWS_ACCESS_KEY=${maskKeyId(env.AWS_ACCESS_KEY)} (legacy)` };
    s.staticKeys = { accessKeyId: env.AWS_ACCESS_KEY, secretAccessKey: env.AWS_SECRET_KEY };
    return;
  }
  if (env.AWS_CREDENTIAL_FILE) {
    const path = env.AWS_CREDENTIAL_FILE;
    let text: string;
    try {
      text = readInputFile(path, { label: 'AWS_CREDENTIAL_FILE', limit: INPUT_LIMITS.legacyCredentials, hint: 'fix the path or unset AWS_CREDENTIAL_FILE' }).toString('utf8');
    } catch (err) {
      if (err instanceof InputFileError) throw err;
      const e = err as NodeJS.ErrnoException;
      throw new ConfigError(`AWS_CREDENTIAL_FILE ${path} cannot be read (${e.code ?? e.message})`, 'fix the path or unset AWS_CREDENTIAL_FILE');
    }
    const parsed = parseLegacyCredentialFile(text);
    if (!parsed.ok) {
      throw new ConfigError(`AWS_CREDENTIAL_FILE ${path} ${parsed.problem}`, 'it needs two lines: AWSAccessKeyId=… and AWSSecretKey=…');
    }
    s.credentials = { kind: 'legacy-file', detail: `AWS_CREDENTIAL_FILE ${path} (AWSAccessKeyId=${maskKeyId(parsed.keys.accessKeyId)})` };
    s.staticKeys = parsed.keys;
    return;
  }
  if (kind) {
    s.credentials = { kind, detail: `profile ${profileName}` };
    return;
  }
  remoteSource(s, env, 'none found');
}

/** The tail of the SDK chain: web identity from the environment, container, then instance role. */
function remoteSource(s: AwsSettings, env: Env, none: string): void {
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
    s.credentials = { kind: 'web-identity', detail: `AWS_WEB_IDENTITY_TOKEN_FILE for ${env.AWS_ROLE_ARN}` };
  } else if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    s.credentials = { kind: 'container', detail: 'container credentials endpoint' };
  } else if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() !== 'true') {
    s.credentials = { kind: 'instance-metadata', detail: 'EC2 instance role (only when running on EC2)' };
  } else {
    s.credentials = { kind: 'none', detail: none };
  }
}

/** Region names are DNS labels joined by dashes: `us-east-1`, `us-gov-west-1`, `cn-north-1`. */
function isRegion(value: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/i.test(value) && value.length <= 63;
}

/** Why an endpoint URL cannot be used, or undefined when it can. */
export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return /^[\w.-]+:\d+$/.test(value) || !value.includes('://') ? 'is not a URL; it needs a scheme, like http://127.0.0.1:5000 or https://host' : 'is not a URL (a port above 65535, a space, or a bad host?)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return url.protocol && value.toLowerCase().startsWith(url.protocol) && value.includes('://') ? `has scheme ${url.protocol.slice(0, -1)}; use http or https` : 'is not a URL; it needs a scheme, like http://127.0.0.1:5000 or https://host';
  }
  if (!url.hostname) return 'has no host name';
  return undefined;
}

/**
 * Throws for the first unusable region or endpoint: exit 2 when it came from a flag (nothing was
 * sent), exit 3 (configuration) when it came from the environment or a profile.
 */
export function checkSettings(s: AwsSettings): void {
  const bad = s.invalid[0];
  if (!bad) return;
  const message = `${bad.setting === 'region' ? 'region' : 'endpoint URL'} ${JSON.stringify(bad.value)} (from ${bad.source}) ${bad.problem}`;
  if (bad.source.startsWith('--')) throw new UsageError(message, `fix ${bad.source}`);
  throw new InvalidSettingError(message, bad.source.startsWith('profile') ? 'fix the profile in the AWS config file' : `fix or unset ${bad.source}`);
}

/** A configured region or endpoint that cannot be used: exit 3 even in a dry run (which would otherwise plan offline). */
export class InvalidSettingError extends ConfigError {}

function firstOf(candidates: Array<[string | undefined, string]>): [string, string] | undefined {
  const hit = candidates.find(([v]) => v !== undefined && v.trim() !== '');
  return hit ? [hit[0]!.trim(), hit[1]] : undefined;
}

/** Throws the exit-3 error when a run that must reach AWS has no region. */
export function requireRegion(s: AwsSettings): string {
  if (!s.region) throw new ConfigError('no AWS region configured', REGION_FIX);
  return s.region;
}

/** The exit-3 error for a run with no usable credentials. */
export function noCredentialsError(cause?: unknown): ConfigError {
  return new ConfigError('no AWS credentials found', CREDENTIALS_FIX, { cause });
}
