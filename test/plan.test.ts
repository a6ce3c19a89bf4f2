import { describe, expect, it, vi } from 'vitest';
import { createCtx, type Ctx, type Deps, type Log } from '../src/deps.js';
import { ConfigError, OperationError, PartialError, formatError } from '../src/errors.js';
import { memoryIo } from '../src/output/io.js';
import { render } from '../src/output/render.js';
import { executePlan, placeholder, planView, readLive, toPlan, type Step } from '../src/plan.js';
import { createAwsClients } from '../src/services/clients.js';
import { awsError } from './helpers/aws.js';
import { TEST_ENV } from './helpers/run-cli.js';

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, progress: (m) => lines.push(`progress: ${m}`), status: (m) => lines.push(`status: ${m}`), endStatus: () => {}, warn: (m) => lines.push(`warn: ${m}`), debug: (m) => lines.push(`debug: ${m}`) };
}

function step(action: string, resource: string, name: string, run: () => Promise<void> = async () => {}, extra: Partial<Step> = {}): Step & { run: ReturnType<typeof vi.fn> } {
  return { action, resource, name, ...extra, run: vi.fn(run) };
}

async function ctxFor(opts: { env?: Record<string, string | undefined>; format?: 'table' | 'text' | 'json'; tty?: boolean } = {}) {
  const io = memoryIo({ tty: opts.tty ?? false });
  const deps: Deps = { io, env: opts.env ?? { ...TEST_ENV }, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: createAwsClients };
  const ctx = await createCtx(deps, { color: false, ...(opts.format ? { output: opts.format } : {}) });
  return { io, ctx };
}

describe('executePlan', () => {
  it('runs the steps in order with a progress line each, skipping unchanged ones', async () => {
    const order: string[] = [];
    const steps = [
      step('create', 'load-balancer', 'web', async () => void order.push('lb'), { detail: 'http:80' }),
      step('unchanged', 'health-check', 'web'),
      step('attach', 'certificate', 'web-cert', async () => void order.push('cert')),
      step('frobnicate', 'widget', 'w', async () => void order.push('widget')),
    ];
    const log = recordingLog();
    await executePlan(steps, log);
    expect(order).toEqual(['lb', 'cert', 'widget']);
    expect(steps[1]!.run).not.toHaveBeenCalled();
    expect(log.lines).toEqual(['progress: Creating load-balancer web (http:80)', 'progress: Attaching certificate web-cert', 'progress: frobnicate widget w']);
  });

  it('a failing first step fails the run as it is (exit 1), nothing else runs', async () => {
    const refused = awsError('ValidationError', 'bad listener');
    const later = step('create', 'policy', 'up');
    const err = await executePlan([step('unchanged', 'x', 'y'), step('create', 'load-balancer', 'web', async () => { throw refused; }), later], recordingLog()).catch((e: unknown) => e);
    expect(err).toBe(refused);
    expect(later.run).not.toHaveBeenCalled();
  });

  it('a failure after a done step is a PartialError (exit 5) naming what is done and not', async () => {
    const steps = [
      step('create', 'load-balancer', 'web'),
      step('unchanged', 'health-check', 'web'),
      step('create', 'policy', 'up', async () => { throw awsError('LimitExceeded', 'too many policies'); }),
      step('unchanged', 'tag', 't'),
      step('create', 'alarm', 'high-cpu'),
    ];
    const err = (await executePlan(steps, recordingLog()).catch((e: unknown) => e)) as PartialError;
    expect(err).toBeInstanceOf(PartialError);
    expect(err.exitCode).toBe(5);
    expect(err.done).toEqual(['create load-balancer web']);
    expect(err.notDone).toEqual(['create policy up', 'create alarm high-cpu']);
    expect(steps[4]!.run).not.toHaveBeenCalled();
    expect(formatError(err)).toBe(
      'error: create policy up failed: AWS refused: LimitExceeded: too many policies; re-run the same command to finish\ndone: create load-balancer web\nnot done: create policy up, create alarm high-cpu\n',
    );
  });
});

