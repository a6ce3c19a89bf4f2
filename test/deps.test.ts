import { describe, expect, it, vi } from 'vitest';
import { createCtx, type Deps, type GlobalOptions } from '../src/deps.js';
import { memoryIo } from '../src/output/io.js';
import type { AwsClients, ClientSettings } from '../src/services/clients.js';
import { TEST_ENV } from './helpers/run-cli.js';

function setup(opts: { env?: Record<string, string | undefined>; tty?: boolean; globals?: Partial<GlobalOptions> } = {}) {
  const io = memoryIo({ tty: opts.tty ?? false });
  const fake = { elb: async () => 'elb-client', iam: async () => 'iam-client' } as unknown as AwsClients;
  const makeClients = vi.fn((_s: ClientSettings) => fake);
  const deps: Deps = { io, env: opts.env ?? { ...TEST_ENV }, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients };
  return { io, makeClients, ctx: createCtx(deps, { color: false, ...opts.globals }) };
}

describe('ctx.aws', () => {
  it('builds the clients once, from the resolved settings, with 8 attempts by default', async () => {
    const { ctx, makeClients } = setup({ globals: { region: 'eu-west-1' } });
    const c = await ctx;
    expect(await c.aws.elb()).toBe('elb-client');
    expect(await c.aws.iam()).toBe('iam-client');
    expect(makeClients).toHaveBeenCalledTimes(1);
    expect(makeClients.mock.calls[0]![0]).toEqual({ region: 'eu-west-1', maxAttempts: 8, warn: expect.any(Function), notice: expect.any(Function), signal: expect.any(AbortSignal) });
  });

  it('passes --endpoint-url, --profile, legacy keys, AWS_MAX_ATTEMPTS and the debug log', async () => {
    const env = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ACCESS_KEY: 'AKIALEGACY000001', AWS_SECRET_KEY: 'legacy-secret-0001', AWS_MAX_ATTEMPTS: '3' };
    const { ctx, makeClients, io } = setup({ env, globals: { endpointUrl: 'http://127.0.0.1:4566', debug: true } });
    await (await ctx).aws.elb();
    const s = makeClients.mock.calls[0]![0];
    expect(s).toMatchObject({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', staticKeys: { accessKeyId: 'AKIALEGACY000001', secretAccessKey: 'legacy-secret-0001' }, maxAttempts: 3 });
    s.debug!('a line with legacy-secret-0001 in it');
    expect(io.stderr()).toBe('debug: a line with ***redacted*** in it\n');
  });

  it('leaves AWS_ENDPOINT_URL to the SDK (which applies per-service variables too) and ignores a bad AWS_MAX_ATTEMPTS', async () => {
    const { ctx, makeClients } = setup({ env: { ...TEST_ENV, AWS_ENDPOINT_URL: 'http://env', AWS_MAX_ATTEMPTS: 'many' } });
    await (await ctx).aws.elb();
    expect(makeClients.mock.calls[0]![0]).not.toHaveProperty('endpoint');
    expect(makeClients.mock.calls[0]![0].maxAttempts).toBe(8);
  });

  it('no region or no credentials: exit 3 before any client is built', async () => {
    const noRegion = setup({ env: { ...TEST_ENV, AWS_REGION: undefined } });
    await expect((await noRegion.ctx).aws.elb()).rejects.toMatchObject({ exitCode: 3, message: 'no AWS region configured' });
    const noKeys = setup({ env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    await expect((await noKeys.ctx).aws.iam()).rejects.toMatchObject({ exitCode: 3, message: 'no AWS credentials found' });
    expect(noRegion.makeClients).not.toHaveBeenCalled();
    expect(noKeys.makeClients).not.toHaveBeenCalled();
  });
});

describe('ctx.log', () => {
  it('off a terminal: one line per progress or status message, warnings and no debug', async () => {
    const { ctx, io } = setup();
    const { log } = await ctx;
    log.progress('Creating load-balancer web');
    log.status('waiting: 2 instances');
    log.status('waiting: 1 instance');
    log.endStatus();
    log.warn('deletion protection is on');
    log.debug('hidden');
    expect(io.stderr()).toBe('Creating load-balancer web\nwaiting: 2 instances\nwaiting: 1 instance\nwarning: deletion protection is on\n');
  });

  it('on a terminal: status lines replace each other and end before the next line', async () => {
    const { ctx, io } = setup({ tty: true });
    const { log } = await ctx;
    log.status('waiting: 2');
    log.status('waiting: 1');
    log.progress('done waiting');
    log.status('again');
    log.endStatus();
    log.endStatus();
    expect(io.stderr()).toBe('\r\x1b[2Kwaiting: 2\r\x1b[2Kwaiting: 1\ndone waiting\n\r\x1b[2Kagain\n');
  });

  it('--quiet silences progress and status, not warnings', async () => {
    const { ctx, io } = setup({ globals: { quiet: true } });
    const { log } = await ctx;
    log.progress('p');
    log.status('s');
    log.warn('w');
    expect(io.stderr()).toBe('warning: w\n');
  });

  it('secrets from the environment never reach either stream', async () => {
    const { ctx, io } = setup();
    const c = await ctx;
    c.log.warn(`leaked ${TEST_ENV.AWS_SECRET_ACCESS_KEY}`);
    c.io.out(`leaked ${TEST_ENV.AWS_SECRET_ACCESS_KEY}\n`);
    expect(io.stderr() + io.stdout()).not.toContain(TEST_ENV.AWS_SECRET_ACCESS_KEY);
  });
});
