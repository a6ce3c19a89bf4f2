// The IAM policy document for a set of commands: their actions, grouped by service, with the
// Resource narrowed where the action allows resource-level permissions (AWS Service
// Authorization Reference) and a scalectl:stack tag condition where it supports tag conditions.

/** Resource kinds scalectl names on the command line, with the ARN each action is checked on. */
export type ResourceKind = 'auto-scaling-group' | 'launch-configuration' | 'load-balancer' | 'server-certificate' | 'alarm' | 'launch-template' | 'hosted-zone' | 'change' | 'elastic-ip' | 'target-group' | 'listener' | 'role';

export interface Narrowing {
  name?: string;
  stack?: string;
  region?: string;
  account?: string;
}

const arns: Record<ResourceKind, (r: string, a: string, n: string) => string[]> = {
  'auto-scaling-group': (r, a, n) => [`arn:aws:autoscaling:${r}:${a}:autoScalingGroup:*:autoScalingGroupName/${n}`],
  'launch-configuration': (r, a, n) => [`arn:aws:autoscaling:${r}:${a}:launchConfiguration:*:launchConfigurationName/${n}`],
  // Classic balancers are loadbalancer/NAME; ELBv2 ones loadbalancer/app|net/NAME/ID.
  'load-balancer': (r, a, n) => [`arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/${n}`, `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/*/${n}/*`],
  'target-group': (r, a, n) => [`arn:aws:elasticloadbalancing:${r}:${a}:targetgroup/${n}/*`],
  // An ELBv2 listener's ARN carries its balancer's name: listener/app|net/LB-NAME/LB-ID/ID.
  listener: (r, a, n) => [`arn:aws:elasticloadbalancing:${r}:${a}:listener/*/${n}/*`],
  'server-certificate': (_r, a, n) => [`arn:aws:iam::${a}:server-certificate/${n}`],
  alarm: (r, a, n) => [`arn:aws:cloudwatch:${r}:${a}:alarm:${n}`],
  // Launch template ARNs carry the template's id, not its name: narrowed by region, account and tag.
  'launch-template': (r, a) => [`arn:aws:ec2:${r}:${a}:launch-template/*`],
  role: (_r, a) => [`arn:aws:iam::${a}:role/*`],
  'hosted-zone': () => ['arn:aws:route53:::hostedzone/*'],
  change: () => ['arn:aws:route53:::change/*'],
  'elastic-ip': (r, a) => [`arn:aws:ec2:${r}:${a}:elastic-ip/*`, `arn:aws:ec2:${r}:${a}:instance/*`, `arn:aws:ec2:${r}:${a}:network-interface/*`],
};

/** Which tag condition an action can be narrowed with: on the resource, or on the create request. */
type TagKey = 'resource' | 'request';

interface Rule {
  kind: ResourceKind;
  /** Further kinds the action is checked on (AddTags: balancers and target groups). */
  also?: ResourceKind[];
  tag?: TagKey;
  /** Why a resource-level action gets no tag condition. */
  why?: string;
}

const CONVERGE = 'creates or updates: the stack tag may be on neither the request nor the resource yet';
const TAGGING = 'adds the stack tag: the resource may not carry it yet';
const g = (tag?: TagKey, why?: string): Rule => ({ kind: 'auto-scaling-group', ...(tag ? { tag } : {}), ...(why ? { why } : {}) });
const lb = (tag?: TagKey, why?: string): Rule => ({ kind: 'load-balancer', ...(tag ? { tag } : {}), ...(why ? { why } : {}) });
const tg = (tag?: TagKey, why?: string): Rule => ({ kind: 'target-group', ...(tag ? { tag } : {}), ...(why ? { why } : {}) });
const LISTENER = 'listeners carry no stack tag (scalectl tags the balancer and its target groups)';

