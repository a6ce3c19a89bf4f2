// Route 53 records in status and teardown: found by their `_scalectl.NAME` marker, deleted before
// the balancer, and never when the marker names another stack or none.
import { ChangeResourceRecordSetsCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { beforeEach, describe, expect, it } from 'vitest';
import { r53Mock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { install, webWorld } from './teardown-world.js';

const alias = (name: string) => ({ Name: `${name}.`, Type: 'A' as const, AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.web-lb-1.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: false } });
const marker = (name: string, stack: string) => ({ Name: `_scalectl.${name}.`, Type: 'TXT' as const, TTL: 300, ResourceRecords: [{ Value: `"heritage=scalectl,scalectl/stack=${stack}"` }] });
const ZONE = [alias('api.example.com'), marker('api.example.com', 'api'), alias('blog.example.com'), alias('example.com'), marker('example.com', 'web')];

beforeEach(() => {
  install(webWorld());
  r53Mock.on(ListHostedZonesCommand).resolves({ IsTruncated: false, MaxItems: 100, HostedZones: [{ Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'a' }] });
  r53Mock.on(ListResourceRecordSetsCommand).callsFake((input: { StartRecordName?: string }) => {
    const start = input.StartRecordName;
    // From StartRecordName on, as Route 53 lists; here just that name's records.
    return { ResourceRecordSets: start ? ZONE.filter((r) => r.Name === `${start}.`) : ZONE, IsTruncated: false, MaxItems: 300 };
  });
  r53Mock.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date() } });
});

describe('dns records of a stack', () => {
  it('status lists the stack\'s alias record (and no other stack\'s)', async () => {
    const r = await runCli('status --stack web --output text');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 3).join(' '));
    expect(lines).toContain('dns-record example.com A alias');
    expect(lines.filter((l) => l.startsWith('dns-record'))).toHaveLength(1);
    expect(lines.indexOf('dns-record example.com A alias')).toBe(lines.findIndex((l) => l.startsWith('load-balancer')) - 1);
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
