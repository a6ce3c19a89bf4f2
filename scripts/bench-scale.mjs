// Scaling benchmark against moto (python3 -m moto.server) on a free loopback port, through a small
// counting proxy: for N = 0, 300 and 600 unrelated groups and alarms around a 40-resource stack, the
// requests and wall time of `status`, `teardown --dry-run` and `teardown --yes`; then one describe
// call beside bare node, the floor (node + one raw loopback HTTP request), the AWS SDK alone (one
// client, one call, bundled and cached as dist/ is) and the AWS CLI. Prints
// counts and ratios; asserts nothing about time (the machine is shared: numbers are noisy).
// Usage: node scripts/bench-scale.mjs [--runs 15]   (npm run bench runs it after the start-up table)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { pureSchemas, sdkReadFile } from './build-plugins.mjs';
import { AutoScalingClient, CreateAutoScalingGroupCommand, PutScalingPolicyCommand } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ||= 'true'; // the SDK clients that fill moto: no Node 20 notice
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const STACK = 'bench';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'scalectl-bench-scale-'));
writeFileSync(join(dir, 'empty'), '');
const keys = { AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK0000000', AWS_SECRET_ACCESS_KEY: 'bench-secret' };
const env = { ...process.env, HOME: dir, AWS_CONFIG_FILE: join(dir, 'empty'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'empty'), AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', ...keys };

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
  });
});

// --- moto and the counting proxy -------------------------------------------------------------
const motoPort = await freePort();
const moto = spawn('python3', ['-m', 'moto.server', '-p', String(motoPort)], { stdio: 'ignore', detached: true });
const stop = () => { try { process.kill(-moto.pid, 'SIGTERM'); } catch { /* gone */ } };
process.on('exit', stop);
const motoUrl = `http://127.0.0.1:${motoPort}`;
for (let i = 0; ; i++) {
  try { if ((await fetch(`${motoUrl}/moto-api/`)).ok) break; } catch { /* not yet */ }
  if (i > 150) throw new Error('moto did not start');
  await new Promise((r) => setTimeout(r, 200));
}

let counted = 0;
const byOp = new Map();
const proxy = createHttpServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    counted++;
    const op = /Action=([A-Za-z]+)/.exec(body.toString())?.[1] ?? req.headers['x-amz-target']?.split('.').pop() ?? req.method;
    byOp.set(op, (byOp.get(op) ?? 0) + 1);
    const up = httpRequest({ host: '127.0.0.1', port: motoPort, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => { res.writeHead(502); res.end(); });
    up.end(body);
  });
});
const proxyPort = await freePort();
await new Promise((r) => proxy.listen(proxyPort, '127.0.0.1', r));
const proxyUrl = `http://127.0.0.1:${proxyPort}`;

// --- filling moto directly (parallel API calls, not through the proxy) -----------------------
const cfg = { region: 'us-east-1', endpoint: motoUrl, credentials: { accessKeyId: keys.AWS_ACCESS_KEY_ID, secretAccessKey: keys.AWS_SECRET_ACCESS_KEY } };
const as = new AutoScalingClient(cfg);
const cw = new CloudWatchClient(cfg);
const ec2 = new EC2Client(cfg);
const elb = new ElasticLoadBalancingClient(cfg);
const inParallel = async (n, fn, width = 24) => {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => { while (next < n) await fn(next++); }));
};
const stackTag = [{ Key: 'scalectl:stack', Value: STACK }];
const alarm = (name, tags, actions = []) => cw.send(new PutMetricAlarmCommand({ AlarmName: name, MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 50, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: actions, Tags: tags }));

await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'background-lt', LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro' } }));
let background = 0;
async function fillBackground(n) {
  const from = background;
  await inParallel(n - from, async (i) => {
    const k = from + i;
    await as.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: `bg-asg-${k}`, MinSize: 0, MaxSize: 0, DesiredCapacity: 0, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: 'background-lt' }, Tags: [{ Key: 'team', Value: 'other', PropagateAtLaunch: false, ResourceId: `bg-asg-${k}`, ResourceType: 'auto-scaling-group' }] }));
    await alarm(`bg-alarm-${k}`, [{ Key: 'team', Value: 'other' }]);
  });
  background = n;
}

