import { Chalk, type ChalkInstance } from 'chalk';

export type Style = ChalkInstance;

/**
 * The one chalk instance of a run. Colour only when the stream is a terminal, `--no-color` was not
 * given, `TERM` is not `dumb` and `NO_COLOR` is unset (chalk itself does not read NO_COLOR). The same rule as
 * `wantsColour` in plain.ts, repeated so this lazily loaded module shares no code with start-up
 * (a shared module would become one more chunk that every run loads).
 */
export function createStyle(opts: { isTTY: boolean; color: boolean; env: Record<string, string | undefined> }): Style {
  const noColor = opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '';
  return new Chalk({ level: opts.isTTY && opts.color && !noColor && opts.env.TERM !== 'dumb' ? 1 : 0 });
}
