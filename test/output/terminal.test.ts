import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/output/io.js';
import { wantsColour } from '../../src/output/plain.js';
import { createStyle } from '../../src/output/style.js';
import { fitColumns, formatTable } from '../../src/output/table.js';
import { plainStyle } from '../../src/output/plain.js';

const wide = {
  head: ['NAME', 'DNS NAME', 'LISTENERS'],
  rows: [
    ['web-lb', 'web-lb-1234567890.us-east-1.elb.amazonaws.com', 'HTTP:80->HTTP:80,HTTPS:443->HTTP:80'],
    ['api', 'api-0987654321.us-east-1.elb.amazonaws.com', 'TCP:443->TCP:443'],
  ],
};

describe('tables fit the terminal', () => {
  it('at 60 columns the long cells end in … and no line is wider', () => {
    const out = formatTable(wide, plainStyle, 60);
    const lines = out.trimEnd().split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
    expect(out).toContain('…');
    expect(lines[1]!.startsWith('web-lb  ')).toBe(true);
  });

  it('at 200 columns nothing is cut', () => {
    const out = formatTable(wide, plainStyle, 200);
    expect(out).not.toContain('…');
    expect(out).toContain('HTTP:80->HTTP:80,HTTPS:443->HTTP:80');
    expect(fitColumns(wide, 200)).toBeUndefined();
  });

  it('the widest column gives way first', () => {
    expect(fitColumns({ head: ['A', 'B'], rows: [['x'.repeat(10), 'y'.repeat(40)]] }, 32)).toEqual([10, 20]);
  });
});

describe('colour', () => {
  it('TERM=dumb gets none, on a terminal too', () => {
    expect(wantsColour({ isTTY: true, color: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(wantsColour({ isTTY: true, color: true, env: { TERM: 'xterm-256color' } })).toBe(true);
    expect(createStyle({ isTTY: true, color: true, env: { TERM: 'dumb' } }).level).toBe(0);
  });
});

describe('a progress line drawn in place', () => {
  it('is ended before what follows, once', () => {
    const io = memoryIo({ tty: true });
    io.err('\r\x1b[2Kwaiting 1/2');
    io.freshLine();
    io.freshLine();
    io.err('error: interrupted\n');
    io.freshLine();
    expect(io.stderr()).toBe('\r\x1b[2Kwaiting 1/2\nerror: interrupted\n');
  });
});
