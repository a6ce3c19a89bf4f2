// Start-up benchmark: medians over repeated runs of the built binary beside bare `node -e ''`,
// printed as ratios. Target: --version and --help within 1.3x bare node (DESIGN.md, Speed).
// Usage: npm run bench [-- --runs 30]; then the scaling section (scripts/bench-scale.mjs) when moto is installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 40;
const dir = mkdtempSync(join(tmpdir(), 'scalectl-bench-'));
writeFileSync(join(dir, 'empty'), '');
// The caller's environment (as a user runs it), with AWS settings pinned so `config` is stable.
const env = {
  ...process.env,
  HOME: dir,
  AWS_CONFIG_FILE: join(dir, 'empty'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'empty'),
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK0000000',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  AWS_EC2_METADATA_DISABLED: 'true',
};

const cases = [
  ['bare node', ['-e', '']],
  ['scalectl --version', ['bin/scalectl.js', '--version']],
  ['scalectl --help', ['bin/scalectl.js', '--help']],
  ['scalectl config', ['bin/scalectl.js', 'config']],
];

function timeOnce(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Interleave the cases so machine noise hits them alike; one warm-up round fills the file cache.
for (const [, args] of cases) timeOnce(args);
const samples = cases.map(() => []);
for (let i = 0; i < runs; i++) cases.forEach(([, args], j) => samples[j].push(timeOnce(args)));

// The fastest run of each case is printed too: on a busy machine medians drift with the load,
// while the minimum shows the cost of the work itself.
const base = median(samples[0]);
const baseMin = Math.min(...samples[0]);
console.log(`runs per case: ${runs}; node ${process.version}`);
console.log('case                     median ms   over bare ms   ratio to bare node   (fastest run: ms, ratio)');
cases.forEach(([name], j) => {
  const m = median(samples[j]);
  const min = Math.min(...samples[j]);
  console.log(`${name.padEnd(24)} ${m.toFixed(1).padStart(9)}   ${(m - base).toFixed(1).padStart(12)}   ${`${(m / base).toFixed(2)}x`.padEnd(20)} (${min.toFixed(1)}, ${(min / baseMin).toFixed(2)}x)`);
});

// The scaling section (moto, a counting proxy): skipped when moto is not installed.
if (spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' }).status === 0) {
  const scaleRuns = runsArg > 0 ? String(Math.max(3, Math.round(runs / 3))) : '10';
  spawnSync(process.execPath, ['scripts/bench-scale.mjs', '--runs', scaleRuns], { stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
} else {
  console.log('\n(scaling section skipped: python3 -m moto.server is not installed)');
}
