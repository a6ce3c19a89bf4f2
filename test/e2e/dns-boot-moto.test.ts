// dns alias, status, teardown and boot for real against moto_server on a free loopback port, with
// the built binary; boot reads a loopback IMDSv2 look-alike that answers for a moto instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetadataServer, type FakeMetadata } from '../helpers/metadata-server.js';
import { MOTO, requireBuild, scalectlAgainstAsync, sdkAgainst, startMoto, type Env, type Moto, type Run } from '../helpers/moto.js';

let moto: Moto | undefined;
let imds: FakeMetadata | undefined;
/** Runs the built binary asynchronously (the metadata server lives in this process). */
let scalectl: (args: string[], extraEnv?: Env) => Promise<Run>;
/** One SDK call to moto from a child process (see sdkAgainst). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sdk = (pkg: string, client: string, command: string, input: unknown): any => sdkAgainst(moto!)(pkg, client, command, input as object);

describe.skipIf(!MOTO)('dns and boot against moto_server', () => {
  let zoneId = '';
  beforeAll(async () => {
    requireBuild();
    moto = await startMoto({ prefix: 'scalectl-dns-moto-' });
    scalectl = scalectlAgainstAsync(moto);
    const z = sdk('client-route-53', 'Route53Client', 'CreateHostedZoneCommand', { Name: 'example.com', CallerReference: 'scalectl-test' });
    zoneId = (z.HostedZone?.Id ?? '').replace('/hostedzone/', '');
  }, 40_000);

  afterAll(async () => {
    await imds?.close();
    await moto?.stop();
  }, 10_000);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const records = async (): Promise<any[]> => sdk('client-route-53', 'Route53Client', 'ListResourceRecordSetsCommand', { HostedZoneId: zoneId }).ResourceRecordSets ?? [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const zoneTags = (): any[] => sdk('client-route-53', 'Route53Client', 'ListTagsForResourceCommand', { ResourceType: 'hostedzone', ResourceId: zoneId }).ResourceTagSet?.Tags ?? [];

  it('dns alias puts the apex on the balancer with a marker; status lists it; teardown --stack removes it before the balancer', async () => {
    expect((await scalectl(['create-lb', 'web', '--listener', 'http:80', '--zones', 'us-east-1a', '--stack', 'shop'])).code).toBe(0);
    const a = await scalectl(['dns', 'alias', 'example.com', '--lb', 'web', '--stack', 'shop']);
    expect([a.code, a.stdout]).toEqual([0, 'example.com\n']);
    const rs = await records();
    expect(rs.find((r) => (r.Type === 'A') && r.Name === 'example.com.')?.AliasTarget).toEqual({ HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.web.us-east-1.elb.amazonaws.com', EvaluateTargetHealth: false });
    expect(rs.find((r) => r.Type === 'TXT')).toMatchObject({ Name: '_scalectl.example.com.', ResourceRecords: [{ Value: '"heritage=scalectl,scalectl/stack=shop"' }] });
    expect(zoneTags()).toEqual([{ Key: 'scalectl:dns:shop', Value: 'shop' }]);
    const again = await scalectl(['dns', 'alias', 'example.com', '--lb', 'web', '--stack', 'shop']);
    expect([again.code, again.stderr]).toEqual([0, 'unchanged: example.com\n']);
    const other = await scalectl(['dns', 'alias', 'example.com', '--lb', 'web', '--stack', 'other']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^error: example\.com is marked as stack shop's/);
    const s = await scalectl(['status', '--stack', 'shop', '--output', 'text', '--debug']);
    // The zone was found by its tag (moto's ListTagsForResources), its records read.
    expect(s.stderr).toContain('dns-record: 1 of 1 hosted zones tagged scalectl:dns:shop; only their records read');
    expect(s.stdout).toBe('dns-record\texample.com\tA alias\tdualstack.web.us-east-1.elb.amazonaws.com\nload-balancer\tweb\t0/0 InService\tweb.us-east-1.elb.amazonaws.com\n');
    // Another stack's teardown leaves the record alone.
    expect((await scalectl(['teardown', '--stack', 'other', '--yes'])).code).toBe(0);
    expect((await records()).some((r) => r.Type === 'A')).toBe(true);
    const t = await scalectl(['teardown', '--stack', 'shop', '--yes']);
    expect([t.code, t.stdout]).toEqual([0, 'dns-record\texample.com\tdeleted\t\nload-balancer\tweb\tdeleted\t\nzone-tag\texample.com\tdeleted\t\n']);
    expect((await records()).map((r) => r.Type).sort()).toEqual(['NS', 'SOA']);
    expect(zoneTags()).toEqual([]);
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
