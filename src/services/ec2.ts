// EC2 launch templates: thin typed functions over @aws-sdk/client-ec2.
// Verb + noun names; client first, one input object of our own types; our own result types out.
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeleteLaunchTemplateCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSubnetsCommand,
  ModifyLaunchTemplateCommand,
  type EC2Client,
  type LaunchTemplate as SdkLaunchTemplate,
  type RequestLaunchTemplateData,
  type ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import { launchDataChanges, type LaunchData } from '../domain/asg-plan.js';
import { retrying, type Timing } from '../domain/retry.js';
import { STACK_TAG, type Tag } from '../domain/stack.js';
import { earlierAttemptUnanswered } from './wire.js';

/** A launch template's identity and versions. */
export interface LaunchTemplate {
  name: string;
  id?: string;
  defaultVersion?: number;
  latestVersion?: number;
  tags: Tag[];
}

const isNotFound = (err: unknown) => /^InvalidLaunchTemplate(Name|Id)\.(NotFound|Malformed)|NotFoundException|VersionNotFound/.test((err as { name?: string })?.name ?? '');

function toTemplate(t: SdkLaunchTemplate, name = t.LaunchTemplateName ?? t.LaunchTemplateId ?? '?'): LaunchTemplate {
  return {
    name,
    ...(t.LaunchTemplateId ? { id: t.LaunchTemplateId } : {}),
    ...(t.DefaultVersionNumber !== undefined ? { defaultVersion: t.DefaultVersionNumber } : {}),
    ...(t.LatestVersionNumber !== undefined ? { latestVersion: t.LatestVersionNumber } : {}),
    tags: (t.Tags ?? []).flatMap((x) => (x.Key ? [{ key: x.Key, value: x.Value ?? '' }] : [])),
  };
}

/** The template named `name`, or undefined. */
export async function findLaunchTemplate(client: EC2Client, name: string): Promise<LaunchTemplate | undefined> {
  try {
    const res = await client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [name] }));
    const t = res.LaunchTemplates?.find((x) => x.LaunchTemplateName === name) ?? res.LaunchTemplates?.[0];
    return t ? toTemplate(t, name) : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Launch templates tagged scalectl:stack=STACK (paginated). */
export async function listStackLaunchTemplates(client: EC2Client, input: { stack: string; timing?: Timing }): Promise<LaunchTemplate[]> {
  const out: LaunchTemplate[] = [];
  let token: string | undefined;
  do {
    const res = await retrying(input.timing, () => client.send(new DescribeLaunchTemplatesCommand({ Filters: [{ Name: `tag:${STACK_TAG}`, Values: [input.stack] }], ...(token ? { NextToken: token } : {}) })));
    out.push(...(res.LaunchTemplates ?? []).map((t) => toTemplate(t)));
    token = res.NextToken;
  } while (token);
  return out;
}

/** The launch parameters of one version (`$Default`, `$Latest` or a number), or undefined when it does not exist. */
export async function getLaunchTemplateData(client: EC2Client, input: { name: string; version: string }): Promise<LaunchData | undefined> {
  try {
    const res = await client.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: input.name, Versions: [input.version] }));
    const v = res.LaunchTemplateVersions?.[0];
    return v ? fromSdk(v.LaunchTemplateData ?? {}) : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * Creates the template (version 1, the default), tagged with `tags`. When it already exists (the
 * answer to an attempt that made it was lost and the retry was refused, or another run made it a
 * moment ago), it converges instead: a new default version only if its data differs.
 */
export async function createLaunchTemplate(client: EC2Client, input: { name: string; data: LaunchData; tags: Tag[] }): Promise<void> {
  try {
    await client.send(new CreateLaunchTemplateCommand(createLaunchTemplateInput(input)));
  } catch (err) {
    if (!/AlreadyExists/.test((err as { name?: string })?.name ?? '')) throw err;
    const live = await getLaunchTemplateData(client, { name: input.name, version: '$Default' });
    if (!live) throw err;
    if (launchDataChanges(live, input.data).length) await createDefaultLaunchTemplateVersion(client, { name: input.name, data: input.data });
  }
}

