// as-describe-auto-scaling-groups, as-describe-auto-scaling-instances,
// as-terminate-instance-in-auto-scaling-group, as-create-or-update-tags.
import { describeAsgs } from '../../commands/asg/describe-asgs.js';
import { checkInstanceIds } from '../../domain/listeners.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { nameArg, type LegacyCommand } from '../framework.js';
import type { Rec, RecordType } from '../output.js';

/** Field order as the AWS tools and euca2ools print them. */
export const GROUP: RecordType = {
  type: 'AUTO-SCALING-GROUP',
  columns: [
    { head: 'GROUP-NAME' }, { head: 'LAUNCH-CONFIG' }, { head: 'AVAILABILITY-ZONES' }, { head: 'LOAD-BALANCERS' }, { head: 'MIN-SIZE' }, { head: 'MAX-SIZE' }, { head: 'DESIRED-CAPACITY' }, { head: 'TERMINATION-POLICIES' },
    { head: 'DEFAULT-COOLDOWN', long: true }, { head: 'HEALTH-CHECK-TYPE', long: true }, { head: 'GRACE-PERIOD', long: true }, { head: 'VPC-ZONE-IDENTIFIER', long: true }, { head: 'STATUS', long: true },
  ],
};
export const INSTANCE: RecordType = { type: 'INSTANCE', columns: [{ head: 'INSTANCE-ID' }, { head: 'AVAILABILITY-ZONE' }, { head: 'STATE' }, { head: 'STATUS' }, { head: 'LAUNCH-CONFIG' }] };
export const TAG: RecordType = { type: 'TAG', columns: [{ head: 'RESOURCE-ID' }, { head: 'RESOURCE-TYPE' }, { head: 'KEY' }, { head: 'VALUE' }, { head: 'PROPAGATE-AT-LAUNCH' }] };

export const asDescribeAutoScalingGroups: LegacyCommand = {
  name: 'as-describe-auto-scaling-groups',
  usage: 'as-describe-auto-scaling-groups [AutoScalingGroupNames...] [--max-records value] [General Options]',
  options: [{ long: 'max-records', kind: 'value' }],
  translate: (p) => ({ args: ['describe-asgs', ...p.positional] }),
  run: async (p, ctx) => {
    const r = await describeAsgs({ names: p.positional }, ctx);
    const records: Rec[] = [];
    for (const g of r.groups) {
      const launch = g.launchConfiguration ?? g.launchTemplate?.name;
      records.push({ of: GROUP, cells: [g.name, launch, g.zones.join(','), g.loadBalancers.join(','), g.min, g.max, g.desired, g.terminationPolicies.join(','), g.cooldown, g.healthCheckType, g.gracePeriod, g.subnets.join(','), g.status] });
      for (const i of g.instances) records.push({ of: INSTANCE, cells: [i.id, i.zone, i.lifecycleState, i.health, i.launchConfiguration ?? launch] });
      for (const t of g.tags) records.push({ of: TAG, cells: [g.name, 'auto-scaling-group', t.key, t.value, String(t.propagate)] });
    }
    if (r.missing.length && !r.groups.length) throw new NotFoundError(`no Auto Scaling group named ${r.missing.join(', ')}`);
    return { records };
  },
};

const ASG_INSTANCE: RecordType = { type: 'INSTANCE', columns: [{ head: 'INSTANCE-ID' }, { head: 'GROUP-NAME' }, { head: 'AVAILABILITY-ZONE' }, { head: 'STATE' }, { head: 'STATUS' }, { head: 'LAUNCH-CONFIG' }] };

export const asDescribeAutoScalingInstances: LegacyCommand = {
  name: 'as-describe-auto-scaling-instances',
  usage: 'as-describe-auto-scaling-instances [InstanceIds...] [--max-records value] [General Options]',
  options: [{ long: 'max-records', kind: 'value' }],
  translate: (p) => ({ args: ['describe-asgs'], notes: [p.positional.length ? 'describe-asgs lists each group with its instances' : 'describe-asgs lists every group with its instances'] }),
  run: async (p, ctx) => {
    if (p.positional.length) checkInstanceIds(p.positional);
    const { describeAutoScalingInstances } = await import('../../services/autoscaling-instances.js');
    const rows = await describeAutoScalingInstances(await ctx.aws.autoscaling(), { ids: p.positional });
    return { records: rows.map((i) => ({ of: ASG_INSTANCE, cells: [i.id, i.group, i.zone, i.lifecycleState, i.health, i.launchConfiguration ?? i.launchTemplate] })) };
  },
};

