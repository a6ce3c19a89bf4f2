// ELBv2 writes create-lb plans: each planned op → its SDK input (also what --dry-run shows) and the send.
// Resources are named in the plan; `ArnBook` turns names into ARNs as the read and earlier steps learn them.
import {
  AddTagsCommand, CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, DeleteListenerCommand, ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand, ModifyTargetGroupAttributesCommand, ModifyTargetGroupCommand, RegisterTargetsCommand, SetIpAddressTypeCommand,
  SetSecurityGroupsCommand, SetSubnetsCommand, type Action, type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Elbv2Op, Ref, TgHealthCheck, V2Action } from '../domain/elbv2-plan.js';
import { errorName, untilVisible, type RetryOptions } from '../domain/retry.js';
import type { Tag } from '../domain/stack.js';

/** Name → ARN of the balancer (`lb:NAME`), target groups (`tg:NAME`) and listeners (`listener:LB:PORT`). */
export type ArnBook = Map<string, string>;

const key = (r: Ref) => `${r.kind}:${r.name}`;
const toTags = (tags: Tag[]) => tags.map((t) => ({ Key: t.key, Value: t.value }));
const toAttrs = (a: Record<string, string>) => Object.entries(a).map(([Key, Value]) => ({ Key, Value }));

function hcInput(h: TgHealthCheck) {
  return {
    HealthCheckEnabled: true, HealthCheckProtocol: h.protocol, HealthCheckPort: h.port, ...(h.path ? { HealthCheckPath: h.path } : {}),
    HealthCheckIntervalSeconds: h.interval, HealthCheckTimeoutSeconds: h.timeout, HealthyThresholdCount: h.healthyThreshold, UnhealthyThresholdCount: h.unhealthyThreshold,
    ...(h.matcher ? { Matcher: { HttpCode: h.matcher } } : {}),
  } as const;
}

/** The SDK input of a planned op; `arn` gives a known ARN or a stand-in for one not made yet. */
export function elbv2Input(op: Elbv2Op, arn: (r: Ref) => string): Record<string, unknown> {
  const action = (a: V2Action): Action[] => a.type === 'forward'
    ? [{ Type: 'forward', TargetGroupArn: arn({ kind: 'tg', name: a.targetGroup }) }]
    : [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }];
  const lb = (name: string) => ({ LoadBalancerArn: arn({ kind: 'lb', name }) });
  switch (op.operation) {
    case 'CreateLoadBalancer': {
      const c = op.input;
      return { Name: c.name, Type: c.type, Subnets: c.subnets, ...(c.securityGroups.length ? { SecurityGroups: c.securityGroups } : {}), Scheme: c.internal ? 'internal' : 'internet-facing', ...(c.ipAddressType ? { IpAddressType: c.ipAddressType } : {}), ...(c.tags.length ? { Tags: toTags(c.tags) } : {}) };
    }
    case 'SetSubnets': return { ...lb(op.input.lb), Subnets: op.input.subnets };
    case 'SetSecurityGroups': return { ...lb(op.input.lb), SecurityGroups: op.input.securityGroups };
    case 'SetIpAddressType': return { ...lb(op.input.lb), IpAddressType: op.input.ipAddressType };
    case 'ModifyLoadBalancerAttributes': return { ...lb(op.input.lb), Attributes: toAttrs(op.input.attributes) };
    case 'CreateTargetGroup': {
      const t = op.input;
      return { Name: t.name, Protocol: t.protocol, Port: t.port, TargetType: t.targetType, ...(t.vpcId ? { VpcId: t.vpcId } : {}), ...(t.healthCheck ? hcInput(t.healthCheck) : {}), ...(t.tags.length ? { Tags: toTags(t.tags) } : {}) };
    }
    case 'ModifyTargetGroup': return { TargetGroupArn: arn({ kind: 'tg', name: op.input.targetGroup }), ...hcInput(op.input.healthCheck) };
    case 'ModifyTargetGroupAttributes': return { TargetGroupArn: arn({ kind: 'tg', name: op.input.targetGroup }), Attributes: toAttrs(op.input.attributes) };
    case 'DeleteListener': return { ListenerArn: arn({ kind: 'listener', name: `${op.input.lb}:${op.input.port}` }) };
    case 'CreateListener':
    case 'ModifyListener': {
      const l = op.input;
      const where = op.operation === 'CreateListener' ? lb(l.lb) : { ListenerArn: arn({ kind: 'listener', name: `${l.lb}:${l.port}` }) };
      return { ...where, Protocol: l.protocol, Port: l.port, ...(l.certificateArn ? { Certificates: [{ CertificateArn: l.certificateArn }], SslPolicy: l.sslPolicy } : {}), DefaultActions: action(l.action) };
    }
    case 'RegisterTargets': return { TargetGroupArn: arn({ kind: 'tg', name: op.input.targetGroup }), Targets: op.input.instances.map((Id) => ({ Id })) };
    case 'AddTags': return { ResourceArns: [arn(op.input.resource)], Tags: toTags(op.input.tags) };
  }
}

