// Application and Network Load Balancers: thin typed reads over @aws-sdk/client-elastic-load-balancing-v2.
// Verb + noun names; client first; our own types out. The writes create-lb plans are in elbv2-apply.ts,
// deletion in elbv2-teardown.ts.
import {
  DescribeListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand, DescribeTargetHealthCommand, type Action, type ElasticLoadBalancingV2Client, type LoadBalancer, type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LiveTargetGroup, LiveV2, LiveV2Listener } from '../domain/elbv2-plan.js';
import { errorName, retrying, type Timing } from '../domain/retry.js';
import { STACK_TAG, type Tag } from '../domain/stack.js';

/** An ELBv2 balancer as describe-lbs and status show it. */
export interface V2Summary {
  arn: string;
  name: string;
  type: string;
  dnsName?: string;
  scheme?: string;
  state?: string;
  vpcId?: string;
  zones: string[];
  subnets: string[];
  securityGroups: string[];
  canonicalHostedZoneId?: string;
  createdTime?: string;
}

export interface TargetHealth {
  id: string;
  port?: number;
  targetGroup: string;
  state: string;
  reason?: string;
  description?: string;
}

export const isLbNotFound = (err: unknown) => errorName(err) === 'LoadBalancerNotFound';
export const isTgNotFound = (err: unknown) => errorName(err) === 'TargetGroupNotFound';

export function toSummary(l: LoadBalancer): V2Summary {
  return {
    arn: l.LoadBalancerArn ?? '', name: l.LoadBalancerName ?? '', type: l.Type ?? 'application',
    ...(l.DNSName ? { dnsName: l.DNSName } : {}), ...(l.Scheme ? { scheme: l.Scheme } : {}), ...(l.State?.Code ? { state: l.State.Code } : {}), ...(l.VpcId ? { vpcId: l.VpcId } : {}),
    zones: (l.AvailabilityZones ?? []).flatMap((z) => (z.ZoneName ? [z.ZoneName] : [])),
    subnets: (l.AvailabilityZones ?? []).flatMap((z) => (z.SubnetId ? [z.SubnetId] : [])),
    securityGroups: l.SecurityGroups ?? [],
    ...(l.CanonicalHostedZoneId ? { canonicalHostedZoneId: l.CanonicalHostedZoneId } : {}),
    ...(l.CreatedTime ? { createdTime: new Date(l.CreatedTime).toISOString() } : {}),
  };
}

/** One ELBv2 balancer by name; undefined when there is none. */
export async function findV2LoadBalancer(client: ElasticLoadBalancingV2Client, name: string, timing?: Timing): Promise<V2Summary | undefined> {
  try {
    const res = await retrying(timing, () => client.send(new DescribeLoadBalancersCommand({ Names: [name] })));
    const l = res.LoadBalancers?.find((x) => x.LoadBalancerName === name) ?? res.LoadBalancers?.[0];
    return l ? toSummary(l) : undefined;
  } catch (err) {
    if (isLbNotFound(err)) return undefined;
    throw err;
  }
}

/** Every ELBv2 balancer in the region, all pages. */
export async function listV2LoadBalancers(client: ElasticLoadBalancingV2Client, timing?: Timing): Promise<V2Summary[]> {
  const out: V2Summary[] = [];
  let marker: string | undefined;
  do {
    const res = await retrying(timing, () => client.send(new DescribeLoadBalancersCommand({ ...(marker ? { Marker: marker } : {}) })));
    out.push(...(res.LoadBalancers ?? []).map(toSummary));
    marker = res.NextMarker;
  } while (marker);
  return out;
}

/** Tags of up to 20 resources a call; ARN → tags. */
export async function readTags(client: ElasticLoadBalancingV2Client, arns: string[], timing?: Timing): Promise<Map<string, Tag[]>> {
  const out = new Map<string, Tag[]>();
  for (let i = 0; i < arns.length; i += 20) {
    const res = await retrying(timing, () => client.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) })));
    for (const d of res.TagDescriptions ?? []) if (d.ResourceArn) out.set(d.ResourceArn, (d.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })));
  }
  return out;
}

/** `forward:ARN` (one target group), `redirect-https` (301 to HTTPS:443), or `other:TYPE`. */
export function actionKey(actions: Action[] | undefined): string {
  const a = actions?.[0];
  if (!a || (actions?.length ?? 0) > 1) return `other:${actions?.length ?? 0}`;
  const forward = a.TargetGroupArn ?? (a.ForwardConfig?.TargetGroups?.length === 1 ? a.ForwardConfig.TargetGroups[0]?.TargetGroupArn : undefined);
  if (a.Type === 'forward' && forward) return `forward:${forward}`;
  const r = a.RedirectConfig;
  if (a.Type === 'redirect' && r?.Protocol === 'HTTPS' && String(r.Port) === '443' && r.StatusCode === 'HTTP_301') return 'redirect-https';
  return `other:${a.Type ?? '?'}`;
}