/**
 * An idempotency token made from the request itself: an attempt retried after a lost answer (the
 * SDK's own retry or a re-run) carries the same token, so EC2 answers it with the version the
 * first attempt made instead of making a second one. At most 64 ASCII characters.
 */
export function clientToken(operation: string, request: unknown): string {
  return `scalectl-${createHash('sha256').update(operation).update('\0').update(JSON.stringify(request)).digest('hex').slice(0, 54)}`;
}

/** The CreateLaunchTemplate input (also what --dry-run shows). */
export function createLaunchTemplateInput(input: { name: string; data: LaunchData; tags: Tag[] }) {
  const request = {
    LaunchTemplateName: input.name,
    VersionDescription: 'scalectl',
    LaunchTemplateData: toSdk(input.data),
    ...(input.tags.length ? { TagSpecifications: [{ ResourceType: 'launch-template' as const, Tags: input.tags.map((t) => ({ Key: t.key, Value: t.value })) }] } : {}),
  };
  return { ...request, ClientToken: clientToken('CreateLaunchTemplate', request) };
}

/** The CreateLaunchTemplateVersion input (also what --dry-run shows). */
export function createLaunchTemplateVersionInput(input: { name: string; data: LaunchData }) {
  const request = { LaunchTemplateName: input.name, VersionDescription: 'scalectl', LaunchTemplateData: toSdk(input.data) };
  return { ...request, ClientToken: clientToken('CreateLaunchTemplateVersion', request) };
}

/**
 * Adds a version with `data` and makes it the default; returns its number. When the response
 * leaves the number out (some endpoints do), the template's latest version is read instead.
 */
export async function createDefaultLaunchTemplateVersion(client: EC2Client, input: { name: string; data: LaunchData }): Promise<number> {
  const res = await client.send(new CreateLaunchTemplateVersionCommand(createLaunchTemplateVersionInput(input)));
  const version = res.LaunchTemplateVersion?.VersionNumber ?? (await findLaunchTemplate(client, input.name))?.latestVersion;
  if (version === undefined) throw new Error(`launch template ${input.name}: the new version's number could not be read back`);
  await client.send(new ModifyLaunchTemplateCommand({ LaunchTemplateName: input.name, DefaultVersion: String(version) }));
  return version;
}

/** Deletes a launch template (all its versions); one that is gone counts as done. */
export async function deleteLaunchTemplateIfExists(client: EC2Client, input: { name: string; timing?: Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await retrying(input.timing, () => client.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: input.name })));
    return 'deleted';
  } catch (err) {
    // moto answers a delete of an unknown name with MissingParameter (AWS says
    // InvalidLaunchTemplateName.NotFoundException). The name is always sent, so that answer can
    // only mean the template is not there.
    if (isNotFound(err) || (err as { name?: string })?.name === 'MissingParameter') return earlierAttemptUnanswered(err) ? 'deleted' : 'already gone';
    throw err;
  }
}

/** The CreateTags input that adds `tags` to a launch template (also shown by --dry-run). */
export function tagLaunchTemplateInput(input: { id: string; tags: Tag[] }) {
  return { Resources: [input.id], Tags: input.tags.map((t) => ({ Key: t.key, Value: t.value })) };
}

/** Adds (or overwrites) tags on a launch template, e.g. the stack tag on one made before --stack. */
export async function tagLaunchTemplate(client: EC2Client, input: { id: string; tags: Tag[] }): Promise<void> {
  await client.send(new CreateTagsCommand(tagLaunchTemplateInput(input)));
}

/** Names of the region's available zones (zone type availability-zone). */
export async function listAvailabilityZones(client: EC2Client): Promise<string[]> {
  const res = await client.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }, { Name: 'state', Values: ['available'] }] }));
  return (res.AvailabilityZones ?? []).flatMap((z) => (z.ZoneName ? [z.ZoneName] : []));
}

/** The availability zone of each subnet id (those that exist). */
export async function listSubnetZones(client: EC2Client, subnetIds: string[]): Promise<Map<string, string>> {
  const res = await client.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
  return new Map((res.Subnets ?? []).flatMap((s) => (s.SubnetId && s.AvailabilityZone ? [[s.SubnetId, s.AvailabilityZone] as const] : [])));
}

