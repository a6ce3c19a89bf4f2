import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/scalectl.js');
const home = mkdtempSync(join(tmpdir(), 'scalectl-e2e-'));
const empty = join(home, 'empty');
writeFileSync(empty, '');

/** An environment with no AWS settings at all: empty config files, no metadata service. */
const bareEnv = {
  PATH: process.env.PATH,
  HOME: home,
  AWS_CONFIG_FILE: empty,
  AWS_SHARED_CREDENTIALS_FILE: empty,
  AWS_EC2_METADATA_DISABLED: 'true',
};

function scalectl(args: string[], env: Record<string, string | undefined> = bareEnv) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built binary', () => {
  beforeAll(() => {
    if (!existsSync(join(import.meta.dirname, '../../dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
  });

  it('prints the version and exits 0', () => {
    const r = scalectl(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help with the exit-code table and exits 0', () => {
    const r = scalectl(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit status:');
    expect(r.stdout).toContain('130  interrupted');
  });

  it('exits 2 with a suggestion for an unknown command, and no stack trace', () => {
    const r = scalectl(['confgi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown command 'confgi'");
    expect(r.stderr).toBe("error: unknown command 'confgi'; did you mean config?\n");
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 for an unknown flag', () => {
    const r = scalectl(['config', '--regoin', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--regoin'; did you mean --region?\n");
  });

  it('exits 3 with no region and no credentials', () => {
    const r = scalectl(['config']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: no AWS region configured; /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 0 for config with a region and keys', () => {
    const r = scalectl(['config', '--region', 'eu-west-1'], { ...bareEnv, AWS_ACCESS_KEY_ID: 'AKIAE2E000000000', AWS_SECRET_ACCESS_KEY: 'e2e-secret-value' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('region\teu-west-1\t--region');
    expect(r.stdout + r.stderr).not.toContain('e2e-secret-value');
  });
});
