import {
  DeleteListenerCommand, DeleteLoadBalancerCommand, DeleteTargetGroupCommand, DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand,
  DescribeTagsCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { awsError, elbv2Mock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { install, webWorld, type World } from './teardown-world.js';

const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/1';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-alb-80/2';
const LS = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web-alb/1/3';

interface V2World { lb: boolean; deletingPolls: number; tg: boolean; listener: boolean; protected: boolean; inUse: number; log: string[] }

/** An ALB of stack web with one listener and one target group: the balancer takes `deletingPolls` looks to go, the group answers ResourceInUse `inUse` times. */
function v2World(w: World, o: Partial<V2World> = {}): V2World {
  const v: V2World = { lb: true, deletingPolls: 2, tg: true, listener: true, protected: false, inUse: 1, log: w.log, ...o };
  // The Tagging API lists what is tagged, whether or not it is still there (it lags deletes).
  w.v2Tagged = [{ arn: LB, tags: { 'scalectl:stack': 'web' } }, { arn: TG, tags: { 'scalectl:stack': 'web' } }];
  let deleting = false;
  const alb = () => ({ LoadBalancerArn: LB, LoadBalancerName: 'web-alb', Type: 'application', DNSName: 'web-alb-1.us-east-1.elb.amazonaws.com', State: { Code: 'active' } });
  elbv2Mock.on(DescribeLoadBalancersCommand).callsFake((i: { LoadBalancerArns?: string[] }) => {
    if (deleting && v.deletingPolls-- <= 0) v.lb = false;
    if (!v.lb && i.LoadBalancerArns) throw awsError('LoadBalancerNotFoundException', 'One or more load balancers not found');
    return { LoadBalancers: v.lb ? [alb()] : [] };
  });
  elbv2Mock.on(DescribeTargetGroupsCommand).callsFake((i: { Names?: string[]; TargetGroupArns?: string[] }) => {
    if (!v.tg && (i.Names || i.TargetGroupArns)) throw awsError('TargetGroupNotFoundException', 'One or more target groups not found');
    return { TargetGroups: v.tg ? [{ TargetGroupArn: TG, TargetGroupName: 'web-alb-80', LoadBalancerArns: v.lb ? [LB] : [] }] : [] };
  });
  elbv2Mock.on(DescribeTagsCommand).callsFake((i: { ResourceArns: string[] }) => ({ TagDescriptions: i.ResourceArns.map((ResourceArn) => ({ ResourceArn, Tags: [{ Key: 'scalectl:stack', Value: 'web' }] })) }));
  elbv2Mock.on(DescribeLoadBalancerAttributesCommand).callsFake(() => ({ Attributes: [{ Key: 'deletion_protection.enabled', Value: String(v.protected) }] }));
  elbv2Mock.on(DescribeListenersCommand).callsFake(() => ({ Listeners: v.listener ? [{ ListenerArn: LS, Port: 80 }] : [] }));
  elbv2Mock.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [{ Target: { Id: 'i-0aaaaaaaaaaaaaaa1', Port: 80 }, TargetHealth: { State: 'healthy' } }] });
  elbv2Mock.on(DeleteListenerCommand).callsFake(() => { v.log.push('DeleteListener web-alb:80'); v.listener = false; return {}; });
  elbv2Mock.on(DeleteLoadBalancerCommand).callsFake(() => {
    if (v.protected) throw awsError('OperationNotPermittedException', 'Load balancer is protected from deletion');
    v.log.push('DeleteLoadBalancer web-alb'); deleting = true; return {};
  });
  elbv2Mock.on(DeleteTargetGroupCommand).callsFake(() => {
    if (v.lb || v.inUse-- > 0) { v.log.push('DeleteTargetGroup web-alb-80 (in use)'); throw awsError('ResourceInUseException', 'Target group is currently in use by a listener or a rule'); }
    v.log.push('DeleteTargetGroup web-alb-80'); v.tg = false; return {};
  });
  return v;
}

