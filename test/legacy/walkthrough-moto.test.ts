// The seed walkthrough as an old script: written in the legacy style, run under `set -e` with the
// installed shims on PATH against moto_server, the legacy environment variables only (credential
// file, EC2_REGION, per-service URLs), then a day-two script, then torn down with the legacy commands and -f. What it
// built is read back with scalectl, and afterwards nothing is left. Skipped without moto_server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certFixtures } from '../helpers/certs.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/scalectl.js');
const MOTO = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'moto_server')).find((p) => existsSync(p));

let server: ChildProcess | undefined;
let endpoint = '';
let work = '';
let shims = '';
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
    if (Date.now() > end) throw new Error(`moto_server did not answer on ${url}: ${readFileSync(log, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function sh(script: string) {
  const file = join(work, `script-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script, { mode: 0o755 });
  const r = spawnSync('/bin/sh', [file], { env: { ...env, PATH: `${shims}${delimiter}${process.env.PATH}` }, cwd: work, encoding: 'utf8', timeout: 240_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scalectl(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--region', 'us-east-1', '--endpoint-url', endpoint, ...args], { env: { ...env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BUILD = `#!/bin/sh
set -e
CERT_ARN=\`iam-servercertupload -b "$CERTS/leaf.crt" -k "$CERTS/leaf.key" -c "$CERTS/chain.pem" -s web-cert -v | head -1\`
echo "CERT=$CERT_ARN"
elb-create-lb web --availability-zones us-east-1a,us-east-1b \\
  --listener "protocol=http, lb-port=80, instance-port=80" \\
  --listener "protocol=https, lb-port=443, instance-port=80, instance-protocol=http, cert-id=$CERT_ARN"
elb-configure-healthcheck web --target "HTTP:80/health" --interval 30 --timeout 5 --healthy-threshold 2 --unhealthy-threshold 2
elb-create-lb-cookie-stickiness-policy web --policy-name sticky-lb --expiration-period 3600
elb-create-app-cookie-stickiness-policy web -p sticky-app -c JSESSIONID
elb-set-lb-policies-of-listener web --lb-port 80 --policy-names sticky-lb
elb-set-lb-policies-of-listener web -l 443 -p sticky-app
printf '#!/bin/sh\\necho hello\\n' > ud.sh
as-create-launch-config web-lc --image-id ami-12c6146b --instance-type m1.small --key web-key --group default --user-data-file ud.sh
as-create-auto-scaling-group web-asg --launch-configuration web-lc --availability-zones us-east-1a,us-east-1b \\
  --min-size 2 --max-size 8 --load-balancers web --health-check-type ELB --grace-period 300 \\
  --tag "k=Name, v=web, p=true" --tag "k=env,v=prod,p=false"
UP=\`as-put-scaling-policy up --auto-scaling-group web-asg --adjustment=1 --type ChangeInCapacity --cooldown 300\`
DOWN=\`as-put-scaling-policy down -g web-asg "--adjustment=-1" --type ChangeInCapacity --cooldown 300\`
echo "UP=$UP"
echo "DOWN=$DOWN"
mon-put-metric-alarm web-cpu-high --metric-name CPUUtilization --namespace "AWS/EC2" --statistic Average --period 300 \\
  --evaluation-periods 2 --threshold 70 --comparison-operator GreaterThanThreshold --dimensions "AutoScalingGroupName=web-asg" --alarm-actions $UP
mon-put-metric-alarm web-cpu-low --metric-name CPUUtilization --namespace "AWS/EC2" --statistic Average --period 300 \\
  --evaluation-periods 2 --threshold 20 --comparison-operator LessThanThreshold --dimensions "AutoScalingGroupName=web-asg" --alarm-actions $DOWN
echo "GROUP=\`as-describe-auto-scaling-groups web-asg | grep AUTO-SCALING-GROUP | cut -f 3 -d " "\`"
# The describe habits of the real scripts (legacy-cli.md §3).
elb-describe-lbs --show-long --headers > lbs.txt
echo "CERTS=\`iam-servercertlistbypath | grep -c web-cert\`"
echo "POLICIES=\`as-describe-policies --auto-scaling-group web-asg | grep -c SCALING-POLICY\`"
echo "ALARMS=\`mon-describe-alarms | cut -f 1 -d " " | tr '\\n' ' '\`"
`;

// Day two in the legacy style (century-arcade/xd's earlier 00-aws-ec2-configure.sh: suspend
// processes, a recurring scheduled action), plus a custom metric and a forced alarm state.
const DAY_TWO = `#!/bin/sh
set -e
as-set-desired-capacity web-asg -c 3
as-suspend-processes web-asg --processes "AZRebalance, ScheduledActions"
as-put-scheduled-update-group-action nightly --auto-scaling-group web-asg --recurrence "0 22 * * *" --min-size 2 --max-size 2 --desired-capacity 2
as-put-scheduled-update-group-action xmas --auto-scaling-group web-asg --time 2030-12-24T18:00:00Z --desired-capacity 4
mon-put-data --metric-name QueueDepth --namespace "MyApp" --dimensions "AutoScalingGroupName=web-asg" --value 42 --unit Count
mon-put-data -m QueueDepth -n MyApp -d "AutoScalingGroupName=web-asg" --statisticValues "SampleCount=2,Sum=10,Maximum=7,Minimum=3"
mon-set-alarm-state web-cpu-high --state-value ALARM --state-reason "testing the scale-up wiring"
echo "ACTIVITIES=\`as-describe-scaling-activities -g web-asg --headers | grep -c '^ACTIVITY  '\`"
as-delete-scheduled-action xmas --auto-scaling-group web-asg -f
as-resume-processes web-asg --processes AZRebalance
`;

const TEARDOWN = `#!/bin/sh
set -e
mon-delete-alarms web-cpu-high web-cpu-low -f
as-delete-policy up --auto-scaling-group web-asg -f
as-update-auto-scaling-group web-asg --min-size 0 --max-size 0 --desired-capacity 0
# neosavvyinc/sneeky-again cleanupAutoscalingGroups.sh: every group by position, force-deleted.
for g in \`as-describe-auto-scaling-groups | grep AUTO-SCALING-GROUP | cut -f 3 -d " "\`; do
  as-delete-auto-scaling-group $g --force-delete -f
done
as-delete-launch-config web-lc -f
elb-delete-lb web --force
iam-servercertdel -s web-cert
`;

describe.skipIf(!MOTO)('the seed walkthrough as a legacy script against moto_server', () => {
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
    work = mkdtempSync(join(tmpdir(), 'scalectl-legacy-'));
    shims = join(work, 'bin');
    const empty = join(work, 'empty');
    writeFileSync(empty, '');
    const credentials = join(work, 'credential-file');
    writeFileSync(credentials, 'AWSAccessKeyId=testing\nAWSSecretKey=testing\n');
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    env = {
      HOME: work, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_CREDENTIAL_FILE: credentials, EC2_REGION: 'us-east-1', CERTS: certFixtures().dir,
      AWS_ELB_URL: endpoint, AWS_IAM_URL: endpoint, AWS_AUTO_SCALING_URL: endpoint, AWS_CLOUDWATCH_URL: endpoint,
    };
    const log = join(work, 'moto.log');
    const fd = openSync(log, 'w');
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

  it('installs the shims, twice, the second time changing nothing', () => {
    const first = spawnSync(process.execPath, [BIN, 'legacy', 'install', shims], { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/ \d+ legacy commands \(\d+ written, 0 unchanged\)$/m);
    const again = spawnSync(process.execPath, [BIN, 'legacy', 'install', shims], { encoding: 'utf8' });
    expect(again.stdout).toMatch(/\(0 written, \d+ unchanged\)$/m);
  });

  it('builds the tier with the old script, unchanged, under set -e', () => {
    const r = sh(BUILD);
    expect(r.stderr).not.toMatch(/^\S+:  /m);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('CERT=arn:aws:iam::123456789012:server-certificate/web-cert');
    expect(r.stdout).toMatch(/^DNS_NAME  web\S*\.elb\.amazonaws\.com$/m);
    expect(r.stdout).toMatch(/^HEALTH_CHECK  HTTP:80\/health  30  5  2  2$/m);
    expect(r.stdout).toMatch(/^UP=arn:aws:autoscaling:us-east-1:\d+:scalingPolicy:\S+:autoScalingGroupName\/web-asg:policyName\/up$/m);
    expect(r.stdout).toMatch(/^DOWN=arn:aws:autoscaling:\S+:policyName\/down$/m);
    expect(lines).toContain('GROUP=web-asg');
    expect(r.stdout.match(/^OK-Created Alarm$/gm)).toHaveLength(2);
    expect(r.stderr).toMatch(/^as-create-launch-config: creating launch template web-lc instead of a launch configuration/m);
    expect(lines).toEqual(expect.arrayContaining(['CERTS=1', 'POLICIES=2', 'ALARMS=web-cpu-high web-cpu-low ']));
    const lbs = readFileSync(join(work, 'lbs.txt'), 'utf8').split('\n');
    expect(lbs[0]).toBe('LOAD_BALANCER,NAME,DNS_NAME,SCHEME,ZONES,SUBNETS,SECURITY_GROUPS,LISTENERS,HEALTH_CHECK,INSTANCES');
    expect(lbs[1]).toMatch(/^LOAD_BALANCER,web,web\S*\.elb\.amazonaws\.com,internet-facing,us-east-1a,us-east-1b,/);

    // Read back with the native commands.
    const lb = JSON.parse(scalectl('describe-lbs', 'web', '--output', 'json').stdout);
    expect(lb.loadBalancers[0].listeners.map((l: { port: number }) => l.port).sort((a: number, b: number) => a - b)).toEqual([80, 443]);
    expect(lb.loadBalancers[0].healthCheck.target).toBe('HTTP:80/health');
    const asg = JSON.parse(scalectl('describe-asgs', 'web-asg', '--output', 'json').stdout).groups[0];
    expect(asg.launchTemplate.name).toBe('web-lc');
    expect(asg).toMatchObject({ min: 2, max: 8, loadBalancers: ['web'], healthCheckType: 'ELB', gracePeriod: 300 });
    expect(asg.tags).toEqual(expect.arrayContaining([{ key: 'Name', value: 'web', propagate: true }, { key: 'env', value: 'prod', propagate: false }]));
    const alarms = JSON.parse(scalectl('describe-alarms', '--output', 'json').stdout).alarms;
    expect(alarms.map((a: { name: string; actions: string[] }) => [a.name, a.actions])).toEqual([['web-cpu-high', ['up']], ['web-cpu-low', ['down']]]);
    const lc = sh('#!/bin/sh\nas-describe-launch-configs web-lc\n');
    expect(lc.stdout).toBe('LAUNCH-CONFIG  web-lc  ami-12c6146b  m1.small\n');
  }, 240_000);

  it('runs a day-two script with the legacy commands under set -e', () => {
    const r = sh(DAY_TWO);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'OK-Desired Capacity Set', 'OK-Processes Suspended', 'OK-Put Scheduled Update Group Action', 'OK-Put Scheduled Update Group Action', 'OK-Set alarm state value',
      expect.stringMatching(/^ACTIVITIES=\d+$/), 'OK-Deleted Scheduled Action', 'OK-Processes Resumed',
    ]);
    const asg = JSON.parse(scalectl('describe-asgs', 'web-asg', '--output', 'json').stdout).groups[0];
    expect(asg.desired).toBe(3);
    expect(asg.suspendedProcesses).toEqual(['ScheduledActions']);
    const schedules = JSON.parse(scalectl('describe-schedules', '--asg', 'web-asg', '--output', 'json').stdout).schedules;
    expect(schedules.map((x: { name: string; recurrence: string | null; min: number | null }) => [x.name, x.recurrence, x.min])).toEqual([['nightly', '0 22 * * *', 2]]);
    expect(JSON.parse(scalectl('describe-alarms', 'web-cpu-high', '--output', 'json').stdout).alarms[0].state).toBe('ALARM');
    expect(scalectl('list-metrics', '--namespace', 'MyApp').stdout).toContain('QueueDepth');
    // Moto has no notification configurations: the legacy command ends in one clean line.
    const n = sh('#!/bin/sh\nset -e\nas-put-notification-configuration web-asg --topic-arn arn:aws:sns:us-east-1:123456789012:ops -t autoscaling:EC2_INSTANCE_LAUNCH\necho not reached\n');
    expect(n.code).not.toBe(0);
    expect(n.stdout).toBe('');
    expect(n.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^as-put-notification-configuration:  \S/)]);
    // Moto has no DisableAlarmActions either (HTTP 500): one clean line, and set -e stops the script.
    const a = sh('#!/bin/sh\nset -e\nmon-disable-alarm-actions web-cpu-high\necho not reached\n');
    expect([a.code === 0, a.stdout]).toEqual([false, '']);
    expect(a.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^mon-disable-alarm-actions:  \S/)]);
  }, 240_000);

  it('tears it down with the legacy commands and -f, leaving nothing behind', () => {
    const r = sh(TEARDOWN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['OK-Deleted alarms', 'OK-Deleted Policy', 'OK-Updated AutoScalingGroup', 'OK-Deleted AutoScalingGroup', 'OK-Deleted launch configuration', 'OK-Deleting LoadBalancer']);
    expect(JSON.parse(scalectl('describe-lbs', '--output', 'json').stdout).loadBalancers).toEqual([]);
    expect(JSON.parse(scalectl('describe-asgs', '--output', 'json').stdout).groups).toEqual([]);
    expect(JSON.parse(scalectl('describe-alarms', '--output', 'json').stdout).alarms).toEqual([]);
    expect(JSON.parse(scalectl('list-certs', '--output', 'json').stdout).certificates).toEqual([]);
    const left = sh('#!/bin/sh\nas-describe-launch-configs\nas-describe-auto-scaling-instances\n');
    expect(left).toEqual({ code: 0, stdout: '', stderr: '' });
  }, 240_000);
});
