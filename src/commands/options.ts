import { InvalidArgumentError, Option, type Command } from 'commander';
import { createCtx, type Ctx, type Deps, type GlobalOptions } from '../deps.js';
import { UsageError } from '../errors.js';
import { tagProblem } from '../domain/aws-names.js';
import { checkSettings } from '../settings.js';

/**
 * The run context of the command whose action is running: global flags bound to the deps. An
 * unusable region or endpoint (flag, environment or profile) fails here, before anything else and
 * in a dry run too; `config` passes `showInvalid` to report it in its table instead.
 */
export async function contextOf(cmd: Command, deps: Deps, opts: { showInvalid?: boolean } = {}): Promise<Ctx> {
  const all = cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
  const globals: GlobalOptions = { color: all.color !== false };
  for (const key of ['region', 'profile', 'endpointUrl', 'output', 'quiet', 'debug', 'query'] as const) {
    if (all[key] !== undefined) Object.assign(globals, { [key]: all[key] });
  }
  if (all.dryRun === true) globals.dryRun = true;
  if (globals.query !== undefined) await checkQueryFlag(globals.query);
  const ctx = await createCtx(deps, globals);
  if (!opts.showInvalid) {
    // Other settings problems (no profile, unreadable files) stay where they were: at the first request.
    const s = await ctx.settings().catch(() => undefined);
    if (s) checkSettings(s);
  }
  return ctx;
}

/** A bad `--query` is a usage error, found before any request is sent. */
async function checkQueryFlag(expr: string): Promise<void> {
  if (expr.trim() === '') throw new UsageError('--query needs a JMESPath expression, e.g. --query \'groups[].name\'.');
  const problem = await (await import('../output/query.js')).checkQuery(expr);
  if (problem) throw new UsageError(`--query ${JSON.stringify(expr)} is not a valid JMESPath expression: ${problem.replace(/\.$/, '')}.`);
}

/** A whole number within [min, max]; `label` names it in the error. Accepts `+2` and `-1`. */
export function intArg(label: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range = min > Number.MIN_SAFE_INTEGER && max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min === 0 ? ' of 0 or more' : min === 1 ? ' of 1 or more' : '';
      throw new InvalidArgumentError(`${label} must be a whole number${range}.`);
    }
    return n;
  };
}

/** A finite decimal number (thresholds, percentages). */
export function numberArg(label: string) {
  return (value: string): number => {
    // Decimal only: Number() would also take 0x10, 0b1 and '' (as 0).
    const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isFinite(n)) throw new InvalidArgumentError(`${label} must be a number.`);
    return n;
  };
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/;

/** `90`, `90s`, `15m`, `1h`, `1h30m` → seconds. */
export function parseDuration(value: string): number | undefined {
  const m = DURATION.exec(value.trim().toLowerCase());
  if (!m || value.trim() === '' || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** A duration flag's parser, giving seconds. */
export function durationArg(label: string) {
  return (value: string): number => {
    const s = parseDuration(value);
    if (s === undefined) throw new InvalidArgumentError(`${label} must be a duration such as 90, 90s, 15m or 1h.`);
    return s;
  };
}

/** Repeatable list flag: `--zones a,b` and `--zones a --zones b` both give [a, b]; an empty value is refused. */
export function listArg(value: string, previous: string[] = []): string[] {
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  // `--subnets ""` from an unset shell variable would otherwise reach AWS as an empty list.
  if (items.length === 0) throw new InvalidArgumentError('Give at least one value.');
  return [...previous, ...items];
}

/** One `KEY=VALUE` pair (the value may hold `=`). */
export interface KeyValue {
  key: string;
  value: string;
}

/** Repeatable `KEY=VALUE` flag. */
export function keyValueArg(label: string) {
  return (raw: string, previous: KeyValue[] = []): KeyValue[] => {
    const eq = raw.indexOf('=');
    const key = eq > 0 ? raw.slice(0, eq).trim() : '';
    if (!key) throw new InvalidArgumentError(`${label} must be KEY=VALUE, got "${raw}".`);
    return [...previous, { key, value: raw.slice(eq + 1).trim() }];
  };
}

/** `--dry-run`: plan and print, send no write. */
export function addDryRun(cmd: Command): Command {
  return cmd.option('--dry-run', 'print the plan and send no write (works without credentials)');
}

/** `-y, --yes`: delete without asking; required when not on a terminal. */
export function addYes(cmd: Command): Command {
  return cmd.option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)');
}

/** `--stack NAME`: tag what is created with scalectl:stack=NAME. */
export function addStack(cmd: Command, description = 'tag what is created with scalectl:stack=NAME so status and teardown find it'): Command {
  return cmd.option('--stack <name>', description, (v: string) => {
    const problem = tagProblem('scalectl:stack', v);
    if (problem) throw new InvalidArgumentError(`${problem}.`);
    return v;
  });
}

/** `--tag K=V`, repeatable. */
export function addTags(cmd: Command): Command {
  const parse = keyValueArg('--tag');
  return cmd.option('--tag <key=value>', 'tag to add (repeatable)', (raw: string, previous?: KeyValue[]) => {
    const all = parse(raw, previous);
    const last = all[all.length - 1]!;
    const problem = tagProblem(last.key, last.value);
    if (problem) throw new InvalidArgumentError(`${problem}.`);
    return all;
  });
}

/** The global options, declared once on the root command. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--region <region>', 'AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile, then EC2_REGION)')
    .option('--profile <name>', 'shared-config profile (AWS_PROFILE); SSO and assume-role profiles work')
    .option('--endpoint-url <url>', 'send every request to this endpoint (LocalStack, moto, a proxy)')
    .addOption(new Option('--output <format>', 'output format (default: table on a terminal, text otherwise)').choices(['table', 'text', 'json']))
    .option('--no-color', 'no colour (also when NO_COLOR is set or the stream is not a terminal)')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--debug', 'AWS request ids, retries and stack traces on stderr (secrets redacted)')
    .option('--query <expr>', "JMESPath expression applied to the JSON result, as in the AWS CLI (e.g. 'groups[].name')");
}
