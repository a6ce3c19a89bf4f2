import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGACY_COMMANDS } from '../../src/legacy/table.js';
import { SHIM_MARKER } from '../../src/legacy/install.js';
import { runCli } from '../helpers/run-cli.js';

describe('legacy install', () => {
  it('writes one executable shim per legacy command, each running scalectl legacy NAME "$@"; a re-run changes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'legacy-install-')), 'bin');
    const r = await runCli(['legacy', 'install', dir]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`${dir}: ${LEGACY_COMMANDS.length} legacy commands (${LEGACY_COMMANDS.length} written, 0 unchanged)\n`);
    for (const name of ['elb-create-lb', 'iam-servercertupload', 'as-put-scaling-policy', 'mon-get-stats', 'as-cmd', 'mon-version', 'as-set-desired-capacity']) {
      const path = join(dir, name);
      expect(statSync(path).mode & 0o111).toBe(0o111);
      const [shebang, marker, exec] = readFileSync(path, 'utf8').split('\n');
      expect([shebang, marker]).toEqual(['#!/bin/sh', SHIM_MARKER]);
      expect(exec).toMatch(new RegExp(`^exec \\S+ \\S+/bin/scalectl\\.js legacy ${name} "\\$@"$`));
    }
    const again = await runCli(['legacy', 'install', dir]);
    expect(again.stdout).toBe(`${dir}: ${LEGACY_COMMANDS.length} legacy commands (0 written, ${LEGACY_COMMANDS.length} unchanged)\n`);
  });

  it('never overwrites a file it did not write: leaves it, says so, exit 5; updates its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'legacy-install-'));
    writeFileSync(join(dir, 'elb-create-lb'), '#!/bin/sh\n# the real Java tool\nexec java …\n');
    writeFileSync(join(dir, 'as-version'), `#!/bin/sh\n${SHIM_MARKER}\nexec old-path legacy as-version "$@"\n`);
    const r = await runCli(['legacy', 'install', dir]);
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(`legacy install: left ${join(dir, 'elb-create-lb')} alone: it exists and was not written by scalectl\n`);
    expect(readFileSync(join(dir, 'elb-create-lb'), 'utf8')).toBe('#!/bin/sh\n# the real Java tool\nexec java …\n');
    expect(readFileSync(join(dir, 'as-version'), 'utf8')).not.toContain('old-path');
    expect(existsSync(join(dir, 'mon-get-stats'))).toBe(true);
  });
});

describe('legacy list and the *-cmd / *-version commands', () => {
  it('legacy list: every legacy command beside its native command, none marked as not yet available', async () => {
    const r = await runCli(['legacy', 'list']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^LEGACY COMMAND\s+NATIVE COMMAND$/);
    expect(lines).toHaveLength(LEGACY_COMMANDS.length + 1);
    expect(lines).toContain(`${'as-put-scaling-policy'.padEnd(43)}  scalectl put-policy NAME --asg GROUP --adjust N`);
    expect(lines.find((l) => l.startsWith('mon-set-alarm-state'))).toMatch(/scalectl set-alarm-state NAME --state S --reason TEXT$/);
    expect(lines.filter((l) => l.includes('not yet available'))).toEqual([]);
  });

  it('as-version and as-cmd answer without AWS', async () => {
    expect((await runCli(['legacy', 'as-version'], { env: {} })).stdout).toMatch(/^Amazon AutoScaling CLI version 1\.0\.61\.6 \(API 2011-01-01\) \(scalectl \d+\.\d+\.\d+\)\n$/);
    const cmd = await runCli(['legacy', 'mon-cmd'], { env: {} });
    expect(cmd.stdout.split('\n')[0]).toMatch(/^Command Name\s+Native command$/);
    expect(cmd.stdout).toContain('mon-put-metric-alarm');
    expect(cmd.stdout).not.toContain('as-create-auto-scaling-group');
  });
});

describe('README', () => {
  it('has the install line and every legacy command of the migration table', async () => {
    const { readFileSync: read } = await import('node:fs');
    const readme = read(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('scalectl legacy install ~/.scalectl/legacy-bin');
    for (const c of LEGACY_COMMANDS) {
      const native = c.native.startsWith('(') ? c.native : `\`${(c.native.startsWith('scalectl') ? c.native : `scalectl ${c.native}`).replace('|', '\\|')}\``;
      expect(readme).toContain(`| \`${c.name}\` | ${native}${c.later ? ' (legacy command not yet available)' : ''} |`);
    }
  });
});