/** An AMI's root device: its name and the size of its snapshot (the smallest root volume AWS accepts). */
export interface ImageRoot {
  device: string;
  snapshotGb?: number;
}

/** The AMI's root device (DescribeImages), or undefined when the image does not exist or has none. */
export async function findImageRoot(client: EC2Client, imageId: string): Promise<ImageRoot | undefined> {
  try {
    const res = await client.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    const img = res.Images?.find((i) => i.ImageId === imageId) ?? res.Images?.[0];
    if (!img?.RootDeviceName) return undefined;
    const size = img.BlockDeviceMappings?.find((b) => b.DeviceName === img.RootDeviceName)?.Ebs?.VolumeSize;
    return { device: img.RootDeviceName, ...(size !== undefined ? { snapshotGb: size } : {}) };
  } catch (err) {
    if (/^InvalidAMIID\.(NotFound|Malformed|Unavailable)/.test((err as { name?: string })?.name ?? '')) return undefined;
    throw err;
  }
}

function toSdk(d: LaunchData): RequestLaunchTemplateData {
  // A network interface in the template carries the security groups itself: EC2 refuses
  // SecurityGroupIds next to NetworkInterfaces.
  const nic = d.publicIp !== undefined;
  return {
    ImageId: d.imageId,
    InstanceType: d.instanceType as RequestLaunchTemplateData['InstanceType'],
    ...(d.keyName ? { KeyName: d.keyName } : {}),
    ...(d.securityGroupIds.length && !nic ? { SecurityGroupIds: d.securityGroupIds } : {}),
    ...(d.securityGroupNames.length ? { SecurityGroups: d.securityGroupNames } : {}),
    ...(d.userData ? { UserData: d.userData } : {}),
    Monitoring: { Enabled: d.detailedMonitoring },
    ...(d.instanceProfile ? { IamInstanceProfile: d.instanceProfile.startsWith('arn:') ? { Arn: d.instanceProfile } : { Name: d.instanceProfile } } : {}),
    ...(d.imdsTokens === 'required' || d.imdsTokens === 'optional' ? { MetadataOptions: { HttpTokens: d.imdsTokens, HttpEndpoint: 'enabled' as const } } : {}),
    ...(nic ? { NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: d.publicIp, DeleteOnTermination: true, ...(d.securityGroupIds.length ? { Groups: d.securityGroupIds } : {}) }] } : {}),
    ...(d.rootVolume ? { BlockDeviceMappings: [{ DeviceName: d.rootVolume.device ?? '<root device of the image>', Ebs: { VolumeSize: d.rootVolume.sizeGb } }] } : {}),
  };
}

function fromSdk(d: ResponseLaunchTemplateData): LaunchData {
  const nic = d.NetworkInterfaces?.find((n) => (n.DeviceIndex ?? 0) === 0);
  const root = d.BlockDeviceMappings?.find((b) => b.Ebs?.VolumeSize !== undefined);
  const profile = d.IamInstanceProfile?.Arn ?? d.IamInstanceProfile?.Name;
  const tokens = d.MetadataOptions?.HttpTokens;
  return {
    imageId: d.ImageId ?? '',
    instanceType: d.InstanceType ?? '',
    ...(d.KeyName ? { keyName: d.KeyName } : {}),
    securityGroupIds: d.SecurityGroupIds?.length ? d.SecurityGroupIds : (nic?.Groups ?? []),
    securityGroupNames: d.SecurityGroups ?? [],
    ...(d.UserData ? { userData: d.UserData } : {}),
    detailedMonitoring: d.Monitoring?.Enabled ?? false,
    ...(profile ? { instanceProfile: profile } : {}),
    // HttpEndpoint disabled turns the metadata service off altogether: not what scalectl writes, so it differs.
    ...(tokens ? { imdsTokens: d.MetadataOptions?.HttpEndpoint === 'disabled' ? 'endpoint-disabled' : tokens } : {}),
    ...(nic?.AssociatePublicIpAddress !== undefined ? { publicIp: nic.AssociatePublicIpAddress } : {}),
    ...(root ? { rootVolume: { ...(root.DeviceName ? { device: root.DeviceName } : {}), sizeGb: root.Ebs!.VolumeSize! } } : {}),
  };
}
