import {
  DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it } from 'vitest';
import { asMock, awsError, cwMock, ec2Mock, elbMock, elbv2Mock, iamMock, taggingMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { install, webWorld } from './teardown-world.js';

// ELBv2 discovery sized by the stack: the Tagging API search names the stack's balancers and target
// groups, which are then read by ARN; the region's other ELBv2 balancers cost no request.
const mocks = { autoscaling: asMock, cloudwatch: cwMock, ec2: ec2Mock, elb: elbMock, elbv2: elbv2Mock, iam: iamMock, tagging: taggingMock };
const sent = () => Object.entries(mocks).flatMap(([svc, m]) => m.calls().map((c) => `${svc} ${(c.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, '')}`)).sort();
const reset = () => { for (const m of Object.values(mocks)) m.resetHistory(); };

const arnOf = (kind: 'lb' | 'tg', name: string) => `arn:aws:elasticloadbalancing:us-east-1:123456789012:${kind === 'lb' ? `loadbalancer/app/${name}/1` : `targetgroup/${name}/2`}`;
const PAGE = 400;

interface V2 { name: string; stack: string; tg: string }

/** The web stack plus its ALB web-alb (target group web-alb-80) among `n` ALBs of other stacks, each with its own target group. */
function crowded(n: number): V2[] {
  const w = webWorld();
  const v2: V2[] = [{ name: 'web-alb', stack: 'web', tg: 'web-alb-80' }];
  for (let i = 0; i < n; i++) v2.push({ name: `other-alb-${i}`, stack: `other-${i}`, tg: `other-alb-${i}-80` });
  w.v2Tagged = v2.flatMap((l) => [{ arn: arnOf('lb', l.name), tags: { 'scalectl:stack': l.stack } }, { arn: arnOf('tg', l.tg), tags: { 'scalectl:stack': l.stack } }]);
  install(w);
  const live = v2;
  const lbOut = (l: V2) => ({ LoadBalancerArn: arnOf('lb', l.name), LoadBalancerName: l.name, Type: 'application', DNSName: `${l.name}-1.us-east-1.elb.amazonaws.com`, State: { Code: 'active' } });
  const tgOut = (l: V2) => ({ TargetGroupArn: arnOf('tg', l.tg), TargetGroupName: l.tg, LoadBalancerArns: [arnOf('lb', l.name)] });
  const page = <T>(all: T[], marker?: string) => {
    const from = Number(marker ?? 0);
    return { items: all.slice(from, from + PAGE), ...(from + PAGE < all.length ? { NextMarker: String(from + PAGE) } : {}) };
  };
  elbv2Mock.on(DescribeLoadBalancersCommand).callsFake((i: { LoadBalancerArns?: string[]; Names?: string[]; Marker?: string }) => {
    if (i.LoadBalancerArns) {
      if (i.LoadBalancerArns.length > 20) throw awsError('ValidationError', 'at most 20 load balancer ARNs');
      const found = i.LoadBalancerArns.map((a) => live.find((l) => arnOf('lb', l.name) === a));
      if (found.some((l) => !l)) throw awsError('LoadBalancerNotFoundException', 'One or more load balancers not found');
      return { LoadBalancers: (found as V2[]).map(lbOut) };
    }
    if (i.Names) return { LoadBalancers: live.filter((l) => i.Names!.includes(l.name)).map(lbOut) };
    const p = page(live, i.Marker);
    return { LoadBalancers: p.items.map(lbOut), ...(p.NextMarker ? { NextMarker: p.NextMarker } : {}) };
  });
  elbv2Mock.on(DescribeTargetGroupsCommand).callsFake((i: { TargetGroupArns?: string[]; LoadBalancerArn?: string; Marker?: string }) => {
    if (i.TargetGroupArns) {
      const found = i.TargetGroupArns.map((a) => live.find((l) => arnOf('tg', l.tg) === a));
      if (found.some((l) => !l)) throw awsError('TargetGroupNotFoundException', 'One or more target groups not found');
      return { TargetGroups: (found as V2[]).map(tgOut) };
    }
    if (i.LoadBalancerArn) return { TargetGroups: live.filter((l) => arnOf('lb', l.name) === i.LoadBalancerArn).map(tgOut) };
    const p = page(live, i.Marker);
    return { TargetGroups: p.items.map(tgOut), ...(p.NextMarker ? { NextMarker: p.NextMarker } : {}) };
  });
  elbv2Mock.on(DescribeTagsCommand).callsFake((i: { ResourceArns: string[] }) => ({
    TagDescriptions: i.ResourceArns.map((a) => ({ ResourceArn: a, Tags: [{ Key: 'scalectl:stack', Value: live.find((l) => arnOf('lb', l.name) === a || arnOf('tg', l.tg) === a)?.stack ?? '' }] })),
  }));
  elbv2Mock.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }] });
  elbv2Mock.on(DescribeListenersCommand).resolves({ Listeners: [] });
  elbv2Mock.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [{ Target: { Id: 'i-0aaaaaaaaaaaaaaa1', Port: 80 }, TargetHealth: { State: 'healthy' } }] });
  return v2;
}

