import { DescribeInstanceHealthCommand, DescribeLoadBalancersCommand as DescribeClassic } from '@aws-sdk/client-elastic-load-balancing';
import { DeregisterTargetsCommand, DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ModifyListenerCommand, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock, elbv2Mock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtAlb, builtListeners, builtTg, L443, LB_ARN, TG80, V2DNS } from './elbv2-fixtures.js';

const ACM = 'arn:aws:acm:us-east-1:123456789012:certificate/99999999-2222-3333-4444-555555555555';

function alb(targets: string[] = ['i-0aaaaaaaaaaaaaaa1']): void {
  elbMock.on(DescribeClassic).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'"));
  elbMock.on(DescribeInstanceHealthCommand).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'"));
  elbv2Mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [builtAlb()] });
  elbv2Mock.on(DescribeListenersCommand).resolves({ Listeners: builtListeners() });
  elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [builtTg()] });
  elbv2Mock.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: targets.map((Id, i) => ({ Target: { Id, Port: 80 }, TargetHealth: i ? { State: 'unhealthy', Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [502]' } : { State: 'healthy' } })) });
}

describe('the load balancer commands on an application load balancer', () => {
  it('describe-lbs NAME falls back to ELBv2: type application, listeners with their target group as back end', async () => {
    alb();
    const r = await runCli('describe-lbs web --output text');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`web\t${V2DNS}\tinternet-facing\thttp:80,https:443:http:80\tHTTP:80/health\t1\tapplication\n`);
  });

  it('describe-lbs reads both kinds at once, and the ELBv2 balancers\' details at once: no answer waits for another', async () => {
    // Each answer comes only once the other requests it could overlap with have been sent: run
    // one after the other, these calls would wait on each other until the 2 s guard fails them.
    const sent = new Set<string>();
    const after = (...names: string[]) => new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`still waiting for ${names.filter((n) => !sent.has(n)).join(', ')}`)), 2000);
      const poll = () => (names.every((n) => sent.has(n)) ? (clearTimeout(t), resolve()) : setTimeout(poll, 5));
      poll();
    });
    const albs = ['a', 'b', 'c'].map((n, i) => builtAlb({ LoadBalancerName: `web-${n}`, LoadBalancerArn: `${LB_ARN.replace('/web/', `/web-${n}/`)}`, DNSName: `web-${n}-${i}.elb.amazonaws.com` }));
    elbMock.on(DescribeClassic).callsFake(async () => {
      sent.add('classic');
      await after('v2');
      return { LoadBalancerDescriptions: [] };
    });
    elbv2Mock.on(DescribeLoadBalancersCommand).callsFake(async () => {
      sent.add('v2');
      return { LoadBalancers: albs };
    });
    elbv2Mock.on(DescribeListenersCommand).callsFake(async (input: { LoadBalancerArn: string }) => {
      sent.add(input.LoadBalancerArn);
      await after(...albs.map((a) => a.LoadBalancerArn!));
      return { Listeners: [] };
    });
    elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    const r = await runCli('describe-lbs --output text');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['web-a', 'web-b', 'web-c']);
  });

  it('instance-health NAME shows target health with the reason', async () => {
    alb(['i-0aaaaaaaaaaaaaaa1', 'i-0aaaaaaaaaaaaaaa2']);
    const r = await runCli('instance-health web --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ loadBalancer: 'web', instances: [
      { instanceId: 'i-0aaaaaaaaaaaaaaa1', state: 'healthy', targetGroup: 'web-80' },
      { instanceId: 'i-0aaaaaaaaaaaaaaa2', state: 'unhealthy', targetGroup: 'web-80', reasonCode: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [502]' },
    ] });
  });

  it('set-lb-cert swaps the HTTPS listener certificate with ModifyListener; the same one again is unchanged', async () => {
    alb();
    elbv2Mock.on(ModifyListenerCommand).resolves({});
    const r = await runCli(`set-lb-cert web --port 443 --cert ${ACM}`);
    expect(r.code).toBe(0);
    expect(elbv2Mock.commandCalls(ModifyListenerCommand).map((c) => c.args[0].input)).toEqual([{ ListenerArn: L443, Certificates: [{ CertificateArn: ACM }] }]);
    elbv2Mock.resetHistory();
    const same = await runCli('set-lb-cert web --port 443 --cert arn:aws:iam::123456789012:server-certificate/site --output text');
    expect(same.stdout).toBe('web\t443\tarn:aws:iam::123456789012:server-certificate/site\tunchanged\n');
    expect(elbv2Mock.commandCalls(ModifyListenerCommand)).toHaveLength(0);
    const http = await runCli(`set-lb-cert web --port 80 --cert ${ACM}`);
    expect(http.code).toBe(1);
  });

  it('register-instances registers targets in each target group, only those missing; deregister-instances the reverse', async () => {
    alb();
    elbv2Mock.on(RegisterTargetsCommand).resolves({});
    elbv2Mock.on(DeregisterTargetsCommand).resolves({});
    const r = await runCli('register-instances web i-0aaaaaaaaaaaaaaa1 i-0bbbbbbbbbbbbbbb2 --output json');
    expect(r.code).toBe(0);
    expect(elbv2Mock.commandCalls(RegisterTargetsCommand).map((c) => c.args[0].input)).toEqual([{ TargetGroupArn: TG80, Targets: [{ Id: 'i-0bbbbbbbbbbbbbbb2' }] }]);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'load-balancer', name: 'web', status: 'updated', changes: ['register i-0bbbbbbbbbbbbbbb2'], instances: ['i-0aaaaaaaaaaaaaaa1', 'i-0bbbbbbbbbbbbbbb2'] });
    const d = await runCli('deregister-instances web i-0aaaaaaaaaaaaaaa1');
    expect(d.code).toBe(0);
    expect(elbv2Mock.commandCalls(DeregisterTargetsCommand).map((c) => c.args[0].input)).toEqual([{ TargetGroupArn: TG80, Targets: [{ Id: 'i-0aaaaaaaaaaaaaaa1' }] }]);
    void LB_ARN;
  });
});
