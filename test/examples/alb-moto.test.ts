// The ALB web tier for real, against moto_server on a free loopback port: create-lb --type
// application, create-asg --lb (target groups) with ELB health checks, a re-run that changes
// nothing, and teardown --stack that leaves nothing, read back with the SDK (and the AWS CLI when
// installed). Skipped when moto_server is not on PATH.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, MOTO, onPath, requireBuild, ROOT, scalectlAgainst, sdkAgainst, selfSignedCert, startMoto, type Moto, type Run } from '../helpers/moto.js';

const AWS_CLI = onPath('aws');
const STEP_MS = 120_000;

let moto: Moto | undefined;
let endpoint = '';
let work = '';
let scalectl: (...args: string[]) => Run;

function make(target: string, vars: string[] = []) {
  const r = spawnSync('make', ['-C', join(ROOT, 'examples/web-tier'), target, 'LB_TYPE=application', `ENDPOINT=${endpoint}`, `SCALECTL=node ${BIN}`, ...vars], { env: moto!.env, encoding: 'utf8', timeout: STEP_MS - 10_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function awsCli(...args: string[]): unknown {
  const r = spawnSync(AWS_CLI!, ['--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json', ...args], { env: moto!.env, encoding: 'utf8', timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** One SDK call, read back in a child process (see sdkAgainst). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sdk(pkg: 'elastic-load-balancing-v2' | 'auto-scaling', command: string, input: object = {}): Record<string, any> {
  const client = pkg === 'auto-scaling' ? 'AutoScalingClient' : 'ElasticLoadBalancingV2Client';
  return sdkAgainst(moto!)(`client-${pkg}`, client, `${command}Command`, input);
}

const CHANGE = /^(Creating|Updating|Setting|Attaching|Detaching|Uploading|Tagging|Registering|Deleting) /m;

describe.skipIf(!MOTO)('the ALB web tier against moto_server', () => {
  beforeAll(async () => {
    requireBuild();
    moto = await startMoto({ prefix: 'scalectl-alb-moto-' });
    ({ url: endpoint, work } = moto);
    scalectl = scalectlAgainst(moto);
    const ssl = selfSignedCert(work);
    expect(ssl.status, ssl.stderr).toBe(0);
  }, 40_000);

  afterAll(async () => {
    await moto?.stop();
  }, 10_000);

  const certs = () => [`CERT=${join(work, 'fullchain.pem')}`, `KEY=${join(work, 'privkey.pem')}`, `BUILD=${join(work, 'build')}`];

  it('make up LB_TYPE=application builds the ALB tier; the group uses the target group with ELB health checks', () => {
    const r = make('up', certs());
    expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^web-lb\S*\.elb\.amazonaws\.com$/m);
    expect(r.stdout).toMatch(/^web-asg\tcreated$/m);
    const v2 = 'elastic-load-balancing-v2';
    const lb = sdk(v2, 'DescribeLoadBalancers', { Names: ['web-lb'] }).LoadBalancers[0];
    expect(lb.Type).toBe('application');
    const listeners = (sdk(v2, 'DescribeListeners', { LoadBalancerArn: lb.LoadBalancerArn }).Listeners as Array<Record<string, any>>).sort((a, b) => a.Port - b.Port);
    expect(listeners.map((l) => `${l.Protocol}:${l.Port} ${l.DefaultActions[0].Type}`)).toEqual(['HTTP:80 redirect', 'HTTPS:443 forward']);
    expect(listeners[0]!.DefaultActions[0].RedirectConfig).toMatchObject({ Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' });
    expect(listeners[1]!.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    const tg = sdk(v2, 'DescribeTargetGroups', { Names: ['web-lb-80'] }).TargetGroups[0];
    expect([tg.Protocol, tg.Port, tg.HealthCheckPath, tg.HealthCheckIntervalSeconds, tg.Matcher?.HttpCode]).toEqual(['HTTP', 80, '/health', 15, '200-399']);
    const attrs = sdk(v2, 'DescribeTargetGroupAttributes', { TargetGroupArn: tg.TargetGroupArn }).Attributes as Array<{ Key: string; Value: string }>;
    expect(Object.fromEntries(attrs.map((a) => [a.Key, a.Value]))).toMatchObject({ 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie', 'stickiness.lb_cookie.duration_seconds': '600' });
    const g = sdk('auto-scaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['web-asg'] }).AutoScalingGroups[0];
    expect([g.HealthCheckType, g.TargetGroupARNs, g.LoadBalancerNames ?? []]).toEqual(['ELB', [tg.TargetGroupArn], []]);
    const s = scalectl('status', '--stack', 'web', '--output', 'text');
    expect(s.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 2).join(' '))).toEqual([
      'alarm web-cpu-high', 'alarm web-cpu-low', 'scaling-policy web-asg/scale-down', 'scaling-policy web-asg/scale-up',
      'auto-scaling-group web-asg', 'launch-template web-asg', 'load-balancer web-lb', 'target-group web-lb-80',
    ]);
    // moto's Tagging API indexes ELBv2 balancers and target groups: found by the search and read by ARN, not by listing the region.
    const dbg = scalectl('status', '--stack', 'web', '--output', 'text', '--debug');
    expect(dbg.stdout).toBe(s.stdout);
    expect(dbg.stderr).toContain('discovery: alarm, elbv2-load-balancer, target-group by one Tagging API search');
    expect(scalectl('describe-lbs', '--output', 'text').stdout).toMatch(/^web-lb\t\S+\tinternet-facing\thttp:80,https:443:http:80\tHTTP:80\/health\t2\tapplication$/m);
  }, STEP_MS);

  it('make up again changes nothing', () => {
    const r = make('up', certs());
    expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(CHANGE);
    expect(r.stdout).toMatch(/^web-asg\tunchanged$/m);
  }, STEP_MS);

  it('make down removes everything, ELBv2 parts included, and nothing is left', () => {
    const r = make('down');
    expect(r.stderr).not.toMatch(/^error:|\*\*\*/m);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t').slice(0, 3).join(' '));
    expect(lines).toContain('load-balancer web-lb deleted');
    expect(lines).toContain('target-group web-lb-80 deleted');
    expect(lines.indexOf('auto-scaling-group web-asg deleted')).toBeLessThan(lines.indexOf('load-balancer web-lb deleted'));
    expect(sdk('elastic-load-balancing-v2', 'DescribeLoadBalancers').LoadBalancers ?? []).toEqual([]);
    expect(sdk('elastic-load-balancing-v2', 'DescribeTargetGroups').TargetGroups ?? []).toEqual([]);
    expect(sdk('auto-scaling', 'DescribeAutoScalingGroups').AutoScalingGroups ?? []).toEqual([]);
    if (AWS_CLI) {
      expect((awsCli('elbv2', 'describe-load-balancers') as { LoadBalancers: unknown[] }).LoadBalancers).toEqual([]);
      expect((awsCli('elbv2', 'describe-target-groups') as { TargetGroups: unknown[] }).TargetGroups).toEqual([]);
    }
    const again = make('down');
    expect(again.code).toBe(0);
  }, STEP_MS);
});
