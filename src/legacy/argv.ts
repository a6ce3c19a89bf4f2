// The legacy tools' option parser: `--opt value`, `--opt=value`, `-a -1` (a value option always takes
// the next word, so negative numbers work however they are written), comma lists with spaces after
// the commas, repeatable options. Unknown options are refused before anything is sent.
import { UsageError } from '../errors.js';

/** value: one string (last wins); list: comma lists, repeatable; repeat: raw strings, repeatable; flag: present or not. */
export type OptKind = 'value' | 'list' | 'repeat' | 'flag';

export interface OptSpec {
  long: string;
  short?: string;
  kind: OptKind;
}

/** What a legacy command line says: positional words and options by long name (without `--`). */
export interface Parsed {
  positional: string[];
  values: Map<string, string>;
  lists: Map<string, string[]>;
  flags: Set<string>;
}

/** The general options of every legacy command (§2.2-2.4 of the reference). */
export const GENERAL_OPTIONS: OptSpec[] = [
  { long: 'access-key-id', short: 'I', kind: 'value' },
  { long: 'secret-key', short: 'S', kind: 'value' },
  { long: 'aws-credential-file', kind: 'value' },
  { long: 'ec2-private-key-file-path', short: 'K', kind: 'value' },
  { long: 'ec2-cert-file-path', short: 'C', kind: 'value' },
  { long: 'region', kind: 'value' },
  { long: 'url', short: 'U', kind: 'value' },
  { long: 'connection-timeout', kind: 'value' },
  { long: 'delimiter', kind: 'value' },
  { long: 'headers', short: 'H', kind: 'flag' },
  { long: 'show-long', kind: 'flag' },
  { long: 'show-table', kind: 'flag' },
  { long: 'show-xml', kind: 'flag' },
  { long: 'show-empty-fields', kind: 'flag' },
  { long: 'show-request', kind: 'flag' },
  { long: 'quiet', kind: 'flag' },
  { long: 'debug', kind: 'flag' },
  { long: 'help', short: 'h', kind: 'flag' },
];

/** Splits `a, b,c` into [a, b, c]. */
export function splitList(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Parses argv against the command's options first, then the general ones (a command's -d or -c wins). */
export function parseLegacyArgv(command: string, argv: readonly string[], own: readonly OptSpec[]): Parsed {
  // A general option whose short form the command takes (-h/-H of as-set-desired-capacity) keeps its long form.
  const specs = [...own, ...GENERAL_OPTIONS.filter((g) => !own.some((o) => o.long === g.long)).map((g) => (g.short && own.some((o) => o.short === g.short) ? { long: g.long, kind: g.kind } : g))];
  const out: Parsed = { positional: [], values: new Map(), lists: new Map(), flags: new Set() };
  let i = 0;
  let options = true;
  while (i < argv.length) {
    const word = argv[i++]!;
    if (options && word === '--') {
      options = false;
      continue;
    }
    if (!options || !word.startsWith('-') || word === '-' || /^-\d/.test(word)) {
      out.positional.push(word);
      continue;
    }
    const long = word.startsWith('--');
    const body = long ? word.slice(2) : word.slice(1);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = specs.find((s) => (long ? s.long === name : s.short === name));
    if (!spec) throw new UsageError(`${command}: unknown option ${long ? '--' : '-'}${name}`, `run '${command} --help' for its options`);
    if (spec.kind === 'flag') {
      if (eq >= 0) throw new UsageError(`${command}: option --${spec.long} takes no value`);
      out.flags.add(spec.long);
      continue;
    }
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else {
      if (i >= argv.length) throw new UsageError(`${command}: option --${spec.long} needs a value`);
      value = argv[i++]!;
    }
    if (spec.kind === 'value') out.values.set(spec.long, value);
    else {
      const prev = out.lists.get(spec.long) ?? [];
      out.lists.set(spec.long, [...prev, ...(spec.kind === 'list' ? splitList(value) : [value])]);
    }
  }
  return out;
}
