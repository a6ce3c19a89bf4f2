// The recipes for real, against moto_server (an AWS look-alike) on a free loopback port: `make up`,
// `make up` again (everything unchanged), `make down`, `make down` again (everything already
// gone) must all exit 0 and leave nothing behind. Skipped when moto_server is not on PATH.
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

let server: ChildProcess | undefined;
let endpoint = '';
let work = '';
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

/** `make -C examples/RECIPE TARGET` against moto, bounded so a hang cannot stall CI. */
/** Until `create-asg --instance-profile` is in this build (branch i12b), recipes run without a profile. */
const PROFILE_VARS = spawnSync(process.execPath, [BIN, 'create-asg', '--help'], { encoding: 'utf8' }).stdout.includes('--instance-profile') ? [] : ['INSTANCE_PROFILE='];

function make(recipe: string, target: string, vars: string[] = []) {
  const started = Date.now();
  const r = spawnSync('make', ['-C', join(ROOT, 'examples', recipe), target, `ENDPOINT=${endpoint}`, `SCALECTL=node ${BIN}`, `BUILD=${join(work, 'build')}`, ...PROFILE_VARS, ...vars], { env, encoding: 'utf8', timeout: STEP_MS - 10_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function scalectl(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--region', 'us-east-1', '--endpoint-url', endpoint, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `kind name outcome` of each teardown report line. */
function outcomes(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t').slice(0, 3).join(' '));
}

/** Progress lines of anything that changed (`Creating …`, `Updating …`); a converged re-run has none. */
const CHANGE = /^(Creating|Updating|Setting|Attaching|Detaching|Uploading|Tagging|Registering|Deleting) /m;

describe.skipIf(!MOTO)('recipes against moto_server', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
    work = mkdtempSync(join(tmpdir(), 'scalectl-moto-'));
    const empty = join(work, 'empty');
    writeFileSync(empty, '');
    env = {
      PATH: process.env.PATH,
      HOME: work,
      AWS_CONFIG_FILE: empty,
      AWS_SHARED_CREDENTIALS_FILE: empty,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const ssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=www.example.com', '-keyout', join(work, 'privkey.pem'), '-out', join(work, 'fullchain.pem')], { encoding: 'utf8' });
    expect(ssl.status, ssl.stderr).toBe(0);
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    const log = join(work, 'moto.log');
    const fd = openSync(log, 'w');
    // Its own process group, so afterAll ends the server and anything it started, and nothing else.
    server = spawn(MOTO!, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', fd, fd], detached: true });
    closeSync(fd);
    // Should the worker die without running afterAll, the server still goes with it.
    const pid = server.pid;
    process.once('exit', () => {
      try {
        if (pid) process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    await waitForServer(endpoint, log);
  }, 40_000);

  afterAll(async () => {
    const s = server;
    if (!s?.pid || s.exitCode !== null) return;
    const gone = new Promise<void>((r) => s.once('exit', () => r()));
    process.kill(-s.pid, 'SIGTERM');
    const t = setTimeout(() => s.exitCode === null && process.kill(-s.pid!, 'SIGKILL'), 3000);
    await gone;
    clearTimeout(t);
  }, 10_000);

  describe('web-tier', () => {
    const certs = () => [`CERT=${join(work, 'fullchain.pem')}`, `KEY=${join(work, 'privkey.pem')}`];

    it('make up builds the tier', () => {
      const r = make('web-tier', 'up', certs());
      expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^arn:aws:iam::\d+:server-certificate\/web-cert$/m);
      expect(r.stdout).toMatch(/^web-lb\S*\.elb\.amazonaws\.com$/m);
      expect(r.stdout).toMatch(/^web-asg\tcreated$/m);
      expect(r.stdout).toMatch(/^arn:aws:autoscaling:\S+:autoScalingGroupName\/web-asg:policyName\/scale-up$/m);
      expect(r.stdout).toMatch(/^arn:aws:autoscaling:\S+:autoScalingGroupName\/web-asg:policyName\/scale-down$/m);
      expect(r.stdout).toMatch(/^web-latency-high\tcreated$/m);
      expect(r.stdout).toMatch(/^web-cpu-low\tcreated$/m);
      // Every resource is there and tagged with the stack. moto keeps no certificate tags, so status
      // says certificates could not be searched and exits 1 rather than pass over them in silence.
      const s = scalectl('status', '--stack', 'web', '--output', 'text');
      expect(s.code).toBe(1);
      expect(s.stderr).toContain('error: the status is incomplete: server-certificate could not be searched');
      expect(s.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 2).join(' '))).toEqual([
        'alarm web-cpu-low', 'alarm web-latency-high', 'scaling-policy web-asg/scale-down', 'scaling-policy web-asg/scale-up',
        'auto-scaling-group web-asg', 'launch-template web-asg', 'load-balancer web-lb',
      ]);
      const lb = JSON.parse(scalectl('describe-lbs', 'web-lb', '--output', 'json').stdout).loadBalancers[0];
      expect(lb.healthCheck.target).toBe('HTTP:80/health');
      expect(lb.listeners.map((l: { protocol: string; port: number }) => `${l.protocol}:${l.port}`)).toEqual(['HTTP:80', 'HTTPS:443']);
      const asg = scalectl('describe-asgs', 'web-asg', '--output', 'text').stdout.split('\n')[0]!.split('\t');
      expect([asg[2], asg[3], asg[9], asg[10]]).toEqual(['2', '8', 'web-lb', 'ELB']);
    }, STEP_MS);

    it('make up again changes nothing and exits 0', () => {
      const r = make('web-tier', 'up', certs());
      expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(CHANGE);
      expect(r.stdout).toMatch(/^web-asg\tunchanged$/m);
      expect(r.stdout).toMatch(/^web-latency-high\tunchanged$/m);
      expect(r.stdout).toMatch(/^web-cpu-low\tunchanged$/m);
      expect(r.ms).toBeLessThan(30_000);
    }, STEP_MS);

    it('make down removes everything, the certificate included', () => {
      const r = make('web-tier', 'down');
      expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(r.code).toBe(0);
      expect(outcomes(r.stdout)).toEqual([
        'alarm web-cpu-low deleted', 'alarm web-latency-high deleted',
        'scaling-policy web-asg/scale-down deleted', 'scaling-policy web-asg/scale-up deleted',
        'auto-scaling-group web-asg deleted', 'launch-template web-asg deleted',
        'load-balancer web-lb deleted', 'server-certificate web-cert deleted',
      ]);
      expect(r.ms).toBeLessThan(30_000);
    }, STEP_MS);

    it('make down again finds everything already gone and exits 0; nothing is left', () => {
      const r = make('web-tier', 'down');
      expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(r.code).toBe(0);
      expect(outcomes(r.stdout).every((l) => l.endsWith(' already gone'))).toBe(true);
      const s = scalectl('status', '--stack', 'web');
      expect([s.code, s.stdout, s.stderr]).toEqual([4, '', 'error: nothing is tagged scalectl:stack=web; check the stack name and --region\n']);
      expect(scalectl('list-certs', '--output', 'text').stdout).not.toContain('web-cert');
      expect(scalectl('describe-lbs', '--output', 'text').stdout).not.toMatch(/^web-lb\t/m);
    }, STEP_MS);
  });

  describe('root-domain', () => {
    it('make up builds the balancer, both groups, the policies and the alarms', () => {
      const r = make('root-domain', 'up');
      expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(r.code).toBe(0);
      for (const line of ['apex-root\tcreated', 'apex-overflow\tcreated', 'apex-cpu-high\tcreated', 'apex-cpu-low\tcreated']) expect(r.stdout.split('\n')).toContain(line);
      const s = scalectl('status', '--stack', 'apex', '--output', 'text');
      expect(s.code).toBe(0);
      expect(s.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 2).join(' '))).toEqual([
        'alarm apex-cpu-high', 'alarm apex-cpu-low', 'scaling-policy apex-overflow/scale-down', 'scaling-policy apex-overflow/scale-up',
        'auto-scaling-group apex-overflow', 'auto-scaling-group apex-root', 'launch-template apex-overflow', 'launch-template apex-root', 'load-balancer apex-lb',
      ]);
    }, STEP_MS);

    it('make up again changes nothing', () => {
      const r = make('root-domain', 'up');
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(CHANGE);
      for (const line of ['apex-root\tunchanged', 'apex-overflow\tunchanged', 'apex-cpu-high\tunchanged', 'apex-cpu-low\tunchanged']) expect(r.stdout.split('\n')).toContain(line);
    }, STEP_MS);

    it('make down removes everything, and again finds it all gone', () => {
      const first = make('root-domain', 'down');
      expect(first.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(first.code).toBe(0);
      expect(outcomes(first.stdout).every((l) => l.endsWith(' deleted'))).toBe(true);
      expect(outcomes(first.stdout)).toHaveLength(9);
      const again = make('root-domain', 'down');
      expect(again.code).toBe(0);
      expect(outcomes(again.stdout).every((l) => l.endsWith(' already gone'))).toBe(true);
      expect(scalectl('status', '--stack', 'apex').code).toBe(4);
    }, STEP_MS);
  });
  describe('root-domain MODE=alias', () => {
    it('make up builds one group behind the balancer and the apex alias; status lists the record', () => {
      const code = `const m = require('@aws-sdk/client-route-53'); new m.Route53Client({ region: 'us-east-1', endpoint: process.argv[1] }).send(new m.CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'recipes-moto' })).then(() => {}, (e) => { console.error(e.message); process.exit(1); });`;
      const z = spawnSync(process.execPath, ['-e', code, endpoint], { cwd: ROOT, env, encoding: 'utf8' });
      expect(z.status, z.stderr).toBe(0);
      const r = make('root-domain', 'up', ['MODE=alias']);
      expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')).toContain('example.com');
      const s = scalectl('status', '--stack', 'apex', '--output', 'text');
      expect(s.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '))).toContain('dns-record example.com A,AAAA alias');
      const again = make('root-domain', 'up', ['MODE=alias']);
      expect(again.code).toBe(0);
      expect(again.stderr).not.toMatch(CHANGE);
    }, STEP_MS);

    it('make down removes the record before the balancer, and again finds it all gone', () => {
      const r = make('root-domain', 'down', ['MODE=alias']);
      expect(r.code).toBe(0);
      const o = outcomes(r.stdout);
      expect(o.indexOf('dns-record example.com deleted')).toBe(o.indexOf('load-balancer apex-lb deleted') - 1);
      const again = make('root-domain', 'down', ['MODE=alias']);
      expect(again.code).toBe(0);
      expect(outcomes(again.stdout).every((l) => l.endsWith(' already gone'))).toBe(true);
      expect(scalectl('status', '--stack', 'apex').code).toBe(4);
    }, STEP_MS);
  });

  describe('dns-only', () => {
    it('make up, up again (unchanged), down, down again', () => {
      const up = make('dns-only', 'up');
      expect(up.stderr).not.toMatch(/^error:|\*\*\*/m);
      expect(up.code).toBe(0);
      expect(up.stdout.split('\n')).toContain('dnsonly-asg\tcreated');
      const again = make('dns-only', 'up');
      expect(again.code).toBe(0);
      expect(again.stderr).not.toMatch(CHANGE);
      const down = make('dns-only', 'down');
      expect(down.code).toBe(0);
      expect(outcomes(down.stdout).every((l) => l.endsWith(' deleted'))).toBe(true);
      expect(make('dns-only', 'down').code).toBe(0);
      expect(scalectl('status', '--stack', 'dnsonly').code).toBe(4);
    }, STEP_MS * 2);
  });
});
