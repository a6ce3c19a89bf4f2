import { AssociateAddressCommand, DescribeAddressesCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, RegisterInstancesWithLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { ChangeResourceRecordSetsCommand, GetChangeCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsError, ec2Mock, elbMock, r53Mock } from '../../helpers/aws.js';
import { startMetadataServer, type FakeMetadata } from '../../helpers/metadata-server.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';
import { builtLb } from '../lb/lb-fixtures.js';

const ID = 'i-0123456789abcdef0';
const ALLOC = 'eipalloc-0123456789abcdef0';
const BLOCK = `#!/bin/bash\n#scalectl eip=${ALLOC} lb=web\n#scalectl dns=example.com:www.example.com:30\nyum -y install httpd\n`;
let imds: FakeMetadata;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  imds = await startMetadataServer({});
  env = { ...TEST_ENV, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint };
  dir = mkdtempSync(join(tmpdir(), 'scalectl-boot-'));
});
afterAll(() => imds.close());

beforeEach(() => {
  imds.data = { 'meta-data/instance-id': ID, 'meta-data/local-ipv4': '10.0.0.7', 'user-data': BLOCK };
  imds.log.length = 0;
  ec2Mock.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: ALLOC, PublicIp: '203.0.113.10', InstanceId: 'i-0aaaaaaaaaaaaaaaa' }] });
  ec2Mock.on(AssociateAddressCommand).resolves({ AssociationId: 'eipassoc-1' });
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
  elbMock.on(RegisterInstancesWithLoadBalancerCommand).resolves({ Instances: [{ InstanceId: ID }] });
  r53Mock.on(ListHostedZonesCommand).resolves({ IsTruncated: false, MaxItems: 100, HostedZones: [{ Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a' }] });
  r53Mock.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [], IsTruncated: false, MaxItems: 300 });
  r53Mock.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } });
  r53Mock.on(GetChangeCommand).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date() } });
});

