import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const page = join(import.meta.dirname, '../../dist/man/scalectl.1');
const groff = spawnSync('groff', ['--version']).status === 0;

/** The page as a reader sees it: groff's plain-text rendering (what `man -l` shows). */
function rendered(): string {
  const r = spawnSync('groff', ['-man', '-Tutf8', '-P', '-cbou', page], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '100' } });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('man scalectl', () => {
  it('is built into the package and named by package.json', () => {
    expect(existsSync(page)).toBe(true);
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(pkg.man).toEqual(['./dist/man/scalectl.1']);
    expect(pkg.files).toContain('dist');
  });

  it.skipIf(!groff)('renders with its sections, every command and their examples', () => {
    const text = rendered();
    for (const h of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'GLOBAL OPTIONS', 'COMMANDS', 'EXIT STATUS', 'ENVIRONMENT']) expect(text).toMatch(new RegExp(`^${h}$`, 'm'));
    expect(text).toContain('scalectl - build and tear down the classic AWS web tier');
    expect(text).toMatch(/scalectl create-lb\n\s+Usage: scalectl create-lb \[options\] <name>/);
    expect(text).toContain('scalectl teardown --stack web --dry-run');
    expect(text).toMatch(/130\s+interrupted/);
  });

  it('says what the built help says (it is made from it)', () => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/scalectl.js'), 'help', 'put-policy'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const source = readFileSync(page, 'utf8');
    for (const line of r.stdout.split('\n\nGlobal Options:')[0]!.split('\n').filter((l) => l.trim())) expect(source).toContain(line.replace(/\\/g, '\\e').replace(/^([.'])/, '\\&$1'));
  });
});
