import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'scalectl-offline-'));
// Credentials are set, but the endpoint is a closed loopback port: no AWS can be reached.
const env = {
  PATH: process.env.PATH,
  HOME: home,
  TMPDIR: home,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLEOFFLINE',
  AWS_SECRET_ACCESS_KEY: 'offline-secret',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: join(home, 'none'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
  AWS_EC2_METADATA_DISABLED: 'true',
};
const CLOSED = 'http://127.0.0.1:9';

describe('a dry run that cannot reach AWS', () => {
  it('plans offline at once, with one warning, instead of retrying for half a minute', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/scalectl.js'), 'create-lb', 'web', '--listener', 'http:80', '--zones', 'us-east-1a', '--dry-run', '--endpoint-url', CLOSED, '--output', 'text'], { env, encoding: 'utf8', timeout: 5000 });
    expect(r.error).toBeUndefined(); // not killed by the 5 s timeout
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('create\tload-balancer\tweb');
    expect(r.stderr).toBe('warning: could not reach the AWS endpoint (ECONNREFUSED): planning without reading AWS, as if nothing existed yet\n');
  });

  it('warns once per make run, not once per step', () => {
    const r = spawnSync('make', ['-s', '-C', join(root, 'examples/web-tier'), 'up', 'DRY_RUN=1', `ENDPOINT=${CLOSED}`, `DEMO_DIR=${join(home, 'demo')}`], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stderr.match(/planning without reading AWS/g)).toHaveLength(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('create\t')).length).toBeGreaterThan(5);
  });
});
