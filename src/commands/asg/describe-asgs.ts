import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { Group } from '../../domain/asg-plan.js';
import { NotFoundError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl describe-asgs",
    "scalectl describe-asgs web-asg --output text",
    "scalectl describe-asgs --query 'groups[].name'",
  ],
  text: [
    "group, name, min, max, desired, launch-template, launch-configuration, zones, subnets, load-balancers, health-check-type, grace-period, status",
    "instance, group, instance-id, zone, lifecycle-state, health, launch (after its group)",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `describe-asgs` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('describe-asgs', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
  ],
  subject: 'auto-scaling-group',
});

/** Parsed flags of `describe-asgs`. */
export interface DescribeAsgsOptions {
  /** Empty = every group in the region. */
  names: string[];
}

/** One group with its instances (JSON contract). */
export interface AsgView {
  name: string;
  min: number;
  max: number;
  desired: number;
  /** `{name, version}` when the group launches from a template. */
  launchTemplate: { name: string; version: string } | null;
  launchConfiguration: string | null;
  zones: string[];
  subnets: string[];
  loadBalancers: string[];
  healthCheckType: string | null;
  gracePeriod: number | null;
  cooldown: number | null;
  terminationPolicies: string[];
  /** `Delete in progress` while being deleted; null otherwise. */
  status: string | null;
  /** Processes suspended with `scalectl suspend` (or AWS), e.g. Launch, AZRebalance. */
  suspendedProcesses: string[];
  tags: Array<{ key: string; value: string; propagate: boolean }>;
  instances: Array<{ id: string; zone: string | null; lifecycleState: string | null; health: string | null; launchTemplateVersion: string | null; launchConfiguration: string | null }>;
}

export interface DescribeAsgsResult {
  groups: AsgView[];
  /** Names asked for that do not exist (the command then exits 4). */
  missing: string[];
}

export function registerDescribeAsgs(program: Command, deps: Deps, run = describeAsgs): void {
  addDocs(program.command('describe-asgs'), docs)
    .description('show Auto Scaling groups and their instances')
    .argument('[names...]', 'group names (default: all)')
    .action(async (names: string[], _f: unknown, c: Command) => {
      const ctx = await contextOf(c, deps);
      const result = await run({ names }, ctx);
      await render(result, describeAsgsView, ctx, ctx.io);
      if (result.missing.length) throw new NotFoundError(`no Auto Scaling group named ${result.missing.join(', ')}`, 'list the groups with "scalectl describe-asgs"');
    });
}

export async function describeAsgs(o: DescribeAsgsOptions, ctx: Ctx): Promise<DescribeAsgsResult> {
  const as = await import('../../services/autoscaling.js');
  const groups = await as.describeGroups(await ctx.aws.autoscaling(), { names: o.names });
  const found = new Set(groups.map((g) => g.name));
  return { groups: groups.map(toView), missing: o.names.filter((n) => !found.has(n)) };
}

function toView(g: Group): AsgView {
  return {
    name: g.name,
    min: g.min,
    max: g.max,
    desired: g.desired,
    launchTemplate: g.launchTemplate ? { name: g.launchTemplate.name ?? g.launchTemplate.id ?? '', version: g.launchTemplate.version ?? '$Default' } : null,
    launchConfiguration: g.launchConfiguration ?? null,
    zones: g.zones,
    subnets: g.subnets,
    loadBalancers: g.loadBalancers,
    healthCheckType: g.healthCheckType ?? null,
    gracePeriod: g.gracePeriod ?? null,
    cooldown: g.cooldown ?? null,
    terminationPolicies: g.terminationPolicies,
    status: g.status ?? null,
    suspendedProcesses: g.suspendedProcesses,
    tags: g.tags,
    instances: g.instances.map((i) => ({ id: i.id, zone: i.zone ?? null, lifecycleState: i.lifecycleState ?? null, health: i.health ?? null, launchTemplateVersion: i.launchTemplateVersion ?? null, launchConfiguration: i.launchConfiguration ?? null })),
  };
}

const launchOf = (g: AsgView) => (g.launchTemplate ? `${g.launchTemplate.name}:${g.launchTemplate.version}` : '');
const instanceLaunch = (i: AsgView['instances'][number]) => i.launchTemplateVersion ?? i.launchConfiguration ?? '';

const describeAsgsView: View<DescribeAsgsResult> = {
  empty: (r) => (r.groups.length ? undefined : 'no Auto Scaling groups'),
  table: (r, st) => [
    {
      head: ['GROUP', 'MIN', 'MAX', 'DESIRED', 'LAUNCHES FROM', 'ZONES / SUBNETS', 'LOAD BALANCERS', 'HEALTH CHECK', 'STATUS', 'SUSPENDED'],
      rows: r.groups.map((g) => [g.name, String(g.min), String(g.max), String(g.desired), cell(launchOf(g) || (g.launchConfiguration && `config ${g.launchConfiguration}`)), cell((g.subnets.length ? g.subnets : g.zones).join(', ')), cell(g.loadBalancers.join(', ')), cell(g.healthCheckType && `${g.healthCheckType}${g.gracePeriod !== null ? ` ${g.gracePeriod}s` : ''}`), g.status ? st.yellow(g.status) : 'active', g.suspendedProcesses.length ? st.yellow(g.suspendedProcesses.join(', ')) : '-']),
    },
    {
      head: ['GROUP', 'INSTANCE', 'ZONE', 'STATE', 'HEALTH', 'VERSION'],
      rows: r.groups.flatMap((g) => g.instances.map((i) => [g.name, i.id, cell(i.zone), cell(i.lifecycleState), i.health === 'Healthy' ? st.green(i.health) : cell(i.health && st.red(i.health)), cell(instanceLaunch(i))])),
    },
  ],
  text: (r) =>
    r.groups.flatMap((g) => [
      ['group', g.name, g.min, g.max, g.desired, launchOf(g), g.launchConfiguration ?? '', g.zones.join(','), g.subnets.join(','), g.loadBalancers.join(','), g.healthCheckType ?? '', g.gracePeriod ?? '', g.status ?? '', g.suspendedProcesses.join(',')],
      ...g.instances.map((i) => ['instance', g.name, i.id, i.zone ?? '', i.lifecycleState ?? '', i.health ?? '', instanceLaunch(i)]),
    ]),
  json: (r) => ({ groups: r.groups, missing: r.missing }),
};
