import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// What start-up loads, not how long it takes (timings belong to `npm run bench`): --version,
// --help and config must load the launcher and the start-up file, and none of
// the AWS SDK, chalk, cli-table3 or the heavier Node built-ins. A command file that imports a
// service or an SDK package statically (see DESIGN.md, Speed) fails the last test.

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

function probe(args: string[], extraEnv: Record<string, string> = { AWS_MAX_ATTEMPTS: '1' }) {
  // stdout and stderr are files, as when a script redirects them (a pipe would load node:net).
  const out = join(dir, 'out');
  const err = join(dir, 'err');
  const fds = [openSync(out, 'w'), openSync(err, 'w')];
  const loader = join(root, 'test/helpers/startup-loader.mjs');
  const r = spawnSync(process.execPath, ['--no-warnings', '--experimental-loader', loader, '-r', join(root, 'test/helpers/startup-probe.cjs'), join(root, 'bin/scalectl.js'), ...args], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', fds[0], fds[1]],
    timeout: 20_000,
  });
  fds.forEach(closeSync);
  const stderr = readFileSync(err, 'utf8');
  const files = [...stderr.matchAll(/^probe-file: file:\/\/(.+)$/gm)].map((m) => relative(root, m[1]!).replace(/-[A-Z0-9]{8}\.c?js$/, '-HASH.js'));
  // With the loader hook on, a CommonJS file can be reported by both probes.
  const unique = [...new Set(files)];
  const builtins = /^probe-builtins: (.*)$/m.exec(stderr)?.[1]?.split(' ') ?? [];
  return { code: r.status, files: unique, builtins };
}

describe('start-up', () => {
  // Start-up is one CommonJS file (see scripts/build.mjs): Node's ES module loader is not even
  // started, and no command, library or SDK chunk beyond it is read.
  for (const args of [['--version'], ['--help'], ['config']]) {
    it(`scalectl ${args.join(' ')} loads only the launcher and the start-up file`, () => {
      const r = probe(args);
      expect(r.code).toBe(0);
      expect([...r.files].sort()).toEqual(['bin/code-cache.js', 'bin/scalectl.js', 'dist/cli.cjs']);
      expect(r.builtins.length).toBeGreaterThan(20); // the probe really ran
      for (const heavy of ['crypto', 'tty', 'net', 'http', 'https', 'child_process', 'readline']) expect(r.builtins, heavy).not.toContain(heavy);
    });
  }

  it('a lazily loaded command shares the start-up modules instead of bundling its own copies', () => {
    const r = probe(['create-lb', 'web', '--listener', 'htp:80']);
    expect(r.code).toBe(2); // a UsageError from the command chunk is still our UsageError
    expect(r.files).toContain('dist/commands/create-lb.cjs');
    // A command file must load its services (and so the SDK, with node:http) only when it calls AWS.
    expect(r.files.filter((f) => f.startsWith('dist/sdk/'))).toEqual([]);
    for (const heavy of ['http', 'https', 'crypto']) expect(r.builtins, heavy).not.toContain(heavy);
  });

  it('describe-asgs loads the Auto Scaling client and no ELB code (no service or SDK chunk of ELB)', () => {
    // An endpoint that refuses at once: the command loads what it needs, sends one request, fails.
    const r = probe(['describe-asgs', '--endpoint-url', 'http://127.0.0.1:1']);
    expect(r.files).toContain('dist/sdk/client-auto-scaling.cjs');
    expect(r.files.filter((f) => /elb|elastic-load-balancing/.test(f))).toEqual([]);
    expect(r.files.filter((f) => /client-ec2/.test(f))).toEqual([]);
  });

  it('describe-asgs does not load node:fs/promises (with readline) for the SDK to read ~/.aws/config', () => {
    const r = probe(['describe-asgs', '--endpoint-url', 'http://127.0.0.1:1']);
    expect(r.builtins).toContain('http');
    expect(r.builtins).not.toContain('fs/promises');
    expect(r.builtins).not.toContain('internal/readline/interface');
  });

  it('the start-up file carries no table, colour or JMESPath code: those load from dist/lazy/ when used', () => {
    const startup = readFileSync(join(root, 'dist/cli.cjs'), 'utf8');
    expect(startup).not.toContain('colSpan'); // cli-table3
    expect(startup).not.toContain('zalgo'); // @colors/colors, under cli-table3
    expect(startup).not.toContain('Unexpected token type'); // jmespath
    expect(startup).not.toMatch(/ansi-styles|bgBlackBright/); // chalk
    const r = probe(['config', '--output', 'json', '--query', 'region']);
    expect(r.code).toBe(0);
    expect(r.files).toContain('dist/lazy/output-query.cjs');
  });

  it("no built file is over 150 KB: the SDK's unused schemas are dropped (EC2's alone were 550 KB)", () => {
    const sizes = (dir: string): Array<[string, number]> =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sizes(join(dir, e.name)) : e.name.endsWith('.cjs') ? [[join(dir, e.name), statSync(join(root, dir, e.name)).size] as [string, number]] : []));
    const all = sizes('dist');
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter(([, n]) => n > 150_000)).toEqual([]);
  });

  it('the SDK loads when a command needs it (so the probe can see it)', () => {
    const r = probe(['config', '--verify']);
    expect(r.code).toBe(0);
    expect(r.files.length).toBeGreaterThan(3);
  });
});
