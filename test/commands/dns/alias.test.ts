import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { ChangeResourceRecordSetsCommand, ChangeTagsForResourceCommand, GetChangeCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand, ListTagsForResourcesCommand } from '@aws-sdk/client-route-53';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, elbMock, r53Mock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtLb } from '../lb/lb-fixtures.js';

const ZONES = {
  IsTruncated: false, MaxItems: 100,
  HostedZones: [
    { Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a', Config: { PrivateZone: false } },
    { Id: '/hostedzone/ZPRIV', Name: 'example.com.', CallerReference: 'b', Config: { PrivateZone: true } },
    { Id: '/hostedzone/ZSHOP', Name: 'shop.example.com.', CallerReference: 'c', Config: { PrivateZone: false } },
  ],
};
const TARGET = { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.web-1234567890.us-east-1.elb.amazonaws.com', EvaluateTargetHealth: false };
const NS = { Name: 'example.com.', Type: 'NS' as const, TTL: 172800, ResourceRecords: [{ Value: 'ns-1.awsdns-00.com.' }] };
const MARKER = (stack: string) => ({ Name: '_scalectl.example.com.', Type: 'TXT' as const, TTL: 300, ResourceRecords: [{ Value: `"heritage=scalectl,scalectl/stack=${stack}"` }] });

/** The zone's tags as ListTagsForResources answers (none by default). */
function zoneTags(...keys: string[]) {
  r53Mock.on(ListTagsForResourcesCommand).resolves({ ResourceTagSets: [{ ResourceType: 'hostedzone', ResourceId: 'ZPUB', Tags: keys.map((Key) => ({ Key, Value: 'x' })) }] });
}

function records(...sets: object[]) {
  r53Mock.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: sets as never, IsTruncated: false, MaxItems: 300 });
}

beforeEach(() => {
  r53Mock.on(ListHostedZonesCommand).resolves(ZONES);
  zoneTags();
  r53Mock.on(ChangeTagsForResourceCommand).resolves({});
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
  r53Mock.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } });
  r53Mock.on(GetChangeCommand).resolvesOnce({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } }).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date() } });
});

