import { ChangeResourceRecordSetsCommand, GetChangeCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { r53Mock } from '../../helpers/aws.js';
import { startMetadataServer, type FakeMetadata } from '../../helpers/metadata-server.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

const ID = 'i-0123456789abcdef0';
let imds: FakeMetadata;
let env: Record<string, string>;

beforeAll(async () => {
  imds = await startMetadataServer({});
  env = { ...TEST_ENV, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint };
});
afterAll(() => imds.close());

const mine = { Name: 'www.example.com.', Type: 'A' as const, SetIdentifier: ID, TTL: 60, MultiValueAnswer: true, ResourceRecords: [{ Value: '198.51.100.7' }] };
const records = (...sets: object[]) => r53Mock.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: sets as never, IsTruncated: false, MaxItems: 300 });

beforeEach(() => {
  imds.data = { 'meta-data/instance-id': ID, 'meta-data/public-ipv4': '198.51.100.7', 'meta-data/local-ipv4': '10.0.0.7' };
  imds.log.length = 0;
  r53Mock.on(ListHostedZonesCommand).resolves({ IsTruncated: false, MaxItems: 100, HostedZones: [{ Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a' }] });
  r53Mock.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C9', Status: 'PENDING', SubmittedAt: new Date() } });
  r53Mock.on(GetChangeCommand).resolves({ ChangeInfo: { Id: '/change/C9', Status: 'INSYNC', SubmittedAt: new Date() } });
});

describe('dns register', () => {
  it('UPSERTs a multivalue A record whose set identifier is the instance id, with the public IPv4 from IMDSv2', async () => {
    records();
    const r = await runCli('dns register --zone example.com --name www.example.com', { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`www.example.com\t${ID}\t198.51.100.7\n`);
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input)).toEqual([{
      HostedZoneId: 'ZPUB',
      ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', SetIdentifier: ID, MultiValueAnswer: true, TTL: 60, ResourceRecords: [{ Value: '198.51.100.7' }] } }] },
    }]);
    // Token first, then every read with it.
    expect(imds.log[0]).toBe('PUT api/token none');
    expect(imds.log.slice(1).every((l) => / token-\d+$/.test(l))).toBe(true);
  });

  it('weighted with --weight, the private address when there is no public one, a TTL of choice', async () => {
    records();
    delete imds.data['meta-data/public-ipv4'];
    const r = await runCli('dns register --zone example.com --name www.example.com --weight 10 --ttl 30 --no-wait', { env });
    expect(r.code).toBe(0);
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes).toEqual([
      { Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', SetIdentifier: ID, Weight: 10, TTL: 30, ResourceRecords: [{ Value: '10.0.0.7' }] } },
    ]);
    expect(r53Mock).toHaveReceivedCommandTimes(GetChangeCommand, 0);
  });

  it('converges: its record already there as wanted is unchanged', async () => {
    records(mine, { ...mine, SetIdentifier: 'i-0fedcba9876543210', ResourceRecords: [{ Value: '198.51.100.8' }] });
    const r = await runCli('dns register --zone example.com --name www.example.com', { env });
    expect([r.code, r.stderr]).toEqual([0, `unchanged: www.example.com ${ID}\n`]);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });

  it('bad input is exit 2 with nothing sent', async () => {
    for (const [args, err] of [
      ['--weight 1 --multivalue', 'error: --weight and --multivalue are two different routing policies; pass one of them\n'],
      ['--ttl 2147483648', 'error: TTL "2147483648" must be a whole number of seconds from 0 to 2147483647\n'],
      ['--ttl -1', 'error: TTL "-1" must be a whole number of seconds from 0 to 2147483647\n'],
      ['--ip 2001:db8::1', 'error: --ip "2001:db8::1" is not an IPv4 address; e.g. 203.0.113.10, or --ip auto for the address from the instance metadata\n'],
      ['--ip 300.1.1.1', 'error: --ip "300.1.1.1" is not an IPv4 address; e.g. 203.0.113.10, or --ip auto for the address from the instance metadata\n'],
    ] as const) {
      const r = await runCli(`dns register --zone example.com --name www.example.com ${args}`, { env });
      expect([r.code, r.stderr], args).toEqual([2, err]);
    }
    const out = await runCli('dns register --zone example.com --name www.example.org', { env });
    expect(out.code).toBe(2);
    expect(r53Mock.calls()).toHaveLength(0);
    expect(imds.log).toEqual([]);
  });

  it('a record without a token is refused by the metadata server', async () => {
    expect((await fetch(`${imds.endpoint}/latest/meta-data/instance-id`)).status).toBe(401);
    expect((await fetch(`${imds.endpoint}/latest/meta-data/instance-id`, { headers: { 'X-aws-ec2-metadata-token': 'forged' } })).status).toBe(401);
  });

  it('off EC2 (nothing answers) it fails in one line, exit 1', async () => {
    const r = await runCli('dns register --zone example.com --name www.example.com', { env: { ...env, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the instance metadata service at http:\/\/127\.0\.0\.1:9 did not answer \(.*\); run this on an EC2 instance, or set AWS_EC2_METADATA_SERVICE_ENDPOINT\n$/);
  });
});

describe('dns deregister', () => {
  it('deletes exactly its own record, waits for INSYNC, then waits the TTL', async () => {
    records(mine, { ...mine, SetIdentifier: 'i-0fedcba9876543210', ResourceRecords: [{ Value: '198.51.100.8' }] });
    const r = await runCli('dns deregister --zone example.com --name www.example.com --output json', { env });
    expect(r.code).toBe(0);
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes).toEqual([
      { Action: 'DELETE', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', SetIdentifier: ID, MultiValueAnswer: true, TTL: 60, ResourceRecords: [{ Value: '198.51.100.7' }] } },
    ]);
    expect(r.sleeps).toEqual([60_000]);
    expect(r.stderr).toContain('Waiting 60s (the record\'s TTL) for resolvers to stop handing out this address\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'deleted', instanceId: ID, ip: '198.51.100.7', ttl: 60, drainedSeconds: 60, inSync: true });
  });

  it('on a terminal the TTL is a countdown, one second at a time', async () => {
    records({ ...mine, TTL: 3 });
    const r = await runCli('dns deregister --zone example.com --name www.example.com --no-color', { env, tty: true });
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([1000, 1000, 1000]);
    expect(r.stderr).toContain('Draining: resolvers may hand out this address for 1s more');
  });

  it('--no-drain returns at once; no record of this instance is unchanged, with no wait', async () => {
    records(mine);
    const n = await runCli('dns deregister --zone example.com --name www.example.com --no-drain', { env });
    expect([n.code, n.sleeps]).toEqual([0, []]);
    expect(r53Mock).toHaveReceivedCommandTimes(GetChangeCommand, 0);
    r53Mock.resetHistory();
    records();
    const u = await runCli('dns deregister --zone example.com --name www.example.com', { env });
    expect([u.code, u.sleeps, u.stderr]).toEqual([0, [], `unchanged: no record of ${ID} at www.example.com\n`]);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });
});
