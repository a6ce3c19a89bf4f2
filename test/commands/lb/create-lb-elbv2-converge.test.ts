import { DescribeLoadBalancersCommand as DescribeClassic } from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, DeleteListenerCommand, DescribeLoadBalancersCommand, ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand, ModifyTargetGroupAttributesCommand, ModifyTargetGroupCommand, RegisterTargetsCommand, SetSecurityGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { ec2Mock, elbMock, elbv2Mock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtAlb, builtListeners, builtTg, CERT, DONE_WHEN_V2, L443, L80, LB_ARN, mockCert, mockExistingAlb, mockNewAlb, mockSubnets, TG80, v2Writes } from './elbv2-fixtures.js';

const NEW_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

describe('create-lb --type application: converging', () => {
  it('a re-run of the done-when command is unchanged and sends no write', async () => {
    mockCert(); mockSubnets(); mockExistingAlb();
    const r = await runCli(`${DONE_WHEN_V2} --output json`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'unchanged', changes: [] });
    expect(v2Writes()).toEqual([]);
    expect(r.stderr).toBe('');
  });

  it('certificate swap: an ACM ARN goes on the HTTPS listener with ModifyListener, nothing else changes', async () => {
    mockSubnets(); mockExistingAlb();
    elbv2Mock.on(ModifyListenerCommand).resolves({});
    const r = await runCli(DONE_WHEN_V2.replace('--cert site', `--cert ${NEW_CERT}`));
    expect(r.code).toBe(0);
    expect(v2Writes()).toEqual(['ModifyListenerCommand']);
    expect(elbv2Mock.commandCalls(ModifyListenerCommand)[0]!.args[0].input).toEqual({ ListenerArn: L443, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: NEW_CERT }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: TG80 }] });
  });

  it('listener change: a listener not named is deleted (and the dry-run shows it), a new one created', async () => {
    mockCert(); mockSubnets(); mockExistingAlb();
    const line = 'create-lb web --type application --listener https:443:http:80 --listener https:8443:http:80 --cert site --health-check HTTP:80/health --sticky lb:600 --stack prod';
    const plan = await runCli(`${line} --dry-run --output json`);
    expect(JSON.parse(plan.stdout).steps.map((s: { action: string; resource: string; name: string }) => `${s.action} ${s.resource} ${s.name}`)).toEqual(['delete listener web:80', 'create listener web:8443']);
    expect(v2Writes()).toEqual([]);
    elbv2Mock.on(DeleteListenerCommand).resolves({});
    elbv2Mock.on(CreateListenerCommand).resolves({ Listeners: [{ ListenerArn: 'l-8443' }] });
    const r = await runCli(line);
    expect(r.code).toBe(0);
    expect(elbv2Mock.commandCalls(DeleteListenerCommand)[0]!.args[0].input).toEqual({ ListenerArn: L80 });
    expect(elbv2Mock.commandCalls(CreateListenerCommand)[0]!.args[0].input).toMatchObject({ LoadBalancerArn: LB_ARN, Port: 8443, DefaultActions: [{ Type: 'forward', TargetGroupArn: TG80 }] });
  });

  it('attribute and health check changes: only what differs is sent', async () => {
    mockCert(); mockSubnets(); mockExistingAlb();
    for (const c of [ModifyLoadBalancerAttributesCommand, ModifyTargetGroupCommand, ModifyTargetGroupAttributesCommand]) elbv2Mock.on(c as never).resolves({});
    const r = await runCli(`${DONE_WHEN_V2.replace('HTTP:80/health', 'HTTP:80/ping').replace('lb:600', 'lb:900')} --matcher 200-399 --idle-timeout 120 --protect --drain 30`);
    expect(r.code).toBe(0);
    expect(v2Writes()).toEqual(['ModifyLoadBalancerAttributesCommand', 'ModifyTargetGroupCommand', 'ModifyTargetGroupAttributesCommand']);
    expect(elbv2Mock.commandCalls(ModifyLoadBalancerAttributesCommand)[0]!.args[0].input).toEqual({ LoadBalancerArn: LB_ARN, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '120' }, { Key: 'deletion_protection.enabled', Value: 'true' }] });
    expect(elbv2Mock.commandCalls(ModifyTargetGroupCommand)[0]!.args[0].input).toEqual({
      TargetGroupArn: TG80, HealthCheckEnabled: true, HealthCheckProtocol: 'HTTP', HealthCheckPort: '80', HealthCheckPath: '/ping', HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 10, UnhealthyThresholdCount: 2, Matcher: { HttpCode: '200-399' },
    });
    expect(elbv2Mock.commandCalls(ModifyTargetGroupAttributesCommand)[0]!.args[0].input).toEqual({ TargetGroupArn: TG80, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }, { Key: 'stickiness.lb_cookie.duration_seconds', Value: '900' }] });
  });

  it('security groups that differ are set; the redirect listener stays when the forward one changes target', async () => {
    mockCert(); mockSubnets(); mockExistingAlb({ listeners: builtListeners(CERT) });
    elbv2Mock.on(SetSecurityGroupsCommand).resolves({});
    const r = await runCli(`${DONE_WHEN_V2} --security-groups sg-1,sg-2`);
    expect(r.code).toBe(0);
    expect(v2Writes()).toEqual(['SetSecurityGroupsCommand']);
    expect(elbv2Mock.commandCalls(SetSecurityGroupsCommand)[0]!.args[0].input).toEqual({ LoadBalancerArn: LB_ARN, SecurityGroups: ['sg-1', 'sg-2'] });
  });

  it('changing --type of an existing balancer: exit 1 with the reason, nothing written', async () => {
    mockCert(); mockSubnets(); mockExistingAlb();
    const r = await runCli(DONE_WHEN_V2.replace('--type application', '--type network').replace(/--listener http:80 --listener https:443:http:80 --cert site --redirect-http --health-check HTTP:80\/health --sticky lb:600/, '--listener tcp:80'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('load balancer web is an application load balancer, and AWS cannot convert it to network');
    expect(v2Writes()).toEqual([]);
  });

  it('a classic balancer of that name: exit 1, AWS cannot convert it', async () => {
    elbv2Mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    elbMock.on(DescribeClassic).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'web' }] });
    const r = await runCli('create-lb web --type application --listener http:80 --zones us-east-1a,us-east-1b');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('load balancer web is a classic load balancer, and AWS cannot convert it to application');
  });

  it('creating a classic balancer where an ELBv2 one has the name: exit 1', async () => {
    elbMock.on(DescribeClassic).rejects(Object.assign(new Error('no'), { name: 'AccessPointNotFoundException', $metadata: {} }));
    elbv2Mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [builtAlb()] });
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('add --type application');
  });
});

