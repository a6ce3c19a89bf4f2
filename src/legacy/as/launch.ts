// as-create-launch-config (a launch template of the same name), as-describe-launch-configs and
// as-delete-launch-config (both kinds).
import { readFileSync } from 'node:fs';
import { MAX_VOLUME_GB } from '../../domain/asg-options.js';
import { splitSecurityGroups, USER_DATA_LIMIT, type LaunchData } from '../../domain/asg-plan.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { list, nameArg, need, val, type LegacyCommand } from '../framework.js';
import type { RecordType } from '../output.js';

const LC = { long: 'launch-config', kind: 'value' } as const;
const UNSUPPORTED = ['spot-price', 'kernel', 'ramdisk'] as const;

/** `--block-device-mapping "/dev/sda1=:20"`: one EBS volume of that size on that device (no snapshot, no ephemeral). */
function volumeOf(raw: string | undefined): LaunchData['rootVolume'] {
  if (raw === undefined) return undefined;
  const m = /^\s*(\/dev\/[a-z0-9]+)\s*=\s*:(\d+)\s*$/.exec(raw);
  if (!m) throw new UsageError(`--block-device-mapping "${raw}": scalectl takes one root volume size such as "/dev/sda1=:20" (snapshots, ephemeral devices and several mappings are not supported yet)`);
  const sizeGb = Number(m[2]);
  if (sizeGb < 1 || sizeGb > MAX_VOLUME_GB) throw new UsageError(`--block-device-mapping: the size must be 1-${MAX_VOLUME_GB} GiB, got ${sizeGb}`);
  return { device: m[1]!, sizeGb };
}

