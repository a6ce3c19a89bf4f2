// A small stateful fake of the five services for teardown and status tests: deletes make things
// disappear, scaled-to-zero groups lose one instance per describe, and every write is logged in order.
import {
  DeleteAutoScalingGroupCommand, DeleteLaunchConfigurationCommand, DeletePolicyCommand, DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand, DescribeLifecycleHooksCommand, DescribePoliciesCommand, DescribeScalingActivitiesCommand,
  UpdateAutoScalingGroupCommand,
  DeleteNotificationConfigurationCommand, DeleteScheduledActionCommand, DescribeNotificationConfigurationsCommand, DescribeScheduledActionsCommand,
} from '@aws-sdk/client-auto-scaling';
import { DeleteAlarmsCommand, DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteLaunchTemplateCommand, DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { DeleteLoadBalancerCommand, DescribeInstanceHealthCommand, DescribeLoadBalancersCommand, DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing';
import { DeleteServerCertificateCommand, GetServerCertificateCommand, ListServerCertificatesCommand, ListServerCertificateTagsCommand } from '@aws-sdk/client-iam';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { asMock, awsError, cwMock, ec2Mock, elbMock, iamMock, taggingMock } from '../../helpers/aws.js';

type Tags = Record<string, string>;
export interface FakeInstance {
  id: string;
  state: string;
  health?: string;
  protected?: boolean;
}
export interface FakeGroup {
  name: string;
  min: number;
  max: number;
  desired: number;
  instances: FakeInstance[];
  tags: Tags;
  lt?: string;
  lc?: string;
  deletionProtection?: string;
  suspended?: string[];
  deleting?: number;
  /** Instances never finish terminating (a wait that times out). */
  stuck?: boolean;
  /** Classic load balancers the group is attached to. */
  loadBalancers?: string[];
}

export interface World {
  groups: Map<string, FakeGroup>;
  policies: Array<{ group: string; name: string; arn: string; alarms: string[] }>;
  alarms: Map<string, { name: string; arn: string; actions: string[]; tags: Tags; state: string }>;
  lts: Map<string, { name: string; id: string; tags: Tags; defaultVersion: number; latestVersion: number }>;
  lcs: Set<string>;
  lbs: Map<string, { name: string; dns: string; tags: Tags; certArn?: string; instances: Array<{ id: string; state: string }> }>;
  certs: Map<string, { name: string; arn: string; tags: Tags; expiration: Date }>;
  hooks: Map<string, Array<{ name: string; transition: string }>>;
  activities: Map<string, Array<{ code: string; description: string }>>;
  /** Scheduled actions (day two): deleted before their group. */
  schedules: Array<{ group: string; name: string; recurrence?: string; desired?: number }>;
  /** Notification configurations (day two): one per group and topic. */
  notifications: Array<{ group: string; topic: string; types: string[] }>;
  /** Errors to throw, in order, the next times an operation is called (before its effect). */
  errors: Record<string, Error[]>;
  /** Writes in the order sent: `Operation name`. */
  log: string[];
  /** ELBv2 balancers and target groups as the Tagging API indexes them (their own mocks live in the ELBv2 tests). */
  v2Tagged?: Array<{ arn: string; tags: Tags }>;
}

const web = { 'scalectl:stack': 'web' };
const POLICY_ARN = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:uuid:autoScalingGroupName/web-asg:policyName/scale-up';
export const CERT_ARN = 'arn:aws:iam::123456789012:server-certificate/web-cert';

/** The stack `web`: alarm → policy → group (2 instances) → launch template → load balancer → certificate, plus unrelated resources. */
export function webWorld(): World {
  return {
    groups: new Map([
      ['web-asg', { name: 'web-asg', min: 2, max: 4, desired: 2, instances: [{ id: 'i-1', state: 'InService', health: 'Healthy' }, { id: 'i-2', state: 'InService', health: 'Healthy' }], tags: web, lt: 'web-asg' }],
    ]),
    policies: [{ group: 'web-asg', name: 'scale-up', arn: POLICY_ARN, alarms: ['web-cpu-high'] }],
    alarms: new Map([
      ['web-cpu-high', { name: 'web-cpu-high', arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-cpu-high', actions: [POLICY_ARN], tags: {}, state: 'OK' }],
      ['web-5xx', { name: 'web-5xx', arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx', actions: [], tags: web, state: 'ALARM' }],
      ['other-alarm', { name: 'other-alarm', arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:other-alarm', actions: [], tags: { 'scalectl:stack': 'api' }, state: 'OK' }],
    ]),
    lts: new Map([['web-asg', { name: 'web-asg', id: 'lt-0123', tags: web, defaultVersion: 1, latestVersion: 2 }]]),
    lcs: new Set(),
    lbs: new Map([
      ['web-lb', { name: 'web-lb', dns: 'web-lb-1.us-east-1.elb.amazonaws.com', tags: web, certArn: CERT_ARN, instances: [{ id: 'i-1', state: 'InService' }, { id: 'i-2', state: 'OutOfService' }] }],
      ['other-lb', { name: 'other-lb', dns: 'other.elb', tags: {}, instances: [] }],
    ]),
    certs: new Map([
      ['web-cert', { name: 'web-cert', arn: CERT_ARN, tags: web, expiration: new Date('2026-12-21T12:00:00Z') }],
      ['other-cert', { name: 'other-cert', arn: 'arn:aws:iam::123456789012:server-certificate/other-cert', tags: {}, expiration: new Date('2027-01-01T00:00:00Z') }],
    ]),
    hooks: new Map(),
    activities: new Map(),
    schedules: [],
    notifications: [],
    errors: {},
    log: [],
  };
}

const tagList = (t: Tags) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

/** Wires the mocks to `w`. Returns `w` for chaining. */
export function install(w: World): World {
  const fail = (op: string) => {
    const e = w.errors[op]?.shift();
    if (e) throw e;
  };
  const write = (op: string, name: string) => {
    fail(op);
    w.log.push(`${op} ${name}`);
  };
  const groupOut = (g: FakeGroup) => ({
    AutoScalingGroupName: g.name, MinSize: g.min, MaxSize: g.max, DesiredCapacity: g.desired,
    Instances: g.instances.map((i) => ({ InstanceId: i.id, LifecycleState: i.state as never, HealthStatus: i.health ?? 'Healthy', ProtectedFromScaleIn: i.protected === true, AvailabilityZone: 'us-east-1a' })),
    SuspendedProcesses: (g.suspended ?? []).map((p) => ({ ProcessName: p, SuspensionReason: 'User suspended' })),
    Tags: tagList(g.tags).map((t) => ({ ...t, ResourceId: g.name, ResourceType: 'auto-scaling-group', PropagateAtLaunch: true })),
    ...(g.lt ? { LaunchTemplate: { LaunchTemplateName: g.lt, Version: '$Default' } } : {}),
    ...(g.lc ? { LaunchConfigurationName: g.lc } : {}),
    ...(g.deletionProtection ? { DeletionProtection: g.deletionProtection as never } : {}),
    ...(g.deleting !== undefined ? { Status: 'Delete in progress' } : {}),
    LoadBalancerNames: g.loadBalancers ?? [], CreatedTime: new Date(), AvailabilityZones: ['us-east-1a'], DefaultCooldown: 300, HealthCheckType: 'EC2',
  });
  asMock.on(DescribeAutoScalingGroupsCommand).callsFake((input) => {
    fail('DescribeAutoScalingGroups');
    if (input.Filters) {
      const [f] = input.Filters;
      return { AutoScalingGroups: [...w.groups.values()].filter((g) => g.tags[f.Name.slice(4)] === f.Values[0]).map(groupOut) };
    }
    if (!input.AutoScalingGroupNames) return { AutoScalingGroups: [...w.groups.values()].map(groupOut) };
    const out = [];
    for (const name of input.AutoScalingGroupNames) {
      const g = w.groups.get(name);
      if (!g) continue;
      // Each describe after a scale-to-zero sees one more instance gone; a deleting group goes after one more look.
      if (g.desired === 0 && g.max === 0 && g.instances.length && !g.stuck) g.instances.shift();
      if (g.deleting !== undefined && g.deleting-- <= 0) {
        w.groups.delete(name);
        continue;
      }
      out.push(groupOut(g));
    }
    return { AutoScalingGroups: out };
  });
  const noGroup = () => awsError('ValidationError', 'AutoScalingGroup name not found - null');
  asMock.on(DescribePoliciesCommand).callsFake((input) => {
    if (!w.groups.has(input.AutoScalingGroupName)) return { ScalingPolicies: [] };
    return { ScalingPolicies: w.policies.filter((p) => p.group === input.AutoScalingGroupName).map((p) => ({ AutoScalingGroupName: p.group, PolicyName: p.name, PolicyARN: p.arn, PolicyType: 'SimpleScaling', Alarms: p.alarms.map((a) => ({ AlarmName: a, AlarmARN: `arn:alarm:${a}` })) })) };
  });
  asMock.on(DescribeLifecycleHooksCommand).callsFake((input) => ({ LifecycleHooks: (w.hooks.get(input.AutoScalingGroupName) ?? []).map((h) => ({ LifecycleHookName: h.name, LifecycleTransition: h.transition, AutoScalingGroupName: input.AutoScalingGroupName })) }));
  asMock.on(DescribeScalingActivitiesCommand).callsFake((input) => ({ Activities: (w.activities.get(input.AutoScalingGroupName) ?? []).map((a, i) => ({ ActivityId: `act-${i}`, AutoScalingGroupName: input.AutoScalingGroupName, Cause: 'test', StartTime: new Date(), StatusCode: a.code as never, Description: a.description })) }));
  asMock.on(DescribeScheduledActionsCommand).callsFake((input) => {
    fail('DescribeScheduledActions');
    return { ScheduledUpdateGroupActions: w.schedules.filter((a) => a.group === input.AutoScalingGroupName).map((a) => ({ AutoScalingGroupName: a.group, ScheduledActionName: a.name, Recurrence: a.recurrence, DesiredCapacity: a.desired })) };
  });
  asMock.on(DeleteScheduledActionCommand).callsFake((input) => {
    write('DeleteScheduledAction', `${input.AutoScalingGroupName}/${input.ScheduledActionName}`);
    w.schedules = w.schedules.filter((a) => !(a.group === input.AutoScalingGroupName && a.name === input.ScheduledActionName));
    return {};
  });
  asMock.on(DescribeNotificationConfigurationsCommand).callsFake((input) => {
    fail('DescribeNotificationConfigurations');
    return { NotificationConfigurations: w.notifications.filter((n) => (input.AutoScalingGroupNames ?? []).includes(n.group)).flatMap((n) => n.types.map((t) => ({ AutoScalingGroupName: n.group, TopicARN: n.topic, NotificationType: t }))) };
  });
  asMock.on(DeleteNotificationConfigurationCommand).callsFake((input) => {
    write('DeleteNotificationConfiguration', `${input.AutoScalingGroupName} ${input.TopicARN}`);
    w.notifications = w.notifications.filter((n) => !(n.group === input.AutoScalingGroupName && n.topic === input.TopicARN));
    return {};
  });
  asMock.on(DeletePolicyCommand).callsFake((input) => {
    write('DeletePolicy', input.PolicyName);
    w.policies = w.policies.filter((p) => !(p.group === input.AutoScalingGroupName && p.name === input.PolicyName));
    return {};
  });
  asMock.on(UpdateAutoScalingGroupCommand).callsFake((input) => {
    write('UpdateAutoScalingGroup', `${input.AutoScalingGroupName} min=${input.MinSize} max=${input.MaxSize} desired=${input.DesiredCapacity}`);
    const g = w.groups.get(input.AutoScalingGroupName);
    if (!g) throw noGroup();
    Object.assign(g, { min: input.MinSize, max: input.MaxSize, desired: input.DesiredCapacity });
    return {};
  });
  asMock.on(DeleteAutoScalingGroupCommand).callsFake((input) => {
    write('DeleteAutoScalingGroup', `${input.AutoScalingGroupName}${input.ForceDelete ? ' force' : ''}`);
    const g = w.groups.get(input.AutoScalingGroupName);
    if (!g) throw noGroup();
    if (g.instances.length && !input.ForceDelete) throw awsError('ResourceInUse', 'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.');
    g.instances = [];
    g.deleting = 1;
    return {};
  });
  asMock.on(DescribeLaunchConfigurationsCommand).callsFake((input) => ({ LaunchConfigurations: (input.LaunchConfigurationNames ?? []).filter((n: string) => w.lcs.has(n)).map((n: string) => ({ LaunchConfigurationName: n, ImageId: 'ami-1', InstanceType: 't3.micro', CreatedTime: new Date() })) }));
  asMock.on(DeleteLaunchConfigurationCommand).callsFake((input) => {
    write('DeleteLaunchConfiguration', input.LaunchConfigurationName);
    w.lcs.delete(input.LaunchConfigurationName);
    return {};
  });

  const alarmOut = (a: NonNullable<ReturnType<World['alarms']['get']>>) => ({ AlarmName: a.name, AlarmArn: a.arn, StateValue: a.state as never, AlarmActions: a.actions, OKActions: [], InsufficientDataActions: [] });
  cwMock.on(DescribeAlarmsCommand).callsFake((input) => {
    fail('DescribeAlarms');
    const all = [...w.alarms.values()];
    return { MetricAlarms: (input.AlarmNames ? all.filter((a) => input.AlarmNames.includes(a.name)) : all).map(alarmOut), CompositeAlarms: [] };
  });
  cwMock.on(ListTagsForResourceCommand).callsFake((input) => {
    const a = [...w.alarms.values()].find((x) => x.arn === input.ResourceARN);
    if (!a) throw awsError('ResourceNotFoundException', 'not found', 404);
    return { Tags: tagList(a.tags) };
  });
  cwMock.on(DeleteAlarmsCommand).callsFake((input) => {
    write('DeleteAlarms', input.AlarmNames.join(','));
    for (const n of input.AlarmNames) w.alarms.delete(n);
    return {};
  });

  const ltOut = (t: NonNullable<ReturnType<World['lts']['get']>>) => ({ LaunchTemplateName: t.name, LaunchTemplateId: t.id, DefaultVersionNumber: t.defaultVersion, LatestVersionNumber: t.latestVersion, Tags: tagList(t.tags) });
  ec2Mock.on(DescribeLaunchTemplatesCommand).callsFake((input) => {
    if (input.Filters) {
      const [f] = input.Filters;
      return { LaunchTemplates: [...w.lts.values()].filter((t) => t.tags[f.Name.slice(4)] === f.Values[0]).map(ltOut) };
    }
    const names: string[] = input.LaunchTemplateNames ?? [];
    if (names.some((n) => !w.lts.has(n))) throw awsError('InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.');
    return { LaunchTemplates: names.map((n) => ltOut(w.lts.get(n) as never)) };
  });
  ec2Mock.on(DeleteLaunchTemplateCommand).callsFake((input) => {
    write('DeleteLaunchTemplate', input.LaunchTemplateName);
    if (!w.lts.delete(input.LaunchTemplateName)) throw awsError('InvalidLaunchTemplateName.NotFoundException', 'The specified launch template, with template name web-asg, does not exist.');
    return {};
  });

  const lbOut = (l: NonNullable<ReturnType<World['lbs']['get']>>) => ({ LoadBalancerName: l.name, DNSName: l.dns, ListenerDescriptions: l.certArn ? [{ Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstancePort: 80, SSLCertificateId: l.certArn } }] : [], Instances: l.instances.map((i) => ({ InstanceId: i.id })) });
  elbMock.on(DescribeLoadBalancersCommand).callsFake((input) => {
    fail('DescribeLoadBalancers');
    if (!input.LoadBalancerNames) return { LoadBalancerDescriptions: [...w.lbs.values()].map(lbOut) };
    const missing = input.LoadBalancerNames.find((n: string) => !w.lbs.has(n));
    if (missing) throw awsError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${missing}'`);
    return { LoadBalancerDescriptions: input.LoadBalancerNames.map((n: string) => lbOut(w.lbs.get(n) as never)) };
  });
  elbMock.on(DescribeTagsCommand).callsFake((input) => ({ TagDescriptions: input.LoadBalancerNames.filter((n: string) => w.lbs.has(n)).map((n: string) => ({ LoadBalancerName: n, Tags: tagList(w.lbs.get(n)?.tags ?? {}) })) }));
  elbMock.on(DescribeInstanceHealthCommand).callsFake((input) => ({ InstanceStates: (w.lbs.get(input.LoadBalancerName)?.instances ?? []).map((i) => ({ InstanceId: i.id, State: i.state, ReasonCode: 'N/A', Description: i.state === 'InService' ? 'N/A' : 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' })) }));
  elbMock.on(DeleteLoadBalancerCommand).callsFake((input) => {
    write('DeleteLoadBalancer', input.LoadBalancerName);
    w.lbs.delete(input.LoadBalancerName);
    return {};
  });

  // The Tagging API indexes alarms, classic balancers and launch templates (not groups, not IAM).
  taggingMock.on(GetResourcesCommand).callsFake((input) => {
    fail('GetResources');
    const [f] = input.TagFilters;
    const match = (t: Tags) => t[f.Key] !== undefined && (f.Values ?? []).includes(t[f.Key] as string);
    const types: string[] = input.ResourceTypeFilters ?? [];
    const out: Array<{ ResourceARN: string; Tags: Array<{ Key: string; Value: string }> }> = [];
    const add = (arn: string, tags: Tags) => out.push({ ResourceARN: arn, Tags: tagList(tags) });
    if (types.includes('cloudwatch:alarm')) for (const a of w.alarms.values()) if (match(a.tags)) add(a.arn, a.tags);
    if (types.includes('elasticloadbalancing:loadbalancer')) for (const l of w.lbs.values()) if (match(l.tags)) add(`arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/${l.name}`, l.tags);
    if (types.includes('ec2:launch-template')) for (const t of w.lts.values()) if (match(t.tags)) add(`arn:aws:ec2:us-east-1:123456789012:launch-template/${t.id}`, t.tags);
    for (const v of w.v2Tagged ?? []) if (types.includes(`elasticloadbalancing:${v.arn.includes(':targetgroup/') ? 'targetgroup' : 'loadbalancer'}`) && match(v.tags)) add(v.arn, v.tags);
    return { ResourceTagMappingList: out, PaginationToken: '' };
  });

  const certMeta = (c: NonNullable<ReturnType<World['certs']['get']>>) => ({ ServerCertificateName: c.name, Arn: c.arn, Path: '/', ServerCertificateId: 'ASCA1', Expiration: c.expiration });
  iamMock.on(ListServerCertificatesCommand).callsFake(() => ({ ServerCertificateMetadataList: [...w.certs.values()].map(certMeta), IsTruncated: false }));
  iamMock.on(ListServerCertificateTagsCommand).callsFake((input) => {
    const c = w.certs.get(input.ServerCertificateName);
    if (!c) throw awsError('NoSuchEntity', 'not found', 404);
    return { Tags: tagList(c.tags), IsTruncated: false };
  });
  iamMock.on(GetServerCertificateCommand).callsFake((input) => {
    const c = w.certs.get(input.ServerCertificateName);
    if (!c) throw awsError('NoSuchEntity', `The Server Certificate with name ${input.ServerCertificateName} cannot be found.`, 404);
    return { ServerCertificate: { ServerCertificateMetadata: certMeta(c), CertificateBody: '-----BEGIN CERTIFICATE-----' } };
  });
  iamMock.on(DeleteServerCertificateCommand).callsFake((input) => {
    write('DeleteServerCertificate', input.ServerCertificateName);
    if (!w.certs.delete(input.ServerCertificateName)) throw awsError('NoSuchEntity', `The Server Certificate with name ${input.ServerCertificateName} cannot be found.`, 404);
    return {};
  });
  return w;
}

export function nothingOfWebLeft(w: World): boolean {
  const tagged = (t: Tags) => t['scalectl:stack'] === 'web';
  return ![...w.groups.values()].some((g) => tagged(g.tags)) && w.policies.length === 0 && ![...w.alarms.values()].some((a) => tagged(a.tags) || a.name === 'web-cpu-high')
    && ![...w.lts.values()].some((t) => tagged(t.tags)) && ![...w.lbs.values()].some((l) => tagged(l.tags)) && ![...w.certs.values()].some((c) => tagged(c.tags));
}