/** Actions that allow resource-level permissions; every other action allows only "*". */
const RULES: Readonly<Record<string, Rule>> = {
  'autoscaling:CreateAutoScalingGroup': g('request'),
  'autoscaling:UpdateAutoScalingGroup': g('resource'),
  'autoscaling:DeleteAutoScalingGroup': g('resource'),
  'autoscaling:AttachLoadBalancers': g('resource'),
  'autoscaling:DetachLoadBalancers': g('resource'),
  'autoscaling:AttachLoadBalancerTargetGroups': g('resource'),
  'autoscaling:DetachLoadBalancerTargetGroups': g('resource'),
  'autoscaling:CreateOrUpdateTags': g(undefined, TAGGING),
  'autoscaling:DeleteTags': g('resource'),
  'autoscaling:PutScalingPolicy': g('resource'),
  'autoscaling:DeletePolicy': g('resource'),
  'autoscaling:ExecutePolicy': g('resource'),
  'autoscaling:SetDesiredCapacity': g('resource'),
  'autoscaling:SuspendProcesses': g('resource'),
  'autoscaling:ResumeProcesses': g('resource'),
  'autoscaling:PutScheduledUpdateGroupAction': g('resource'),
  'autoscaling:DeleteScheduledAction': g('resource'),
  'autoscaling:PutNotificationConfiguration': g('resource'),
  'autoscaling:DeleteNotificationConfiguration': g('resource'),
  'autoscaling:StartInstanceRefresh': g('resource'),
  'autoscaling:CancelInstanceRefresh': g('resource'),
  'autoscaling:CreateLaunchConfiguration': { kind: 'launch-configuration', why: 'launch configurations carry no tags' },
  'autoscaling:DeleteLaunchConfiguration': { kind: 'launch-configuration', why: 'launch configurations carry no tags' },
  'elasticloadbalancing:CreateLoadBalancer': lb('request'),
  'elasticloadbalancing:DeleteLoadBalancer': lb('resource'),
  'elasticloadbalancing:AddTags': { kind: 'load-balancer', also: ['target-group'], why: TAGGING },
  'elasticloadbalancing:ConfigureHealthCheck': lb('resource'),
  'elasticloadbalancing:CreateAppCookieStickinessPolicy': lb('resource'),
  'elasticloadbalancing:CreateLBCookieStickinessPolicy': lb('resource'),
  'elasticloadbalancing:CreateLoadBalancerListeners': lb('resource'),
  'elasticloadbalancing:DeleteLoadBalancerListeners': lb('resource'),
  'elasticloadbalancing:ModifyLoadBalancerAttributes': lb('resource'),
  'elasticloadbalancing:EnableAvailabilityZonesForLoadBalancer': lb('resource'),
  'elasticloadbalancing:AttachLoadBalancerToSubnets': lb('resource'),
  'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer': lb('resource'),
  'elasticloadbalancing:SetLoadBalancerListenerSSLCertificate': lb('resource'),
  'elasticloadbalancing:SetLoadBalancerPoliciesOfListener': lb('resource'),
  'elasticloadbalancing:RegisterInstancesWithLoadBalancer': lb('resource'),
  'elasticloadbalancing:DeregisterInstancesFromLoadBalancer': lb('resource'),
  'elasticloadbalancing:DisableAvailabilityZonesForLoadBalancer': lb('resource'),
  // ELBv2 (same service prefix; AWS Service Authorization Reference, Elastic Load Balancing V2).
  'elasticloadbalancing:SetSubnets': lb('resource'),
  'elasticloadbalancing:SetSecurityGroups': lb('resource'),
  'elasticloadbalancing:SetIpAddressType': lb('resource'),
  'elasticloadbalancing:CreateListener': lb('resource'),
  'elasticloadbalancing:ModifyListener': { kind: 'listener', why: LISTENER },
  'elasticloadbalancing:DeleteListener': { kind: 'listener', why: LISTENER },
  'elasticloadbalancing:CreateTargetGroup': tg('request'),
  'elasticloadbalancing:ModifyTargetGroup': tg('resource'),
  'elasticloadbalancing:ModifyTargetGroupAttributes': tg('resource'),
  'elasticloadbalancing:DeleteTargetGroup': tg('resource'),
  'elasticloadbalancing:RegisterTargets': tg('resource'),
  'elasticloadbalancing:DeregisterTargets': tg('resource'),
  'iam:UploadServerCertificate': { kind: 'server-certificate', tag: 'request' },
  'iam:GetServerCertificate': { kind: 'server-certificate', tag: 'resource' },
  'iam:DeleteServerCertificate': { kind: 'server-certificate', tag: 'resource' },
  'iam:TagServerCertificate': { kind: 'server-certificate', why: TAGGING },
  'iam:ListServerCertificateTags': { kind: 'server-certificate', tag: 'resource' },
  'cloudwatch:PutMetricAlarm': { kind: 'alarm', why: CONVERGE },
  'cloudwatch:DeleteAlarms': { kind: 'alarm', tag: 'resource' },
  'cloudwatch:DescribeAlarmHistory': { kind: 'alarm', tag: 'resource' },
  'cloudwatch:EnableAlarmActions': { kind: 'alarm', tag: 'resource' },
  'cloudwatch:DisableAlarmActions': { kind: 'alarm', tag: 'resource' },
  'cloudwatch:SetAlarmState': { kind: 'alarm', tag: 'resource' },
  'cloudwatch:TagResource': { kind: 'alarm', why: TAGGING },
  'cloudwatch:ListTagsForResource': { kind: 'alarm', tag: 'resource' },
  'ec2:CreateLaunchTemplate': { kind: 'launch-template', tag: 'request' },
  'ec2:CreateLaunchTemplateVersion': { kind: 'launch-template', tag: 'resource' },
  'ec2:ModifyLaunchTemplate': { kind: 'launch-template', tag: 'resource' },
  'ec2:DeleteLaunchTemplate': { kind: 'launch-template', tag: 'resource' },
  'ec2:CreateTags': { kind: 'launch-template', why: TAGGING },
  'iam:PassRole': { kind: 'role', why: 'roles passed to Auto Scaling carry no stack tag' },
  'ec2:AssociateAddress': { kind: 'elastic-ip', why: 'the address, the instance and its network interface are checked separately' },
  'route53:ChangeResourceRecordSets': { kind: 'hosted-zone', why: 'hosted zones carry no tag conditions' },
  'route53:ListResourceRecordSets': { kind: 'hosted-zone', why: 'hosted zones carry no tag conditions' },
  'route53:ChangeTagsForResource': { kind: 'hosted-zone', why: 'hosted zones carry no tag conditions' },
  'route53:ListTagsForResources': { kind: 'hosted-zone', why: 'hosted zones carry no tag conditions' },
  'route53:GetChange': { kind: 'change', why: 'changes carry no tags' },
};

