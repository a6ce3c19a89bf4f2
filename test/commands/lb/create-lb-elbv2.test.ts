import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ModifyTargetGroupAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { ec2Mock, elbv2Mock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { CERT, DONE_WHEN_V2, L80, L443, LB_ARN, mockCert, mockNewAlb, mockSubnets, TG80, V2DNS, v2Writes } from './elbv2-fixtures.js';

const REDIRECT = [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }];

describe('create-lb --type application: done when', () => {
  it('builds the ALB, one target group for port 80, a 301 on HTTP:80 and HTTPS:443 forwarding, with exact inputs', async () => {
    mockCert(); mockSubnets(); mockNewAlb();
    const r = await runCli(`${DONE_WHEN_V2} --output json`);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeSubnetsCommand, { Filters: [{ Name: 'default-for-az', Values: ['true'] }, { Name: 'availability-zone', Values: ['us-east-1a', 'us-east-1b'] }] });
    expect(elbv2Mock.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input).toEqual({ Name: 'web', Type: 'application', Subnets: ['subnet-a', 'subnet-b'], Scheme: 'internet-facing', Tags: [{ Key: 'scalectl:stack', Value: 'prod' }] });
    expect(elbv2Mock.commandCalls(CreateTargetGroupCommand)[0]!.args[0].input).toEqual({
      Name: 'web-80', Protocol: 'HTTP', Port: 80, TargetType: 'instance', VpcId: 'vpc-1',
      HealthCheckEnabled: true, HealthCheckProtocol: 'HTTP', HealthCheckPort: '80', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 10, UnhealthyThresholdCount: 2, Matcher: { HttpCode: '200' },
      Tags: [{ Key: 'scalectl:stack', Value: 'prod' }],
    });
    expect(elbv2Mock.commandCalls(ModifyTargetGroupAttributesCommand)[0]!.args[0].input).toEqual({ TargetGroupArn: TG80, Attributes: [
      { Key: 'deregistration_delay.timeout_seconds', Value: '300' }, { Key: 'stickiness.enabled', Value: 'true' }, { Key: 'stickiness.type', Value: 'lb_cookie' }, { Key: 'stickiness.lb_cookie.duration_seconds', Value: '600' },
    ] });
    expect(elbv2Mock.commandCalls(CreateListenerCommand).map((c) => c.args[0].input)).toEqual([
      { LoadBalancerArn: LB_ARN, Protocol: 'HTTP', Port: 80, DefaultActions: REDIRECT },
      { LoadBalancerArn: LB_ARN, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: CERT }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: TG80 }] },
    ]);
    expect(v2Writes()).toEqual(['CreateLoadBalancerCommand', 'CreateTargetGroupCommand', 'ModifyTargetGroupAttributesCommand', 'CreateListenerCommand', 'CreateListenerCommand']);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ kind: 'load-balancer', name: 'web', type: 'application', dnsName: V2DNS, status: 'created' });
    void L80; void L443;
  });

  it('--dry-run sends nothing and shows the requests with stand-ins for ARNs not made yet', async () => {
    mockCert(); mockSubnets(); mockNewAlb();
    const r = await runCli(`${DONE_WHEN_V2} --dry-run --output json`);
    expect(r.code).toBe(0);
    expect(v2Writes()).toEqual([]);
    const steps = JSON.parse(r.stdout).steps as Array<{ action: string; resource: string; name: string; request: { operation: string; input: Record<string, unknown> } }>;
    expect(steps.map((s) => `${s.action} ${s.resource} ${s.name}`)).toEqual(['create load-balancer web', 'create target-group web-80', 'set target-group-attributes web-80', 'create listener web:80', 'create listener web:443']);
    expect(steps[4]!.request.input).toMatchObject({ LoadBalancerArn: '<arn of load balancer web>', DefaultActions: [{ Type: 'forward', TargetGroupArn: '<arn of target group web-80>' }] });
  });
});
