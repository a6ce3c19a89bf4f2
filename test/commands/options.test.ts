import { Command, InvalidArgumentError } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerConfig, type ConfigOptions } from '../../src/commands/setup/config.js';
import { addGlobalOptions, durationArg, intArg, keyValueArg, listArg, numberArg, parseDuration } from '../../src/commands/options.js';
import type { Ctx } from '../../src/deps.js';
import { runCli, TEST_ENV } from '../helpers/run-cli.js';

/** Runs a parser the way commander does and returns its error message. */
function failure(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return (err as Error).message;
  }
  throw new Error('expected the parser to reject the value');
}

describe('value parsers', () => {
  it('intArg takes signed whole numbers, +2 and -1 included, within its range', () => {
    const adjust = intArg('--adjust');
    expect(adjust('+2')).toBe(2);
    expect(adjust('-1')).toBe(-1);
    expect(adjust(' 7 ')).toBe(7);
    expect(failure(() => adjust('1.5'))).toBe('--adjust must be a whole number.');
    expect(failure(() => adjust('two'))).toBe('--adjust must be a whole number.');
    expect(failure(() => adjust(''))).toBe('--adjust must be a whole number.');
    expect(failure(() => adjust('1e3'))).toBe('--adjust must be a whole number.');
    expect(failure(() => adjust('99999999999999999999'))).toBe('--adjust must be a whole number.');
    expect(failure(() => intArg('--min', 0)('-1'))).toBe('--min must be a whole number of 0 or more.');
    expect(failure(() => intArg('--max', 1)('0'))).toBe('--max must be a whole number of 1 or more.');
    expect(failure(() => intArg('--percent', 0, 100)('101'))).toBe('--percent must be a whole number from 0 to 100.');
    expect(intArg('--percent', 0, 100)('100')).toBe(100);
  });

  it('numberArg takes finite decimals only', () => {
    const threshold = numberArg('--threshold');
    expect(threshold('75.5')).toBe(75.5);
    expect(threshold('-0.25')).toBe(-0.25);
    expect(threshold('+3')).toBe(3);
    for (const bad of ['', ' ', 'abc', 'Infinity', 'NaN', '1,5']) expect(failure(() => threshold(bad))).toBe('--threshold must be a number.');
  });

  it('parseDuration reads 90, 90s, 15m, 1h and 1h30m as seconds, and nothing else', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1h30m15s')).toBe(5415);
    expect(parseDuration('2M')).toBe(120);
    expect(parseDuration('0')).toBe(0);
    for (const bad of ['', 's', '1d', '-5', '1.5h', '15 m', 'm15', '30m1h', 'abc']) expect(parseDuration(bad), bad).toBeUndefined();
    expect(durationArg('--timeout')('10m')).toBe(600);
    expect(failure(() => durationArg('--timeout')('ten'))).toBe('--timeout must be a duration such as 90, 90s, 15m or 1h.');
  });

  it('listArg takes commas and repetition alike', () => {
    expect(listArg('a,b')).toEqual(['a', 'b']);
    expect(listArg('c', listArg('a,b'))).toEqual(['a', 'b', 'c']);
    expect(listArg(' a , ,b,')).toEqual(['a', 'b']);
  });

  it('keyValueArg takes KEY=VALUE (the value may hold =) and rejects anything else', () => {
    const tag = keyValueArg('--tag');
    expect(tag('Name=web')).toEqual([{ key: 'Name', value: 'web' }]);
    expect(tag('expr=a=b', tag('Name=web'))).toEqual([
      { key: 'Name', value: 'web' },
      { key: 'expr', value: 'a=b' },
    ]);
    expect(tag('empty=')).toEqual([{ key: 'empty', value: '' }]);
    expect(failure(() => tag('novalue'))).toBe('--tag must be KEY=VALUE, got "novalue".');
    expect(failure(() => tag('=web'))).toBe('--tag must be KEY=VALUE, got "=web".');
  });

  it('the parsers work through commander: negative numbers and repeated lists', async () => {
    const program = new Command().exitOverride();
    program
      .option('--adjust <n>', '', intArg('--adjust'))
      .option('--zones <zones>', '', listArg)
      .option('--timeout <d>', '', durationArg('--timeout'))
      .option('--tag <k=v>', '', keyValueArg('--tag'));
    program.parse(['--adjust', '-1', '--zones', 'a,b', '--zones', 'c', '--timeout', '1h30m', '--tag', 'a=1', '--tag', 'b=2'], { from: 'user' });
    expect(program.opts()).toEqual({ adjust: -1, zones: ['a', 'b', 'c'], timeout: 5400, tag: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] });
    program.parse(['--adjust=+2'], { from: 'user' });
    expect(program.opts().adjust).toBe(2);
  });
});

