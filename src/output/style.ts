import { Chalk, type ChalkInstance } from 'chalk';
import { wantsColour } from './plain.js';

export type Style = ChalkInstance;

/**
 * The one chalk instance of a run. Colour only when the stream is a terminal, `--no-color` was not
 * given and `NO_COLOR` is unset (chalk itself does not read NO_COLOR).
 */
export function createStyle(opts: { isTTY: boolean; color: boolean; env: Record<string, string | undefined> }): Style {
  return new Chalk({ level: wantsColour(opts) ? 1 : 0 });
}
