// Runs one legacy command: parse its argv, read the general options, ask before deleting, call the
// native run or service functions through the command's entry, print legacy lines. Errors: one line
// on stderr prefixed by the command name, with the native exit codes.
import type { Ctx, Deps } from '../deps.js';
import { ExitCode, OperationError, UsageError, asInterrupted, classifyError, debugDetails } from '../errors.js';
import { redact } from '../domain/redact.js';
import { parseLegacyArgv, splitList, type OptSpec, type Parsed } from './argv.js';
import { legacyCtx, legacyGeneral, type Family, type SentRequest } from './context.js';
import { formatRecords, type Rec } from './output.js';
import type { RawAnswer } from '../services/wire.js';

/** What a legacy command prints: `OK-…` or identifier lines, or records (--show-xml prints the service's answers instead). */
export interface LegacyResult {
  lines?: string[];
  records?: Rec[];
}

/** One legacy command: its options, how it reads as a native command line, and how it runs. */
export interface LegacyCommand {
  name: string;
  usage: string;
  options: OptSpec[];
  /** Delete commands: the question asked unless -f/--force (one per item for mon-delete-alarms). */
  prompt?: (p: Parsed) => string[];
  /** The native command line (after `scalectl`) doing the same; notes go to stderr. */
  translate(p: Parsed): { args: string[]; notes?: string[] };
  run(p: Parsed, ctx: Ctx): Promise<LegacyResult>;
}

/** The first positional word, or the named option that may stand for it (`--lb`, `--name`, …). */
export function nameArg(p: Parsed, label: string, ...options: string[]): string {
  const v = p.positional[0] ?? options.map((o) => p.values.get(o)).find((x) => x !== undefined);
  if (!v) throw new UsageError(`${label} is required`);
  return v;
}

export function val(p: Parsed, key: string): string | undefined {
  return p.values.get(key);
}

export function need(p: Parsed, key: string): string {
  const v = p.values.get(key);
  if (v === undefined || v === '') throw new UsageError(`--${key} is required`);
  return v;
}

export function list(p: Parsed, key: string): string[] | undefined {
  return p.lists.get(key);
}

/** A whole number option (`--adjustment=-1`, `-a -1`, `+2`). */
export function int(p: Parsed, key: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  const v = p.values.get(key);
  if (v === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${key} must be a whole number${min === 0 ? ' of 0 or more' : ''}, got "${v}"`);
  return n;
}

export function num(p: Parsed, key: string): number | undefined {
  const v = p.values.get(key);
  if (v === undefined) return undefined;
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${key} must be a number, got "${v}"`);
  return n;
}

/** `"k1=v1,k2=v2"` maps, repeatable (dimensions). */
export function keyValues(p: Parsed, key: string): Array<{ key: string; value: string }> {
  return (p.lists.get(key) ?? []).flatMap(splitList).map((kv) => {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${key} must be key=value pairs such as "k1=v1,k2=v2", got "${kv}"`);
    return { key: kv.slice(0, eq).trim(), value: kv.slice(eq + 1).trim() };
  });
}

/** Runs a legacy command and returns its exit code; never throws. */
export async function runLegacyCommand(cmd: LegacyCommand, family: Family, argv: readonly string[], deps: Deps): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const p = parseLegacyArgv(cmd.name, argv, cmd.options);
    if (p.flags.has('help')) {
      deps.io.out(`${cmd.usage}\n`);
      return ExitCode.Ok;
    }
    const formats = ['show-long', 'show-table', 'show-xml', 'quiet'].filter((f) => p.flags.has(f));
    if (formats.length > 1) throw new UsageError(`--${formats.join(', --')} cannot be combined (one output format at a time)`);
    const g = legacyGeneral(family, p, deps.env);
    const sent: SentRequest[] = [];
    const answers: RawAnswer[] = [];
    const ctx = await legacyCtx(g, deps, { debug, ...(p.flags.has('show-request') ? { onRequest: (r: SentRequest) => sent.push(r) } : {}), ...(p.flags.has('show-xml') ? { onAnswer: (a: RawAnswer) => answers.push(a) } : {}) });
    if (cmd.prompt && !p.flags.has('force')) {
      const questions = cmd.prompt(p);
      if (!deps.io.stdinIsTTY) throw new UsageError(`not deleting without confirmation: there is no terminal to ask "${questions[0]}"`, 'pass -f/--force');
      for (const q of questions) if (!(await deps.confirm(q, '[Ny]'))) throw new OperationError('not confirmed; nothing deleted');
    }
    let result: LegacyResult;
    try {
      result = await cmd.run(p, ctx);
    } finally {
      for (const r of sent) deps.io.err(`REQUEST  ${r.service}.${r.operation}  ${JSON.stringify(redact(r.input))}\n`);
    }
    if (p.flags.has('quiet')) return ExitCode.Ok;
    if (p.flags.has('show-xml')) {
      // The service's own answers, as the Java tools printed them (CloudWatch's is JSON today).
      for (const a of answers) deps.io.out(`${a.body.trimEnd()}\n`);
      return ExitCode.Ok;
    }
    if (result.lines) for (const l of result.lines) deps.io.out(`${l}\n`);
    if (result.records) {
      deps.io.out(formatRecords(result.records, { headers: p.flags.has('headers'), long: p.flags.has('show-long'), delimiter: p.values.get('delimiter') ?? ',', emptyFields: p.flags.has('show-empty-fields') }));
    }
    return ExitCode.Ok;
  } catch (err) {
    const e = deps.signal.aborted ? asInterrupted(err) : classifyError(err);
    const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
    const message = oneLine(e.message).replace(new RegExp(`^${cmd.name}: `), '');
    deps.io.err(`${cmd.name}:  ${message}${e.hint ? `; ${oneLine(e.hint)}` : ''}\n`);
    if (debug) deps.io.err(debugDetails(e));
    return e.exitCode;
  }
}