const isCertNotFound = (err: unknown) => errorName(err) === 'CertificateNotFound';

/** Sends one planned op, recording the ARNs it makes; returns the DNS name for CreateLoadBalancer. */
export async function applyElbv2Op(client: ElasticLoadBalancingV2Client, op: Elbv2Op, book: ArnBook, retry?: RetryOptions): Promise<string | undefined> {
  const arn = (r: Ref) => {
    const a = book.get(key(r));
    if (!a) throw new Error(`internal: no ARN known for ${r.kind} ${r.name}`);
    return a;
  };
  const input = elbv2Input(op, arn) as never;
  switch (op.operation) {
    case 'CreateLoadBalancer': {
      const res = await client.send(new CreateLoadBalancerCommand(input));
      const lb = res.LoadBalancers?.[0];
      if (lb?.LoadBalancerArn) book.set(`lb:${op.input.name}`, lb.LoadBalancerArn);
      return lb?.DNSName;
    }
    case 'CreateTargetGroup': {
      const res = await client.send(new CreateTargetGroupCommand(input));
      const arnOut = res.TargetGroups?.[0]?.TargetGroupArn;
      if (arnOut) book.set(`tg:${op.input.name}`, arnOut);
      return;
    }
    case 'CreateListener': {
      const res = await untilVisible(retry, isCertNotFound, (s) => `waiting for the certificate to become visible to ELB (listener ${op.input.port}); retrying in ${s}s`, () => client.send(new CreateListenerCommand(input)));
      const l = res.Listeners?.[0]?.ListenerArn;
      if (l) book.set(`listener:${op.input.lb}:${op.input.port}`, l);
      return;
    }
    case 'ModifyListener':
      await untilVisible(retry, isCertNotFound, (s) => `waiting for the certificate to become visible to ELB (listener ${op.input.port}); retrying in ${s}s`, () => client.send(new ModifyListenerCommand(input)));
      return;
    case 'SetSubnets': await client.send(new SetSubnetsCommand(input)); return;
    case 'SetSecurityGroups': await client.send(new SetSecurityGroupsCommand(input)); return;
    case 'SetIpAddressType': await client.send(new SetIpAddressTypeCommand(input)); return;
    case 'ModifyLoadBalancerAttributes': await client.send(new ModifyLoadBalancerAttributesCommand(input)); return;
    case 'ModifyTargetGroup': await client.send(new ModifyTargetGroupCommand(input)); return;
    case 'ModifyTargetGroupAttributes': await client.send(new ModifyTargetGroupAttributesCommand(input)); return;
    case 'DeleteListener': await client.send(new DeleteListenerCommand(input)); return;
    case 'RegisterTargets': await client.send(new RegisterTargetsCommand(input)); return;
    case 'AddTags': await client.send(new AddTagsCommand(input)); return;
  }
}