describe('readLive', () => {
  const noRegion = { ...TEST_ENV, AWS_REGION: undefined };

  it('returns what it reads when it can', async () => {
    const { ctx } = await ctxFor();
    expect(await readLive(ctx, true, async () => 'live', 'offline')).toBe('live');
  });

  it('in a dry-run without region or credentials: warns once and plans offline', async () => {
    const { ctx, io } = await ctxFor({ env: noRegion });
    const read = async () => {
      await ctx.aws.elb(); // no region: the ConfigError a real read would raise
      return 'live';
    };
    expect(await readLive(ctx, true, read, 'offline-1')).toBe('offline-1');
    expect(await readLive(ctx, true, read, 'offline-2')).toBe('offline-2');
    expect(io.stderr()).toBe('warning: no AWS region configured: planning without reading AWS, as if nothing existed yet\n');
    expect(io.stdout()).toBe('');
  });

  it('treats SDK credential errors the same way', async () => {
    const { ctx, io } = await ctxFor();
    const read = async (): Promise<string> => { throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }); };
    expect(await readLive(ctx, true, read, 'offline')).toBe('offline');
    expect(io.stderr()).toBe('warning: no AWS credentials found: planning without reading AWS, as if nothing existed yet\n');
  });

  it('outside a dry-run, or for any other error, it rethrows', async () => {
    const { ctx } = await ctxFor({ env: noRegion });
    await expect(readLive(ctx, false, async () => { await ctx.aws.elb(); return 'x'; }, 'offline')).rejects.toBeInstanceOf(ConfigError);
    const denied = awsError('AccessDenied', 'no');
    await expect(readLive(ctx, true, async () => { throw denied; }, 'offline')).rejects.toBe(denied);
    await expect(readLive(ctx, true, async () => { throw new OperationError('boom'); }, 'offline')).rejects.toThrow('boom');
  });
});

describe('planView', () => {
  const steps = [
    step('create', 'certificate', 'web-cert', undefined, { request: { service: 'iam', operation: 'UploadServerCertificate', input: { ServerCertificateName: 'web-cert', PrivateKey: '-----BEGIN RSA PRIVATE KEY-----\nsecretmaterial\n-----END RSA PRIVATE KEY-----' } } }),
    step('unchanged', 'load-balancer', 'web'),
    step('create', 'policy', 'up', undefined, { detail: `alarm uses ${placeholder('arn of policy up')}` }),
  ];

  async function rendered(format: 'table' | 'text' | 'json') {
    const { ctx, io } = await ctxFor({ format });
    await render(toPlan(steps), planView, ctx as Ctx, io);
    return io.stdout();
  }

  it('toPlan keeps only the data, never the run functions', () => {
    const plan = toPlan(steps);
    expect(plan.dryRun).toBe(true);
    expect(plan.steps[1]).toEqual({ action: 'unchanged', resource: 'load-balancer', name: 'web' });
    expect(Object.keys(plan.steps[0]!)).toEqual(['action', 'resource', 'name', 'request']);
  });

  it('text: action, resource, name, service:operation, detail', async () => {
    expect(await rendered('text')).toBe(
      'create\tcertificate\tweb-cert\tiam:UploadServerCertificate\t\nunchanged\tload-balancer\tweb\t\t\ncreate\tpolicy\tup\t\talarm uses <arn of policy up>\n',
    );
  });

  it('json: the steps with each request redacted', async () => {
    const doc = JSON.parse(await rendered('json'));
    expect(doc).toEqual({
      dryRun: true,
      steps: [
        { action: 'create', resource: 'certificate', name: 'web-cert', request: { service: 'iam', operation: 'UploadServerCertificate', input: { ServerCertificateName: 'web-cert', PrivateKey: '***redacted***' } } },
        { action: 'unchanged', resource: 'load-balancer', name: 'web' },
        { action: 'create', resource: 'policy', name: 'up', detail: 'alarm uses <arn of policy up>' },
      ],
    });
  });

  it('table: numbered rows with a header', async () => {
    expect(await rendered('table')).toBe(
      [
        '#  ACTION     RESOURCE       NAME      REQUEST                      DETAIL',
        '1  create     certificate    web-cert  iam:UploadServerCertificate  -',
        '2  unchanged  load-balancer  web       -                            -',
        '3  create     policy         up        -                            alarm uses <arn of policy up>',
        '',
      ].join('\n'),
    );
  });

  it('no format ever prints the private key', async () => {
    for (const f of ['table', 'text', 'json'] as const) expect(await rendered(f)).not.toContain('secretmaterial');
  });
});