describe('ELBv2 discovery sized by the stack', () => {
  for (const cmd of ['status --stack web', 'teardown --stack web --dry-run']) {
    it(`${cmd} sends the same requests with one ALB among 0 or 300 unrelated ELBv2 balancers`, async () => {
      crowded(0);
      const empty = await runCli(cmd);
      expect(empty.code).toBe(0);
      expect(empty.stdout).toContain('web-alb-80');
      const alone = sent();
      reset();
      crowded(300);
      const busy = await runCli(cmd);
      expect(busy.code).toBe(0);
      expect(busy.stdout).toBe(empty.stdout);
      expect(sent()).toEqual(alone);
      // Read by ARN, never listed, and no tag read: the search already matched the tag.
      expect(elbv2Mock.commandCalls(DescribeLoadBalancersCommand).map((c) => c.args[0].input).filter((i) => !i.Names)).toEqual([{ LoadBalancerArns: [arnOf('lb', 'web-alb')] }]);
      expect(elbv2Mock.commandCalls(DescribeTargetGroupsCommand).map((c) => c.args[0].input).filter((i) => !i.LoadBalancerArn)).toEqual([{ TargetGroupArns: [arnOf('tg', 'web-alb-80')] }]);
      expect(elbv2Mock.commandCalls(DescribeTagsCommand)).toHaveLength(0);
    });
  }

  it('asks the Tagging API for ELBv2 balancers and target groups, and says so in --debug', async () => {
    crowded(3);
    const r = await runCli('status --stack web --debug');
    expect(r.code).toBe(0);
    expect(taggingMock.commandCalls(GetResourcesCommand)[0]!.args[0].input.ResourceTypeFilters).toEqual(['cloudwatch:alarm', 'elasticloadbalancing:loadbalancer', 'ec2:launch-template', 'elasticloadbalancing:targetgroup']);
    expect(r.stderr).toContain('discovery: alarm, load-balancer, launch-template, elbv2-load-balancer, target-group by one Tagging API search');
  });

  it('a stack with no ELBv2 resources sends no ELBv2 request', async () => {
    const w = webWorld();
    install(w);
    expect((await runCli('status --stack web')).code).toBe(0);
    expect(elbv2Mock.calls()).toHaveLength(0);
  });

  it('reads 25 balancers in two calls (20 ARNs a call) and leaves out one the Tagging API still lists after its deletion', async () => {
    // 23 more balancers of the stack: 1 + 23 live + 1 gone = 25 ARNs.
    const extra = Array.from({ length: 23 }, (_, i) => `web-alb-${i}`);
    const w = webWorld();
    const all: V2[] = [{ name: 'web-alb', stack: 'web', tg: 'web-alb-80' }, ...extra.map((n) => ({ name: n, stack: 'web', tg: `${n}-80` }))];
    w.v2Tagged = [...all, { name: 'web-gone', stack: 'web', tg: 'web-gone-80' }].flatMap((l) => [{ arn: arnOf('lb', l.name), tags: { 'scalectl:stack': 'web' } }, { arn: arnOf('tg', l.tg), tags: { 'scalectl:stack': 'web' } }]);
    install(w);
    elbv2Mock.on(DescribeLoadBalancersCommand).callsFake((i: { LoadBalancerArns?: string[] }) => {
      const found = (i.LoadBalancerArns ?? []).map((a) => all.find((l) => arnOf('lb', l.name) === a));
      if (found.some((l) => !l)) throw awsError('LoadBalancerNotFoundException', 'One or more load balancers not found');
      return { LoadBalancers: (found as V2[]).map((l) => ({ LoadBalancerArn: arnOf('lb', l.name), LoadBalancerName: l.name, Type: 'application' })) };
    });
    elbv2Mock.on(DescribeTargetGroupsCommand).callsFake((i: { TargetGroupArns?: string[] }) => {
      const found = (i.TargetGroupArns ?? []).map((a) => all.find((l) => arnOf('tg', l.tg) === a));
      if (found.some((l) => !l)) throw awsError('TargetGroupNotFoundException', 'One or more target groups not found');
      return { TargetGroups: (found as V2[]).map((l) => ({ TargetGroupArn: arnOf('tg', l.tg), TargetGroupName: l.tg, LoadBalancerArns: [arnOf('lb', l.name)] })) };
    });
    elbv2Mock.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    const r = await runCli('teardown --stack web --dry-run --output json');
    expect(r.code).toBe(0);
    const sizes = elbv2Mock.commandCalls(DescribeLoadBalancersCommand).map((c) => c.args[0].input.LoadBalancerArns?.length);
    // 20 + 5 (fails: web-gone), then the 5 one by one.
    expect(sizes).toEqual([20, 5, 1, 1, 1, 1, 1]);
    const steps = JSON.parse(r.stdout).steps.map((s: { resource: string; name: string }) => `${s.resource} ${s.name}`);
    expect(steps.filter((s: string) => s.startsWith('load-balancer web-alb'))).toHaveLength(24);
    expect(steps.filter((s: string) => s.startsWith('target-group '))).toHaveLength(24);
    expect(steps.join('\n')).not.toContain('web-gone');
  });

  it('falls back to listing the region\'s ELBv2 balancers and reading their tags when tag:GetResources is denied', async () => {
    crowded(3);
    taggingMock.on(GetResourcesCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: tag:GetResources', 400));
    const r = await runCli('teardown --stack web --dry-run --output json --debug');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('discovery: elbv2-load-balancer by DescribeLoadBalancers (ELBv2) of the region, then DescribeTags 20 ARNs a call (GetResources: AccessDeniedException)');
    expect(elbv2Mock).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, {});
    expect(elbv2Mock.commandCalls(DescribeTagsCommand)).toHaveLength(1);
    const steps = JSON.parse(r.stdout).steps.map((s: { resource: string; name: string }) => `${s.resource} ${s.name}`);
    expect(steps).toContain('load-balancer web-alb');
    expect(steps).toContain('target-group web-alb-80');
    expect(steps.join('\n')).not.toContain('other-alb');
  });
});
