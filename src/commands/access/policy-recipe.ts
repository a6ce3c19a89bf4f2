// `policy --recipe DIR`: which scalectl commands a recipe's Makefile runs, read from the plan
// `make -n up down` prints (nothing is run). The recipe's SCALECTL variable is pointed at a marker
// so every scalectl command line is found whatever the Makefile calls it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';

const MARKER = '__scalectl_policy__';
/** Global options that take a value, skipped to find the command word. */
const VALUED = new Set(['--region', '--profile', '--endpoint-url', '--output', '--query']);

/** The command words of every scalectl line in a `make -n` plan, in order, without repeats. */
export function commandsInPlan(plan: string, parents: ReadonlySet<string> = new Set(['dns'])): string[] {
  const found: string[] = [];
  const joined = plan.replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    for (let at = line.indexOf(MARKER); at >= 0; at = line.indexOf(MARKER, at + MARKER.length)) {
      const words = line.slice(at + MARKER.length).split(/\s+/).filter(Boolean).map((w) => w.replace(/[)"';]+$/, ''));
      let i = 0;
      while (i < words.length && words[i]!.startsWith('-')) i += VALUED.has(words[i]!) ? 2 : 1;
      const word = words[i];
      if (!word) continue;
      const name = parents.has(word) && words[i + 1] && !words[i + 1]!.startsWith('-') ? `${word} ${words[i + 1]}` : word;
      if (!found.includes(name)) found.push(name);
    }
  }
  return found;
}

/** Runs `make -n -C DIR up down` and returns the scalectl commands its plan holds. */
export function recipeCommands(dir: string): string[] {
  const path = resolve(dir);
  if (!existsSync(join(path, 'Makefile'))) throw new UsageError(`--recipe ${dir}: no Makefile there`, 'point --recipe at a recipe directory such as examples/web-tier');
  // DRY_RUN empty: the plan of a real run. ENDPOINT empty: the commands as they run against AWS.
  const r = spawnSync('make', ['-n', '-s', '-C', path, 'up', 'down', `SCALECTL=${MARKER}`, 'DRY_RUN=', 'ENDPOINT='], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw new UsageError(`--recipe ${dir}: could not run make (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, 'install make, or name the commands: scalectl policy create-lb create-asg …');
  if (r.status !== 0) throw new UsageError(`--recipe ${dir}: make -n up down failed: ${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''}`);
  const commands = commandsInPlan(r.stdout);
  if (!commands.length) throw new UsageError(`--recipe ${dir}: its up and down targets run no scalectl command`);
  return commands;
}
