import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { memoryIo } from '../src/output/io.js';
import { COMMAND_SUMMARIES } from '../src/program.js';
import { runCli } from './helpers/run-cli.js';

const deps = { io: memoryIo() } as unknown as Deps;

describe('the command list', () => {
  it.each(COMMAND_SUMMARIES.map((e) => [e.name, e]))('%s: the root help summary is the command’s own description', async (name, entry) => {
    const program = new Command();
    (await entry.load())(program, deps);
    const cmd = program.commands.find((c) => c.name() === name);
    expect(cmd, `${name} registers a command of that name`).toBeDefined();
    expect(cmd!.description()).toBe(entry.summary);
  });

  it('lists every command once, in tier order, in the root help', async () => {
    const r = await runCli('--help', { columns: 200 });
    expect(r.code).toBe(0);
    const listed = [...r.stdout.matchAll(/^ {2}([a-z][a-z-]+) {2,}/gm)].map((m) => m[1]);
    expect(listed).toEqual(COMMAND_SUMMARIES.map((e) => e.name));
  });

  it('loads the full definition of the command being run', async () => {
    const r = await runCli('create-lb --help', { columns: 200 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: scalectl create-lb [options] <name>');
    expect(r.stdout).toContain('--listener');
  });
});
