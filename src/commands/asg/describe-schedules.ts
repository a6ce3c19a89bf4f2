import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { ScheduledAction } from '../../domain/day-two.js';
import { cell, render, type View } from '../../output/render.js';
import { contextOf } from '../options.js';
import { groupNotFound, shortTime } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `describe-schedules` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('describe-schedules', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeScheduledActions',
  ],
});

/** Parsed flags of `describe-schedules`. */
export interface DescribeSchedulesOptions {
  group?: string;
}

export interface DescribeSchedulesResult {
  schedules: ScheduledAction[];
}

const docs: CommandDocs = {
  examples: [
    "scalectl describe-schedules",
    "scalectl describe-schedules --asg web-asg --output text",
  ],
  text: [
    "group, name, recurrence, start, end, min, max, desired, time-zone (empty where not set)",
  ],
  exitCodes: [3, 4],
};

export function registerDescribeSchedules(program: Command, deps: Deps, run = describeSchedules): void {
  addDocs(program.command('describe-schedules'), docs)
    .description("list scheduled actions: when they run and the sizes they set")
    .option('--asg <group>', "only this group's scheduled actions")
    .action(async (f: { asg?: string }, c: Command) => {
      const ctx = await contextOf(c, deps);
      const r = await run(f.asg ? { group: f.asg } : {}, ctx);
      if (r.schedules.length === 0 && ctx.io.stderrIsTTY) ctx.log.progress('no scheduled actions');
      await render(r, describeSchedulesView, ctx, ctx.io);
    });
}

export async function describeSchedules(o: DescribeSchedulesOptions, ctx: Ctx): Promise<DescribeSchedulesResult> {
  const [ops, as] = await Promise.all([import('../../services/autoscaling-ops.js'), import('../../services/autoscaling.js')]);
  const client = await ctx.aws.autoscaling();
  const schedules = await ops.describeScheduledActions(client, o.group ? { group: o.group } : {});
  if (o.group && schedules.length === 0 && !(await as.findGroup(client, o.group))) throw groupNotFound(o.group);
  return { schedules };
}

const size = (a: ScheduledAction) => [a.min, a.max, a.desired];

export const describeSchedulesView: View<DescribeSchedulesResult> = {
  table: (r) => ({
    head: ['GROUP', 'NAME', 'RECURRENCE', 'NEXT/START', 'UNTIL', 'MIN', 'MAX', 'DESIRED', 'TIME ZONE'],
    rows: r.schedules.map((a) => [a.group, a.name, cell(a.recurrence), cell(shortTime(a.startTime)), cell(shortTime(a.endTime)), ...size(a).map(cell), cell(a.timeZone)]),
  }),
  text: (r) => r.schedules.map((a) => [a.group, a.name, a.recurrence, shortTime(a.startTime), shortTime(a.endTime), ...size(a), a.timeZone]),
  json: (r) => ({ schedules: r.schedules.map((a) => ({ group: a.group, name: a.name, recurrence: a.recurrence ?? null, startTime: a.startTime ?? null, endTime: a.endTime ?? null, min: a.min ?? null, max: a.max ?? null, desired: a.desired ?? null, timeZone: a.timeZone ?? null })) }),
};
