// create-lb options (ELBv2) → the desired balancer, target groups and listeners. Pure.
import { targetGroupName, type Elbv2Options } from './elbv2-options.js';
import { tgHealthCheck, type DesiredTargetGroup, type DesiredV2, type DesiredV2Listener } from './elbv2-plan.js';
import { withStackTag } from './stack.js';

/** What the command resolved before planning: subnets (from zones), their VPC, certificate ARNs by name. */
export interface Resolved {
  subnets: string[];
  vpcId?: string;
  certificateArns: Map<string, string>;
}

export function desiredElbv2(o: Elbv2Options, r: Resolved): DesiredV2 {
  const tags = withStackTag(o.tags, o.stack);
  const forwarding = o.listeners.filter((l) => !(o.redirectHttp && l.port === 80));
  const tgs = new Map<string, DesiredTargetGroup>();
  const stickyTgs = new Set(o.sticky?.ports ? forwarding.filter((l) => o.sticky!.ports!.includes(l.port)).map((l) => targetGroupName(o.name, l.targetPort)) : forwarding.map((l) => targetGroupName(o.name, l.targetPort)));
  for (const l of forwarding) {
    const name = targetGroupName(o.name, l.targetPort);
    if (tgs.has(name)) continue;
    tgs.set(name, {
      name, protocol: l.targetProtocol, port: l.targetPort, targetType: o.targetType,
      ...(o.healthCheck ? { healthCheck: tgHealthCheck(o.healthCheck) } : {}),
      attributes: { 'deregistration_delay.timeout_seconds': String(o.drainSeconds), ...(o.sticky && stickyTgs.has(name) ? stickyAttributes(o.sticky.spec) : {}) },
      tags,
    });
  }
  const listeners: DesiredV2Listener[] = o.listeners.map((l) => {
    const secure = l.protocol === 'HTTPS' || l.protocol === 'TLS';
    return {
      port: l.port, protocol: l.protocol,
      ...(secure && l.certificate ? { certificateArn: r.certificateArns.get(l.certificate) ?? l.certificate, sslPolicy: o.sslPolicy } : {}),
      action: o.redirectHttp && l.port === 80 ? { type: 'redirect-https' } : { type: 'forward', targetGroup: targetGroupName(o.name, l.targetPort) },
    };
  });
  const attributes: Record<string, string> = {
    ...(o.type === 'network' && o.crossZone !== undefined ? { 'load_balancing.cross_zone.enabled': String(o.crossZone) } : {}),
    ...(o.idleTimeout !== undefined ? { 'idle_timeout.timeout_seconds': String(o.idleTimeout) } : {}),
    ...(o.protect !== undefined ? { 'deletion_protection.enabled': String(o.protect) } : {}),
  };
  return {
    name: o.name, type: o.type, internal: o.internal, subnets: r.subnets, ...(r.vpcId ? { vpcId: r.vpcId } : {}),
    securityGroups: o.securityGroups, ...(o.ipAddressType ? { ipAddressType: o.ipAddressType } : {}),
    attributes, targetGroups: [...tgs.values()], listeners, instances: o.instances, tags,
  };
}

function stickyAttributes(s: NonNullable<Elbv2Options['sticky']>['spec']): Record<string, string> {
  if (s.type === 'source_ip') return { 'stickiness.enabled': 'true', 'stickiness.type': 'source_ip' };
  if (s.type === 'lb_cookie') return { 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie', 'stickiness.lb_cookie.duration_seconds': String(s.seconds) };
  return { 'stickiness.enabled': 'true', 'stickiness.type': 'app_cookie', 'stickiness.app_cookie.cookie_name': s.cookie, 'stickiness.app_cookie.duration_seconds': String(s.seconds) };
}
