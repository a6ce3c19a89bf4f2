import { describe, expect, it } from 'vitest';
import { docsOf } from '../src/commands/docs.js';
import { memoryIo } from '../src/output/io.js';
import { buildProgram, COMMAND_SUMMARIES } from '../src/program.js';
import { runCli } from './helpers/run-cli.js';

// Table-driven over the whole command list, so a new command cannot ship without its page.
// New or changed pages: npx vitest run test/help-pages.test.ts -u, then read the diff.
const names = COMMAND_SUMMARIES.map((e) => e.name);

async function commandOf(name: string) {
  const deps = { io: memoryIo(), env: {}, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: () => { throw new Error('no AWS in help'); } };
  const program = await buildProgram(deps as never, [name]);
  return program.commands.find((c) => c.name() === name)!;
}

describe.each(names)('%s', (name) => {
  it('has examples of itself, its text columns and its exit codes', async () => {
    const docs = docsOf(await commandOf(name));
    expect(docs, `${name} has no addDocs(...)`).toBeDefined();
    expect(docs!.examples.length).toBeGreaterThanOrEqual(2);
    expect(docs!.examples.length).toBeLessThanOrEqual(4);
    for (const e of docs!.examples) expect(e.includes(`scalectl ${name}`) || e.startsWith('scalectl --'), e).toBe(true);
    expect(docs!.text.length).toBeGreaterThan(0);
    expect(docs!.exitCodes).toEqual(expect.arrayContaining([0, 1, 2]));
  });

  it('help NAME and NAME --help print the same page', async () => {
    const a = await runCli(['help', name], { columns: 80 });
    const b = await runCli([name, '--help'], { columns: 80 });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('\nExamples:\n');
    expect(a.stdout).toContain('\nExit codes:\n');
    expect(a.stdout).toMatchSnapshot();
  });
});
