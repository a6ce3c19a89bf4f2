import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('says to build first, not a Node stack trace, when dist/ is missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalectl-unbuilt-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(import.meta.dirname, '../../bin/scalectl.js'), join(dir, 'bin/scalectl.js'));
  copyFileSync(join(import.meta.dirname, '../../bin/package.json'), join(dir, 'bin/package.json'));
  const r = spawnSync(process.execPath, [join(dir, 'bin/scalectl.js'), 'describe-lbs'], { encoding: 'utf8' });
  expect([r.status, r.stdout, r.stderr]).toEqual([1, '', "scalectl: not built yet: run 'npm run build' first (from a fresh clone: npm ci && npm run build)\n"]);
});
