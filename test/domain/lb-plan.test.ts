import { describe, expect, it } from 'vitest';
import { extraPlacement, planLoadBalancer, type DesiredLb, type LiveLb } from '../../src/domain/lb-plan.js';
import { OperationError } from '../../src/errors.js';

const CERT = 'arn:aws:iam::123456789012:server-certificate/site';
const want: DesiredLb = {
  name: 'web',
  listeners: [
    { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 },
    { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, certificateArn: CERT },
  ],
  healthCheck: { target: 'HTTP:80/health', interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 },
  sticky: { spec: { kind: 'app', cookie: 'JSESSIONID' }, ports: [80, 443] },
  zones: ['us-east-1a'], subnets: [], securityGroups: [], internal: false,
  attributes: { crossZone: true, draining: { enabled: true, timeout: 300 } },
  instances: [], tags: [{ key: 'scalectl:stack', value: 'prod' }],
};
const live: LiveLb = {
  name: 'web', dnsName: 'web-1.elb', scheme: 'internet-facing',
  listeners: [
    { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80, policyNames: ['scalectl-app-JSESSIONID'] },
    { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, certificateArn: CERT, policyNames: ['ELBSecurityPolicy-2016-08', 'scalectl-app-JSESSIONID'] },
  ],
  healthCheck: { target: 'HTTP:80/health', interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 },
  zones: ['us-east-1a'], subnets: [], securityGroups: [], instances: [],
  policies: [{ name: 'scalectl-app-JSESSIONID', type: 'AppCookieStickinessPolicyType' }, { name: 'ELBSecurityPolicy-2016-08', type: 'SSLNegotiationPolicyType' }],
  attributes: { crossZone: true, draining: { enabled: true, timeout: 300 }, idleTimeout: 60 },
  tags: [{ key: 'scalectl:stack', value: 'prod' }],
};
const ops = (w: DesiredLb, l?: LiveLb) => planLoadBalancer(w, l).map((c) => c.op.operation);

