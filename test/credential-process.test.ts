import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCtx, type Deps } from '../src/deps.js';
import { memoryIo } from '../src/output/io.js';
import type { AwsClients, ClientSettings } from '../src/services/clients.js';
import { runCli, TEST_ENV } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scalectl-credproc-'));
const config = join(dir, 'config');
writeFileSync(config, [
  '[profile broken]', 'region = us-east-1', `credential_process = sh -c 'echo "token expired, run login" >&2; exit 3'`,
  '[profile good]', 'region = us-east-1', `credential_process = echo '{"Version": 1, "AccessKeyId": "AKIAPROC000000000001", "SecretAccessKey": "proc-secret-value-0001"}'`,
  '[profile a]', 'region = us-east-1', 'role_arn = arn:aws:iam::123456789012:role/a', 'source_profile = b',
  '[profile b]', 'role_arn = arn:aws:iam::123456789012:role/b', 'source_profile = c',
  '[profile c]', 'role_arn = arn:aws:iam::123456789012:role/c', 'source_profile = a',
  '[profile self]', 'region = us-east-1', 'role_arn = arn:aws:iam::123456789012:role/s', 'source_profile = self', 'aws_access_key_id = AKIASELF000000000001', 'aws_secret_access_key = self-secret',
].join('\n'));
const env = { ...TEST_ENV, AWS_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: config };

function provider(profile: string) {
  const makeClients = vi.fn((_s: ClientSettings) => ({ elb: async () => 'elb' }) as unknown as AwsClients);
  const io = memoryIo({ tty: false });
  const deps: Deps = { io, env, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients };
  return { io, makeClients, ctx: createCtx(deps, { color: false, profile }) };
}

describe('credential failures say what failed (trust #19)', () => {
  it('a failing credential_process: its exit code and first stderr line, exit 3', async () => {
    const { ctx, makeClients } = provider('broken');
    await (await ctx).aws.elb();
    const run = makeClients.mock.calls[0]![0].credentialProvider!;
    await expect(run()).rejects.toMatchObject({ exitCode: 3, message: 'the credential_process of profile broken exited with code 3: token expired, run login' });
    const r = await runCli('config --verify --profile broken', { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('error: credentials did not resolve: the credential_process of profile broken exited with code 3: token expired, run login; fix that, then run "scalectl config --verify" again\n');
  });

  it('a working credential_process gives its keys, and the secret is scrubbed from output', async () => {
    const { ctx, makeClients, io } = provider('good');
    await (await ctx).aws.elb();
    await expect(makeClients.mock.calls[0]![0].credentialProvider!()).resolves.toEqual({ accessKeyId: 'AKIAPROC000000000001', secretAccessKey: 'proc-secret-value-0001' });
    io.err('leak proc-secret-value-0001\n');
    expect(io.stderr()).toBe('leak ***redacted***\n');
  });

  it('a source_profile loop names the loop, exit 3, before any request', async () => {
    const r = await runCli('describe-lbs --profile a', { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('error: profile a (from --profile) has a source_profile loop: a → b → c → a; end the chain at a profile with keys, SSO settings or a credential_process of its own\n');
    const ok = await runCli('config --profile self --output json', { env });
    expect(JSON.parse(ok.stdout).credentials.kind).toBe('profile');
  });
});
