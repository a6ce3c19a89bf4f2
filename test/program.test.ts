import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { memoryIo } from '../src/output/io.js';
import { buildProgram, commandWord, COMMAND_SUMMARIES } from '../src/program.js';
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

describe('registering only the command being run', () => {
  const program = new Command();
  program.option('--region <region>').option('--no-color').option('-q, --quiet').addOption(new Option('--color [when]'));

  it.each([
    [['describe-asgs', 'web'], 'describe-asgs'],
    [['--region', 'eu-west-1', 'describe-asgs'], 'describe-asgs'],
    [['--region=eu-west-1', '-q', 'status'], 'status'],
    [['--no-color', 'teardown', '--stack', 'x'], 'teardown'],
  ])('%j runs %s', (argv, word) => {
    expect(commandWord(program, argv)).toBe(word);
  });

  it.each([[['--bogus', 'describe-asgs']], [['--color', 'describe-asgs']], [['--help', 'status']], [['-h']], [['--region']], [[]]])('%j: not certain, so every command is registered', (argv) => {
    expect(commandWord(program, argv)).toBeUndefined();
  });

  it('leaves out the other commands when the line surely runs one', async () => {
    const names = (p: Command) => p.commands.map((c) => c.name());
    expect(names(await buildProgram(deps, ['--region', 'eu-west-1', 'describe-asgs']))).toEqual(['describe-asgs']);
    expect(names(await buildProgram(deps, ['--output', 'json', 'status', '--stack', 'describe-asgs']))).toEqual(['describe-asgs', 'status']);
    expect(names(await buildProgram(deps, ['--bogus', 'describe-asgs']))).toEqual(COMMAND_SUMMARIES.map((e) => e.name));
    expect(names(await buildProgram(deps, ['help', 'status']))).toEqual(COMMAND_SUMMARIES.map((e) => e.name));
  });

  it('still suggests the command meant when the word is mistyped', async () => {
    const r = await runCli('--region eu-west-1 descibe-asgs web status');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'descibe-asgs'; did you mean describe-asgs/);
  });
});
