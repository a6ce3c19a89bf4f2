import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCtx, type Deps } from '../src/deps.js';
import { memoryIo } from '../src/output/io.js';
import type { AwsClients, ClientSettings } from '../src/services/clients.js';
import { runCli, TEST_ENV } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scalectl-trust-settings-'));
const config = join(dir, 'config');
writeFileSync(config, [
  '[profile look]', 'region = eu-central-1', 'endpoint_url = http://127.0.0.1:4566', 'aws_access_key_id = AKIALOOK0000000001', 'aws_secret_access_key = look-secret',
  '[profile badurl]', 'region = eu-central-1', 'endpoint_url = ftp://files.example.com', 'aws_access_key_id = AKIALOOK0000000001', 'aws_secret_access_key = look-secret',
  '[profile badregion]', 'region = us east 1', 'aws_access_key_id = AKIALOOK0000000001', 'aws_secret_access_key = look-secret',
].join('\n'));
const env = { ...TEST_ENV, AWS_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: config };

function clientSettings(e: Record<string, string | undefined>, globals: { profile?: string } = {}) {
  const clients = { elb: async () => 'elb-client', iam: async () => 'iam-client' } as unknown as AwsClients;
  const makeClients = vi.fn((_s: ClientSettings) => clients);
  const deps: Deps = { io: memoryIo({ tty: false }), env: e, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients };
  return { makeClients, ctx: createCtx(deps, { color: false, ...globals }) };
}

describe('a profile endpoint_url applies the same with --profile and AWS_PROFILE (trust #12)', () => {
  it('--profile P sends requests to the profile endpoint', async () => {
    const { ctx, makeClients } = clientSettings(env, { profile: 'look' });
    await (await ctx).aws.elb();
    expect(makeClients.mock.calls.map((c) => c[0].endpoint)).toContain('http://127.0.0.1:4566');
  });

  it('AWS_PROFILE=P too, and a per-service variable still wins for its own service', async () => {
    const { ctx, makeClients } = clientSettings({ ...env, AWS_PROFILE: 'look', AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:5000' });
    const c = await ctx;
    expect(await c.aws.elb()).toBe('elb-client');
    const settings = makeClients.mock.calls.map((call) => call[0]);
    expect(settings.find((s) => s.endpoint === 'http://127.0.0.1:4566')).toMatchObject({ region: 'eu-central-1', profile: 'look', lookAlike: true });
    // The client for IAM is built without the pinned endpoint, so the SDK applies AWS_ENDPOINT_URL_IAM.
    expect(settings.some((s) => s.endpoint === undefined)).toBe(true);
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true leaves the profile endpoint out, as the SDK does, and config says so', async () => {
    const r = await runCli('config --profile look --output json', { env: { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } });
    expect(JSON.parse(r.stdout).endpoint).toEqual({ services: [] });
  });
});

describe('an unusable endpoint or region is refused up front (trust #13)', () => {
  it.each([
    ['--endpoint-url 127.0.0.1:4566', 'endpoint URL "127.0.0.1:4566" (from --endpoint-url) is not a URL; it needs a scheme, like http://127.0.0.1:5000 or https://host; fix --endpoint-url'],
    ['--endpoint-url "not a url"', 'endpoint URL "not a url" (from --endpoint-url) is not a URL; it needs a scheme, like http://127.0.0.1:5000 or https://host; fix --endpoint-url'],
    ['--endpoint-url http://127.0.0.1:99999', 'endpoint URL "http://127.0.0.1:99999" (from --endpoint-url) is not a URL (a port above 65535, a space, or a bad host?); fix --endpoint-url'],
    ['--endpoint-url ftp://files.example.com', 'endpoint URL "ftp://files.example.com" (from --endpoint-url) has scheme ftp; use http or https; fix --endpoint-url'],
    ['--region "us east 1"', 'region "us east 1" (from --region) is not a region name (letters, digits and dashes, like us-east-1); fix --region'],
    ['--region ../x', 'region "../x" (from --region) is not a region name (letters, digits and dashes, like us-east-1); fix --region'],
  ])('a flag: exit 2, also in a dry run: %s', async (flags, message) => {
    for (const line of [`describe-lbs ${flags}`, `create-lb web --listener http:80 --zones us-east-1a --dry-run ${flags}`]) {
      const r = await runCli(line);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: ${message}\n`);
    }
  });

  it('the environment or a profile: exit 3, also in a dry run with no credentials', async () => {
    const fromEnv = await runCli('create-lb web --listener http:80 --zones us-east-1a --dry-run', { env: { ...env, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'localhost:4566' } });
    expect(fromEnv.code).toBe(3);
    expect(fromEnv.stderr).toBe('error: endpoint URL "localhost:4566" (from AWS_ENDPOINT_URL) is not a URL; it needs a scheme, like http://127.0.0.1:5000 or https://host; fix or unset AWS_ENDPOINT_URL\n');
    const perService = await runCli('describe-lbs', { env: { ...TEST_ENV, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING: 'http://x:99999' } });
    expect(perService.code).toBe(3);
    expect(perService.stderr).toContain('(from AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING)');
    const profile = await runCli('describe-lbs --profile badurl', { env });
    expect(profile.code).toBe(3);
    expect(profile.stderr).toBe('error: endpoint URL "ftp://files.example.com" (from profile badurl in the AWS config file) has scheme ftp; use http or https; fix the profile in the AWS config file\n');
    const region = await runCli('create-lb web --listener http:80 --zones us-east-1a --dry-run', { env: { ...env, AWS_PROFILE: 'badregion' } });
    expect(region.code).toBe(3);
    expect(region.stderr).toBe('error: region "us east 1" (from profile badregion in the AWS config file) is not a region name (letters, digits and dashes, like us-east-1); fix the profile in the AWS config file\n');
  });

  it('config shows the value as invalid in every format, then exits 3 (or 2 for a flag)', async () => {
    const text = await runCli('config --profile badurl', { env });
    expect(text.stdout).toContain('endpoint\tftp://files.example.com\tprofile badurl in the AWS config file\tinvalid: has scheme ftp; use http or https\n');
    expect(text.code).toBe(3);
    const json = await runCli('config --output json --region "us east 1"', { env: TEST_ENV });
    expect(JSON.parse(json.stdout).region).toEqual({ value: 'us east 1', source: '--region', invalid: 'is not a region name (letters, digits and dashes, like us-east-1)' });
    expect(json.code).toBe(2);
    const table = await runCli('config --endpoint-url ftp://x --no-color', { env: TEST_ENV, tty: true });
    expect(table.stdout).toMatch(/endpoint +ftp:\/\/x \(invalid: has scheme ftp; use http or https\) +--endpoint-url/);
  });
});