describe('create-lb --type network: every flag to its input', () => {
  it('TLS with a chosen policy, ip targets, internal, dualstack, subnets, cross-zone, source-IP stickiness, no draining, protection', async () => {
    mockNewAlb();
    ec2Mock.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1', AvailabilityZone: 'us-east-1a', VpcId: 'vpc-9' }, { SubnetId: 'subnet-2', AvailabilityZone: 'us-east-1b', VpcId: 'vpc-9' }] });
    elbv2Mock.on(CreateLoadBalancerCommand).resolves({ LoadBalancers: [builtAlb({ Type: 'network', LoadBalancerName: 'edge' })] });
    elbv2Mock.on(CreateTargetGroupCommand).resolves({ TargetGroups: [builtTg({ TargetGroupName: 'edge-8080' })] });
    const r = await runCli('create-lb edge --type network --listener tls:443:tcp:8080 --listener tcp:22:8080 --cert arn:aws:acm:us-east-1:123456789012:certificate/abc --ssl-policy ELBSecurityPolicy-TLS13-1-3-2021-06 --target-type ip --internal --ip-address-type dualstack --subnets subnet-1,subnet-2 --sticky lb --no-drain --protect --health-check TCP:8080 --interval 10 --tag team=edge --stack prod');
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeSubnetsCommand, { SubnetIds: ['subnet-1', 'subnet-2'] });
    expect(elbv2Mock.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input).toEqual({ Name: 'edge', Type: 'network', Subnets: ['subnet-1', 'subnet-2'], Scheme: 'internal', IpAddressType: 'dualstack', Tags: [{ Key: 'team', Value: 'edge' }, { Key: 'scalectl:stack', Value: 'prod' }] });
    expect(elbv2Mock.commandCalls(ModifyLoadBalancerAttributesCommand)[0]!.args[0].input).toEqual({ LoadBalancerArn: LB_ARN, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'true' }, { Key: 'deletion_protection.enabled', Value: 'true' }] });
    expect(elbv2Mock.commandCalls(CreateTargetGroupCommand).map((c) => c.args[0].input)).toEqual([{
      Name: 'edge-8080', Protocol: 'TCP', Port: 8080, TargetType: 'ip', VpcId: 'vpc-9',
      HealthCheckEnabled: true, HealthCheckProtocol: 'TCP', HealthCheckPort: '8080', HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 10, UnhealthyThresholdCount: 2,
      Tags: [{ Key: 'team', Value: 'edge' }, { Key: 'scalectl:stack', Value: 'prod' }],
    }]);
    expect(elbv2Mock.commandCalls(ModifyTargetGroupAttributesCommand)[0]!.args[0].input.Attributes).toEqual([{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }, { Key: 'stickiness.enabled', Value: 'true' }, { Key: 'stickiness.type', Value: 'source_ip' }]);
    expect(elbv2Mock.commandCalls(CreateListenerCommand).map((c) => c.args[0].input)).toEqual([
      { LoadBalancerArn: LB_ARN, Protocol: 'TLS', Port: 443, Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: TG80 }] },
      { LoadBalancerArn: LB_ARN, Protocol: 'TCP', Port: 22, DefaultActions: [{ Type: 'forward', TargetGroupArn: TG80 }] },
    ]);
  });

  it('ALB: app-cookie stickiness on one port, --instances registered in each target group, names over 32 characters shortened', async () => {
    mockNewAlb(); mockSubnets();
    elbv2Mock.on(RegisterTargetsCommand).resolves({});
    const name = 'a-very-long-balancer-name-for-32';
    const r = await runCli(`create-lb ${name} --type application --listener http:80 --listener http:8080 --sticky app:SESSION@8080 --instances i-12345678 --zones us-east-1a,us-east-1b --dry-run --output json`);
    expect(r.code).toBe(0);
    const steps = JSON.parse(r.stdout).steps as Array<{ action: string; resource: string; name: string; request: { input: { Name?: string; Attributes?: unknown } } }>;
    const tgs = steps.filter((s) => s.action === 'create' && s.resource === 'target-group').map((s) => s.request.input.Name!);
    expect(tgs.every((n) => n.length <= 32)).toBe(true);
    expect(new Set(tgs).size).toBe(2);
    expect(tgs[0]).toMatch(/^a-very-long-balancer-na[a-z-]*-[0-9a-f]{4}-80$/);
    const attrs = steps.filter((s) => s.resource === 'target-group-attributes').map((s) => s.request.input.Attributes);
    expect(attrs[1]).toEqual([{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }, { Key: 'stickiness.enabled', Value: 'true' }, { Key: 'stickiness.type', Value: 'app_cookie' }, { Key: 'stickiness.app_cookie.cookie_name', Value: 'SESSION' }, { Key: 'stickiness.app_cookie.duration_seconds', Value: '86400' }]);
    expect(attrs[0]).toEqual([{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }]);
    expect(steps.filter((s) => s.action === 'register').map((s) => s.name)).toEqual(tgs);
  });
});
