import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { resolveAwsSettings } from '../src/settings.js';
import { runCli, TEST_ENV } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scalectl-settings-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const config = file(
  'config',
  [
    '[default]',
    'region = ap-northeast-1',
    '[profile prod]',
    'region = eu-central-1',
    'endpoint_url = http://127.0.0.1:4566',
    '[profile sso]',
    'sso_session = corp',
    'sso_account_id = 111122223333',
    'sso_role_name = Admin',
    '[profile regiononly]',
    'region = sa-east-1',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
  ].join('\n'),
);
const credentials = file('credentials', '[prod]\naws_access_key_id = AKIAPRODKEY00001234\naws_secret_access_key = prod-secret-value\n');

/** No AWS settings at all, apart from the temp config files. */
const base = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_EC2_METADATA_DISABLED: 'true' };

describe('region precedence', () => {
  const all = { ...base, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2', EC2_REGION: 'eu-west-1' };

  it('--region > AWS_REGION > AWS_DEFAULT_REGION > profile region > EC2_REGION', async () => {
    const region = async (flags: { region?: string }, env: Record<string, string | undefined>) => {
      const s = await resolveAwsSettings(flags, env);
      return [s.region, s.regionSource];
    };
    expect(await region({ region: 'ca-central-1' }, all)).toEqual(['ca-central-1', '--region']);
    expect(await region({}, all)).toEqual(['us-east-1', 'AWS_REGION']);
    expect(await region({}, { ...all, AWS_REGION: undefined })).toEqual(['us-west-2', 'AWS_DEFAULT_REGION']);
    expect(await region({}, { ...all, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined })).toEqual(['ap-northeast-1', 'profile default in the AWS config file']);
    expect(await region({}, { ...base, EC2_REGION: 'eu-west-1', AWS_CONFIG_FILE: join(dir, 'absent') })).toEqual(['eu-west-1', 'EC2_REGION (legacy)']);
    expect(await region({}, { ...base, AWS_CONFIG_FILE: join(dir, 'absent') })).toEqual([undefined, undefined]);
  });

  it('reads the region of the named profile, and an empty value counts as unset', async () => {
    const s = await resolveAwsSettings({ profile: 'prod' }, { ...base, AWS_REGION: ' ' });
    expect([s.region, s.regionSource]).toEqual(['eu-central-1', 'profile prod in the AWS config file']);
    expect((await resolveAwsSettings({}, { ...base, AWS_PROFILE: 'regiononly' })).region).toBe('sa-east-1');
  });
});

describe('credential source', () => {
  const envKeys = { AWS_ACCESS_KEY_ID: 'AKIAENVKEY000005678', AWS_SECRET_ACCESS_KEY: 'env-secret-value' };

  it('environment keys when no profile is named', async () => {
    const s = await resolveAwsSettings({}, { ...base, ...envKeys });
    expect(s.credentials).toEqual({ kind: 'env', detail: 'AWS_ACCESS_KEY_ID=AKIA…5678' });
    expect(s.staticKeys).toBeUndefined();
  });

  it('--profile and AWS_PROFILE beat keys in the environment', async () => {
    expect((await resolveAwsSettings({ profile: 'prod' }, { ...base, ...envKeys })).credentials).toEqual({ kind: 'profile', detail: 'profile prod' });
    const s = await resolveAwsSettings({}, { ...base, ...envKeys, AWS_PROFILE: 'sso' });
    expect(s).toMatchObject({ profile: 'sso', profileSource: 'AWS_PROFILE', credentials: { kind: 'sso', detail: 'profile sso' } });
    expect((await resolveAwsSettings({ profile: 'prod' }, { ...base, AWS_PROFILE: 'sso' })).profileSource).toBe('--profile');
  });

  it('a named profile without credentials does not fall back to environment keys (the SDK skips them)', async () => {
    const s = await resolveAwsSettings({ profile: 'regiononly' }, { ...base, ...envKeys });
    expect(s.credentials).toEqual({ kind: 'none', detail: 'profile regiononly has no credentials' });
    const onEc2 = await resolveAwsSettings({ profile: 'regiononly' }, { ...base, ...envKeys, AWS_EC2_METADATA_DISABLED: undefined });
    expect(onEc2.credentials.kind).toBe('instance-metadata');
  });

  it('the endpoint comes from --endpoint-url, AWS_ENDPOINT_URL, then the profile', async () => {
    expect(await resolveAwsSettings({ profile: 'prod', endpointUrl: 'http://flag' }, { ...base, AWS_ENDPOINT_URL: 'http://env' })).toMatchObject({ endpoint: 'http://flag', endpointSource: '--endpoint-url' });
    expect(await resolveAwsSettings({ profile: 'prod' }, { ...base, AWS_ENDPOINT_URL: 'http://env' })).toMatchObject({ endpoint: 'http://env', endpointSource: 'AWS_ENDPOINT_URL' });
    expect(await resolveAwsSettings({ profile: 'prod' }, base)).toMatchObject({ endpoint: 'http://127.0.0.1:4566', endpointSource: 'profile prod in the AWS config file' });
  });

  it('the legacy AWS_ACCESS_KEY / AWS_SECRET_KEY pair when no standard keys are set', async () => {
    const legacy = { AWS_ACCESS_KEY: 'AKIALEGACYENV00009999', AWS_SECRET_KEY: 'legacy-env-secret' };
    const s = await resolveAwsSettings({}, { ...base, ...legacy });
    expect(s.credentials).toEqual({ kind: 'legacy-env', detail: 'AWS_ACCESS_KEY=AKIA…9999 (legacy)' });
    expect(s.staticKeys).toEqual({ accessKeyId: 'AKIALEGACYENV00009999', secretAccessKey: 'legacy-env-secret' });
    expect((await resolveAwsSettings({}, { ...base, ...legacy, ...envKeys })).credentials.kind).toBe('env');
  });

  it('the legacy AWS_CREDENTIAL_FILE', async () => {
    const path = file('legacy-good', 'AWSAccessKeyId=AKIALEGACYFILE0004321\nAWSSecretKey=legacy-file-secret\n');
    const s = await resolveAwsSettings({}, { ...base, AWS_CREDENTIAL_FILE: path });
    expect(s.credentials).toEqual({ kind: 'legacy-file', detail: `AWS_CREDENTIAL_FILE ${path} (AWSAccessKeyId=AKIA…4321)` });
    expect(s.staticKeys).toEqual({ accessKeyId: 'AKIALEGACYFILE0004321', secretAccessKey: 'legacy-file-secret' });
  });

  it('an unreadable or malformed AWS_CREDENTIAL_FILE is a ConfigError that says how to fix it', async () => {
    const missing = join(dir, 'no-such-file');
    await expect(resolveAwsSettings({}, { ...base, AWS_CREDENTIAL_FILE: missing })).rejects.toThrow(ConfigError);
    await expect(resolveAwsSettings({}, { ...base, AWS_CREDENTIAL_FILE: missing })).rejects.toMatchObject({
      message: `AWS_CREDENTIAL_FILE ${missing} cannot be read (ENOENT)`,
      hint: 'fix the path or unset AWS_CREDENTIAL_FILE',
      exitCode: 3,
    });
    const bad = file('legacy-bad', 'AWSAccessKeyId=AKIALEGACYFILE0004321\n');
    await expect(resolveAwsSettings({}, { ...base, AWS_CREDENTIAL_FILE: bad })).rejects.toMatchObject({
      message: `AWS_CREDENTIAL_FILE ${bad} has no AWSSecretKey value`,
      hint: 'it needs two lines: AWSAccessKeyId=… and AWSSecretKey=…',
    });
  });

  it('through the program: a malformed AWS_CREDENTIAL_FILE exits 3 with one line and no secret', async () => {
    const bad = file('legacy-bad-2', 'AWSAccessKeyId AKIALEGACYFILE0004321\nAWSSecretKey=legacy-file-secret-2\n');
    const env = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CREDENTIAL_FILE: bad };
    const r = await runCli('config', { env });
    expect(r).toEqual({ code: 3, stdout: '', stderr: `error: AWS_CREDENTIAL_FILE ${bad} line 1 is not KEY=VALUE; it needs two lines: AWSAccessKeyId=… and AWSSecretKey=…\n`, prompts: [], sleeps: [] });
  });

  it('a profile that is in neither file is a ConfigError', async () => {
    await expect(resolveAwsSettings({ profile: 'nosuch' }, base)).rejects.toMatchObject({ exitCode: 3, message: `profile "nosuch" (from --profile) is not in ${config} or ${credentials}` });
    const defaults = { HOME: join(dir, 'no-home'), AWS_PROFILE: 'nosuch' };
    await expect(resolveAwsSettings({}, defaults)).rejects.toMatchObject({ message: 'profile "nosuch" (from AWS_PROFILE) is not in ~/.aws/config or ~/.aws/credentials' });
  });
});
