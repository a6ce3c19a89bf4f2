// moto_server (an AWS look-alike) on a free loopback port, started and stopped by the test itself,
// and the built binary (and the SDK) run against it with a clean environment. Every moto test uses
// this one helper: `describe.skipIf(!MOTO)`, `startMoto()` in beforeAll, `moto.stop()` in afterAll,
// `scalectlAgainst(moto)` to run the binary, `sdkAgainst(moto)` to read resources back.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
/** The built command (it loads dist/cli.cjs: `npm run build` first). */
export const BIN = join(ROOT, 'bin/scalectl.js');

/** An executable's path on PATH, or undefined. */
export const onPath = (exe: string): string | undefined => (process.env.PATH ?? '').split(delimiter).map((d) => join(d, exe)).find((p) => existsSync(p));

/** moto_server's path, or undefined when it is not installed (tests that need it are skipped). */
export const MOTO = onPath('moto_server');

export type Env = Record<string, string | undefined>;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Fails fast, with the fix, when dist/ is missing. */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
}

/** A fresh temporary directory and a clean environment in it: no profile, no metadata, test keys. */
export function cleanEnv(prefix = 'scalectl-moto-'): { work: string; env: Env } {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const empty = join(work, 'empty');
  writeFileSync(empty, '');
  const env: Env = {
    PATH: process.env.PATH,
    HOME: work,
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return { work, env };
}

/** A self-signed www.example.com certificate: WORK/fullchain.pem and WORK/privkey.pem. */
export function selfSignedCert(work: string): { status: number | null; stderr: string } {
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=www.example.com', '-keyout', join(work, 'privkey.pem'), '-out', join(work, 'fullchain.pem')], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

export interface Moto {
  url: string;
  /** A temporary directory of this server's test (HOME of `env`). */
  work: string;
  /** The clean environment of `cleanEnv`, for the binary and anything else run against moto. */
  env: Env;
  /** Forgets every resource (moto's reset API). */
  reset(): Promise<void>;
  /** Ends the server's process group: SIGTERM, then SIGKILL after 3 s. */
  stop(): Promise<void>;
}

/**
 * Starts moto_server in its own process group on a free loopback port and waits until it answers.
 * Should the worker exit without running afterAll, the group is killed on the way out all the same.
 */
export async function startMoto(opts: { prefix?: string } = {}): Promise<Moto> {
  if (!MOTO) throw new Error('moto_server is not on PATH');
  const { work, env } = cleanEnv(opts.prefix);
  const port = await freePort();
  // Its output goes to a file, not a pipe: a test blocked in spawnSync drains no pipe, and moto would
  // stall on a full one. Its own process group, so stop() ends the server and anything it started.
  const logFile = join(work, 'moto.log');
  const fd = openSync(logFile, 'w');
  const child: ChildProcess = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const log = () => readFileSync(logFile, 'utf8');
  const pid = child.pid;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (pid) process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${log()}`);
    if (Date.now() > end) {
      killGroup('SIGKILL');
      throw new Error(`moto_server did not answer on ${url} within 30 s: ${log()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    work,
    env,
    reset: async () => void (await fetch(`${url}/moto-api/reset`, { method: 'POST' })),
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const t = setTimeout(() => child.exitCode === null && killGroup('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        killGroup('SIGTERM');
      }),
  };
}

export interface AgainstOptions {
  /** The whole environment of the run (default: moto.env). */
  env?: Env;
  timeoutMs?: number;
}

/** `scalectl --region us-east-1 --endpoint-url MOTO ARGS…` with the built binary, synchronously. */
export function scalectlAgainst(moto: Pick<Moto, 'url' | 'env'>, opts: AgainstOptions = {}): (...args: string[]) => Run {
  return (...args) => {
    const r = spawnSync(process.execPath, [BIN, '--region', 'us-east-1', '--endpoint-url', moto.url, ...args], { env: opts.env ?? moto.env, encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}

/** The same, asynchronously (for tests whose own loopback servers live in this process). */
export function scalectlAgainstAsync(moto: Pick<Moto, 'url' | 'env'>): (args: string[], extraEnv?: Env) => Promise<Run> {
  return (args, extraEnv = {}) =>
    new Promise((resolve) => {
      const p = spawn(process.execPath, [BIN, '--region', 'us-east-1', '--endpoint-url', moto.url, ...args], { env: { ...moto.env, ...extraEnv } });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}

/**
 * One SDK call to moto, read back in a child process (in the test process the setup replaces every
 * client with a mock): `sdk('client-route-53', 'Route53Client', 'ListResourceRecordSetsCommand', {…})`.
 * Throws with the SDK's error when the call fails.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sdkAgainst(moto: Pick<Moto, 'url' | 'env'>): (pkg: string, client: string, command: string, input?: object) => Record<string, any> {
  return (pkg, client, command, input = {}) => {
    const script = `const m = require('@aws-sdk/${pkg}');
new m.${client}({ region: 'us-east-1', endpoint: process.argv[1], credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })
  .send(new m.${command}(JSON.parse(process.argv[2]))).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e.name + ': ' + e.message); process.exit(1); });`;
    const r = spawnSync(process.execPath, ['-e', script, moto.url, JSON.stringify(input)], { env: moto.env, cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${pkg} ${command}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
}
