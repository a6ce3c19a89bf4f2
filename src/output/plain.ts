import type { Style } from './style.js';

/** Colour only on a terminal that is not `TERM=dumb`, without `--no-color`, and with `NO_COLOR` unset or empty (no-color.org). */
export function wantsColour(opts: { isTTY: boolean; color: boolean; env: Record<string, string | undefined> }): boolean {
  const noColor = opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '';
  return opts.isTTY && opts.color && !noColor && opts.env.TERM !== 'dumb';
}

const MODELS = new Set(['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256']);

/** A colourless style that behaves like chalk at level 0, `visible` (empty when colour is off) included. */
function plain(empty: boolean): Style {
  const style: Style = new Proxy(function () {} as unknown as Style, {
    get: (_target, prop) => {
      if (prop === 'level') return 0;
      if (prop === 'visible') return empty ? style : emptyStyle;
      if (typeof prop === 'string' && MODELS.has(prop)) return () => style;
      return style;
    },
    apply: (_target, _this, args: unknown[]) => (empty ? '' : args.length === 1 ? `${args[0]}` : args.join(' ')),
  });
  return style;
}

const emptyStyle = plain(true);

/**
 * The style of a stream without colour. Used instead of chalk when neither stream gets colour, so
 * scripted runs (pipes, files, `--no-color`) never load chalk and the terminal detection it imports.
 */
export const plainStyle: Style = plain(false);
