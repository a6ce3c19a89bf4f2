import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_TABLE } from '../src/errors.js';
import { runCli } from './helpers/run-cli.js';

const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');

/** The rows of the markdown table that follows `heading`. */
function tableAfter(heading: string): string[][] {
  const section = readme.slice(readme.indexOf(heading));
  const lines = section.split('\n').slice(1);
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

describe('README', () => {
  it('has the exit-code table that --help prints', () => {
    expect(tableAfter('## Exit status').map(([code, meaning]) => [Number(code), meaning])).toEqual(EXIT_CODE_TABLE.map(([c, m]) => [c, m]));
  });

  it('lists every global option the program has', async () => {
    const documented = tableAfter('## Global options').map(([option]) => option!.replace(/`/g, '').split(' ')[0]!.replace(/,$/, ''));
    const help = (await runCli('--help', { columns: 100 })).stdout;
    const options = help.slice(help.indexOf('Options:'), help.indexOf('\n\n', help.indexOf('Options:')));
    const actual = [...options.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]).filter((o) => o !== '--version' && o !== '--help');
    expect(documented.map((o) => (o.startsWith('-q') ? '--quiet' : o))).toEqual(actual);
  });
});
