import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { install, nothingOfWebLeft, webWorld } from './teardown-world.js';

describe('teardown smoke', () => {
  it('runs', async () => {
    const w = install(webWorld());
    const r = await runCli('teardown --stack web --yes');
    console.log(r.code, r.stdout, r.stderr, w.log, r.sleeps);
    expect(nothingOfWebLeft(w)).toBe(true);
  });
});
