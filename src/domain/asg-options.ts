import { TERMINATION_POLICIES, parseTemplateRef, splitSecurityGroups, type LaunchData } from './asg-plan.js';
import type { AsgTag } from './asg-tags.js';

/** Raw launch flags of create-asg, as commander parsed them. */
export interface LaunchFlags {
  imageId?: string;
  instanceType?: string;
  keyName?: string;
  securityGroups?: string[];
  /** Base64 of the --user-data file (the command reads it). */
  userData?: string;
  detailedMonitoring?: boolean;
  /** `--instance-profile NAME|ARN`. */
  instanceProfile?: string;
  /** `--imds-v1`: allow the old metadata service (v2 is required by default). */
  imdsV1?: boolean;
  /** `--public-ip` (true) / `--no-public-ip` (false). */
  publicIp?: boolean;
  /** `--volume-size GB` of the root volume. */
  volumeSize?: number;
  launchTemplate?: string;
  launchConfig?: string;
}

/** Where create-asg gets its instances from. `data` is present when scalectl writes the launch parameters. */
export type LaunchPlan =
  | { kind: 'own-template'; name: string; data: LaunchData }
  | { kind: 'template'; name: string; version: string }
  | { kind: 'config'; name: string; data?: LaunchData };

/** Chooses the launch source from the flags; throws Error(message) for a usage error. */
export function launchPlanFrom(group: string, f: LaunchFlags): LaunchPlan {
  const dataFlags = ['imageId', 'instanceType', 'keyName', 'securityGroups', 'userData', 'detailedMonitoring', 'instanceProfile', 'imdsV1', 'publicIp', 'volumeSize'].filter((k) => f[k as keyof LaunchFlags] !== undefined);
  if (f.launchTemplate !== undefined) {
    if (dataFlags.length) throw new Error(`--launch-template uses an existing template; drop ${dataFlags.map(flagName).join(', ')} (or drop --launch-template to have scalectl manage template "${group}").`);
    const ref = parseTemplateRef(f.launchTemplate);
    if (!ref) throw new Error(`--launch-template must be NAME or NAME:VERSION (VERSION a number, $Default or $Latest; NAME 3-128 of a-z A-Z 0-9 ( ) . - / _), got "${f.launchTemplate}".`);
    return { kind: 'template', ...ref };
  }
  const data = dataFlags.length ? launchData(f) : undefined;
  if (f.launchConfig !== undefined) return { kind: 'config', name: f.launchConfig, ...(data ? { data } : {}) };
  if (!data) throw new Error('say what to launch: --image-id AMI --instance-type TYPE (a launch template is made for you), --launch-template NAME[:VERSION], or --launch-config NAME.');
  if (!/^[a-zA-Z0-9().\-/_]{3,128}$/.test(group)) throw new Error(`a launch template is named after the group, and "${group}" is not a valid template name (3-128 of a-z A-Z 0-9 ( ) . - / _); pass --launch-template.`);
  return { kind: 'own-template', name: group, data };
}

function launchData(f: LaunchFlags): LaunchData {
  if (!f.imageId || !f.instanceType) throw new Error(`--image-id and --instance-type are both needed to describe what to launch${f.imageId ? '; add --instance-type (e.g. t3.micro)' : '; add --image-id ami-…'}.`);
  if (!/^ami-[0-9a-f]+$/.test(f.imageId)) throw new Error(`--image-id must be an AMI id such as ami-0abc1234, got "${f.imageId}".`);
  const sg = splitSecurityGroups(f.securityGroups ?? []);
  if (f.instanceProfile !== undefined) checkInstanceProfile(f.instanceProfile);
  if (f.volumeSize !== undefined && (!Number.isInteger(f.volumeSize) || f.volumeSize < 1 || f.volumeSize > MAX_VOLUME_GB)) throw new Error(`--volume-size must be a whole number of GiB from 1 to ${MAX_VOLUME_GB}, got ${f.volumeSize}.`);
  // With a network interface in the template, EC2 takes the security groups on the interface, by id only.
  if (f.publicIp !== undefined && sg.names.length) throw new Error(`--${f.publicIp ? '' : 'no-'}public-ip puts the security groups on the network interface, which takes ids only; give ${sg.names.join(', ')} as sg-… ids.`);
  return {
    imageId: f.imageId,
    instanceType: f.instanceType,
    ...(f.keyName ? { keyName: f.keyName } : {}),
    securityGroupIds: sg.ids,
    securityGroupNames: sg.names,
    ...(f.userData ? { userData: f.userData } : {}),
    detailedMonitoring: f.detailedMonitoring === true,
    ...(f.instanceProfile !== undefined ? { instanceProfile: f.instanceProfile } : {}),
    imdsTokens: f.imdsV1 === true ? 'optional' : 'required',
    ...(f.publicIp !== undefined ? { publicIp: f.publicIp } : {}),
    ...(f.volumeSize !== undefined ? { rootVolume: { sizeGb: f.volumeSize } } : {}),
  };
}

