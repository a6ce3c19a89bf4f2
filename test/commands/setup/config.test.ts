import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'scalectl-config-'));

describe('config', () => {
  it('shows region and credential source in text, never the secret', async () => {
    const r = await runCli('config');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'region\tus-east-1\tAWS_REGION',
        'profile\tdefault\tdefault',
        'credentials\tenv\tAWS_ACCESS_KEY_ID=AKID…0000',
        'endpoint\t\t',
        'output\ttext\tstdout is not a terminal',
        '',
      ].join('\n'),
    );
    expect(r.stdout + r.stderr).not.toContain(TEST_ENV.AWS_SECRET_ACCESS_KEY);
  });

  it('prefers --region over the environment and reports --endpoint-url', async () => {
    const r = await runCli('config --region eu-west-1 --endpoint-url http://localhost:4566 --output json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.region).toEqual({ value: 'eu-west-1', source: '--region' });
    expect(doc.endpoint).toEqual({ value: 'http://localhost:4566', source: '--endpoint-url', services: [] });
  });

  it('falls back to the legacy EC2_REGION and AWS_CREDENTIAL_FILE', async () => {
    const file = join(tmp, 'legacy-creds');
    writeFileSync(file, '# legacy\r\nAWSAccessKeyId=AKIALEGACY00001234\r\nAWSSecretKey=legacy-secret-value-123\r\n');
    const env = { ...TEST_ENV, AWS_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, EC2_REGION: 'ap-southeast-2', AWS_CREDENTIAL_FILE: file };
    const r = await runCli('config --output json', { env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.region).toEqual({ value: 'ap-southeast-2', source: 'EC2_REGION (legacy)' });
    expect(doc.credentials).toEqual({ kind: 'legacy-file', detail: `AWS_CREDENTIAL_FILE ${file} (AWSAccessKeyId=AKIA…1234)` });
    expect(r.stdout).not.toContain('legacy-secret-value-123');
  });

  it('exits 3 with one line saying how to fix a missing region', async () => {
    const r = await runCli('config', { env: { ...TEST_ENV, AWS_REGION: undefined } });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('error: no AWS region configured; pass --region, set AWS_REGION, or add "region = …" to your profile in ~/.aws/config\n');
  });

  it('exits 3 when no credentials can be found', async () => {
    const r = await runCli('config', { env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('credentials\tnone\t');
    expect(r.stderr).toMatch(/^error: no AWS credentials found; set AWS_ACCESS_KEY_ID/);
  });

  it('exits 3 for a profile that is not configured', async () => {
    const r = await runCli('config --profile nosuch');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('error: profile "nosuch" (from --profile) is not in /nonexistent/scalectl-test/config or /nonexistent/scalectl-test/credentials; check the name with "aws configure list-profiles"\n');
  });
});