describe('boot', () => {
  it('takes the Elastic IP over, joins the balancer and registers the Elastic IP in DNS, one line per step', async () => {
    const r = await runCli('boot', { env });
    expect(r.code).toBe(0);
    expect(ec2Mock).toHaveReceivedCommandWith(AssociateAddressCommand, { InstanceId: ID, AllocationId: ALLOC, AllowReassociation: true });
    expect(elbMock).toHaveReceivedCommandWith(RegisterInstancesWithLoadBalancerCommand, { LoadBalancerName: 'web', Instances: [{ InstanceId: ID }] });
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes).toEqual([
      { Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', SetIdentifier: ID, MultiValueAnswer: true, TTL: 30, ResourceRecords: [{ Value: '203.0.113.10' }] } },
    ]);
    expect(r.stderr).toBe([
      `eip ${ALLOC}: 203.0.113.10 associated with ${ID}`,
      `lb web: ${ID} registered with web`,
      `dns www.example.com: www.example.com A 203.0.113.10 (set ${ID})`,
      '',
    ].join('\n'));
    expect(r.stdout).toBe(`eip\t${ALLOC}\tdone\t203.0.113.10 associated with ${ID}\nlb\tweb\tdone\t${ID} registered with web\ndns\twww.example.com\tdone\twww.example.com A 203.0.113.10 (set ${ID})\n`);
    // The user data was read with a token.
    expect(imds.log).toContain('GET user-data token-1');
  });

  it('is idempotent: everything already in place is unchanged and nothing is written', async () => {
    ec2Mock.on(DescribeAddressesCommand).resolves({ Addresses: [{ AllocationId: ALLOC, PublicIp: '203.0.113.10', InstanceId: ID }] });
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb({ Instances: [{ InstanceId: ID }] })] });
    r53Mock.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [{ Name: 'www.example.com.', Type: 'A', SetIdentifier: ID, MultiValueAnswer: true, TTL: 30, ResourceRecords: [{ Value: '203.0.113.10' }] }], IsTruncated: false, MaxItems: 300 });
    const r = await runCli('boot --output json', { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).steps.map((s: { status: string }) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(ec2Mock).toHaveReceivedCommandTimes(AssociateAddressCommand, 0);
    expect(elbMock).toHaveReceivedCommandTimes(RegisterInstancesWithLoadBalancerCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });

  it('retries throttling and an instance ELB and EC2 do not know yet', async () => {
    ec2Mock.on(AssociateAddressCommand).rejectsOnce(awsError('InvalidInstanceID.NotFound', `The instance ID '${ID}' does not exist`)).rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.')).resolves({ AssociationId: 'eipassoc-1' });
    elbMock.on(RegisterInstancesWithLoadBalancerCommand).rejectsOnce(awsError('InvalidEndPointException', 'The specified EndPoint is not valid')).resolves({ Instances: [{ InstanceId: ID }] });
    const r = await runCli('boot', { env });
    expect(r.code).toBe(0);
    expect(ec2Mock).toHaveReceivedCommandTimes(AssociateAddressCommand, 3);
    expect(elbMock).toHaveReceivedCommandTimes(RegisterInstancesWithLoadBalancerCommand, 2);
    expect(r.sleeps).toEqual([1000, 2000, 1000]);
  });

  it('one step failing does not stop the others: exit 5 with done and not done', async () => {
    elbMock.on(RegisterInstancesWithLoadBalancerCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:RegisterInstancesWithLoadBalancer', 403));
    const r = await runCli('boot --output text', { env });
    expect(r.code).toBe(5);
    expect(r.stdout.split('\n').map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual([`eip ${ALLOC} done`, 'lb web failed', 'dns www.example.com done', '']);
    expect(r.stderr).toContain('lb web: failed: ');
    expect(r.stderr).toMatch(/error: boot is not complete: lb web failed: .*RegisterInstancesWithLoadBalancer/);
    expect(r.stderr).toMatch(new RegExp(`done: eip ${ALLOC}, dns www\\.example\\.com`));
  });

  it('every step failing is exit 1; a retry that runs out of time fails its step', async () => {
    imds.data['user-data'] = '#scalectl lb=web';
    elbMock.on(RegisterInstancesWithLoadBalancerCommand).rejects(awsError('InvalidEndPointException', 'The specified EndPoint is not valid'));
    const r = await runCli('boot --timeout 10s', { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: boot did nothing: lb web failed: AWS refused: InvalidEndPoint.*The specified EndPoint is not valid/);
  });

  it('reads the block from --config FILE; the metadata still names the instance', async () => {
    const f = join(dir, 'boot.conf');
    writeFileSync(f, '#scalectl lb=web\n');
    const r = await runCli(`boot --config ${f} --output text`, { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`lb\tweb\tdone\t${ID} registered with web\n`);
    expect(imds.log.some((l) => l.startsWith('GET user-data'))).toBe(false);
  });

  it('bad blocks are exit 2 with nothing sent to AWS', async () => {
    for (const [ud, err] of [
      ['#!/bin/bash\necho no block\n', 'error: the user data has no #scalectl block; add a line such as "#scalectl eip=eipalloc-0abc1234 lb=web dns=example.com:www.example.com:60"\n'],
      ['#scalectl lb=web colour=blue', 'error: the user data: unknown #scalectl key "colour"; the keys are eip=eipalloc-…|IP, lb=NAME and dns=ZONE:NAME[:TTL]\n'],
      ['#scalectl eip=203.0.113', 'error: the user data: eip=203.0.113 is neither an allocation id (eipalloc-…) nor an IPv4 address\n'],
      ['#scalectl dns=example.com:www.example.org', 'error: www.example.org is not inside the zone example.com; name a record that ends in example.com, or pick the zone that holds it with --zone\n'],
      ['#scalectl dns=example.com:www.example.com:99999999999', 'error: TTL "99999999999" must be a whole number of seconds from 0 to 2147483647\n'],
      ['#scalectl lb=web lb=api', 'error: the user data: #scalectl lb is given twice\n'],
    ] as const) {
      imds.data['user-data'] = ud;
      const r = await runCli('boot', { env });
      expect([r.code, r.stderr], ud).toEqual([2, err]);
    }
    delete imds.data['user-data'];
    const none = await runCli('boot', { env });
    expect([none.code, none.stderr]).toEqual([2, 'error: this instance has no user data, so no #scalectl block; give the block in the user data, or pass --config FILE\n']);
    expect([...ec2Mock.calls(), ...elbMock.calls(), ...r53Mock.calls()]).toHaveLength(0);
  });

  it('--user-data with --config, or both --print flags, is exit 2', async () => {
    expect((await runCli('boot --user-data --config x', { env })).stderr).toBe('error: --user-data and --config name two different sources of the #scalectl block; pass one of them\n');
    expect((await runCli('boot --print-systemd --print-user-data', { env })).code).toBe(2);
    expect(imds.log).toEqual([]);
  });

  it('--dry-run plans the three steps and writes nothing', async () => {
    const r = await runCli('boot --dry-run', { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      `associate\telastic-ip\t${ALLOC}\tec2:AssociateAddress\t203.0.113.10 → ${ID} (taken over from i-0aaaaaaaaaaaaaaaa)`,
      `register\tinstances\tweb\telb:RegisterInstancesWithLoadBalancer\t${ID}`,
      `create\tdns-record\twww.example.com/${ID}\troute53:ChangeResourceRecordSets\tA 203.0.113.10 (TTL 30)`,
      '',
    ].join('\n'));
    expect(ec2Mock).toHaveReceivedCommandTimes(AssociateAddressCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });

  it('--print-systemd prints the unit, with dns deregister at stop when dns= is set', async () => {
    const r = await runCli('boot --print-systemd --region eu-west-1', { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      '[Unit]', 'Description=scalectl boot hook: Elastic IP, load balancer and DNS registration', 'Wants=network-online.target', 'After=network-online.target', '',
      '[Service]', 'Type=oneshot', 'RemainAfterExit=yes', 'ExecStart=/usr/bin/env scalectl --region eu-west-1 boot',
      'ExecStop=/usr/bin/env scalectl --region eu-west-1 dns deregister --zone example.com --name www.example.com', 'TimeoutStopSec=150', '',
      '[Install]', 'WantedBy=multi-user.target', '',
    ].join('\n'));
    imds.data['user-data'] = '#scalectl lb=web';
    expect((await runCli('boot --print-systemd', { env })).stdout).not.toContain('ExecStop');
  });

  it('--print-user-data prints a script carrying the block that installs scalectl and enables the unit', async () => {
    const f = join(dir, 'ud.conf');
    writeFileSync(f, `#scalectl eip=${ALLOC} lb=web\n`);
    const r = await runCli(`boot --print-user-data --config ${f} --region us-east-1`, { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('#!/bin/bash');
    expect(lines).toContain(`#scalectl eip=${ALLOC} lb=web`);
    expect(r.stdout).toMatch(/npm install -g scalectl@\S+\n/);
    expect(r.stdout).toContain("cat > /etc/systemd/system/scalectl-boot.service <<'UNIT'\n[Unit]\n");
    expect(r.stdout).toContain('ExecStart=/usr/bin/env scalectl --region us-east-1 boot\n');
    expect(r.stdout.endsWith('systemctl enable --now scalectl-boot.service\n')).toBe(true);
    expect(imds.log).toEqual([]);
  });
});
