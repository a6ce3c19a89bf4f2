// Fixtures shared by the load-balancer command tests (not a test file itself).
import {
  DescribeLoadBalancerAttributesCommand, DescribeLoadBalancerPoliciesCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, type LoadBalancerAttributes, type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import { elbMock } from '../../helpers/aws.js';

export const CERT = 'arn:aws:iam::123456789012:server-certificate/site';
export const DNS = 'web-1234567890.us-east-1.elb.amazonaws.com';

/** The balancer the done-when command builds, as DescribeLoadBalancers returns it afterwards. */
export function builtLb(over: Partial<LoadBalancerDescription> = {}): LoadBalancerDescription {
  return {
    LoadBalancerName: 'web', DNSName: DNS, Scheme: 'internet-facing', CanonicalHostedZoneNameID: 'Z35SXDOTRQ7X7K',
    ListenerDescriptions: [
      { Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }, PolicyNames: ['scalectl-app-JSESSIONID'] },
      { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: CERT }, PolicyNames: ['ELBSecurityPolicy-2016-08', 'scalectl-app-JSESSIONID'] },
    ],
    Policies: { AppCookieStickinessPolicies: [{ PolicyName: 'scalectl-app-JSESSIONID', CookieName: 'JSESSIONID' }], LBCookieStickinessPolicies: [], OtherPolicies: ['ELBSecurityPolicy-2016-08'] },
    HealthCheck: { Target: 'HTTP:80/health', Interval: 30, Timeout: 5, HealthyThreshold: 10, UnhealthyThreshold: 2 },
    AvailabilityZones: ['us-east-1a', 'us-east-1b'], Subnets: [], SecurityGroups: [], Instances: [],
    ...over,
  };
}

/** Read mocks for an existing balancer in the state builtLb() describes. */
export function mockExisting(lb = builtLb(), attrs: LoadBalancerAttributes = { CrossZoneLoadBalancing: { Enabled: true }, ConnectionDraining: { Enabled: true, Timeout: 300 }, ConnectionSettings: { IdleTimeout: 60 } }): void {
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [lb] });
  elbMock.on(DescribeLoadBalancerAttributesCommand).resolves({ LoadBalancerAttributes: attrs });
  elbMock.on(DescribeLoadBalancerPoliciesCommand).resolves({ PolicyDescriptions: [{ PolicyName: 'scalectl-app-JSESSIONID', PolicyTypeName: 'AppCookieStickinessPolicyType' }, { PolicyName: 'ELBSecurityPolicy-2016-08', PolicyTypeName: 'SSLNegotiationPolicyType' }] });
  elbMock.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ LoadBalancerName: 'web', Tags: [{ Key: 'scalectl:stack', Value: 'prod' }] }] });
}