describe('dns alias', () => {
  it('creates the A and AAAA alias and the stack marker in one batch in the public zone, then waits for INSYNC', async () => {
    records(NS);
    const r = await runCli('dns alias example.com --lb web --ipv6 --stack shop');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('example.com\n');
    expect(r53Mock).toHaveReceivedCommandWith(ListResourceRecordSetsCommand, { HostedZoneId: 'ZPUB', StartRecordName: 'example.com' });
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input)).toEqual([{
      HostedZoneId: 'ZPUB',
      ChangeBatch: {
        Comment: 'scalectl dns alias example.com',
        Changes: [
          { Action: 'UPSERT', ResourceRecordSet: { Name: 'example.com', Type: 'A', AliasTarget: TARGET } },
          { Action: 'UPSERT', ResourceRecordSet: { Name: 'example.com', Type: 'AAAA', AliasTarget: TARGET } },
          { Action: 'UPSERT', ResourceRecordSet: { Name: '_scalectl.example.com', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"heritage=scalectl,scalectl/stack=shop"' }] } },
        ],
      },
    }]);
    // The zone is tagged for the stack first (status and teardown read only tagged zones).
    expect(r53Mock.commandCalls(ChangeTagsForResourceCommand).map((c) => c.args[0].input)).toEqual([{ ResourceType: 'hostedzone', ResourceId: 'ZPUB', AddTags: [{ Key: 'scalectl:dns:shop', Value: 'shop' }] }]);
    const order = r53Mock.calls().map((c) => c.args[0].constructor.name).filter((n) => n.startsWith('Change'));
    expect(order).toEqual(['ChangeTagsForResourceCommand', 'ChangeResourceRecordSetsCommand']);
    expect(r.stderr).toContain('Tagging hosted-zone example.com (scalectl:dns:shop=shop)\n');
    expect(r53Mock).toHaveReceivedCommandWith(GetChangeCommand, { Id: 'C1' });
    // One poll found it PENDING: one 5 s wait on the fake clock, then INSYNC.
    expect(r.sleeps).toEqual([5000]);
    expect(r.stderr).toContain('Waiting for Route 53 to apply change C1: PENDING (0s)\n');
  });

  it('json says created, with the target and the marker name', async () => {
    records();
    const r = await runCli('dns alias www.shop.example.com --lb web --evaluate-health --no-wait --output json');
    expect(r.code).toBe(0);
    // The longest suffix wins: shop.example.com, not example.com.
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'dns-record', name: 'www.shop.example.com', status: 'created', changes: [{ action: 'UPSERT', type: 'A', name: 'www.shop.example.com' }],
      zone: { id: 'ZSHOP', name: 'shop.example.com' }, target: { hostedZoneId: 'Z35SXDOTRQ7X7K', dnsName: TARGET.DNSName, evaluateHealth: true }, types: ['A'], inSync: false,
    });
    expect(r53Mock).toHaveReceivedCommandTimes(GetChangeCommand, 0);
  });

  it('converges: the same alias and marker again send no change', async () => {
    records(NS, { Name: 'example.com.', Type: 'A', AliasTarget: { ...TARGET, DNSName: `${TARGET.DNSName}.` } }, MARKER('shop'));
    zoneTags('scalectl:dns:shop');
    const r = await runCli('dns alias example.com --lb web --stack shop');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'example.com\n', 'unchanged: example.com\n']);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
  });

  it('tags the zone of an unchanged record made before zones were tagged; no tag without --stack', async () => {
    records(NS, { Name: 'example.com.', Type: 'A', AliasTarget: { ...TARGET, DNSName: `${TARGET.DNSName}.` } }, MARKER('shop'));
    const r = await runCli('dns alias example.com --lb web --stack shop');
    expect([r.code, r.stdout]).toEqual([0, 'example.com\n']);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
    expect(r53Mock).toHaveReceivedCommandWith(ChangeTagsForResourceCommand, { ResourceId: 'ZPUB', AddTags: [{ Key: 'scalectl:dns:shop', Value: 'shop' }] });
    r53Mock.resetHistory();
    records(NS);
    expect((await runCli('dns alias example.com --lb web --no-wait')).code).toBe(0);
    expect(r53Mock).toHaveReceivedCommandTimes(ListTagsForResourcesCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
  });

  it('an endpoint that cannot list zone tags: the record is made without the tag (status reads every zone there)', async () => {
    records(NS);
    r53Mock.on(ListTagsForResourcesCommand).rejects(awsError('NotImplemented', 'The list_tags_for_resources action has not been implemented', 500));
    const r = await runCli('dns alias example.com --lb web --stack shop --no-wait --endpoint-url http://127.0.0.1:5999');
    expect([r.code, r.stdout]).toEqual([0, 'example.com\n']);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 1);
    // Any other failure to read the zone's tags is an error, before any change.
    r53Mock.reset();
    r53Mock.on(ListHostedZonesCommand).resolves(ZONES);
    records(NS);
    r53Mock.on(ListTagsForResourcesCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform route53:ListTagsForResources', 403));
    const denied = await runCli('dns alias example.com --lb web --stack shop --no-wait');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/route53:ListTagsForResources/);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });

  it('a zone whose 50 tags are taken is left untagged, with a warning; the record is made', async () => {
    records(NS);
    zoneTags(...Array.from({ length: 50 }, (_, i) => `team:${i}`));
    const r = await runCli('dns alias example.com --lb web --stack shop --no-wait');
    expect([r.code, r.stdout]).toEqual([0, 'example.com\n']);
    expect(r.stderr).toContain('warning: hosted zone ZPUB already has 50 tags, so it is not tagged scalectl:dns:shop: "status --stack" will not list this record (teardown still finds it)\n');
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 1);
  });

  it('dry run against the account plans the zone tag only when the zone lacks it', async () => {
    records(NS);
    const untagged = await runCli('dns alias example.com --lb web --stack shop --dry-run');
    expect(untagged.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 4).join(' '))).toEqual(['tag hosted-zone example.com route53:ChangeTagsForResource', 'create dns-record example.com route53:ChangeResourceRecordSets']);
    zoneTags('scalectl:dns:shop');
    const tagged = await runCli('dns alias example.com --lb web --stack shop --dry-run');
    expect(tagged.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 4).join(' '))).toEqual(['create dns-record example.com route53:ChangeResourceRecordSets']);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });

  it('a stack name that is no tag key gets no zone tag (its zones are read whole)', async () => {
    records(NS);
    const r = await runCli('dns alias example.com --lb web --stack shop,eu --no-wait');
    expect(r.code).toBe(0);
    expect(r53Mock).toHaveReceivedCommandTimes(ListTagsForResourcesCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
  });

  it('a zone tag that cannot be added leaves no record behind', async () => {
    records(NS);
    r53Mock.on(ChangeTagsForResourceCommand).rejects(awsError('InvalidInput', 'tag policy does not allow the key'));
    const r = await runCli('dns alias example.com --lb web --stack shop');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tag policy does not allow the key/);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
  });

  it('updates an alias that points elsewhere', async () => {
    records({ Name: 'example.com.', Type: 'A', AliasTarget: { ...TARGET, DNSName: 'dualstack.old-1.us-east-1.elb.amazonaws.com.' } });
    const r = await runCli('dns alias example.com --lb web --no-wait --output json');
    expect(JSON.parse(r.stdout).status).toBe('updated');
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes).toEqual([{ Action: 'UPSERT', ResourceRecordSet: { Name: 'example.com', Type: 'A', AliasTarget: TARGET } }]);
  });

  it('refuses, before any change, to replace a plain A record, a CNAME or another stack\'s marker', async () => {
    records({ Name: 'example.com.', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '203.0.113.10' }] });
    const a = await runCli('dns alias example.com --lb web');
    expect([a.code, a.stderr]).toEqual([1, 'error: example.com already has a record that is not a scalectl alias: A 203.0.113.10 (TTL 300); nothing was changed; pass --replace to replace it with the alias\n']);
    records({ Name: 'www.example.com.', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'web.example.net' }] });
    const c = await runCli('dns alias www.example.com --lb web');
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/^error: www\.example\.com already has a record that is not a scalectl alias: CNAME web\.example\.net/);
    records(MARKER('blog'));
    const m = await runCli('dns alias example.com --lb web --stack shop');
    expect([m.code, m.stderr]).toEqual([1, 'error: example.com is marked as stack blog\'s (_scalectl.example.com TXT "heritage=scalectl,scalectl/stack=blog"); nothing was changed; pass --replace to take it over\n']);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
  });

  it('--replace deletes a CNAME and creates the alias in the same batch', async () => {
    const cname = { Name: 'www.example.com.', Type: 'CNAME' as const, TTL: 300, ResourceRecords: [{ Value: 'web.example.net' }] };
    records(cname);
    const r = await runCli('dns alias www.example.com --lb web --replace --no-wait');
    expect(r.code).toBe(0);
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes).toEqual([
      { Action: 'DELETE', ResourceRecordSet: { Name: 'www.example.com', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'web.example.net' }] } },
      { Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com', Type: 'A', AliasTarget: TARGET } },
    ]);
  });

  it('a private zone only when named; a zone that does not exist is exit 4', async () => {
    records();
    const p = await runCli('dns alias app.example.com --lb web --zone ZPRIV --no-wait');
    expect(p.code).toBe(0);
    expect(r53Mock).toHaveReceivedCommandWith(ChangeResourceRecordSetsCommand, { HostedZoneId: 'ZPRIV' });
    const none = await runCli('dns alias example.org --lb web');
    expect([none.code, none.stderr]).toEqual([4, 'error: no public hosted zone holds example.org; create the zone in Route 53, or name a private one with --zone\n']);
    const missing = await runCli('dns alias www.example.net --lb web --zone example.net');
    expect([missing.code, missing.stderr]).toEqual([4, 'error: hosted zone example.net not found; list the zones with "aws route53 list-hosted-zones"\n']);
  });

  it('bad input is exit 2 with nothing sent', async () => {
    for (const [args, err] of [
      ['dns alias www.other.com --lb web --zone example.com', 'error: www.other.com is not inside the zone example.com; name a record that ends in example.com, or pick the zone that holds it with --zone\n'],
      ['dns alias not_a..name --lb web', 'error: NAME "not_a..name" is not a DNS name; e.g. example.com or www.example.com\n'],
      ['dns alias example.com --lb -bad-', 'error: "-bad-" is not a valid load balancer name; use 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen\n'],
    ] as const) {
      const r = await runCli(args);
      expect([r.code, r.stderr], args).toEqual([2, err]);
    }
    expect(r53Mock.calls()).toHaveLength(0);
    expect(elbMock.calls()).toHaveLength(0);
  });

  it('dry run with no AWS account plans the batch with placeholders', async () => {
    const r = await runCli('dns alias example.com --lb web --stack shop --dry-run', { env: { AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent/c', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'tag\thosted-zone\texample.com\troute53:ChangeTagsForResource\tscalectl:dns:shop=shop',
      'create\tdns-record\texample.com\troute53:ChangeResourceRecordSets\tUPSERT example.com A alias → <dns name of web>; UPSERT _scalectl.example.com TXT "heritage=scalectl,scalectl/stack=shop" (TTL 300)',
      '',
    ].join('\n'));
    expect(r53Mock.calls()).toHaveLength(0);
  });

  it('a change still PENDING at --timeout is exit 1, saying Route 53 will still apply it', async () => {
    records();
    r53Mock.on(GetChangeCommand).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } });
    const r = await runCli('dns alias example.com --lb web --timeout 12s');
    expect(r.code).toBe(1);
    expect(r.sleeps).toEqual([5000, 5000]);
    expect(r.stderr).toMatch(/error: change C1 is still PENDING after 10s; Route 53 will still apply it; raise --timeout, or pass --no-wait\n$/);
  });
});
