// `scalectl legacy …`: install, list, translate, or run one legacy command.
import type { Deps } from '../deps.js';
import { ExitCode, classifyError } from '../errors.js';
import { parseLegacyArgv } from './argv.js';
import { legacyGeneral } from './context.js';
import { runLegacyCommand } from './framework.js';
import { LEGACY_COMMANDS, TOOL_VERSIONS, findLegacy, loadFamily, migrationTable, type LegacyEntry } from './table.js';

const USAGE = 'usage: scalectl legacy COMMAND ARGS… | legacy install DIR | legacy list | legacy translate COMMAND ARGS…';

/** Where the shims find scalectl. */
export interface Launcher {
  node: string;
  bin: string;
}

export async function runLegacy(args: string[], deps: Deps, launcher: () => Launcher, version: string): Promise<number> {
  const [sub, ...rest] = args;
  const fail = (line: string, code: number = ExitCode.Usage) => {
    deps.io.err(`${line}\n`);
    return code;
  };
  if (!sub || sub === '--help' || sub === '-h') {
    deps.io[sub ? 'out' : 'err'](`${USAGE}\n`);
    return sub ? ExitCode.Ok : ExitCode.Usage;
  }
  if (sub === 'list') {
    deps.io.out(migrationTable());
    return ExitCode.Ok;
  }
  if (sub === 'install') {
    if (rest.length !== 1) return fail('usage: scalectl legacy install DIR');
    const { installShims } = await import('./install.js');
    try {
      const r = await installShims(rest[0]!, launcher());
      deps.io.out(`${rest[0]}: ${LEGACY_COMMANDS.length - r.refused.length} legacy commands (${r.written.length} written, ${r.unchanged.length} unchanged)\n`);
      for (const f of r.refused) deps.io.err(`legacy install: left ${f} alone: it exists and was not written by scalectl\n`);
      return r.refused.length ? ExitCode.Partial : ExitCode.Ok;
    } catch (err) {
      return fail(`legacy install: cannot write to ${rest[0]} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, ExitCode.Failed);
    }
  }
  if (sub === 'translate') {
    const [name, ...legacyArgs] = rest;
    const entry = name ? findLegacy(name) : undefined;
    if (!entry) return fail(name ? `legacy translate: unknown legacy command ${name}; see 'scalectl legacy list'` : 'usage: scalectl legacy translate LEGACY-COMMAND ARGS…');
    return translate(entry, legacyArgs, deps);
  }
  const entry = findLegacy(sub);
  if (!entry) return fail(`unknown legacy command ${sub}; see 'scalectl legacy list'`);
  if (entry.info) return info(entry, deps, version);
  if (entry.later) return fail(`${entry.name}:  not available yet in scalectl's legacy layer; use scalectl ${entry.native}`, ExitCode.Failed);
  const cmd = (await loadFamily(entry.family)).find((c) => c.name === entry.name)!;
  return runLegacyCommand(cmd, entry.family, rest, deps);
}

function info(entry: LegacyEntry, deps: Deps, version: string): number {
  if (entry.info === 'version') deps.io.out(`${TOOL_VERSIONS[entry.family as keyof typeof TOOL_VERSIONS]} (scalectl ${version})\n`);
  else {
    const mine = LEGACY_COMMANDS.filter((c) => c.family === entry.family || (entry.family === 'elb' && c.family === 'iam'));
    const w = Math.max(...mine.map((c) => c.name.length));
    deps.io.out(`${'Command Name'.padEnd(w)}  Native command\n${mine.map((c) => `${c.name.padEnd(w)}  ${c.later ? '(not yet available) ' : ''}${c.native}`).join('\n')}\n`);
  }
  return ExitCode.Ok;
}

async function translate(entry: LegacyEntry, args: string[], deps: Deps): Promise<number> {
  if (entry.info) {
    deps.io.out(`${entry.native}\n`);
    return ExitCode.Ok;
  }
  if (entry.later) {
    deps.io.out(`scalectl ${entry.native}\n`);
    return ExitCode.Ok;
  }
  const cmd = (await loadFamily(entry.family)).find((c) => c.name === entry.name)!;
  const { shQuote } = await import('./install.js');
  try {
    const p = parseLegacyArgv(cmd.name, args, cmd.options);
    const g = legacyGeneral(entry.family, p, deps.env);
    const t = cmd.translate(p);
    for (const n of t.notes ?? []) deps.io.err(`note: ${n}\n`);
    if (p.values.has('access-key-id') || p.values.has('aws-credential-file')) deps.io.err('note: credentials are not carried over; export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_CREDENTIAL_FILE) instead\n');
    if (!t.args.length) {
      deps.io.err(`${cmd.name}:  no native command line does the same\n`);
      return ExitCode.Failed;
    }
    deps.io.out(`${['scalectl', ...g.nativeArgs, ...t.args].map(shQuote).join(' ')}\n`);
    return ExitCode.Ok;
  } catch (err) {
    const e = classifyError(err);
    deps.io.err(`${cmd.name}:  ${e.message.replace(new RegExp(`^${cmd.name}: `), '')}${e.hint ? `; ${e.hint}` : ''}\n`);
    return e.exitCode;
  }
}
