import type { AsgTag } from './asg-tags.js';

/** Termination policies AWS accepts (CreateAutoScalingGroup TerminationPolicies). */
export const TERMINATION_POLICIES = ['OldestInstance', 'NewestInstance', 'OldestLaunchConfiguration', 'ClosestToNextInstanceHour', 'Default', 'OldestLaunchTemplate', 'AllocationStrategy'];

/** AWS's limit on user data, before base64 encoding. */
export const USER_DATA_LIMIT = 16 * 1024;

/** What instances are launched from: the parameters scalectl writes into a launch template or configuration. */
export interface LaunchData {
  imageId: string;
  instanceType: string;
  keyName?: string;
  /** `sg-…` ids. */
  securityGroupIds: string[];
  /** Group names (default VPC only). */
  securityGroupNames: string[];
  /** Base64. */
  userData?: string;
  detailedMonitoring: boolean;
  /** IamInstanceProfile: a name, or an ARN (`arn:aws:iam::…:instance-profile/…`). */
  instanceProfile?: string;
  /**
   * Instance metadata service tokens: `required` (IMDSv2 only, scalectl's default) or `optional`
   * (v1 allowed); `endpoint-disabled` is only read back from a template with the service turned off.
   */
  imdsTokens?: 'required' | 'optional' | 'endpoint-disabled';
  /** AssociatePublicIpAddress of eth0; absent = the subnet's setting. */
  publicIp?: boolean;
  /** The root EBS volume; `device` is the AMI's root device name (create-asg looks it up with DescribeImages). */
  rootVolume?: { device?: string; sizeGb: number };
}

/** Where a group's instances come from. `version` is a number, `$Default` or `$Latest`. */
export type LaunchSource = { kind: 'template'; name: string; version: string } | { kind: 'config'; name: string };

/** An instance of a group, as describe-asgs shows it. */
export interface GroupInstance {
  id: string;
  zone?: string;
  lifecycleState?: string;
  health?: string;
  launchTemplate?: string;
  launchTemplateVersion?: string;
  launchConfiguration?: string;
  protectedFromScaleIn: boolean;
}

/** An Auto Scaling group as AWS reports it (our field names). */
export interface Group {
  name: string;
  min: number;
  max: number;
  desired: number;
  launchTemplate?: { name?: string; id?: string; version?: string };
  launchConfiguration?: string;
  zones: string[];
  subnets: string[];
  loadBalancers: string[];
  /** ELBv2 target groups the group registers its instances with. */
  targetGroupArns?: string[];
  healthCheckType?: string;
  gracePeriod?: number;
  cooldown?: number;
  terminationPolicies: string[];
  /** Set while the group is being deleted (`Delete in progress`). */
  status?: string;
  /** `none`, `prevent-force-deletion` or `prevent-all-deletion`. */
  deletionProtection?: string;
  suspendedProcesses: string[];
  tags: AsgTag[];
  instances: GroupInstance[];
}

/** The settings UpdateAutoScalingGroup can change; absent = leave as is. */
export interface GroupSettings {
  min?: number;
  max?: number;
  desired?: number;
  cooldown?: number;
  healthCheckType?: string;
  gracePeriod?: number;
  zones?: string[];
  subnets?: string[];
  terminationPolicies?: string[];
  launch?: LaunchSource;
}

/** A group to create: every setting scalectl manages. */
export interface GroupSpec extends GroupSettings {
  name: string;
  min: number;
  max: number;
  launch: LaunchSource;
  loadBalancers: string[];
  targetGroupArns?: string[];
  tags: AsgTag[];
}

