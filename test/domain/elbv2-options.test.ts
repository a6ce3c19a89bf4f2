import { describe, expect, it } from 'vitest';
import { desiredElbv2 } from '../../src/domain/elbv2-desired.js';
import { checkMatcher, parseElbv2Flags, parseLbType, parseV2Listener, targetGroupName } from '../../src/domain/elbv2-options.js';
import { planElbv2 } from '../../src/domain/elbv2-plan.js';
import { UsageError } from '../../src/errors.js';

describe('ELBv2 options', () => {
  it('target group names: NAME-PORT, at most 32 characters, distinct per balancer and port', () => {
    expect(targetGroupName('web', 80)).toBe('web-80');
    const long = 'abcdefghijklmnopqrstuvwxyz-12345';
    const a = targetGroupName(long, 8080);
    expect(a.length).toBeLessThanOrEqual(32);
    expect(a).toMatch(/-8080$/);
    expect(a).not.toMatch(/--/);
    expect(targetGroupName(long.replace('z', 'y'), 8080)).not.toBe(a);
  });

  it('listener specs: front and back protocol/port, ssl as tls', () => {
    expect(parseV2Listener('https:443:http:80')).toEqual({ protocol: 'HTTPS', port: 443, targetProtocol: 'HTTP', targetPort: 80 });
    expect(parseV2Listener('https:443:8080')).toEqual({ protocol: 'HTTPS', port: 443, targetProtocol: 'HTTP', targetPort: 8080 });
    expect(parseV2Listener('ssl:443:tcp:80')).toEqual({ protocol: 'TLS', port: 443, targetProtocol: 'TCP', targetPort: 80 });
    expect(parseV2Listener('udp:53')).toEqual({ protocol: 'UDP', port: 53, targetProtocol: 'UDP', targetPort: 53 });
    expect(() => parseV2Listener('quic:443')).toThrow(UsageError);
  });

  it('matchers: codes, ranges, lists of them, 200-499', () => {
    for (const ok of ['200', '200-399', '200,302', '200-299,404']) expect(checkMatcher(ok)).toBe(ok);
    for (const bad of ['2xx', '199', '500', '300-200', '200-', '']) expect(() => checkMatcher(bad)).toThrow(UsageError);
  });

  it('--type', () => {
    expect(parseLbType(undefined)).toBe('classic');
    expect(parseLbType('ALB')).toBe('application');
    expect(parseLbType('network')).toBe('network');
    expect(() => parseLbType('gateway')).toThrow(/unknown --type/);
  });

  it('--redirect-http makes the HTTP:80 listener a redirect and gives it no target group', () => {
    const o = parseElbv2Flags('web', 'application', { listener: ['https:443:http:8080'], cert: 'site', redirectHttp: true, zones: ['a', 'b'] });
    const d = desiredElbv2(o, { subnets: ['s-a', 's-b'], vpcId: 'vpc-1', certificateArns: new Map([['site', 'arn:aws:iam::1:server-certificate/site']]) });
    expect(d.listeners.map((l) => [l.port, l.action])).toEqual([[443, { type: 'forward', targetGroup: 'web-8080' }], [80, { type: 'redirect-https' }]]);
    expect(d.targetGroups.map((t) => t.name)).toEqual(['web-8080']);
    const plan = planElbv2(d, undefined, []);
    expect(plan.map((c) => c.op.operation)).toEqual(['CreateLoadBalancer', 'CreateTargetGroup', 'ModifyTargetGroupAttributes', 'CreateListener', 'CreateListener']);
  });
});