/** The 40-resource stack: 4 groups (desired 0: no drain to wait for), their 4 launch templates, 8 policies, 16 alarms firing them, 4 more alarms, 4 balancers. */
const SHAPE = { groups: 4, launchTemplates: 4, policies: 8, alarms: 20, loadBalancers: 4 };
async function buildStack() {
  await inParallel(SHAPE.groups, async (g) => {
    const name = `${STACK}-asg-${g}`;
    await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: name, LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro' }, TagSpecifications: [{ ResourceType: 'launch-template', Tags: stackTag }] }));
    await as.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: name, MinSize: 0, MaxSize: 2, DesiredCapacity: 0, AvailabilityZones: ['us-east-1a'], LaunchTemplate: { LaunchTemplateName: name }, Tags: [{ ...stackTag[0], PropagateAtLaunch: true, ResourceId: name, ResourceType: 'auto-scaling-group' }] }));
    for (const dir of ['up', 'down']) {
      const policy = await as.send(new PutScalingPolicyCommand({ AutoScalingGroupName: name, PolicyName: `${name}-${dir}`, AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: dir === 'up' ? 1 : -1 }));
      for (const i of [0, 1]) await alarm(`${name}-${dir}-${i}`, stackTag, [policy.PolicyARN]);
    }
  });
  await inParallel(SHAPE.loadBalancers, (i) => elb.send(new CreateLoadBalancerCommand({ LoadBalancerName: `${STACK}-lb-${i}`, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }], AvailabilityZones: ['us-east-1a'], Tags: stackTag })));
  await inParallel(SHAPE.alarms - SHAPE.policies * 2, (i) => alarm(`${STACK}-extra-${i}`, stackTag));
}

/** The fewest requests `teardown --stack --yes` of SHAPE can make against this endpoint (see README, Performance). */
function minimumTeardown() {
  const g = SHAPE.groups;
  const discovery = 1 /* GetResources */ + 1 /* DescribeAutoScalingGroups */ + 1 /* DescribePolicies */ + 1 /* DescribeAlarms */
    + 1 /* DescribeLoadBalancers */ + 1 /* DescribeTags: moto's Tagging API indexes no classic ELB */ + 1 /* DescribeLaunchTemplates */ + 1 /* ListServerCertificates */;
  const blockers = 2 * g; // DescribeLifecycleHooks + DescribeScalingActivities: one group each
  const deletes = Math.ceil(SHAPE.alarms / 100) + SHAPE.policies + 3 * g /* scale to 0, delete, see it gone */ + SHAPE.launchTemplates + SHAPE.loadBalancers;
  return discovery + blockers + deletes;
}