/** A new group in a few words, for plans and progress: `min 2, max 8, load balancer web-lb, health check ELB (grace 300s)`. */
export function describeNewGroup(g: GroupSpec): string {
  return [
    `min ${g.min}, max ${g.max}`,
    g.desired !== undefined && `desired ${g.desired}`,
    g.loadBalancers.length > 0 && `load balancer${g.loadBalancers.length > 1 ? 's' : ''} ${g.loadBalancers.join(',')}`,
    (g.targetGroupArns?.length ?? 0) > 0 && `target group${g.targetGroupArns!.length > 1 ? 's' : ''} ${g.targetGroupArns!.map((a) => a.split('/')[1] ?? a).join(',')}`,
    g.healthCheckType && `health check ${g.healthCheckType}${g.gracePeriod !== undefined ? ` (grace ${g.gracePeriod}s)` : ''}`,
  ].filter((x): x is string => typeof x === 'string' && x !== '').join(', ');
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** The settings that differ between the live group and the desired one (only those given are compared). */
export function groupChanges(live: Group, want: GroupSettings): { changes: GroupSettings; fields: string[] } {
  const changes: GroupSettings = {};
  const fields: string[] = [];
  const scalar = <K extends 'min' | 'max' | 'desired' | 'cooldown' | 'healthCheckType' | 'gracePeriod'>(k: K, liveValue: GroupSettings[K]) => {
    if (want[k] !== undefined && want[k] !== liveValue) {
      changes[k] = want[k];
      fields.push(k);
    }
  };
  scalar('min', live.min);
  scalar('max', live.max);
  scalar('desired', live.desired);
  scalar('cooldown', live.cooldown);
  scalar('healthCheckType', live.healthCheckType);
  scalar('gracePeriod', live.gracePeriod);
  if (want.zones && (live.subnets.length > 0 || !sameSet(want.zones, live.zones))) ((changes.zones = want.zones), fields.push('zones'));
  if (want.subnets && !sameSet(want.subnets, live.subnets)) ((changes.subnets = want.subnets), fields.push('subnets'));
  if (want.terminationPolicies && want.terminationPolicies.join(',') !== live.terminationPolicies.join(',')) {
    changes.terminationPolicies = want.terminationPolicies;
    fields.push('termination-policies');
  }
  if (want.launch && !launchMatches(live, want.launch)) ((changes.launch = want.launch), fields.push('launch'));
  return { changes, fields };
}

function launchMatches(live: Group, want: LaunchSource): boolean {
  if (want.kind === 'config') return live.launchConfiguration === want.name;
  return live.launchTemplate?.name === want.name && live.launchTemplate.version === want.version;
}

/** The launch parameters that differ (empty when the template's version already launches what is wanted). */
export function launchDataChanges(live: LaunchData, want: LaunchData): string[] {
  const out: string[] = [];
  if (live.imageId !== want.imageId) out.push('image');
  if (live.instanceType !== want.instanceType) out.push('instance-type');
  if ((live.keyName ?? '') !== (want.keyName ?? '')) out.push('key-name');
  if (!sameSet(live.securityGroupIds, want.securityGroupIds) || !sameSet(live.securityGroupNames, want.securityGroupNames)) out.push('security-groups');
  if ((live.userData ?? '') !== (want.userData ?? '')) out.push('user-data');
  if (live.detailedMonitoring !== want.detailedMonitoring) out.push('monitoring');
  if ((live.instanceProfile ?? '') !== (want.instanceProfile ?? '')) out.push('instance-profile');
  // A template written before scalectl set metadata options reads as `optional` (AWS's default
  // when none is given), so its next run adds a version that requires IMDSv2.
  if ((live.imdsTokens ?? 'optional') !== (want.imdsTokens ?? 'optional')) out.push(want.imdsTokens === 'required' ? 'metadata (IMDSv2 required)' : 'metadata (IMDSv1 allowed)');
  if (live.publicIp !== want.publicIp) out.push('public-ip');
  if (live.rootVolume?.sizeGb !== want.rootVolume?.sizeGb || (want.rootVolume?.device !== undefined && live.rootVolume?.device !== want.rootVolume.device)) out.push('volume-size');
  return out;
}

/** `--lb` against the live group: what to attach and detach. */
export function loadBalancerChanges(live: string[], want: string[]): { attach: string[]; detach: string[] } {
  return { attach: want.filter((n) => !live.includes(n)), detach: live.filter((n) => !want.includes(n)) };
}

/** `NAME[:VERSION]` of `--launch-template`; VERSION is a number, `$Default` or `$Latest` (default `$Default`). */
export function parseTemplateRef(raw: string): { name: string; version: string } | undefined {
  const m = /^([a-zA-Z0-9().\-/_]{3,128})(?::(\d+|\$Default|\$Latest))?$/.exec(raw.trim());
  return m ? { name: m[1]!, version: m[2] ?? '$Default' } : undefined;
}

/** Splits `--security-groups`: `sg-…` are ids, anything else a group name. */
export function splitSecurityGroups(values: string[]): { ids: string[]; names: string[] } {
  return { ids: values.filter((v) => /^sg-[0-9a-f]+$/.test(v)), names: values.filter((v) => !/^sg-[0-9a-f]+$/.test(v)) };
}