describe('teardown --stack with an application load balancer', () => {
  it('groups first, then listeners → balancer (waited out on the fake clock) → target group (retried while in use)', async () => {
    const w = install(webWorld());
    const v = v2World(w);
    const r = await runCli('teardown --stack web --yes');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const i = (s: string) => w.log.indexOf(s);
    expect(i('DeleteAutoScalingGroup web-asg')).toBeLessThan(i('DeleteListener web-alb:80'));
    expect(w.log.slice(i('DeleteListener web-alb:80'))).toEqual(['DeleteListener web-alb:80', 'DeleteLoadBalancer web-alb', 'DeleteTargetGroup web-alb-80 (in use)', 'DeleteTargetGroup web-alb-80', 'DeleteServerCertificate web-cert']);
    expect(r.stdout).toContain('load-balancer\tweb-alb\tdeleted\t\n');
    expect(r.stdout).toContain('target-group\tweb-alb-80\tdeleted\t\n');
    // Polled for the balancer to go (5 s steps), then one back-off for the in-use target group.
    expect(r.sleeps.filter((ms) => ms === 5000).length).toBe(2);
    expect(v.lb || v.tg).toBe(false);
    const again = await runCli('teardown --stack web --yes --output json');
    expect(JSON.parse(again.stdout).resources).toEqual([]);
  });

  it('--dry-run lists the balancer before its target group, which is deleted by ARN', async () => {
    const w = install(webWorld());
    v2World(w);
    const r = await runCli('teardown --stack web --dry-run --output json');
    expect(r.code).toBe(0);
    const steps = JSON.parse(r.stdout).steps as Array<{ resource: string; name: string; request: { operation: string; input: unknown } }>;
    const names = steps.map((s) => `${s.resource} ${s.name}`);
    expect(names.indexOf('load-balancer web-alb')).toBeLessThan(names.indexOf('target-group web-alb-80'));
    expect(steps.find((s) => s.resource === 'target-group')!.request).toEqual({ service: 'elbv2', operation: 'DeleteTargetGroup', input: { TargetGroupArn: TG } });
    expect(w.log).toEqual([]);
  });

  it('deletion protection is a blocker with the command that lifts it; nothing is deleted (exit 1)', async () => {
    const w = install(webWorld());
    v2World(w, { protected: true });
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`load-balancer web-alb: deletion protection is on; clear it with: aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${LB} --attributes Key=deletion_protection.enabled,Value=false`);
    expect(w.log).toEqual([]);
  });

  it('status --stack shows the ALB with its target health and the target group', async () => {
    const w = install(webWorld());
    v2World(w);
    const r = await runCli('status --stack web --output text');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('load-balancer\tweb-alb\t1/1 InService\tapplication web-alb-1.us-east-1.elb.amazonaws.com\n');
    expect(r.stdout).toContain(`target-group\tweb-alb-80\tpresent\t${TG}\n`);
  });
});

describe('teardown --lb NAME with an application load balancer', () => {
  it('takes its own target group with it: listeners → balancer (waited out on the fake clock) → target group (retried while in use)', async () => {
    const w = install(webWorld());
    const v = v2World(w);
    const r = await runCli('teardown --lb web-alb --yes');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(w.log).toEqual(['DeleteListener web-alb:80', 'DeleteLoadBalancer web-alb', 'DeleteTargetGroup web-alb-80 (in use)', 'DeleteTargetGroup web-alb-80']);
    expect(r.stdout).toContain('load-balancer\tweb-alb\tdeleted\t\n');
    expect(r.stdout).toContain('target-group\tweb-alb-80\tdeleted\t\n');
    expect(r.sleeps.filter((ms) => ms === 5000).length).toBe(2);
    expect(v.lb || v.tg).toBe(false);
    // Re-run: the balancer is gone, so there is nothing of it to take.
    const again = await runCli('teardown --lb web-alb --yes --output json');
    expect(again.code).toBe(0);
    const left = JSON.parse(again.stdout).resources as unknown[];
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ kind: 'load-balancer', name: 'web-alb', outcome: 'already gone' });
  });

  it('--dry-run shows the target group after the balancer, deleted by ARN; nothing is written', async () => {
    const w = install(webWorld());
    v2World(w);
    const r = await runCli('teardown --lb web-alb --dry-run --output json');
    expect(r.code).toBe(0);
    const steps = JSON.parse(r.stdout).steps as Array<{ resource: string; name: string; request: { operation: string; input: unknown } }>;
    expect(steps.map((s) => `${s.resource} ${s.name}`)).toEqual(['load-balancer web-alb', 'target-group web-alb-80']);
    expect(steps[1]!.request).toEqual({ service: 'elbv2', operation: 'DeleteTargetGroup', input: { TargetGroupArn: TG } });
    expect(elbv2Mock).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { LoadBalancerArn: LB });
    expect(w.log).toEqual([]);
  });

  it('keeps a target group another balancer still uses', async () => {
    const w = install(webWorld());
    v2World(w);
    const other = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/api-alb/9';
    elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [{ TargetGroupArn: TG, TargetGroupName: 'web-alb-80', LoadBalancerArns: [LB, other] }] });
    const r = await runCli('teardown --lb web-alb --dry-run --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).steps.map((s: { resource: string; name: string }) => `${s.resource} ${s.name}`)).toEqual(['load-balancer web-alb']);
  });

  it('a protected balancer is a blocker: neither it nor its target group is deleted (exit 1)', async () => {
    const w = install(webWorld());
    v2World(w, { protected: true });
    const r = await runCli('teardown --lb web-alb --yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('load-balancer web-alb: deletion protection is on');
    expect(w.log).toEqual([]);
  });

  it('a classic balancer of that name takes no target group and sends no DescribeTargetGroups', async () => {
    const w = install(webWorld());
    const r = await runCli('teardown --lb web-lb --dry-run --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).steps.map((s: { resource: string; name: string }) => `${s.resource} ${s.name}`)).toEqual(['load-balancer web-lb']);
    expect(elbv2Mock.commandCalls(DescribeTargetGroupsCommand)).toHaveLength(0);
    expect(w.log).toEqual([]);
  });
});