describe('global options and the run function', () => {
  /** The program with config registered against a spy, so we see exactly what it is handed. */
  async function parseConfig(argv: string[]): Promise<{ opts: ConfigOptions; ctx: Ctx }> {
    const { memoryIo } = await import('../../src/output/io.js');
    const { createAwsClients } = await import('../../src/services/clients.js');
    const spy = vi.fn(async (_opts: ConfigOptions, _ctx: Ctx) => ({
      region: { value: 'r', source: 's' },
      profile: { value: 'default', source: 'default' },
      credentials: { kind: 'env' as const, detail: 'd' },
      endpoint: { services: [] },
      output: { format: 'text', source: 's' },
    }));
    const program = addGlobalOptions(new Command('scalectl').exitOverride());
    const deps = { io: memoryIo(), env: { ...TEST_ENV }, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: createAwsClients };
    registerConfig(program, deps, spy);
    await program.parseAsync(argv, { from: 'user' });
    expect(spy).toHaveBeenCalledTimes(1);
    const [opts, ctx] = spy.mock.calls[0]!;
    return { opts, ctx };
  }

  it('hands config the exact options object', async () => {
    expect((await parseConfig(['config'])).opts).toEqual({ verify: false });
    expect((await parseConfig(['config', '--verify'])).opts).toEqual({ verify: true });
  });

  it('takes global options before or after the command name', async () => {
    const expected = { color: false, region: 'eu-west-1', profile: 'p', endpointUrl: 'http://127.0.0.1:4566', output: 'json', quiet: true, debug: true };
    const flags = ['--region', 'eu-west-1', '--profile', 'p', '--endpoint-url', 'http://127.0.0.1:4566', '--output', 'json', '--no-color', '-q', '--debug'];
    expect((await parseConfig([...flags, 'config'])).ctx.globals).toEqual(expected);
    expect((await parseConfig(['config', ...flags])).ctx.globals).toEqual(expected);
    expect((await parseConfig(['--region', 'eu-west-1', 'config', '--output', 'json'])).ctx.globals).toEqual({ color: true, region: 'eu-west-1', output: 'json' });
  });

  it('picks the output format: --output, else table on a terminal and text otherwise', async () => {
    expect((await parseConfig(['config'])).ctx.format).toBe('text');
    for (const f of ['table', 'text', 'json']) expect((await parseConfig(['config', '--output', f])).ctx.format).toBe(f);
    expect((await runCli('config --no-color', { tty: true })).stdout.split('\n')[0]).toMatch(/^SETTING +VALUE +FROM$/);
    expect((await runCli('config', { tty: true })).stdout.split('\n')[0]).toMatch(/^\x1b\[1mSETTING\x1b\[22m +\x1b\[1mVALUE/);
    expect((await runCli('config', { tty: true, env: { ...TEST_ENV, NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('rejects an --output that is not table, text or json with exit 2 and nothing on stdout', async () => {
    const r = await runCli('config --output yaml');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe("error: option '--output <format>' argument 'yaml' is invalid. Allowed choices are table, text, json; run 'scalectl config --help' for usage\n");
  });
});

describe('usage errors', () => {
  it('an unknown command exits 2 with a suggestion on one line', async () => {
    expect(await runCli('confg')).toMatchObject({ code: 2, stdout: '', stderr: "error: unknown command 'confg'; did you mean config?\n" });
  });

  it('an unknown flag exits 2 with a suggestion, before or after the command', async () => {
    expect(await runCli('config --regin eu-west-1')).toMatchObject({ code: 2, stdout: '', stderr: "error: unknown option '--regin'; did you mean --region?\n" });
    expect(await runCli('--outptu json config')).toMatchObject({ code: 2, stderr: "error: unknown option '--outptu'; did you mean --output?\n" });
  });

  it('an unknown flag with nothing like it points at --help', async () => {
    expect(await runCli('config --frobnicate')).toMatchObject({ code: 2, stderr: "error: unknown option '--frobnicate'; run 'scalectl config --help' for usage\n" });
  });

  it('a stray argument exits 2', async () => {
    expect(await runCli('config extra')).toMatchObject({ code: 2, stderr: "error: too many arguments for 'config'. Expected 0 arguments but got 1; run 'scalectl config --help' for usage\n" });
  });

  it('no arguments at all prints help on stderr and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: scalectl \[options\] \[command\]\n/);
  });

  it('--version and --help exit 0 with their text on stdout', async () => {
    expect(await runCli('--version')).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = await runCli('config --help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: scalectl config \[options\]/);
  });
});

describe('list and number flags refuse values a script got wrong', () => {
  it('an empty list value (an unset shell variable) is exit 2, not an empty list sent to AWS', async () => {
    const r = await runCli("create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --subnets ''");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: option '--subnets <ids>' argument '' is invalid. Give at least one value; run 'scalectl create-asg --help' for usage\n");
  });

  it('a number flag takes decimals only, not 0x10', async () => {
    const r = await runCli('put-alarm cpu-high --metric CPUUtilization --namespace AWS/EC2 --statistic Average --period 60 --threshold 0x10 --comparison gt --evaluation-periods 2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument '0x10' is invalid. --threshold must be a number");
  });
});
