import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/scalectl.js');

describe('output into a pipe that closes early', () => {
  it('ends quietly, with exit 0, when the reader stops after one line', () => {
    // `head -1` exits after the first line; the rest of the help then hits a closed pipe.
    const r = spawnSync('bash', ['-c', `node '${bin}' --help | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stdout).toBe('Usage: scalectl [options] [command]\n');
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).toContain('status=0');
  });
});
