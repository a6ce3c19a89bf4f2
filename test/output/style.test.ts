import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { plainStyle, wantsColour } from '../../src/output/plain.js';
import { createStyle } from '../../src/output/style.js';

describe('styles', () => {
  it('colours only a terminal without --no-color and without NO_COLOR', () => {
    expect(wantsColour({ isTTY: true, color: true, env: {} })).toBe(true);
    expect(wantsColour({ isTTY: true, color: true, env: { NO_COLOR: '' } })).toBe(true);
    expect(wantsColour({ isTTY: false, color: true, env: {} })).toBe(false);
    expect(wantsColour({ isTTY: true, color: false, env: {} })).toBe(false);
    expect(wantsColour({ isTTY: true, color: true, env: { NO_COLOR: '1' } })).toBe(false);
    // createStyle applies the same rule (kept apart so chalk's chunk shares nothing with start-up)
    for (const isTTY of [true, false]) {
      for (const color of [true, false]) {
        for (const env of [{}, { NO_COLOR: '' }, { NO_COLOR: '1' }]) {
          expect(createStyle({ isTTY, color, env }).level > 0).toBe(wantsColour({ isTTY, color, env }));
        }
      }
    }
    expect(createStyle({ isTTY: true, color: true, env: {} }).red('x')).toBe('\x1b[31mx\x1b[39m');
  });

  it('the plain style (used when no stream gets colour, so chalk is not loaded) behaves like chalk at level 0', () => {
    const chalk = new Chalk({ level: 0 });
    const uses: Array<(s: typeof chalk) => unknown> = [
      (s) => s.red('x'),
      (s) => s.bold.red('a', 'b'),
      (s) => s.dim(3),
      (s) => s.green(undefined),
      (s) => s.yellow(),
      (s) => s('root', 1),
      (s) => s.hex('#ff0000')('hex'),
      (s) => s.bgRgb(1, 2, 3).bold('rgb'),
      (s) => s.ansi256(100)('a256'),
      (s) => s.visible('only with colour'),
      (s) => s.red.visible('only with colour'),
      (s) => s.level,
    ];
    for (const use of uses) expect(use(plainStyle)).toEqual(use(chalk));
  });
});
