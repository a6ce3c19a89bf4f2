// The recipes for real, against moto_server (an AWS look-alike) on a free loopback port: `make up`,
// `make up` again (everything unchanged), `make down`, `make down` again (everything already
// gone) must all exit 0 and leave nothing behind. Skipped when moto_server is not on PATH.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, MOTO, requireBuild, ROOT, scalectlAgainst, selfSignedCert, startMoto, type Env, type Moto, type Run } from '../helpers/moto.js';

const STEP_MS = 120_000;

let moto: Moto | undefined;
let endpoint = '';
let work = '';
let env: Env = {};
let scalectl: (...args: string[]) => Run;

/** `make -C examples/RECIPE TARGET` against moto, bounded so a hang cannot stall CI. */
/** Until `create-asg --instance-profile` is in this build (branch i12b), recipes run without a profile. */
const PROFILE_VARS = spawnSync(process.execPath, [BIN, 'create-asg', '--help'], { encoding: 'utf8' }).stdout.includes('--instance-profile') ? [] : ['INSTANCE_PROFILE='];

function make(recipe: string, target: string, vars: string[] = []) {
  const started = Date.now();
  const r = spawnSync('make', ['-C', join(ROOT, 'examples', recipe), target, `ENDPOINT=${endpoint}`, `SCALECTL=node ${BIN}`, `BUILD=${join(work, 'build')}`, ...PROFILE_VARS, ...vars], { env, encoding: 'utf8', timeout: STEP_MS - 10_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** `kind name outcome` of each teardown report line. */
function outcomes(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t').slice(0, 3).join(' '));
}

/** Progress lines of anything that changed (`Creating …`, `Updating …`); a converged re-run has none. */
const CHANGE = /^(Creating|Updating|Setting|Attaching|Detaching|Uploading|Tagging|Registering|Deleting) /m;

describe.skipIf(!MOTO)('recipes against moto_server', () => {
  beforeAll(async () => {
    requireBuild();
    // Its own process group, ended by afterAll, or on the way out should the worker die first.
    moto = await startMoto({ prefix: 'scalectl-moto-' });
    ({ url: endpoint, work, env } = moto);
    scalectl = scalectlAgainst(moto);
    const ssl = selfSignedCert(work);
    expect(ssl.status, ssl.stderr).toBe(0);
  }, 40_000);

  afterAll(async () => {
    await moto?.stop();
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
