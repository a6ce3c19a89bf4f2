// dns alias, status, teardown and boot for real against moto_server on a free loopback port, with
// the built binary; boot reads a loopback IMDSv2 look-alike that answers for a moto instance.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetadataServer, type FakeMetadata } from '../helpers/metadata-server.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/scalectl.js');
const MOTO = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'moto_server')).find((p) => existsSync(p));

let server: ChildProcess | undefined;
let endpoint = '';
let work = '';
let env: Record<string, string | undefined> = {};
let imds: FakeMetadata | undefined;

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

/** Runs the built binary asynchronously (the metadata server lives in this process). */
function scalectl(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, '--region', 'us-east-1', '--endpoint-url', endpoint, ...args], { env: { ...env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * One SDK call to moto from a child process: in this process the SDK clients are mocked at class
 * level by the test setup.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sdk(pkg: string, client: string, command: string, input: unknown): any {
  const code = `const m = require('@aws-sdk/${pkg}'); new m.${client}({ region: 'us-east-1', endpoint: process.argv[1], credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }).send(new m.${command}(JSON.parse(process.argv[2]))).then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e.message); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', code, endpoint, JSON.stringify(input)], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.skipIf(!MOTO)('dns and boot against moto_server', () => {
  let zoneId = '';
  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('run "npm run build" first (npm test does)');
    work = mkdtempSync(join(tmpdir(), 'scalectl-dns-moto-'));
    const empty = join(work, 'empty');
    writeFileSync(empty, '');
    env = { PATH: process.env.PATH, HOME: work, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    const log = join(work, 'moto.log');
    const fd = openSync(log, 'w');
    server = spawn(MOTO!, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', fd, fd], detached: true });
    closeSync(fd);
    const pid = server.pid;
    process.once('exit', () => { try { if (pid) process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } });
    const end = Date.now() + 30_000;
    for (;;) {
      try { if ((await fetch(`${endpoint}/moto-api/`)).ok) break; } catch { /* not yet */ }
      if (Date.now() > end) throw new Error(`moto_server did not start: ${readFileSync(log, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const z = sdk('client-route-53', 'Route53Client', 'CreateHostedZoneCommand', { Name: 'example.com', CallerReference: 'scalectl-test' });
    zoneId = (z.HostedZone?.Id ?? '').replace('/hostedzone/', '');
  }, 40_000);

  afterAll(async () => {
    await imds?.close();
    const s = server;
    if (!s?.pid || s.exitCode !== null) return;
    const gone = new Promise<void>((r) => s.once('exit', () => r()));
    process.kill(-s.pid, 'SIGTERM');
    const t = setTimeout(() => s.exitCode === null && process.kill(-s.pid!, 'SIGKILL'), 3000);
    await gone;
    clearTimeout(t);
  }, 10_000);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const records = async (): Promise<any[]> => sdk('client-route-53', 'Route53Client', 'ListResourceRecordSetsCommand', { HostedZoneId: zoneId }).ResourceRecordSets ?? [];

  it('dns alias puts the apex on the balancer with a marker; status lists it; teardown --stack removes it before the balancer', async () => {
    expect((await scalectl(['create-lb', 'web', '--listener', 'http:80', '--zones', 'us-east-1a', '--stack', 'shop'])).code).toBe(0);
    const a = await scalectl(['dns', 'alias', 'example.com', '--lb', 'web', '--stack', 'shop']);
    expect([a.code, a.stdout]).toEqual([0, 'example.com\n']);
    const rs = await records();
    expect(rs.find((r) => (r.Type === 'A') && r.Name === 'example.com.')?.AliasTarget).toEqual({ HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.web.us-east-1.elb.amazonaws.com', EvaluateTargetHealth: false });
    expect(rs.find((r) => r.Type === 'TXT')).toMatchObject({ Name: '_scalectl.example.com.', ResourceRecords: [{ Value: '"heritage=scalectl,scalectl/stack=shop"' }] });
    const again = await scalectl(['dns', 'alias', 'example.com', '--lb', 'web', '--stack', 'shop']);
    expect([again.code, again.stderr]).toEqual([0, 'unchanged: example.com\n']);
    const other = await scalectl(['dns', 'alias', 'example.com', '--lb', 'web', '--stack', 'other']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^error: example\.com is marked as stack shop's/);
    const s = await scalectl(['status', '--stack', 'shop', '--output', 'text']);
    expect(s.stdout).toBe('dns-record\texample.com\tA alias\tdualstack.web.us-east-1.elb.amazonaws.com\nload-balancer\tweb\t0/0 InService\tweb.us-east-1.elb.amazonaws.com\n');
    // Another stack's teardown leaves the record alone.
    expect((await scalectl(['teardown', '--stack', 'other', '--yes'])).code).toBe(0);
    expect((await records()).some((r) => r.Type === 'A')).toBe(true);
    const t = await scalectl(['teardown', '--stack', 'shop', '--yes']);
    expect([t.code, t.stdout]).toEqual([0, 'dns-record\texample.com\tdeleted\t\nload-balancer\tweb\tdeleted\t\n']);
    expect((await records()).map((r) => r.Type).sort()).toEqual(['NS', 'SOA']);
  }, 60_000);

  it('boot takes the Elastic IP, joins the balancer and registers DNS for the instance the metadata names; again: unchanged', async () => {
    const ec2 = (command: string, input: unknown) => sdk('client-ec2', 'EC2Client', command, input);
    const id: string = ec2('RunInstancesCommand', { ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }).Instances[0].InstanceId;
    const alloc = ec2('AllocateAddressCommand', { Domain: 'vpc' });
    expect((await scalectl(['create-lb', 'apex-lb', '--listener', 'http:80', '--zones', 'us-east-1a'])).code).toBe(0);
    const block = `#!/bin/bash\n#scalectl eip=${alloc.AllocationId} lb=apex-lb\n#scalectl dns=example.com:www.example.com:30\necho hi\n`;
    imds = await startMetadataServer({ 'meta-data/instance-id': id, 'meta-data/local-ipv4': '10.0.0.5', 'user-data': block });
    const e = { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint };
    const b = await scalectl(['boot', '--output', 'text'], e);
    expect(b.stderr).not.toMatch(/failed/);
    expect(b.code).toBe(0);
    expect(b.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual([`eip ${alloc.AllocationId} done`, 'lb apex-lb done', 'dns www.example.com done']);
    const addr = ec2('DescribeAddressesCommand', { AllocationIds: [alloc.AllocationId] }).Addresses[0];
    expect(addr.InstanceId).toBe(id);
    const lb = JSON.parse((await scalectl(['describe-lbs', 'apex-lb', '--output', 'json'])).stdout).loadBalancers[0];
    expect(lb.instances).toEqual([id]);
    // The record carries the Elastic IP (the instance's public address once associated).
    expect((await records()).find((r) => r.Name === 'www.example.com.')).toMatchObject({ Type: 'A', SetIdentifier: id, TTL: 30, MultiValueAnswer: true, ResourceRecords: [{ Value: alloc.PublicIp }] });
    // Every metadata read carried a token.
    expect(imds.log.filter((l) => l.startsWith('GET') && l.endsWith(' none'))).toEqual([]);
    const again = await scalectl(['boot', '--output', 'text'], e);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[2])).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // At shutdown: the record goes, then the TTL is waited out (--no-drain here to keep the test fast).
    const d = await scalectl(['dns', 'deregister', '--zone', 'example.com', '--name', 'www.example.com', '--no-drain', '--output', 'text'], e);
    expect([d.code, d.stdout]).toEqual([0, `www.example.com\t${id}\t${alloc.PublicIp}\n`]);
    expect((await records()).some((r) => r.Name === 'www.example.com.')).toBe(false);
  }, 60_000);
});
