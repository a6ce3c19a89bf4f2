// Route 53 records in status and teardown: found by their `_scalectl.NAME` marker in the zones
// tagged for the stack, deleted before the balancer, and never when the marker names another stack
// or none.
import { ChangeResourceRecordSetsCommand, ChangeTagsForResourceCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand, ListTagsForResourcesCommand } from '@aws-sdk/client-route-53';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, r53Mock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { install, webWorld } from './teardown-world.js';

const alias = (name: string) => ({ Name: `${name}.`, Type: 'A' as const, AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.web-lb-1.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: false } });
const marker = (name: string, stack: string) => ({ Name: `_scalectl.${name}.`, Type: 'TXT' as const, TTL: 300, ResourceRecords: [{ Value: `"heritage=scalectl,scalectl/stack=${stack}"` }] });
const ZONE = [alias('api.example.com'), marker('api.example.com', 'api'), alias('blog.example.com'), alias('example.com'), marker('example.com', 'web')];

beforeEach(() => {
  install(webWorld());
  r53Mock.on(ListHostedZonesCommand).resolves({ IsTruncated: false, MaxItems: 100, HostedZones: [{ Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a' }] });
  r53Mock.on(ListResourceRecordSetsCommand).callsFake((input: { HostedZoneId?: string; StartRecordName?: string }) => {
    const start = input.StartRecordName;
    // Another zone holds a record of its own; ZPUB holds ZONE.
    const zone = input.HostedZoneId === 'ZPUB' ? ZONE : [{ Name: `www.${input.HostedZoneId}.example.org.`, Type: 'A' as const, TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] }];
    // From StartRecordName on, as Route 53 lists; here just that name's records.
    return { ResourceRecordSets: start ? zone.filter((r) => r.Name === `${start}.`) : zone, IsTruncated: false, MaxItems: 300 };
  });
  r53Mock.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } });
  tagged({ ZPUB: ['scalectl:dns:web', 'scalectl:dns:api'] });
  r53Mock.on(ChangeTagsForResourceCommand).resolves({});
});

/** ListTagsForResources answers from these zone tags (zones not named have none). */
function tagged(tags: Record<string, string[]>) {
  r53Mock.on(ListTagsForResourcesCommand).callsFake((input: { ResourceIds: string[] }) => ({
    ResourceTagSets: input.ResourceIds.map((id) => ({ ResourceType: 'hostedzone', ResourceId: id, Tags: (tags[id] ?? []).map((Key) => ({ Key, Value: 'x' })) })),
  }));
}

