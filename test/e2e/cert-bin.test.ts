import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certFixtures } from '../helpers/certs.js';

const bin = join(import.meta.dirname, '../../bin/scalectl.js');
const home = mkdtempSync(join(tmpdir(), 'scalectl-e2e-cert-'));
const empty = join(home, 'empty');
writeFileSync(empty, '');
const env = { PATH: process.env.PATH, HOME: home, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const fx = certFixtures();

function scalectl(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Real clock here: only fixtures whose verdict cannot change with time (valid to 2099, expired in 2021).
describe('the built binary: upload-cert', () => {
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '../../dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
  });

  it('plans a fullchain.pem + PKCS#8 upload with no AWS account, key redacted', () => {
    const r = scalectl(['upload-cert', 'www', '--cert', fx.path('letsencrypt/fullchain.pem'), '--key', fx.path('letsencrypt/privkey.pem'), '--dry-run', '--output', 'json']);
    expect(r.code).toBe(0);
    const input = JSON.parse(r.stdout).steps[0].request.input;
    expect(input).toEqual({ ServerCertificateName: 'www', Path: '/', CertificateBody: fx.read('leaf.crt'), CertificateChain: fx.read('int-b.crt') + fx.read('int-a.crt'), PrivateKey: '***redacted***' });
    expect(r.stdout + r.stderr).not.toContain('PRIVATE KEY-----\n');
  });

  it('refuses an expired certificate with exit 2 before looking for credentials', () => {
    const r = scalectl(['upload-cert', 'www', '--cert', fx.path('expired.crt'), '--key', fx.path('leaf.key'), '--chain', fx.path('chain.pem')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*expired\.crt: the certificate CN=expired\.example\.test expired on 2021-01-01T00:00:00Z \(\d+ days ago\); renew it with your CA and upload the new certificate\n$/);
  });
});
