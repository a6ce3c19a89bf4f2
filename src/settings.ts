import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { maskKeyId, parseLegacyCredentialFile, profileCredentialKind, type CredentialSource, type StaticKeys } from './domain/credentials.js';
import { configFileProfiles, parseIni, type IniSections } from './domain/ini.js';
import { ConfigError } from './errors.js';

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
  const read = (path: string) => readFile(path.startsWith('~/') ? join(home, path.slice(2)) : path, 'utf8').then(parseIni, (): IniSections => ({}));
  const configPath = env.AWS_CONFIG_FILE ?? '~/.aws/config';
  const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials';
  const [configSections, credentialsFile] = await Promise.all([read(configPath), read(credentialsPath)]);
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

  const settings: AwsSettings = { credentials: { kind: 'none', detail: 'none found' } };
  if (profile) Object.assign(settings, { profile, profileSource });

  const region = firstOf([
    [flags.region, '--region'],
    [env.AWS_REGION, 'AWS_REGION'],
    [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
    [config?.region, `profile ${profileName} in the AWS config file`],
    [env.EC2_REGION, 'EC2_REGION (legacy)'],
  ]);
  if (region) Object.assign(settings, { region: region[0], regionSource: region[1] });

  const endpoint = firstOf([
    [flags.endpointUrl, '--endpoint-url'],
    [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL'],
    [config?.endpoint_url, `profile ${profileName} in the AWS config file`],
  ]);
  if (endpoint) Object.assign(settings, { endpoint: endpoint[0], endpointSource: endpoint[1] });

  await resolveCredentialSource(settings, env, profile, profileName, config, creds);
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
    const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new ConfigError(`AWS_CREDENTIAL_FILE ${path} cannot be read (${e.code ?? e.message})`, 'fix the path or unset AWS_CREDENTIAL_FILE');
    });
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