async function listeners(client: ElasticLoadBalancingV2Client, arn: string): Promise<LiveV2Listener[]> {
  const out: LiveV2Listener[] = [];
  let marker: string | undefined;
  do {
    const res = await client.send(new DescribeListenersCommand({ LoadBalancerArn: arn, ...(marker ? { Marker: marker } : {}) }));
    for (const l of res.Listeners ?? []) {
      const cert = (l.Certificates ?? []).find((c) => c.IsDefault !== false)?.CertificateArn ?? l.Certificates?.[0]?.CertificateArn;
      out.push({ arn: l.ListenerArn ?? '', port: l.Port ?? 0, protocol: l.Protocol ?? '', ...(cert ? { certificateArn: cert } : {}), ...(l.SslPolicy ? { sslPolicy: l.SslPolicy } : {}), action: actionKey(l.DefaultActions) });
    }
    marker = res.NextMarker;
  } while (marker);
  return out;
}

function toLiveTg(t: TargetGroup): Omit<LiveTargetGroup, 'attributes' | 'tags' | 'targets'> {
  return {
    arn: t.TargetGroupArn ?? '', name: t.TargetGroupName ?? '',
    ...(t.Protocol ? { protocol: t.Protocol } : {}), ...(t.Port !== undefined ? { port: t.Port } : {}), ...(t.TargetType ? { targetType: t.TargetType } : {}), ...(t.VpcId ? { vpcId: t.VpcId } : {}),
    healthCheck: {
      ...(t.HealthCheckProtocol ? { protocol: t.HealthCheckProtocol } : {}), ...(t.HealthCheckPort ? { port: t.HealthCheckPort } : {}), ...(t.HealthCheckPath ? { path: t.HealthCheckPath } : {}),
      ...(t.HealthCheckIntervalSeconds !== undefined ? { interval: t.HealthCheckIntervalSeconds } : {}), ...(t.HealthCheckTimeoutSeconds !== undefined ? { timeout: t.HealthCheckTimeoutSeconds } : {}),
      ...(t.HealthyThresholdCount !== undefined ? { healthyThreshold: t.HealthyThresholdCount } : {}), ...(t.UnhealthyThresholdCount !== undefined ? { unhealthyThreshold: t.UnhealthyThresholdCount } : {}),
      ...(t.Matcher?.HttpCode ? { matcher: t.Matcher.HttpCode } : {}),
    },
  };
}

/** Target groups by name (absent ones left out), or those of a balancer. */
export async function describeTargetGroups(client: ElasticLoadBalancingV2Client, input: { names?: string[]; lbArn?: string; timing?: Timing }): Promise<TargetGroup[]> {
  if (input.lbArn) {
    const res = await retrying(input.timing, () => client.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: input.lbArn })));
    return res.TargetGroups ?? [];
  }
  const out: TargetGroup[] = [];
  for (const n of input.names ?? []) {
    try {
      out.push(...((await retrying(input.timing, () => client.send(new DescribeTargetGroupsCommand({ Names: [n] })))).TargetGroups ?? []));
    } catch (err) {
      if (!isTgNotFound(err)) throw err;
    }
  }
  return out;
}

/** Every target group in the region (for stack discovery), all pages. */
export async function listTargetGroups(client: ElasticLoadBalancingV2Client, timing?: Timing): Promise<TargetGroup[]> {
  const out: TargetGroup[] = [];
  let marker: string | undefined;
  do {
    const res = await retrying(timing, () => client.send(new DescribeTargetGroupsCommand({ ...(marker ? { Marker: marker } : {}) })));
    out.push(...(res.TargetGroups ?? []));
    marker = res.NextMarker;
  } while (marker);
  return out;
}

const attrs = (list: Array<{ Key?: string; Value?: string }> | undefined) => Object.fromEntries((list ?? []).flatMap((a) => (a.Key !== undefined && a.Value !== undefined ? [[a.Key, a.Value]] : [])));

/** Registered target ids of a target group. */
export async function targetIds(client: ElasticLoadBalancingV2Client, arn: string): Promise<string[]> {
  const res = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
  return (res.TargetHealthDescriptions ?? []).flatMap((d) => (d.Target?.Id ? [d.Target.Id] : []));
}

