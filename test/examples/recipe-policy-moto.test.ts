// "Done when" of least privilege, against moto with IAM enforcement on (INITIAL_NO_AUTH_ACTION_COUNT):
// a user whose only policy is `scalectl policy --recipe examples/web-tier` runs the recipe up, up
// again and down; with any one statement removed some step fails with the one-line AccessDenied
// error naming an action of that statement. moto checks actions only (Resource "*"), so the
// un-narrowed document is what runs here. Skipped when moto_server is not on PATH.
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/scalectl.js');
const MOTO = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'moto_server')).find((p) => existsSync(p));
const STEP_MS = 120_000;
/** Requests moto answers unchecked: the admin user, its policy and its key. */
const UNCHECKED = 3;

let server: ChildProcess | undefined;
let endpoint = '';
let work = '';
let base: Record<string, string | undefined> = {};
let admin: IAMClient;
let userKeys: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };

interface Statement { Sid: string; Action: string[]; Effect?: string; Resource?: string }
let policy: { Version: string; Statement: Statement[] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForServer(url: string, log: string): Promise<void> {
  const end = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) return;
    } catch {
      // not listening yet
    }
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`moto_server exited (${server.exitCode}): ${readFileSync(log, 'utf8')}`);
    if (Date.now() > end) throw new Error(`moto_server did not answer on ${url} within 30 s: ${readFileSync(log, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `make -C examples/web-tier TARGET` as the restricted user. */
function make(target: string) {
  const r = spawnSync('make', ['-C', join(ROOT, 'examples/web-tier'), target, `ENDPOINT=${endpoint}`, `SCALECTL=node ${BIN}`, `CERT=${join(work, 'fullchain.pem')}`, `KEY=${join(work, 'privkey.pem')}`], { env: { ...base, ...userKeys }, encoding: 'utf8', timeout: STEP_MS - 10_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A real request: the suite's setup mocks IAMClient.prototype.send for every test file, so this
 * goes through the SDK's base client's send, which the mock leaves alone.
 */
const realSend = Object.getPrototypeOf(IAMClient.prototype).send as IAMClient['send'];
const iam = <T>(client: IAMClient, command: unknown): Promise<T> => (realSend as (this: IAMClient, c: unknown) => Promise<T>).call(client, command);

/**
 * moto names an action by the request's signing name: CloudWatch signs as `monitoring`, the Tagging
 * API as `tagging`. Each `cloudwatch:X` and `tag:X` is granted under that name as well (AWS itself
 * checks `cloudwatch:X` and `tag:X`).
 */
function forMoto(doc: { Version: string; Statement: Statement[] }) {
  return { ...doc, Statement: doc.Statement.map((s) => ({ ...s, Action: s.Action.flatMap((a) => (a.startsWith('cloudwatch:') ? [a, a.replace('cloudwatch:', 'monitoring:')] : a.startsWith('tag:') ? [a, a.replace('tag:', 'tagging:')] : [a])) })) };
}

async function grant(doc: { Version: string; Statement: Statement[] }): Promise<void> {
  await iam(admin, new PutUserPolicyCommand({ UserName: 'scalectl', PolicyName: 'scalectl', PolicyDocument: JSON.stringify(forMoto(doc)) }));
}

describe.skipIf(!MOTO)('the web-tier recipe with only the policy scalectl prints (moto, IAM enforced)', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
    work = mkdtempSync(join(tmpdir(), 'scalectl-policy-moto-'));
    const empty = join(work, 'empty');
    writeFileSync(empty, '');
    base = {
      PATH: process.env.PATH, HOME: work, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1',
    };
    const ssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=www.example.com', '-keyout', join(work, 'privkey.pem'), '-out', join(work, 'fullchain.pem')], { encoding: 'utf8' });
    expect(ssl.status, ssl.stderr).toBe(0);
    const printed = spawnSync(process.execPath, [BIN, 'policy', '--recipe', join(ROOT, 'examples/web-tier')], { env: base, encoding: 'utf8' });
    expect([printed.status, printed.stderr]).toEqual([0, '']);
    policy = JSON.parse(printed.stdout);

    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    const log = join(work, 'moto.log');
    const fd = openSync(log, 'w');
    server = spawn(MOTO!, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', fd, fd], detached: true, env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: String(UNCHECKED) } });
    closeSync(fd);
    const pid = server.pid;
    process.once('exit', () => {
      try {
        if (pid) process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    await waitForServer(endpoint, log);

    // The unchecked requests: an administrator whose keys set up the restricted user.
    const boot = new IAMClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    await iam(boot, new CreateUserCommand({ UserName: 'admin' }));
    await iam(boot, new PutUserPolicyCommand({ UserName: 'admin', PolicyName: 'all', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }));
    const ak = (await iam<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(boot, new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey;
    admin = new IAMClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: ak.AccessKeyId, secretAccessKey: ak.SecretAccessKey } });
    await iam(admin, new CreateUserCommand({ UserName: 'scalectl' }));
    await grant(policy);
    const uk = (await iam<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(admin, new CreateAccessKeyCommand({ UserName: 'scalectl' }))).AccessKey;
    userKeys = { AWS_ACCESS_KEY_ID: uk.AccessKeyId, AWS_SECRET_ACCESS_KEY: uk.SecretAccessKey };
  }, 60_000);

  afterAll(async () => {
    const s = server;
    if (!s?.pid || s.exitCode !== null) return;
    const gone = new Promise<void>((r) => s.once('exit', () => r()));
    process.kill(-s.pid, 'SIGTERM');
    const t = setTimeout(() => s.exitCode === null && process.kill(-s.pid!, 'SIGKILL'), 3000);
    await gone;
    clearTimeout(t);
  }, 10_000);

  it('moto enforces IAM: a user with no policy is refused, in one line naming the action', async () => {
    await grant({ Version: '2012-10-17', Statement: [{ Sid: 'Sns', Effect: 'Allow', Action: ['sns:ListTopics'], Resource: '*' }] });
    const r = spawnSync(process.execPath, [BIN, '--region', 'us-east-1', '--endpoint-url', endpoint, 'describe-lbs'], { env: { ...base, ...userKeys }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: AWS refused elasticloadbalancing:DescribeLoadBalancers \(AccessDenied\): [^\n]*; run "scalectl policy describe-lbs" for the IAM policy it needs\n$/);
    await grant(policy);
  });

  it('up, up again and down succeed with the printed policy alone', () => {
    for (const target of ['up', 'up', 'down']) {
      const r = make(target);
      expect(r.stderr, `make ${target}`).not.toMatch(/^error:|\*\*\*/m);
      expect(r.code, `make ${target}`).toBe(0);
    }
  }, 3 * STEP_MS);

  it('without any one statement some step fails, naming an action of that statement', async () => {
    expect(policy.Statement.length).toBeGreaterThan(3);
    for (const removed of policy.Statement) {
      await grant({ ...policy, Statement: policy.Statement.filter((s) => s !== removed) });
      const runs = [make('up'), make('down')];
      await grant(policy);
      const cleanup = make('down');
      expect(cleanup.code, `cleanup after removing ${removed.Sid}: ${cleanup.stderr}`).toBe(0);
      const refused = runs.flatMap((r) => [...r.stderr.matchAll(/^error: (?:.*?)AWS refused (\S+) \((AccessDenied\w*|UnauthorizedOperation|HTTP 403)\)/gm)].map((m) => m[1]!));
      expect(refused.length, `removing ${removed.Sid} broke nothing: ${runs.map((r) => r.stderr).join('\n')}`).toBeGreaterThan(0);
      expect(removed.Action, `removing ${removed.Sid}`).toContain(refused[0]);
      const line = runs.map((r) => r.stderr).join('\n').split('\n').find((l) => l.includes(`AWS refused ${refused[0]}`))!;
      expect(line).toMatch(/run "scalectl policy (upload-cert|create-lb|create-asg|put-policy|put-alarm|teardown)" for the IAM policy it needs$/);
    }
  }, 20 * STEP_MS);
});