/** The launch settings of as-create-launch-config, as a launch template's data. */
export function launchDataOf(p: import('../argv.js').Parsed): LaunchData {
  const given = UNSUPPORTED.filter((k) => p.values.has(k));
  if (given.length) throw new UsageError(`--${given.join(', --')} ${given.length > 1 ? 'are' : 'is'} not supported yet by scalectl's launch templates`, 'drop it, or create the launch template yourself and pass its name');
  const imageId = need(p, 'image-id');
  if (!/^ami-[0-9a-f]+$/.test(imageId)) throw new UsageError(`--image-id must be an AMI id such as ami-0abc1234, got "${imageId}"`);
  if (p.flags.has('monitoring-enabled') && p.flags.has('monitoring-disabled')) throw new UsageError('--monitoring-enabled and --monitoring-disabled contradict each other');
  const inline = val(p, 'user-data');
  const file = val(p, 'user-data-file');
  if (inline !== undefined && file !== undefined) throw new UsageError('--user-data and --user-data-file: give one');
  let bytes: Buffer | undefined;
  if (inline !== undefined) bytes = Buffer.from(inline);
  if (file !== undefined) {
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new UsageError(`cannot read --user-data-file ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  if (bytes && bytes.length > USER_DATA_LIMIT) throw new UsageError(`user data is ${bytes.length} bytes; AWS allows at most ${USER_DATA_LIMIT} (16 KB)`);
  const sg = splitSecurityGroups(list(p, 'group') ?? []);
  const key = val(p, 'key');
  const profile = val(p, 'iam-instance-profile');
  const rootVolume = volumeOf(val(p, 'block-device-mapping'));
  return {
    imageId, instanceType: need(p, 'instance-type'), ...(key ? { keyName: key } : {}),
    securityGroupIds: sg.ids, securityGroupNames: sg.names, ...(bytes ? { userData: bytes.toString('base64') } : {}),
    // Launch configurations had detailed monitoring on unless --monitoring-disabled.
    detailedMonitoring: !p.flags.has('monitoring-disabled'),
    ...(profile ? { instanceProfile: profile } : {}), ...(rootVolume ? { rootVolume } : {}),
  };
}

export const asCreateLaunchConfig: LegacyCommand = {
  name: 'as-create-launch-config',
  usage: 'as-create-launch-config LaunchConfigurationName --image-id value --instance-type value [--key value] [--group value[,value...]] [--user-data value | --user-data-file value] [--monitoring-enabled | --monitoring-disabled] [--iam-instance-profile value] [--block-device-mapping "/dev/sda1=:SIZE"] [General Options]',
  options: [
    LC, { long: 'image-id', kind: 'value' }, { long: 'instance-type', kind: 'value' }, { long: 'key', kind: 'value' }, { long: 'group', kind: 'list' },
    { long: 'user-data', kind: 'value' }, { long: 'user-data-file', kind: 'value' }, { long: 'monitoring-enabled', kind: 'flag' }, { long: 'monitoring-disabled', kind: 'flag' },
    { long: 'iam-instance-profile', kind: 'value' }, { long: 'block-device-mapping', short: 'b', kind: 'value' }, ...UNSUPPORTED.map((long) => ({ long, kind: 'value' as const })),
  ],
  translate: () => ({ args: [], notes: ['no separate native command: create-asg GROUP --image-id … --instance-type … makes the launch template with the group'] }),
  run: async (p, ctx) => {
    const name = nameArg(p, 'LaunchConfigurationName', 'launch-config');
    if (!/^[a-zA-Z0-9().\-/_]{3,128}$/.test(name)) throw new UsageError(`"${name}" is not a valid launch template name (3-128 of a-z A-Z 0-9 ( ) . - / _)`);
    const data = launchDataOf(p);
    const ec2 = await import('../../services/ec2.js');
    ctx.io.err(`as-create-launch-config: creating launch template ${name} instead of a launch configuration (AWS no longer lets new accounts create those); the as-* commands find it by that name\n`);
    await ec2.createLaunchTemplate(await ctx.aws.ec2(), { name, data, tags: [] });
    return { lines: ['OK-Created launch config'] };
  },
};

const launchConfig: RecordType = { type: 'LAUNCH-CONFIG', columns: [{ head: 'NAME' }, { head: 'IMAGE-ID' }, { head: 'TYPE' }, { head: 'KEY', long: true }, { head: 'SECURITY-GROUPS', long: true }, { head: 'CREATED-TIME', long: true }, { head: 'KIND', long: true }] };

export const asDescribeLaunchConfigs: LegacyCommand = {
  name: 'as-describe-launch-configs',
  usage: 'as-describe-launch-configs [LaunchConfigurationNames...] [--max-records value] [General Options]',
  options: [LC, { long: 'max-records', kind: 'value' }],
  translate: () => ({ args: [], notes: ['no native command lists launch templates or configurations; describe-asgs shows what each group launches from'] }),
  run: async (p, ctx) => {
    const names = [...p.positional, ...(val(p, 'launch-config') ? [val(p, 'launch-config')!] : [])];
    const [ec2, tpl, asi] = await Promise.all([import('../../services/ec2.js'), import('../../services/ec2-templates.js'), import('../../services/autoscaling-instances.js')]);
    const ec2c = await ctx.aws.ec2();
    const templates = names.length
      ? (await Promise.all(names.map(async (n) => ((await ec2.findLaunchTemplate(ec2c, n)) ? { name: n } : undefined)))).filter((t): t is { name: string } => !!t)
      : await tpl.listLaunchTemplates(ec2c);
    const rows = [];
    for (const t of templates) {
      const d = await ec2.getLaunchTemplateData(ec2c, { name: t.name, version: '$Default' });
      rows.push({ name: t.name, imageId: d?.imageId, instanceType: d?.instanceType, keyName: d?.keyName, securityGroups: [...(d?.securityGroupIds ?? []), ...(d?.securityGroupNames ?? [])], created: (t as { created?: string }).created, kind: 'launch-template' });
    }
    const left = names.filter((n) => !templates.some((t) => t.name === n));
    const configs = names.length && !left.length ? [] : await asi.describeLaunchConfigurations(await ctx.aws.autoscaling(), { names: left });
    for (const c of configs) rows.push({ ...c, kind: 'launch-configuration' });
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return { records: rows.map((r) => ({ of: launchConfig, cells: [r.name, r.imageId, r.instanceType, r.keyName, r.securityGroups.join(','), r.created, r.kind] })) };
  },
};

export const asDeleteLaunchConfig: LegacyCommand = {
  name: 'as-delete-launch-config',
  usage: 'as-delete-launch-config LaunchConfigurationName [-f/--force] [General Options]',
  options: [LC, { long: 'force', short: 'f', kind: 'flag' }],
  prompt: () => ['Are you sure you want to delete this launch configuration?'],
  translate: (p) => ({ args: ['teardown', '--launch-template', nameArg(p, 'LaunchConfigurationName', 'launch-config'), '-y'], notes: ['for a real launch configuration: teardown --launch-config NAME -y'] }),
  run: async (p, ctx) => {
    const name = nameArg(p, 'LaunchConfigurationName', 'launch-config');
    const [ec2, teardown] = await Promise.all([import('../../services/ec2.js'), import('../../services/autoscaling-teardown.js')]);
    if ((await ec2.deleteLaunchTemplateIfExists(await ctx.aws.ec2(), { name })) === 'deleted') return { lines: ['OK-Deleted launch configuration'] };
    if ((await teardown.deleteLaunchConfigurationIfExists(await ctx.aws.autoscaling(), { name })) === 'deleted') return { lines: ['OK-Deleted launch configuration'] };
    throw new NotFoundError(`Launch configuration name not found - ${name}`);
  },
};
