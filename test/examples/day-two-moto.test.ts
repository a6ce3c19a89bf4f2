// The day-two commands for real, against moto_server on a free loopback port, on a group built by
// create-asg: each command moto implements, each re-run `unchanged`; the calls moto lacks
// (notifications, instance refresh) end in the one-line "not an AWS response" error.
// Skipped when moto_server is not on PATH.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/scalectl.js');
const MOTO = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'moto_server')).find((p) => existsSync(p));
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops';

let server: ChildProcess | undefined;
let endpoint = '';
let env: Record<string, string | undefined> = {};

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

function sc(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--region', 'us-east-1', '--endpoint-url', endpoint, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Each step spawns several runs of the binary: allow for a busy machine. */
const step = (name: string, fn: () => void) => it(name, fn, 90_000);

describe.skipIf(!MOTO)('day-two commands against moto_server', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
    const work = mkdtempSync(join(tmpdir(), 'scalectl-moto-day2-'));
    const empty = join(work, 'empty');
    writeFileSync(empty, '');
    env = { PATH: process.env.PATH, HOME: work, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    const log = join(work, 'moto.log');
    const fd = openSync(log, 'w');
    // Its own process group, so afterAll ends the server and anything it started, and nothing else.
    server = spawn(MOTO!, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', fd, fd], detached: true });
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
    const g = sc('create-asg', 'day2', '--image-id', 'ami-0123456789abcdef0', '--instance-type', 't3.micro', '--min', '1', '--max', '4', '--zones', 'us-east-1a', '--stack', 'day2');
    expect(g.stderr).not.toMatch(/^error:/m);
    expect(g.stdout).toBe('day2\tcreated\n');
    const p = sc('put-policy', 'scale-up', '--asg', 'day2', '--adjust', '+1');
    expect(p.code, p.stderr).toBe(0);
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

  step('set-capacity: within range, unchanged on re-run, outside range exit 2', () => {
    expect(sc('set-capacity', 'day2', '2')).toMatchObject({ code: 0, stdout: 'day2\tupdated\n' });
    expect(sc('set-capacity', 'day2', '2')).toMatchObject({ code: 0, stdout: 'day2\tunchanged\n' });
    const out = sc('set-capacity', 'day2', '9');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error: desired capacity 9 is outside the group's range \[1, 4\]/);
    expect(JSON.parse(sc('describe-asgs', 'day2', '--output', 'json').stdout).groups[0].desired).toBe(2);
  });

  step('suspend and resume converge, and describe-asgs shows what is suspended', () => {
    expect(sc('suspend', 'day2', 'launch', 'AZRebalance')).toMatchObject({ code: 0, stdout: 'day2\tupdated\n' });
    expect(sc('suspend', 'day2', 'Launch')).toMatchObject({ code: 0, stdout: 'day2\tunchanged\n' });
    expect(JSON.parse(sc('describe-asgs', 'day2', '--output', 'json').stdout).groups[0].suspendedProcesses.sort()).toEqual(['AZRebalance', 'Launch']);
    expect(sc('resume', 'day2')).toMatchObject({ code: 0, stdout: 'day2\tupdated\n' });
    expect(sc('resume', 'day2')).toMatchObject({ code: 0, stdout: 'day2\tunchanged\n' });
    expect(JSON.parse(sc('describe-asgs', 'day2', '--output', 'json').stdout).groups[0].suspendedProcesses).toEqual([]);
  });

  step('execute-policy runs the policy, and activities lists what happened', () => {
    expect(sc('execute-policy', 'scale-up', '--asg', 'day2')).toMatchObject({ code: 0, stdout: 'scale-up\tupdated\n' });
    expect(sc('execute-policy', 'nope', '--asg', 'day2').code).toBe(4);
    const a = sc('activities', 'day2', '--output', 'json');
    expect(a.code, a.stderr).toBe(0);
    const doc = JSON.parse(a.stdout);
    expect(doc.group).toBe('day2');
    expect(Array.isArray(doc.activities)).toBe(true);
    expect(sc('activities', 'no-such-group').code).toBe(4);
  });

  step('schedule creates, converges, lists, and unschedule removes', () => {
    const args = ['schedule', 'mornings', '--asg', 'day2', '--recurrence', '0 9 * * 1-5', '--min', '1', '--max', '4', '--desired', '2'];
    expect(sc(...args)).toMatchObject({ code: 0, stdout: 'mornings\tcreated\n' });
    expect(sc(...args)).toMatchObject({ code: 0, stdout: 'mornings\tunchanged\n' });
    expect(sc(...args.slice(0, -1), '3')).toMatchObject({ code: 0, stdout: 'mornings\tupdated\n' });
    const once = sc('schedule', 'burst', '--asg', 'day2', '--at', '2099-01-01T00:00:00Z', '--desired', '4');
    expect(once).toMatchObject({ code: 0, stdout: 'burst\tcreated\n' });
    const list = sc('describe-schedules', '--asg', 'day2');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' ')).sort()).toEqual(['day2 burst ', 'day2 mornings 0 9 * * 1-5']);
    const status = sc('status', '--stack', 'day2');
    expect(status.stdout).toMatch(/^scheduled-action\tday2\/mornings\t0 9 \* \* 1-5\t/m);
    expect(sc('unschedule', 'burst', '--asg', 'day2')).toMatchObject({ code: 0, stdout: 'burst\tdeleted\n' });
    expect(sc('unschedule', 'burst', '--asg', 'day2')).toMatchObject({ code: 0, stdout: 'burst\tunchanged\n' });
  });

  step('notify, describe-notifications and roll end in the one-line "not an AWS response" error (moto lacks the calls)', () => {
    for (const args of [['notify', 'day2', '--topic', TOPIC], ['describe-notifications', 'day2'], ['roll', 'day2']]) {
      const r = sc(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^error: the endpoint's answer \(HTTP 5\d\d\) is not an AWS response/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  step('teardown removes the schedule before the group', () => {
    const r = sc('teardown', '--stack', 'day2', '--yes', '--timeout', '2m');
    expect(r.code, r.stderr).toBe(0);
    const kinds = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '));
    expect(kinds.indexOf('scheduled-action day2/mornings deleted')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('scheduled-action day2/mornings deleted')).toBeLessThan(kinds.indexOf('auto-scaling-group day2 deleted'));
    expect(r.stderr).toContain('cannot read notification configurations');
  });
});
