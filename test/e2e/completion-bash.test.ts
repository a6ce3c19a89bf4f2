import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/scalectl.js');
const home = mkdtempSync(join(tmpdir(), 'scalectl-complete-'));
let server: Server;
let endpoint = '';
const requests: string[] = [];

// A loopback stand-in for AWS that knows two balancers and two stacks, so resource names complete.
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      requests.push(target || /Action=(\w+)/.exec(body)?.[1] || '?');
      if (target.endsWith('GetTagValues')) {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        return res.end(JSON.stringify({ TagValues: ['shop', 'web'] }));
      }
      res.setHeader('content-type', 'text/xml');
      res.end(`<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><DescribeLoadBalancersResult><LoadBalancerDescriptions>${['web-lb', 'api-lb'].map((n) => `<member><LoadBalancerName>${n}</LoadBalancerName><DNSName>${n}.elb.example</DNSName><ListenerDescriptions/><Instances/><AvailabilityZones/></member>`).join('')}</LoadBalancerDescriptions></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  endpoint = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sources the real `scalectl completion bash` in bash and asks it to complete `words`. */
// Spawned asynchronously: the fake endpoint lives in this process and must keep answering.
async function complete(words: string[], extraEnv: Record<string, string> = {}): Promise<string[]> {
  const script = join(home, 'run.sh');
  writeFileSync(script, [
    `scalectl() { "${process.execPath}" "${bin}" "$@"; }`,
    'source <(scalectl completion bash)',
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}`,
    '__scalectl_complete 2>/dev/null',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n'));
  const r = await promisify(execFile)('bash', [script], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: endpoint, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), ...extraEnv },
  });
  return r.stdout.split('\n').filter(Boolean);
}

describe('bash completion (the real script in bash)', () => {
  it('completes command names', async () => {
    expect(await complete(['scalectl', 'cr'])).toEqual(['create-lb', 'create-asg']);
  });

  it('completes options of the command and global ones', async () => {
    expect(await complete(['scalectl', 'create-lb', '--li'])).toEqual(['--listener']);
    expect(await complete(['scalectl', 'teardown', '--que'])).toEqual(['--query']);
  });

  it('completes fixed choices', async () => {
    expect(await complete(['scalectl', 'describe-asgs', '--output', ''])).toEqual(['table', 'text', 'json']);
  });

  it('completes resource names from AWS, then from the cache', async () => {
    requests.length = 0;
    expect(await complete(['scalectl', 'teardown', '--stack', ''])).toEqual(['shop', 'web']);
    expect(await complete(['scalectl', 'instance-health', ''])).toEqual(['api-lb', 'web-lb']);
    expect(await complete(['scalectl', 'instance-health', 'w'])).toEqual(['web-lb']);
    expect(requests).toEqual(['ResourceGroupsTaggingAPI_20170126.GetTagValues', 'DescribeLoadBalancers']);
  });

  it('is silent when AWS cannot be reached', async () => {
    expect(await complete(['scalectl', 'status', '--stack', ''], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', XDG_CACHE_HOME: join(home, 'cache2') })).toEqual([]);
  });
});