const ACTIVITY: RecordType = { type: 'INSTANCE', columns: [{ head: 'ACTIVITY-ID' }, { head: 'STATUS' }, { head: 'DESCRIPTION' }] };

export const asTerminateInstanceInAutoScalingGroup: LegacyCommand = {
  name: 'as-terminate-instance-in-auto-scaling-group',
  usage: 'as-terminate-instance-in-auto-scaling-group InstanceId (-d/--decrement-desired-capacity | -D/--no-decrement-desired-capacity) [-f/--force] [General Options]',
  options: [{ long: 'instance', kind: 'value' }, { long: 'decrement-desired-capacity', short: 'd', kind: 'flag' }, { long: 'no-decrement-desired-capacity', short: 'D', kind: 'flag' }, { long: 'force', short: 'f', kind: 'flag' }],
  prompt: () => ['Are you sure you want to terminate this instance?'],
  translate: () => ({ args: [], notes: ['no native command terminates one instance of a group yet'] }),
  run: async (p, ctx) => {
    const [id] = checkInstanceIds([nameArg(p, 'InstanceId', 'instance')]);
    const d = p.flags.has('decrement-desired-capacity');
    if (d === p.flags.has('no-decrement-desired-capacity')) throw new UsageError('give one of -d/--decrement-desired-capacity and -D/--no-decrement-desired-capacity');
    const { terminateInstanceInGroup } = await import('../../services/autoscaling-instances.js');
    const a = await terminateInstanceInGroup(await ctx.aws.autoscaling(), { id: id!, decrementDesired: d });
    return { records: [{ of: ACTIVITY, cells: [a.id, a.status, a.description] }] };
  },
};

/** `--tag "id=GROUP, t=auto-scaling-group, k=KEY, v=VALUE, p=true"`. */
function parseResourceTag(raw: string) {
  const pairs = new Map(raw.split(',').map((s) => s.trim()).filter(Boolean).map((s) => [s.slice(0, s.indexOf('=')).trim(), s.slice(s.indexOf('=') + 1).trim()] as const));
  const group = pairs.get('id');
  const key = pairs.get('k');
  const p = (pairs.get('p') ?? 'false').toLowerCase();
  if (!group || !key) throw new UsageError(`--tag "${raw}" needs id=GROUP and k=KEY (and v=VALUE, p=true|false)`);
  if ((pairs.get('t') ?? 'auto-scaling-group') !== 'auto-scaling-group') throw new UsageError(`--tag "${raw}": t= must be auto-scaling-group`);
  if (p !== 'true' && p !== 'false') throw new UsageError(`--tag "${raw}": p= must be true or false`);
  return { group, key, value: pairs.get('v') ?? '', propagate: p === 'true' };
}

export const asCreateOrUpdateTags: LegacyCommand = {
  name: 'as-create-or-update-tags',
  usage: 'as-create-or-update-tags --tag "id=value, t=value, k=value, [v=value], [p=value]" [--tag ...] [General Options]',
  options: [{ long: 'tag', kind: 'repeat' }],
  translate: () => ({ args: [], notes: ['create-asg GROUP --tag k=K,v=V,p=true … adds the tags when it converges the group'] }),
  run: async (p, ctx) => {
    const tags = (p.lists.get('tag') ?? []).map(parseResourceTag);
    if (!tags.length) throw new UsageError('--tag is required');
    const { createOrUpdateTags } = await import('../../services/autoscaling-instances.js');
    await createOrUpdateTags(await ctx.aws.autoscaling(), { tags });
    return { lines: ['OK-Created/Updated tags'] };
  },
};