/** EBS gp2/gp3 volumes are 1 to 16,384 GiB. */
export const MAX_VOLUME_GB = 16_384;

/** `--instance-profile`: an instance-profile ARN, or a name as IAM allows it (1-128 of a-z A-Z 0-9 + = , . @ _ -). */
export function checkInstanceProfile(v: string): void {
  if (v.startsWith('arn:')) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/[\w+=,.@\/-]{1,128}$/.test(v)) throw new Error(`--instance-profile ${v} is not an instance-profile ARN (arn:aws:iam::ACCOUNT:instance-profile/NAME).`);
    return;
  }
  if (!/^[\w+=,.@-]{1,128}$/.test(v)) throw new Error(`--instance-profile must be an instance-profile name (1-128 of a-z A-Z 0-9 + = , . @ _ -) or its ARN, got "${v}".`);
}

const flagName = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Sizes: 0 <= min <= max, desired within [min, max]. */
export function checkSizes(s: { min?: number; max?: number; desired?: number }): void {
  if (s.min !== undefined && s.max !== undefined && s.min > s.max) throw new Error(`--min (${s.min}) must not be more than --max (${s.max}).`);
  if (s.desired !== undefined && s.min !== undefined && s.desired < s.min) throw new Error(`--desired (${s.desired}) must be at least the minimum size (${s.min}).`);
  if (s.desired !== undefined && s.max !== undefined && s.desired > s.max) throw new Error(`--desired (${s.desired}) must be at most the maximum size (${s.max}).`);
}

/** --termination-policies against AWS's list. */
export function checkTerminationPolicies(values: string[]): void {
  const bad = values.filter((v) => !TERMINATION_POLICIES.includes(v));
  if (bad.length) throw new Error(`unknown termination polic${bad.length > 1 ? 'ies' : 'y'} ${bad.join(', ')}; choose from ${TERMINATION_POLICIES.join(', ')}.`);
}

/** The scalectl command that does what a refused --launch-config would have, with a launch template. */
export function launchTemplateEquivalent(group: string, d: LaunchData | undefined, rest: string[]): string {
  const launch = d
    ? [`--image-id ${d.imageId}`, `--instance-type ${d.instanceType}`, d.keyName && `--key-name ${d.keyName}`, d.securityGroupIds.length + d.securityGroupNames.length ? `--security-groups ${[...d.securityGroupIds, ...d.securityGroupNames].join(',')}` : '', d.userData && '--user-data FILE', d.detailedMonitoring && '--detailed-monitoring',
      d.instanceProfile && `--instance-profile ${d.instanceProfile}`, d.imdsTokens === 'optional' && '--imds-v1', d.publicIp !== undefined && (d.publicIp ? '--public-ip' : '--no-public-ip'), d.rootVolume && `--volume-size ${d.rootVolume.sizeGb}`]
    : ['--image-id AMI', '--instance-type TYPE'];
  return ['scalectl create-asg', group, ...launch.filter(Boolean), ...rest].join(' ');
}

/** `1m05s` for progress lines. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export type { AsgTag };

/** Parsed flags of `create-asg`. */
export interface CreateAsgOptions {
  name: string;
  launch: LaunchPlan;
  min: number;
  max: number;
  desired?: number;
  zones?: string[];
  subnets?: string[];
  /** Classic load balancers; absent = leave the group's as they are on a re-run. */
  loadBalancers?: string[];
  /** --target-group: ELBv2 target group names or ARNs (--lb names an ELBv2 balancer's too). */
  targetGroups?: string[];
  healthCheckType?: 'EC2' | 'ELB';
  gracePeriod?: number;
  cooldown?: number;
  terminationPolicies?: string[];
  /** Group tags, scalectl:stack included; all propagated unless the legacy form said p=false. */
  tags: AsgTag[];
  stack?: string;
  dryRun: boolean;
  wait: boolean;
  timeoutSeconds: number;
}

/** What create-asg did. */
export interface CreateAsgResult {
  name: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The launch template and version the group launches from (template groups). */
  launchTemplate?: { name: string; version: string };
  launchConfiguration?: string;
  /** The steps carried out, e.g. `update launch-template web-asg`. */
  changes: string[];
  /** Present with --wait: instances InService (and healthy) when the wait ended. */
  inService?: { ready: number; desired: number; elapsedSeconds: number };
}
