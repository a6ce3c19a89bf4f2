// An ELBv2 balancer in the shape the classic commands use (describe-lbs, set-lb-cert,
// register-instances, deregister-instances): listeners with their target group's protocol and
// port as the back end, the first target group's health check, registered targets as instances.
import { DescribeListenersCommand, ModifyListenerCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ResolvedListener } from '../domain/lb-plan.js';
import type { Protocol } from '../domain/listeners.js';
import { untilVisible, errorName, type RetryOptions } from '../domain/retry.js';
import { mapLimit } from '../domain/teardown.js';
import type { LoadBalancerSummary } from './elb.js';
import { describeTargetGroups, findV2LoadBalancer, listV2LoadBalancers, targetIds, type V2Summary } from './elbv2.js';

export interface V2Described extends LoadBalancerSummary {
  type: string;
  arn: string;
  listenerArns: Record<number, string>;
  targetGroupArns: string[];
}

export async function describeV2(client: ElasticLoadBalancingV2Client, lb: V2Summary): Promise<V2Described> {
  const [ls, tgs] = await Promise.all([client.send(new DescribeListenersCommand({ LoadBalancerArn: lb.arn })), describeTargetGroups(client, { lbArn: lb.arn })]);
  const byArn = new Map(tgs.map((t) => [t.TargetGroupArn ?? '', t]));
  const listeners: ResolvedListener[] = (ls.Listeners ?? []).map((l) => {
    const a = l.DefaultActions?.[0];
    const tg = byArn.get(a?.TargetGroupArn ?? a?.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn ?? '');
    const cert = l.Certificates?.[0]?.CertificateArn;
    return {
      protocol: (l.Protocol ?? 'TCP') as Protocol, port: l.Port ?? 0,
      // A redirect has no back end: shown as its front (http:80).
      instanceProtocol: (tg?.Protocol ?? l.Protocol ?? 'TCP') as Protocol, instancePort: tg?.Port ?? l.Port ?? 0,
      ...(cert ? { certificateArn: cert } : {}),
    };
  }).sort((a, b) => a.port - b.port);
  const first = tgs[0];
  const instances = [...new Set((await Promise.all(tgs.map((t) => targetIds(client, t.TargetGroupArn ?? '')))).flat())];
  return {
    name: lb.name, type: lb.type, arn: lb.arn,
    ...(lb.dnsName ? { dnsName: lb.dnsName } : {}), ...(lb.scheme ? { scheme: lb.scheme } : {}),
    listeners,
    ...(first?.HealthCheckProtocol ? { healthCheck: { target: `${first.HealthCheckProtocol}:${first.HealthCheckPort === 'traffic-port' ? first.Port : first.HealthCheckPort}${first.HealthCheckPath ?? ''}`, interval: first.HealthCheckIntervalSeconds ?? 0, timeout: first.HealthCheckTimeoutSeconds ?? 0, healthyThreshold: first.HealthyThresholdCount ?? 0, unhealthyThreshold: first.UnhealthyThresholdCount ?? 0 } } : {}),
    instances, zones: lb.zones, subnets: lb.subnets, securityGroups: lb.securityGroups,
    ...(lb.vpcId ? { vpcId: lb.vpcId } : {}), ...(lb.canonicalHostedZoneId ? { hostedZoneId: lb.canonicalHostedZoneId } : {}), ...(lb.createdTime ? { createdTime: lb.createdTime } : {}),
    listenerArns: Object.fromEntries((ls.Listeners ?? []).map((l) => [l.Port ?? 0, l.ListenerArn ?? ''])),
    targetGroupArns: tgs.flatMap((t) => (t.TargetGroupArn ? [t.TargetGroupArn] : [])),
  };
}

/** One ELBv2 balancer by name, described; undefined when there is none. */
export async function findV2Described(client: ElasticLoadBalancingV2Client, name: string): Promise<V2Described | undefined> {
  const lb = await findV2LoadBalancer(client, name);
  return lb ? describeV2(client, lb) : undefined;
}

/** Every ELBv2 balancer, described: eight balancers at a time (listeners and target groups, then each group's targets), in listing order. */
export async function listV2Described(client: ElasticLoadBalancingV2Client): Promise<V2Described[]> {
  return mapLimit(await listV2LoadBalancers(client), 8, (lb) => describeV2(client, lb));
}

/** Swaps the default certificate of an HTTPS/TLS listener, retrying while a new certificate is not yet visible. */
export async function setV2ListenerCertificate(client: ElasticLoadBalancingV2Client, input: { listenerArn: string; certificateArn: string }, retry?: RetryOptions): Promise<void> {
  await untilVisible(retry, (e) => errorName(e) === 'CertificateNotFound', (s) => `waiting for the certificate to become visible to ELB; retrying in ${s}s`,
    () => client.send(new ModifyListenerCommand({ ListenerArn: input.listenerArn, Certificates: [{ CertificateArn: input.certificateArn }] })));
}