/** Everything create-lb compares: the balancer, its listeners and attributes, and the named target groups (and those it uses). */
export async function readV2State(client: ElasticLoadBalancingV2Client, input: { name: string; targetGroups: string[] }): Promise<{ lb?: LiveV2; targetGroups: LiveTargetGroup[] }> {
  const lb = await findV2LoadBalancer(client, input.name);
  const raw = await describeTargetGroups(client, { names: input.targetGroups });
  if (lb) for (const t of await describeTargetGroups(client, { lbArn: lb.arn })) if (!raw.some((x) => x.TargetGroupArn === t.TargetGroupArn)) raw.push(t);
  const tags = await readTags(client, [...(lb ? [lb.arn] : []), ...raw.flatMap((t) => (t.TargetGroupArn ? [t.TargetGroupArn] : []))]);
  const targetGroups = await Promise.all(raw.map(async (t): Promise<LiveTargetGroup> => {
    const [a, ids] = await Promise.all([client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: t.TargetGroupArn })), targetIds(client, t.TargetGroupArn ?? '')]);
    return { ...toLiveTg(t), attributes: attrs(a.Attributes), tags: tags.get(t.TargetGroupArn ?? '') ?? [], targets: ids };
  }));
  if (!lb) return { targetGroups };
  const [ls, a, d] = await Promise.all([
    listeners(client, lb.arn),
    client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.arn })),
    client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.arn] })),
  ]);
  const full = d.LoadBalancers?.[0];
  return {
    lb: {
      arn: lb.arn, name: lb.name, type: lb.type, ...(lb.scheme ? { scheme: lb.scheme } : {}), ...(lb.dnsName ? { dnsName: lb.dnsName } : {}), ...(lb.vpcId ? { vpcId: lb.vpcId } : {}),
      subnets: lb.subnets, securityGroups: lb.securityGroups, ...(full?.IpAddressType ? { ipAddressType: full.IpAddressType } : {}),
      attributes: attrs(a.Attributes), listeners: ls, tags: tags.get(lb.arn) ?? [],
    },
    targetGroups,
  };
}

/** Health of every target in each of the balancer's target groups; undefined when there is no such balancer. */
export async function describeV2TargetHealth(client: ElasticLoadBalancingV2Client, input: { name: string }): Promise<TargetHealth[] | undefined> {
  const lb = await findV2LoadBalancer(client, input.name);
  if (!lb) return undefined;
  const out: TargetHealth[] = [];
  for (const tg of await describeTargetGroups(client, { lbArn: lb.arn })) {
    const res = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
    for (const d of res.TargetHealthDescriptions ?? []) {
      out.push({
        id: d.Target?.Id ?? '', ...(d.Target?.Port !== undefined ? { port: d.Target.Port } : {}), targetGroup: tg.TargetGroupName ?? '', state: d.TargetHealth?.State ?? 'unknown',
        ...(d.TargetHealth?.Reason ? { reason: d.TargetHealth.Reason } : {}), ...(d.TargetHealth?.Description ? { description: d.TargetHealth.Description } : {}),
      });
    }
  }
  return out;
}

/** What a Route 53 alias record needs for an ELBv2 balancer; undefined when there is none. */
export async function aliasTargetOf(client: ElasticLoadBalancingV2Client, name: string): Promise<{ canonicalHostedZoneId: string; dnsName: string } | undefined> {
  const lb = await findV2LoadBalancer(client, name);
  return lb?.dnsName && lb.canonicalHostedZoneId ? { canonicalHostedZoneId: lb.canonicalHostedZoneId, dnsName: lb.dnsName } : undefined;
}

/** ELBv2 balancers and target groups tagged scalectl:stack=STACK. */
export async function listStackV2(client: ElasticLoadBalancingV2Client, input: { stack: string; timing?: Timing }): Promise<{ loadBalancers: V2Summary[]; targetGroups: Array<{ name: string; arn: string; loadBalancerArns: string[] }> }> {
  const [lbs, tgs] = await Promise.all([listV2LoadBalancers(client, input.timing), listTargetGroups(client, input.timing)]);
  const tags = await readTags(client, [...lbs.map((l) => l.arn), ...tgs.flatMap((t) => (t.TargetGroupArn ? [t.TargetGroupArn] : []))], input.timing);
  const ours = (arn: string) => (tags.get(arn) ?? []).some((t) => t.key === STACK_TAG && t.value === input.stack);
  return {
    loadBalancers: lbs.filter((l) => ours(l.arn)),
    targetGroups: tgs.filter((t) => t.TargetGroupArn && ours(t.TargetGroupArn)).map((t) => ({ name: t.TargetGroupName ?? '', arn: t.TargetGroupArn ?? '', loadBalancerArns: t.LoadBalancerArns ?? [] })),
  };
}
