// `scalectl legacy install DIR`: one executable shim per legacy command name. Each shim carries a
// marker line; a file without it was not written by us and is never overwritten.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LEGACY_COMMANDS } from './table.js';

export const SHIM_MARKER = '# scalectl-legacy-shim: written by "scalectl legacy install"; re-running it updates this file';

/** The shim text: it runs the installed scalectl binary with `legacy NAME` and the arguments. */
export function shimText(name: string, launcher: { node: string; bin: string }): string {
  return `#!/bin/sh\n${SHIM_MARKER}\nexec ${shQuote(launcher.node)} ${shQuote(launcher.bin)} legacy ${name} "$@"\n`;
}

export interface InstallReport {
  written: string[];
  unchanged: string[];
  /** Files that exist and are not ours: left alone. */
  refused: string[];
}

export async function installShims(dir: string, launcher: { node: string; bin: string }): Promise<InstallReport> {
  await mkdir(dir, { recursive: true });
  const report: InstallReport = { written: [], unchanged: [], refused: [] };
  for (const c of LEGACY_COMMANDS) {
    const path = join(dir, c.name);
    const want = shimText(c.name, launcher);
    const have = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    if (have !== undefined && !have.split('\n').slice(0, 3).includes(SHIM_MARKER)) {
      report.refused.push(path);
      continue;
    }
    if (have === want) report.unchanged.push(path);
    else {
      await writeFile(path, want, { mode: 0o755 });
      report.written.push(path);
    }
    await chmod(path, 0o755);
  }
  return report;
}

/** Quotes a word for a POSIX shell only when it needs it. */
export function shQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