/** Actions AWS checks that are not requests of their own, each with why (shown by --explain). */
const WILDCARD_ONLY = 'the action allows only "*" (no resource-level permissions)';

export interface ExplainRow {
  action: string;
  resource: string;
  why: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** One command's part: its actions, what its first argument names, and why implied actions are there. */
export interface CommandActions {
  command: string;
  actions: readonly string[];
  subject?: ResourceKind;
  implied?: Readonly<Record<string, string>>;
}

const narrowed = (n: Narrowing) => Boolean(n.name || n.stack || n.region || n.account);

/** Glob match with `*` only, as IAM matches ARNs. */
function covers(pattern: string, arn: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(arn);
}

function minimal(resources: string[]): string[] {
  const unique = [...new Set(resources)];
  return unique.filter((r) => !unique.some((o) => o !== r && covers(o, r))).sort();
}

const pascal = (s: string) => s.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/**
 * The document for these commands. Without narrowing every statement is one service's actions on
 * "*". With it, resource-level actions get ARNs (the command's own resource by `name`, the rest
 * by region and account) and, with `stack`, the scalectl:stack tag condition they support.
 */
export function buildPolicy(commands: readonly CommandActions[], n: Narrowing = {}): { document: PolicyDocument; explain: ExplainRow[] } {
  const perAction = new Map<string, { resources: string[]; condition?: Record<string, Record<string, string>>; why: string }>();
  const r = n.region ?? '*';
  const a = n.account ?? '*';
  for (const c of commands) {
    for (const action of c.actions) {
      const rule = RULES[action];
      const implied = c.implied?.[action];
      const slot = perAction.get(action) ?? { resources: [], why: '' };
      if (!narrowed(n) || !rule) {
        slot.resources.push('*');
        slot.why = !narrowed(n) ? (implied ?? 'not narrowed: pass --name, --stack, --region or --account') : implied ? `${implied}; ${WILDCARD_ONLY}` : WILDCARD_ONLY;
      } else {
        // A listener is named by its balancer's name (it is in the listener's ARN).
        const names = (kind: ResourceKind) => (n.name && (c.subject === kind || (kind === 'listener' && c.subject === 'load-balancer')) ? n.name : '*');
        const name = names(rule.kind);
        for (const kind of [rule.kind, ...(rule.also ?? [])]) slot.resources.push(...arns[kind](r, a, names(kind)));
        if (n.stack && rule.tag) slot.condition = { StringEquals: { [rule.tag === 'resource' ? 'aws:ResourceTag/scalectl:stack' : 'aws:RequestTag/scalectl:stack']: n.stack } };
        const what = [rule.kind, ...(rule.also ?? [])].join(' or ');
        const unnamed = rule.kind === 'target-group' ? ' (a target group ARN ends in an id: not narrowed by name)' : c.subject === rule.kind || !c.subject ? '' : ' (not the one the command names)';
        const parts = [name !== '*' ? (rule.kind === 'listener' ? 'the listeners of the load-balancer the command names' : `the ${rule.kind} the command names`) : `any ${what}${unnamed}`];
        if (n.stack) parts.push(rule.tag ? `tagged scalectl:stack=${n.stack}${rule.tag === 'request' ? ' in the create request' : ''}` : `no tag condition: ${rule.why ?? 'not supported'}`);
        if (implied) parts.push(implied);
        slot.why = parts.join('; ');
      }
      perAction.set(action, slot);
    }
  }
  const groups = new Map<string, { service: string; resources: string[]; condition?: Record<string, Record<string, string>>; actions: string[] }>();
  const explain: ExplainRow[] = [];
  for (const [action, slot] of [...perAction].sort(([x], [y]) => x.localeCompare(y))) {
    const resources = minimal(slot.resources);
    const finalResources = resources.includes('*') ? ['*'] : resources;
    const condition = finalResources[0] === '*' ? undefined : slot.condition;
    const service = action.split(':')[0]!;
    const key = JSON.stringify([service, finalResources, condition ?? null]);
    const group = groups.get(key) ?? { service, resources: finalResources, ...(condition ? { condition } : {}), actions: [] };
    group.actions.push(action);
    groups.set(key, group);
    explain.push({ action, resource: finalResources.join(' '), why: slot.why });
  }
  const ordered = [...groups.values()].sort((x, y) => x.service.localeCompare(y.service) || rank(x) - rank(y) || JSON.stringify([x.resources, x.condition ?? null]).localeCompare(JSON.stringify([y.resources, y.condition ?? null])));
  const used = new Map<string, number>();
  const Statement = ordered.map((s): PolicyStatement => {
    const base = pascal(s.service) + (s.resources[0] === '*' ? '' : pascal(kindOf(s.actions[0]!) ?? '')) + (s.condition ? (JSON.stringify(s.condition).includes('RequestTag') ? 'TaggedRequest' : 'Tagged') : '');
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return { Sid: count === 1 ? base : `${base}${count}`, Effect: 'Allow', Action: s.actions, Resource: s.resources.length === 1 ? s.resources[0]! : s.resources, ...(s.condition ? { Condition: s.condition } : {}) };
  });
  return { document: { Version: '2012-10-17', Statement }, explain };
}

const rank = (s: { resources: string[] }) => (s.resources[0] === '*' ? 0 : 1);
const kindOf = (action: string) => RULES[action]?.kind;

/** Whether an action allows resource-level permissions (for tests and --explain). */
export function resourceKindOf(action: string): ResourceKind | undefined {
  return kindOf(action);
}