// Asynchronous: the proxy in this process must keep answering while scalectl runs.
function scalectl(args, endpoint = proxyUrl) {
  const before = counted;
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/scalectl.js', ...args, '--endpoint-url', endpoint], { env: { ...env, AWS_MAX_ATTEMPTS: '2' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (c) => { err += c; });
    p.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`scalectl ${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ requests: counted - before, ms });
    });
  });
}

// --- start-up table: one describe call beside bare node, the floor and the AWS CLI -----------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = (cmd, args, e = env) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: e, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
// The AWS SDK alone, for scale: one AutoScalingClient and one DescribeAutoScalingGroups, nothing of
// scalectl's, bundled as dist/ is (the SDK's ES modules, its schemas trimmed) and run through the
// same V8 code cache. What a one-call scalectl command cannot go below without replacing SDK parts.
const sdkOnlyDir = join(dir, 'sdk-only');
await esbuild({
  stdin: {
    contents: [
      "import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';",
      "process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';",
      'const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };',
      "new AutoScalingClient({ region: 'us-east-1', endpoint: process.argv[2], credentials }).send(new DescribeAutoScalingGroupsCommand({})).then((r) => process.stdout.write(JSON.stringify(r.AutoScalingGroups) + '\\n'));",
    ].join('\n'),
    resolveDir: root,
    loader: 'js',
  },
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, mainFields: ['module', 'main'], logLevel: 'warning',
  outfile: join(sdkOnlyDir, 'dist', 'sdk-only.cjs'),
  plugins: [pureSchemas, sdkReadFile],
});
writeFileSync(join(sdkOnlyDir, 'run.cjs'), `require(${JSON.stringify(join(root, 'bin', 'code-cache.js'))}).install(${JSON.stringify(join(sdkOnlyDir, 'dist'))});\nrequire('./dist/sdk-only.cjs');\n`);
const floorScript = `require('node:http').get(${JSON.stringify(`${motoUrl}/moto-api/`)}, (r) => { r.resume(); r.on('end', () => {}); })`;
// The AWS CLIs to compare with: those named in SCALECTL_BENCH_AWS_CLIS (colon-separated paths, so
// v1 and v2 can run side by side, each without a wrapper such as a pyenv shim), else `aws` on PATH.
// Each is labelled with its own --version.
const awsClis = (process.env.SCALECTL_BENCH_AWS_CLIS || spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).stdout.trim()).split(':').filter(Boolean);
const cliVersion = (cli) => {
  const r = spawnSync(cli, ['--version'], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim().split(' ')[0] || cli;
};
const cases = [
  ['bare node', process.execPath, ['-e', '']],
  ['floor: node + 1 HTTP request', process.execPath, ['-e', floorScript]],
  ['AWS SDK alone: 1 client, 1 call', process.execPath, [join(sdkOnlyDir, 'run.cjs'), motoUrl]],
  ['scalectl describe-asgs', process.execPath, ['bin/scalectl.js', 'describe-asgs', '--endpoint-url', motoUrl]],
  ['scalectl describe-lbs', process.execPath, ['bin/scalectl.js', 'describe-lbs', '--endpoint-url', motoUrl]],
  ['scalectl describe-alarms', process.execPath, ['bin/scalectl.js', 'describe-alarms', '--endpoint-url', motoUrl]],
  // The first run after an install or upgrade, before the V8 code cache (bin/code-cache.js) exists.
  ['scalectl describe-asgs, no code cache', process.execPath, ['bin/scalectl.js', 'describe-asgs', '--endpoint-url', motoUrl], { ...env, SCALECTL_NO_CODE_CACHE: '1' }],
  ...awsClis.map((cli) => [`aws (${cliVersion(cli)}) describe-auto-scaling-groups`, cli, ['autoscaling', 'describe-auto-scaling-groups', '--endpoint-url', motoUrl]]),
];
// The warm-up round also writes the code cache the other runs read, as a user's first run does.
for (const [, cmd, args, e] of cases) time(cmd, args, e);
const samples = cases.map(() => []);
for (let i = 0; i < RUNS; i++) cases.forEach(([, cmd, args, e], j) => samples[j].push(time(cmd, args, e)));
const ASGS = cases.findIndex(([name]) => name === 'scalectl describe-asgs');
const bare = median(samples[0]);
const floor = median(samples[1]);
const floorMin = Math.min(...samples[1]);
console.log(`\nOne AWS call against moto (empty), median of ${RUNS} runs; node ${process.version}`);
console.log('case                                           median ms   × bare node   × floor   (fastest run: ms, × fastest floor)');
cases.forEach(([name], j) => {
  const m = median(samples[j]);
  const fastest = Math.min(...samples[j]);
  console.log(`${name.padEnd(46)} ${m.toFixed(1).padStart(9)}   ${(m / bare).toFixed(2).padStart(10)}x   ${(m / floor).toFixed(2).padStart(6)}x   (${fastest.toFixed(1)}, ${(fastest / floorMin).toFixed(2)}x)`);
});
cases.forEach(([name], j) => {
  if (name.startsWith('aws (')) console.log(`scalectl describe-asgs is ${(median(samples[j]) / median(samples[ASGS])).toFixed(1)}x faster than ${name.split(' describe')[0]}`);
});
if (!awsClis.length) console.log('(no AWS CLI on PATH: `which aws` found none)');

// --- scaling table -----------------------------------------------------------------------------
console.log(`\nRequests and wall time for a ${Object.values(SHAPE).reduce((a, b) => a + b, 0)}-resource stack (${Object.entries(SHAPE).map(([k, v]) => `${v} ${k}`).join(', ')}) with N unrelated groups and alarms in the region`);
console.log('N     status req   ms     teardown --dry-run req   ms     teardown --yes req   ms     --yes ÷ minimum');
const min = minimumTeardown();
for (const n of [0, 300, 600]) {
  await fillBackground(n);
  await buildStack();
  const s = await scalectl(['status', '--stack', STACK]);
  const d = await scalectl(['teardown', '--stack', STACK, '--dry-run']);
  byOp.clear();
  const y = await scalectl(['teardown', '--stack', STACK, '--yes']);
  const ops = [...byOp].map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${String(n).padEnd(5)} ${String(s.requests).padStart(10)} ${s.ms.toFixed(0).padStart(6)}   ${String(d.requests).padStart(22)} ${d.ms.toFixed(0).padStart(6)}   ${String(y.requests).padStart(18)} ${y.ms.toFixed(0).padStart(6)}     ${(y.requests / min).toFixed(2)}x`);
  if (n === 0) console.log(`      teardown --yes sent: ${ops}`);
}
console.log(`minimum for teardown --yes of this stack: ${min} requests (discovery 8, blocker reads 2 per group, DeleteAlarms 1 per 100, one DeletePolicy each, per group scale-to-0 + delete + one look to see it gone, one delete per launch template and balancer)`);
proxy.close();
stop();
process.exit(0);
