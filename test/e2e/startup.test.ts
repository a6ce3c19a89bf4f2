import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// What start-up loads, not how long it takes (timings belong to `npm run bench`): --version,
// --help and config must load the launcher, the bundle and shared chunks (config its own chunk), and none of
// the AWS SDK, chalk, cli-table3 or the heavier Node built-ins. A command file that imports a
// service or an SDK package statically (see DESIGN.md, Speed) fails this test.

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'scalectl-startup-'));
writeFileSync(join(dir, 'empty'), '');
const env = {
  PATH: process.env.PATH,
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, 'empty'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'empty'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDSTARTUP000000000',
  AWS_SECRET_ACCESS_KEY: 'startup-secret',
};

function probe(args: string[]) {
  // stdout and stderr are files, as when a script redirects them (a pipe would load node:net).
  const out = join(dir, 'out');
  const err = join(dir, 'err');
  const fds = [openSync(out, 'w'), openSync(err, 'w')];
  const loader = join(root, 'test/helpers/startup-loader.mjs');
  const r = spawnSync(process.execPath, ['--no-warnings', '--experimental-loader', loader, '-r', join(root, 'test/helpers/startup-probe.cjs'), join(root, 'bin/scalectl.js'), ...args], {
    env,
    stdio: ['ignore', fds[0], fds[1]],
    timeout: 20_000,
  });
  fds.forEach(closeSync);
  const stderr = readFileSync(err, 'utf8');
  const files = [...stderr.matchAll(/^probe-file: file:\/\/(.+)$/gm)].map((m) => relative(root, m[1]!).replace(/-[A-Z0-9]{8}\.js$/, '-HASH.js'));
  const builtins = /^probe-builtins: (.*)$/m.exec(stderr)?.[1]?.split(' ') ?? [];
  return { code: r.status, files, builtins };
}

describe('start-up', () => {
  // esbuild puts modules shared by the bundle and the lazily loaded commands in small `chunk-*`
  // files; those are fine. Any other file is a command or library that start-up did not need.
  const cases: Array<[string[], string[]]> = [[['--version'], []], [['--help'], []], [['config'], ['dist/chunks/config-HASH.js']]];
  for (const [args, extra] of cases) {
    it(`scalectl ${args.join(' ')} loads only the launcher, the bundle, shared chunks${extra.length ? ' and its own command' : ''}`, () => {
      const r = probe(args);
      expect(r.code).toBe(0);
      expect(r.files.filter((f) => f !== 'dist/chunks/chunk-HASH.js')).toEqual(['bin/scalectl.js', 'dist/cli.js', ...extra]);
      expect(r.files.length).toBeLessThanOrEqual(8);
      expect(r.builtins.length).toBeGreaterThan(20); // the probe really ran
      for (const heavy of ['crypto', 'tty', 'net', 'http', 'https', 'child_process', 'readline']) expect(r.builtins, heavy).not.toContain(heavy);
    });
  }

  it('the SDK loads when a command needs it (so the probe can see it)', () => {
    const r = probe(['config', '--verify']);
    expect(r.code).toBe(0);
    expect(r.files.length).toBeGreaterThan(3);
  });
});