describe('planLoadBalancer', () => {
  it('plans everything for a new balancer, in order', () => {
    expect(ops(want)).toEqual(['CreateLoadBalancer', 'ConfigureHealthCheck', 'CreateAppCookieStickinessPolicy', 'SetLoadBalancerPoliciesOfListener', 'SetLoadBalancerPoliciesOfListener', 'ModifyLoadBalancerAttributes']);
  });
  it('plans nothing when the balancer matches', () => {
    expect(planLoadBalancer(want, live)).toEqual([]);
  });
  it('replaces a changed listener on the same port and removes one not asked for', () => {
    const l = { ...live, listeners: [{ ...live.listeners[0]!, instancePort: 8080 }, live.listeners[1]!, { protocol: 'TCP' as const, port: 22, instanceProtocol: 'TCP' as const, instancePort: 22, policyNames: [] }] };
    const changes = planLoadBalancer(want, l);
    expect(changes.map((c) => c.op)).toEqual([
      { operation: 'DeleteLoadBalancerListeners', input: { name: 'web', ports: [22, 80] } },
      { operation: 'CreateLoadBalancerListeners', input: { name: 'web', listeners: [want.listeners[0]] } },
      { operation: 'SetLoadBalancerPoliciesOfListener', input: { name: 'web', port: 80, stickyPolicyName: 'scalectl-app-JSESSIONID' } },
    ]);
  });
  it('on an AWS look-alike endpoint, a listener reported with the front protocol to the instances is not a difference (moto)', () => {
    const l = { ...live, listeners: [live.listeners[0]!, { ...live.listeners[1]!, instanceProtocol: 'HTTPS' as const }] };
    expect(planLoadBalancer(want, l, { compatibleEndpoint: true })).toEqual([]);
    expect(ops(want, l)).toEqual(['DeleteLoadBalancerListeners', 'CreateLoadBalancerListeners', 'SetLoadBalancerPoliciesOfListener']);
  });
  it('compares the health-check protocol in any case but the path exactly (paths are case-sensitive)', () => {
    expect(planLoadBalancer(want, { ...live, healthCheck: { ...live.healthCheck!, target: 'http:80/health' } })).toEqual([]);
    expect(ops(want, { ...live, healthCheck: { ...live.healthCheck!, target: 'HTTP:80/HEALTH' } })).toEqual(['ConfigureHealthCheck']);
  });
  it('swaps only the certificate when that is all that differs', () => {
    const l = { ...live, listeners: [live.listeners[0]!, { ...live.listeners[1]!, certificateArn: 'arn:old' }] };
    expect(planLoadBalancer(want, l).map((c) => c.op)).toEqual([{ operation: 'SetLoadBalancerListenerSSLCertificate', input: { name: 'web', port: 443, certificateArn: CERT } }]);
  });
  it('updates health check, attributes, tags, zones, subnets, groups and instances that differ', () => {
    const w: DesiredLb = { ...want, zones: ['us-east-1a', 'us-east-1b'], securityGroups: ['sg-1'], instances: ['i-12345678'], attributes: { crossZone: true, draining: { enabled: false }, idleTimeout: 120 }, tags: [...want.tags, { key: 'team', value: 'web' }] };
    const l: LiveLb = { ...live, healthCheck: { ...live.healthCheck!, interval: 10 }, securityGroups: ['sg-0'], attributes: { crossZone: false, draining: { enabled: true, timeout: 300 }, idleTimeout: 60 } };
    expect(planLoadBalancer(w, l).map((c) => c.op)).toEqual([
      { operation: 'ConfigureHealthCheck', input: { name: 'web', healthCheck: want.healthCheck } },
      { operation: 'ModifyLoadBalancerAttributes', input: { name: 'web', attributes: { crossZone: true, draining: { enabled: false }, idleTimeout: 120 } } },
      { operation: 'EnableAvailabilityZonesForLoadBalancer', input: { name: 'web', zones: ['us-east-1b'] } },
      { operation: 'ApplySecurityGroupsToLoadBalancer', input: { name: 'web', securityGroups: ['sg-1'] } },
      { operation: 'RegisterInstancesWithLoadBalancer', input: { name: 'web', instances: ['i-12345678'] } },
      { operation: 'AddTags', input: { name: 'web', tags: [{ key: 'team', value: 'web' }] } },
    ]);
  });
  it('swaps a different stickiness policy on a listener and attaches subnets', () => {
    const w: DesiredLb = { ...want, zones: [], subnets: ['subnet-2'], sticky: { spec: { kind: 'lb', expirationSeconds: 60 }, ports: [80] } };
    const l: LiveLb = { ...live, subnets: ['subnet-1'] };
    expect(ops(w, l)).toEqual(['CreateLBCookieStickinessPolicy', 'SetLoadBalancerPoliciesOfListener', 'AttachLoadBalancerToSubnets']);
    expect(extraPlacement(w, l)).toEqual(['subnet-1']);
  });
  it('treats missing fields of a live balancer as different', () => {
    const bare: LiveLb = { name: 'web', listeners: [], zones: [], subnets: [], securityGroups: [], instances: [], policies: [], tags: [] };
    expect(ops(want, bare)).toEqual(['CreateLoadBalancerListeners', 'ConfigureHealthCheck', 'CreateAppCookieStickinessPolicy', 'SetLoadBalancerPoliciesOfListener', 'SetLoadBalancerPoliciesOfListener', 'ModifyLoadBalancerAttributes', 'EnableAvailabilityZonesForLoadBalancer', 'AddTags']);
  });
  it('refuses a scheme change, which AWS cannot make in place', () => {
    expect(() => planLoadBalancer({ ...want, internal: true }, live)).toThrow(OperationError);
    expect(() => planLoadBalancer({ ...want, internal: true }, live)).toThrow('load balancer web is internet-facing and the scheme cannot change in place');
  });
});
