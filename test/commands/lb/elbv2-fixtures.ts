// Fixtures for the ELBv2 create-lb / teardown tests (not a test file itself).
import {
  CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand,
  DescribeTagsCommand, DescribeTargetGroupAttributesCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand, ModifyTargetGroupAttributesCommand, ModifyTargetGroupCommand, type Listener, type LoadBalancer, type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand as DescribeClassicCommand } from '@aws-sdk/client-elastic-load-balancing';
import { GetServerCertificateCommand } from '@aws-sdk/client-iam';
import { awsError, ec2Mock, elbMock, elbv2Mock, iamMock } from '../../helpers/aws.js';

export const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
export const TG80 = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-80/73e2d6bc24d8a067';
export const L80 = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2';
export const L443 = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/a1a1a1a1a1a1a1a1';
export const V2DNS = 'web-1234567890.us-east-1.elb.amazonaws.com';
export const CERT = 'arn:aws:iam::123456789012:server-certificate/site';

export function mockSubnets(): void {
  ec2Mock.on(DescribeSubnetsCommand).resolves({ Subnets: [
    { SubnetId: 'subnet-a', AvailabilityZone: 'us-east-1a', VpcId: 'vpc-1', DefaultForAz: true },
    { SubnetId: 'subnet-b', AvailabilityZone: 'us-east-1b', VpcId: 'vpc-1', DefaultForAz: true },
  ] });
}

export const builtAlb = (over: Partial<LoadBalancer> = {}): LoadBalancer => ({
  LoadBalancerArn: LB_ARN, LoadBalancerName: 'web', Type: 'application', Scheme: 'internet-facing', DNSName: V2DNS, CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K', VpcId: 'vpc-1',
  IpAddressType: 'ipv4', State: { Code: 'active' }, SecurityGroups: [],
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-a' }, { ZoneName: 'us-east-1b', SubnetId: 'subnet-b' }], ...over,
});

export const builtTg = (over: Partial<TargetGroup> = {}): TargetGroup => ({
  TargetGroupArn: TG80, TargetGroupName: 'web-80', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1', TargetType: 'instance', LoadBalancerArns: [LB_ARN],
  HealthCheckProtocol: 'HTTP', HealthCheckPort: '80', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 30, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 10, UnhealthyThresholdCount: 2,
  Matcher: { HttpCode: '200' }, ...over,
});

export const builtListeners = (cert = CERT): Listener[] => [
  { ListenerArn: L80, LoadBalancerArn: LB_ARN, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }] },
  { ListenerArn: L443, LoadBalancerArn: LB_ARN, Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: cert }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: TG80 }] },
];

export const TG_ATTRS = { 'deregistration_delay.timeout_seconds': '300', 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie', 'stickiness.lb_cookie.duration_seconds': '600' };

/** Reads of the done-when ALB as it exists after the first run. */
export function mockExistingAlb(o: { lb?: LoadBalancer; tg?: TargetGroup; listeners?: Listener[]; tgAttrs?: Record<string, string>; lbAttrs?: Record<string, string> } = {}): void {
  const lb = o.lb ?? builtAlb();
  elbv2Mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [lb] });
  elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [o.tg ?? builtTg()] });
  elbv2Mock.on(DescribeListenersCommand).resolves({ Listeners: o.listeners ?? builtListeners() });
  elbv2Mock.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: Object.entries(o.lbAttrs ?? { 'deletion_protection.enabled': 'false', 'idle_timeout.timeout_seconds': '60' }).map(([Key, Value]) => ({ Key, Value })) });
  elbv2Mock.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: Object.entries(o.tgAttrs ?? TG_ATTRS).map(([Key, Value]) => ({ Key, Value })) });
  elbv2Mock.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
  elbv2Mock.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: LB_ARN, Tags: [{ Key: 'scalectl:stack', Value: 'prod' }] }, { ResourceArn: TG80, Tags: [{ Key: 'scalectl:stack', Value: 'prod' }] }] });
}

/** Nothing exists: the first read finds no balancer and no target group; creates answer with ARNs. */
export function mockNewAlb(): void {
  elbMock.on(DescribeClassicCommand).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'"));
  elbv2Mock.on(DescribeLoadBalancersCommand).rejectsOnce(awsError('LoadBalancerNotFoundException', 'One or more load balancers not found')).resolves({ LoadBalancers: [builtAlb()] });
  elbv2Mock.on(DescribeTargetGroupsCommand).rejects(awsError('TargetGroupNotFoundException', 'One or more target groups not found'));
  elbv2Mock.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
  elbv2Mock.on(CreateLoadBalancerCommand).resolves({ LoadBalancers: [builtAlb()] });
  elbv2Mock.on(CreateTargetGroupCommand).resolves({ TargetGroups: [builtTg()] });
  elbv2Mock.on(CreateListenerCommand).callsFake((i: { Port: number }) => ({ Listeners: [{ ListenerArn: i.Port === 80 ? L80 : L443, Port: i.Port }] }));
  for (const c of [ModifyTargetGroupAttributesCommand, ModifyLoadBalancerAttributesCommand, ModifyTargetGroupCommand, ModifyListenerCommand]) elbv2Mock.on(c as never).resolves({});
}

export const v2Writes = () => elbv2Mock.calls().map((c) => (c.args[0] as object).constructor.name).filter((n) => !n.startsWith('Describe'));

/** The done-when balancer. */
export const DONE_WHEN_V2 = 'create-lb web --type application --listener http:80 --listener https:443:http:80 --cert site --redirect-http --health-check HTTP:80/health --sticky lb:600 --zones us-east-1a,us-east-1b --stack prod';
export const mockCert = () => iamMock.on(GetServerCertificateCommand, { ServerCertificateName: 'site' }).resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'site', ServerCertificateId: 'ASCA1', Arn: CERT }, CertificateBody: 'x' } });