/** Zones ZPUB plus `n` unrelated ones, each with records of its own. */
function manyZones(n: number) {
  const zones = [{ Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a' }, ...Array.from({ length: n }, (_, i) => ({ Id: `/hostedzone/ZO${i}`, Name: `other${i}.example.org.`, CallerReference: `o${i}` }))];
  r53Mock.on(ListHostedZonesCommand).resolves({ IsTruncated: false, MaxItems: 100, HostedZones: zones });
}

describe('dns records of a stack', () => {
  it('status lists the stack\'s alias record (and no other stack\'s)', async () => {
    const r = await runCli('status --stack web --output text');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '));
    expect(lines).toContain('dns-record example.com A alias');
    expect(lines.filter((l) => l.startsWith('dns-record'))).toHaveLength(1);
    expect(lines.indexOf('dns-record example.com A alias')).toBe(lines.findIndex((l) => l.startsWith('load-balancer')) - 1);
  });

  it('reads the records of the zones tagged for the stack only: 25 other zones cost 3 tag reads, no record reads', async () => {
    manyZones(25);
    const r = await runCli('status --stack web --output text --debug');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dns-record\texample.com\tA alias');
    // 26 zones, 10 a call.
    expect(r53Mock.commandCalls(ListTagsForResourcesCommand).map((c) => c.args[0].input.ResourceIds!.length)).toEqual([10, 10, 6]);
    expect(r53Mock.commandCalls(ListResourceRecordSetsCommand).map((c) => c.args[0].input.HostedZoneId)).toEqual(['ZPUB']);
    expect(r.stderr).toContain('dns-record: 1 of 26 hosted zones tagged scalectl:dns:web; only their records read');
  });

  it('an endpoint that cannot list zone tags: every zone is read, as before', async () => {
    manyZones(2);
    r53Mock.on(ListTagsForResourcesCommand).rejects(awsError('NotImplemented', 'The list_tags_for_resources action has not been implemented', 500));
    const r = await runCli('status --stack web --output text --debug');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('dns-record'))).toEqual([`dns-record\texample.com\tA alias\tdualstack.web-lb-1.us-east-1.elb.amazonaws.com`]);
    expect(r53Mock.commandCalls(ListResourceRecordSetsCommand).map((c) => c.args[0].input.HostedZoneId)).toEqual(['ZPUB', 'ZO0', 'ZO1']);
    expect(r.stderr).toContain("dns-record: the zones' tags cannot be read (the endpoint cannot list them); all 3 hosted zones read");
  });

  it('a policy without route53:ListTagsForResources: every zone is read, with a warning', async () => {
    manyZones(1);
    r53Mock.on(ListTagsForResourcesCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform route53:ListTagsForResources', 403));
    const r = await runCli('status --stack web --output text');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dns-record\texample.com\tA alias');
    expect(r53Mock.commandCalls(ListResourceRecordSetsCommand).map((c) => c.args[0].input.HostedZoneId)).toEqual(['ZPUB', 'ZO0']);
    expect(r.stderr).toContain('warning: no permission for route53:ListTagsForResources, so every hosted zone was read for the stack\'s records; run "scalectl policy status teardown" for the policy\n');
  });

  it('a zone not tagged for the stack is not read (its markers are another stack\'s business)', async () => {
    tagged({ ZPUB: ['scalectl:dns:api'] });
    const r = await runCli('status --stack web --output text');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('dns-record');
    expect(r53Mock).toHaveReceivedCommandTimes(ListResourceRecordSetsCommand, 0);
  });

  it('teardown --stack deletes the alias and its marker, before the balancer', async () => {
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '));
    expect(out.indexOf('dns-record example.com deleted')).toBe(out.indexOf('load-balancer web-lb deleted') - 1);
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input)).toEqual([{
      HostedZoneId: 'ZPUB',
      ChangeBatch: {
        Comment: 'scalectl teardown example.com',
        Changes: [
          { Action: 'DELETE', ResourceRecordSet: { Name: 'example.com', Type: 'A', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.web-lb-1.us-east-1.elb.amazonaws.com', EvaluateTargetHealth: false } } },
          { Action: 'DELETE', ResourceRecordSet: { Name: '_scalectl.example.com', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"heritage=scalectl,scalectl/stack=web"' }] } },
        ],
      },
    }]);
    // Last of all, the zone loses the stack's tag (and keeps the other stack's).
    expect(out.at(-1)).toBe('zone-tag example.com deleted');
    expect(r53Mock.commandCalls(ChangeTagsForResourceCommand).map((c) => c.args[0].input)).toEqual([{ ResourceType: 'hostedzone', ResourceId: 'ZPUB', RemoveTagKeys: ['scalectl:dns:web'] }]);
    const order = r53Mock.calls().map((c) => c.args[0].constructor.name).filter((n) => n.startsWith('Change'));
    expect(order).toEqual(['ChangeResourceRecordSetsCommand', 'ChangeTagsForResourceCommand']);
  });

  it('teardown reads every zone: a record in a zone without the tag (made before zones were tagged) goes too', async () => {
    manyZones(3);
    tagged({});
    const r = await runCli('teardown --stack web --yes --debug');
    expect(r.code).toBe(0);
    expect(r53Mock.commandCalls(ListResourceRecordSetsCommand).map((c) => c.args[0].input.HostedZoneId).slice(0, 4)).toEqual(['ZPUB', 'ZO0', 'ZO1', 'ZO2']);
    expect(r.stdout).toContain('dns-record\texample.com\tdeleted');
    expect(r.stdout).not.toContain('zone-tag');
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
    expect(r.stderr).toContain('dns-record: 0 of 4 hosted zones tagged scalectl:dns:web; all 4 hosted zones read (teardown reads every zone)');
  });

  it('a public and a private zone of the same name each lose the tag, each named with its id', async () => {
    r53Mock.on(ListHostedZonesCommand).resolves({ IsTruncated: false, MaxItems: 100, HostedZones: [
      { Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a' },
      { Id: '/hostedzone/ZPRIV', Name: 'example.com.', CallerReference: 'b', Config: { PrivateZone: true } },
    ] });
    tagged({ ZPUB: ['scalectl:dns:web'], ZPRIV: ['scalectl:dns:web'] });
    const r = await runCli('teardown --stack web --yes --output text');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('zone-tag'))).toEqual(['zone-tag\texample.com (ZPRIV)\tdeleted\t', 'zone-tag\texample.com (ZPUB)\tdeleted\t']);
    expect(r53Mock.commandCalls(ChangeTagsForResourceCommand).map((c) => c.args[0].input.ResourceId).sort()).toEqual(['ZPRIV', 'ZPUB']);
  });

  it('the same name in a public and a private zone is two records: both are deleted', async () => {
    r53Mock.on(ListHostedZonesCommand).resolves({ IsTruncated: false, MaxItems: 100, HostedZones: [
      { Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a' },
      { Id: '/hostedzone/ZPRIV', Name: 'example.com.', CallerReference: 'b', Config: { PrivateZone: true } },
    ] });
    tagged({});
    // Both zones hold ZONE (the web stack's example.com alias and marker).
    r53Mock.on(ListResourceRecordSetsCommand).callsFake((input: { StartRecordName?: string }) => ({ ResourceRecordSets: input.StartRecordName ? ZONE.filter((r) => r.Name === `${input.StartRecordName}.`) : ZONE, IsTruncated: false, MaxItems: 300 }));
    const r = await runCli('teardown --stack web --yes --output text');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('dns-record'))).toEqual(['dns-record\texample.com\tdeleted\t', 'dns-record\texample.com\tdeleted\t']);
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input.HostedZoneId).sort()).toEqual(['ZPRIV', 'ZPUB']);
  });

  it('the dry run shows the zone tag\'s removal with its request, after everything else', async () => {
    const r = await runCli('teardown --stack web --dry-run');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.at(-1)).toBe('delete\tzone-tag\texample.com\troute53:ChangeTagsForResource\tscalectl:dns:web');
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
  });

  it('a record that cannot be deleted keeps the zone\'s tag (a re-run still finds it); a tag that cannot be removed is said', async () => {
    r53Mock.on(ChangeResourceRecordSetsCommand).rejects(awsError('InvalidChangeBatch', 'Rate exceeded'));
    const failed = await runCli('teardown --stack web --yes --output text');
    expect(failed.code).toBe(5);
    expect(failed.stdout).toMatch(/^dns-record\texample\.com\tfailed/m);
    expect(failed.stdout).toMatch(/^zone-tag\texample\.com\tnot done/m);
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeTagsForResourceCommand, 0);
    r53Mock.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } });
    r53Mock.on(ChangeTagsForResourceCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform route53:ChangeTagsForResource', 403));
    const denied = await runCli('teardown --stack web --yes --output text');
    expect(denied.code).toBe(5);
    expect(denied.stdout).toMatch(/^dns-record\texample\.com\tdeleted/m);
    expect(denied.stdout).toMatch(/^zone-tag\texample\.com\tfailed\t.*route53:ChangeTagsForResource/m);
    expect(denied.stdout).toMatch(/^load-balancer\tweb-lb\tdeleted/m);
  });

  it('teardown --record NAME plans and deletes one record by name; dry run sends nothing', async () => {
    const d = await runCli('teardown --record blog.example.com --dry-run');
    expect(d.code).toBe(0);
    expect(d.stdout).toBe('delete\tdns-record\tblog.example.com\troute53:ChangeResourceRecordSets\t\n');
    expect(r53Mock).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 0);
    const r = await runCli('teardown --record blog.example.com --yes');
    expect([r.code, r.stdout]).toEqual([0, 'dns-record\tblog.example.com\tdeleted\t\n']);
    expect(r53Mock.commandCalls(ChangeResourceRecordSetsCommand)[0]!.args[0].input.ChangeBatch!.Changes!.map((c) => `${c.Action} ${c.ResourceRecordSet!.Type} ${c.ResourceRecordSet!.Name}`)).toEqual(['DELETE A blog.example.com']);
  });
});
