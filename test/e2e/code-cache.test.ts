import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// bin/code-cache.js: the V8 code cache for dist/**/*.cjs. Whether it makes runs faster is measured
// by `npm run bench`; here: that it is written, read back, thrown away when it does not fit, and
// that it can never break a run.

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/scalectl.js');

function scalectl(cacheHome: string, args: string[], extra: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'scalectl-cc-home-'));
  writeFileSync(join(home, 'empty'), '');
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CACHE_HOME: cacheHome,
      AWS_CONFIG_FILE: join(home, 'empty'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'empty'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const m = /^debug: code cache: (\d+) files from the cache, (\d+) compiled, (\d+) written \((.+)\)$/m.exec(r.stderr);
  return { code: r.status, stderr: r.stderr, stdout: r.stdout, fromCache: Number(m?.[1] ?? -1), compiled: Number(m?.[2] ?? -1), written: Number(m?.[3] ?? -1), dir: m?.[4] ?? '' };
}

// A command outside the start-up file that fails on its own input: it loads cli.cjs, the command
// file and its chunks, and sends nothing.
const ARGS = ['create-lb', 'web', '--listener', 'htp:80', '--debug'];

const files = (dir: string) => readdirSync(dir).sort();

describe('the code cache', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
  });

  it('is written by the first run and read by the next, which compiles nothing', () => {
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const first = scalectl(cache, ARGS);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('htp:80');
    expect(first.fromCache).toBe(0);
    expect(first.compiled).toBeGreaterThanOrEqual(2); // cli.cjs and the command, at least
    expect(first.written).toBe(first.compiled);
    expect(first.dir.startsWith(join(cache, 'scalectl', 'code-cache'))).toBe(true);
    expect(files(first.dir)).toHaveLength(first.written);
    expect(files(first.dir)).toContain(files(first.dir).find((f) => f.startsWith('cli.cjs-')));
    expect(statSync(first.dir).mode & 0o077).toBe(0); // the user's own

    const second = scalectl(cache, ARGS);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(first.stderr.replace(/code cache: .*\n/, `code cache: ${first.compiled} files from the cache, 0 compiled, 0 written (${first.dir})\n`));
    expect(second.fromCache).toBe(first.compiled);
    expect(second.compiled).toBe(0);
  });

  it('throws away a cache V8 rejects (garbage, another build) and writes it anew', () => {
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const first = scalectl(cache, ARGS);
    for (const f of files(first.dir)) writeFileSync(join(first.dir, f), 'not a code cache');
    const second = scalectl(cache, ARGS);
    expect(second.code).toBe(2);
    expect(second.fromCache).toBe(0);
    expect(second.written).toBe(first.written);
    for (const f of files(second.dir)) expect(readFileSync(join(second.dir, f), 'utf8')).not.toBe('not a code cache');
    expect(scalectl(cache, ARGS).fromCache).toBe(first.written);
  });

  it("prunes other builds' caches when it writes a new build's: a week unused, or beyond the newest four", () => {
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const probe = scalectl(cache, ARGS);
    const flagsDir = join(probe.dir, '..');
    const current = probe.dir.split('/').pop()!;
    // Start again from other builds only: one unused for eight days, four used today.
    spawnSync('rm', ['-rf', probe.dir]);
    const build = (name: string, daysAgo: number) => {
      mkdirSync(join(flagsDir, name));
      writeFileSync(join(flagsDir, name, 'cli.cjs-1-1'), 'stale');
      const t = new Date(Date.now() - daysAgo * 86_400_000 - 1000 * name.length);
      utimesSync(join(flagsDir, name), t, t);
    };
    build('old', 8);
    for (const name of ['a', 'bb', 'ccc', 'dddd']) build(name, 0); // dddd the oldest of today's
    const r = scalectl(cache, ARGS);
    expect(r.written).toBeGreaterThan(0);
    expect(files(flagsDir)).toEqual([current, 'a', 'bb', 'ccc'].sort());
  });

  it('two installs used in turn keep their own caches (no build throws the other away)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const first = scalectl(cache, ARGS);
    const flagsDir = join(first.dir, '..');
    // The other install's cache, made a moment ago; ours is made anew beside it (pruning runs).
    renameSync(first.dir, join(flagsDir, 'another-install'));
    const ours = scalectl(cache, ARGS);
    expect(ours.written).toBeGreaterThan(0);
    expect(files(flagsDir)).toEqual(['another-install', ours.dir.split('/').pop()!].sort());
    expect(files(join(flagsDir, 'another-install'))).toHaveLength(first.written);
    expect(scalectl(cache, ARGS).fromCache).toBe(ours.written);
  });

  it('never breaks a run: an unwritable cache place is ignored without a word', () => {
    const parent = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const notADir = join(parent, 'file');
    writeFileSync(notADir, '');
    const base = scalectl(mkdtempSync(join(tmpdir(), 'scalectl-cc-')), ARGS);
    const r = scalectl(notADir, ARGS);
    expect(r.code).toBe(2);
    expect(r.written).toBe(0);
    expect(r.stderr.replace(/code cache: .*\n/, '')).toBe(base.stderr.replace(/code cache: .*\n/, ''));

    if (process.getuid?.() !== 0) {
      // (root writes anywhere, so this half only runs as another user)
      const ro = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
      chmodSync(ro, 0o500);
      expect(scalectl(ro, ARGS).code).toBe(2);
    }
  });

  it('is off with SCALECTL_NO_CODE_CACHE=1: nothing read, nothing written', () => {
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const r = scalectl(cache, ARGS, { SCALECTL_NO_CODE_CACHE: '1' });
    expect(r.code).toBe(2);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('keeps the caches of other Node flags apart (V8 rejects a cache made under other flags)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const plain = scalectl(cache, ARGS);
    const other = scalectl(cache, ARGS, { NODE_OPTIONS: '--max-old-space-size=512' });
    expect(other.dir).not.toBe(plain.dir);
    expect(other.fromCache).toBe(0);
    expect(scalectl(cache, ARGS).fromCache).toBe(plain.written); // the plain runs' cache is still there
  });

  it('leaves to Node the files it cannot cache: small ones, and any that still use import()', () => {
    // A built folder of our own, so the test can put files in it.
    const dist = mkdtempSync(join(tmpdir(), 'scalectl-cc-dist-'));
    const pad = ' '.repeat(5000);
    writeFileSync(join(dist, 'cli.cjs'), `module.exports = 'cli';${pad}`);
    writeFileSync(join(dist, 'small.cjs'), "module.exports = 'small';");
    writeFileSync(join(dist, 'dynamic.cjs'), `module.exports = import('node:path').then((m) => typeof m.join);${pad}`);
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const script = `require(${JSON.stringify(join(root, 'bin/code-cache.js'))}).install(${JSON.stringify(dist)});
      const d = ${JSON.stringify(dist)};
      require(d + '/dynamic.cjs').then((t) => console.log(require(d + '/cli.cjs'), require(d + '/small.cjs'), t));`;
    const run = () => spawnSync(process.execPath, ['-e', script, '--', '--debug'], { env: { PATH: process.env.PATH, XDG_CACHE_HOME: cache }, encoding: 'utf8' });
    for (const expected of ['0 files from the cache, 1 compiled, 1 written', '1 files from the cache, 0 compiled, 0 written']) {
      const r = run();
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('cli small function');
      expect(r.stderr).toContain(`code cache: ${expected}`);
    }
  });

  it('keeps stack-trace positions as Node gives them (the wrapper does not shift the first line)', () => {
    const dist = mkdtempSync(join(tmpdir(), 'scalectl-cc-dist-'));
    writeFileSync(join(dist, 'cli.cjs'), `module.exports = () => { throw new Error('x'); };${' '.repeat(5000)}`);
    const script = `require(${JSON.stringify(join(root, 'bin/code-cache.js'))}).install(${JSON.stringify(dist)});
      try { require(${JSON.stringify(join(dist, 'cli.cjs'))})(); } catch (e) { console.log(e.stack.split('\\n')[1].trim()); }`;
    const at = (env: Record<string, string>) => spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }).stdout.trim();
    const cache = mkdtempSync(join(tmpdir(), 'scalectl-cc-'));
    const plain = at({ SCALECTL_NO_CODE_CACHE: '1' });
    expect(plain).toMatch(/cli\.cjs:1:\d+\)$/);
    expect(at({ XDG_CACHE_HOME: cache })).toBe(plain); // compiled here, cache written
    expect(at({ XDG_CACHE_HOME: cache })).toBe(plain); // from the cache
  });
});
