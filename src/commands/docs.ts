import type { Command } from 'commander';
import { EXIT_CODE_TABLE } from '../errors.js';

/** The parts of a command's help page that commander does not make: examples, columns, exit codes. */
export interface CommandDocs {
  /** Two to four real invocations, without the leading `$ `. */
  examples: string[];
  /** What `--output text` prints: the column names of each record type, in order. */
  text: string[];
  /** The exit codes this command can return (0, 1, 2 and 130 are added for every command). */
  exitCodes: number[];
}

const DOCS = new WeakMap<Command, CommandDocs>();

/** Every command can succeed, fail, refuse bad input or be interrupted. */
const ALWAYS = [0, 1, 2, 130];

/** Adds EXAMPLES, TEXT OUTPUT and EXIT CODES to a command's help page (and so to the man page). */
export function addDocs(cmd: Command, docs: CommandDocs): Command {
  const codes = [...new Set([...ALWAYS, ...docs.exitCodes])].sort((a, b) => a - b);
  const full = { ...docs, exitCodes: codes };
  DOCS.set(cmd, full);
  return cmd.addHelpText('after', ({ command }) => docsText(full, command.configureOutput().getOutHelpWidth?.() ?? 80));
}

/** The docs a command was given (for the man page and the tests that every command has them). */
export function docsOf(cmd: Command): CommandDocs | undefined {
  return DOCS.get(cmd);
}

/** The three sections, fitted to `width` columns (an example wraps as a shell line does, with ` \\`). */
export function docsText(d: CommandDocs, width = 80): string {
  const meaning = new Map(EXIT_CODE_TABLE);
  return [
    '',
    'Examples:',
    ...d.examples.flatMap((e) => wrap(e, width, '  ', '      ', ' \\')),
    '',
    'Text output (--output text, tab-separated, no header):',
    ...d.text.flatMap((t) => wrap(t, width, '  ', '    ')),
    '',
    'Exit codes:',
    ...d.exitCodes.flatMap((c) => wrap(meaning.get(c) ?? '', width, `  ${String(c).padEnd(5)}`, ' '.repeat(7))),
  ].join('\n');
}

/** Breaks `text` at spaces so no line passes `width`; `more` ends every line but the last. */
function wrap(text: string, width: number, first: string, rest: string, more = ''): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    const lead = line === first || line === rest;
    if (!lead && line.length + 1 + word.length + more.length > width) {
      lines.push(line + more);
      line = rest + word;
    } else line += (lead ? '' : ' ') + word;
  }
  return [...lines, line];
}
