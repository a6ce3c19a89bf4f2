import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { checkCron, parseTime, scheduleChanges, type ScheduleSpec } from '../../domain/day-two.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { UsageError } from '../../errors.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf, intArg } from '../options.js';
import { liveGroup, usage } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `schedule` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('schedule', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeScheduledActions',
    'autoscaling:PutScheduledUpdateGroupAction',
  ],
});

/** Parsed flags of `schedule`: the scheduled action wanted, and whether to only plan. */
export interface ScheduleOptions {
  spec: ScheduleSpec;
  dryRun: boolean;
}

interface Flags {
  asg: string;
  recurrence?: string;
  at?: string;
  until?: string;
  min?: number;
  max?: number;
  desired?: number;
  timeZone?: string;
  dryRun?: boolean;
}

const docs: CommandDocs = {
  examples: [
    'scalectl schedule mornings --asg web-asg --recurrence "0 8 * * 1-5" --min 2 --desired 4 --time-zone Europe/Berlin',
    'scalectl schedule evenings --asg web-asg --recurrence "0 20 * * 1-5" --min 1 --desired 1 --time-zone Europe/Berlin',
    "scalectl schedule launch-day --asg web-asg --at 2026-12-24T06:00:00Z --until 2026-12-27T00:00:00Z --desired 8",
  ],
  text: [
    "name, status (created, updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

export function registerSchedule(program: Command, deps: Deps, run: (o: ScheduleOptions, ctx: Ctx) => Promise<ChangeReport | PlanResult> = schedule): void {
  const cmd = addDocs(program.command('schedule'), docs)
    .description("create or converge a scheduled action that changes a group's size at a time or on a cron schedule")
    .argument('<name>', 'scheduled action name')
    .requiredOption('--asg <group>', 'the group it resizes')
    .option('--recurrence <cron>', 'five-field cron expression, e.g. "0 9 * * 1-5" (UTC unless --time-zone)')
    .option('--at <time>', 'one run at this time: ISO 8601 (2026-12-24T18:00:00Z) or relative (+2h, +30m, +1d)')
    .option('--until <time>', 'no runs after this time (same forms as --at)')
    .option('--min <n>', 'minimum size to set', intArg('--min', 0))
    .option('--max <n>', 'maximum size to set', intArg('--max', 0))
    .option('--desired <n>', 'desired capacity to set', intArg('--desired', 0))
    .option('--time-zone <tz>', 'IANA time zone of --recurrence, e.g. Europe/Berlin');
  addDryRun(cmd);
  cmd.action(async (name: string, f: Flags, c: Command) => {
    const opts = scheduleOptions(name, f, deps.clock.now());
    const ctx = await contextOf(c, deps);
    await renderChange(await run(opts, ctx), ctx);
  });
}

/** Flags → options; every usage error is raised here, before any request. `now` is epoch ms. */
export function scheduleOptions(name: string, f: Flags, now: number): ScheduleOptions {
  if ((f.recurrence === undefined) === (f.at === undefined)) throw new UsageError('give one of --recurrence CRON or --at TIME', 'e.g. --recurrence "0 9 * * 1-5" or --at +2h');
  if (f.min === undefined && f.max === undefined && f.desired === undefined) throw new UsageError('a scheduled action needs a size: give at least one of --min, --max, --desired');
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) throw new UsageError(`--min ${f.min} is greater than --max ${f.max}`);
  for (const [k, v] of [['--min', f.min], ['--max', f.max]] as const) {
    if (f.desired !== undefined && v !== undefined && (k === '--min' ? f.desired < v : f.desired > v)) throw new UsageError(`--desired ${f.desired} is outside [--min, --max]`);
  }
  const recurrence = f.recurrence !== undefined ? usage(() => checkCron(f.recurrence as string)) : undefined;
  const startTime = f.at !== undefined ? usage(() => parseTime('--at', f.at as string, now)) : undefined;
  if (startTime !== undefined && startTime <= now) throw new UsageError(`--at ${f.at} is in the past (${new Date(startTime).toISOString()})`, 'give a future time, e.g. --at +2h');
  const endTime = f.until !== undefined ? usage(() => parseTime('--until', f.until as string, now)) : undefined;
  if (endTime !== undefined && endTime <= (startTime ?? now)) throw new UsageError(`--until ${f.until} is before ${startTime !== undefined ? `--at ${f.at}` : 'now'}`);
  if (f.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: f.timeZone });
    } catch {
      throw new UsageError(`--time-zone ${f.timeZone} is not an IANA time zone`, 'e.g. UTC, Europe/Berlin, America/New_York');
    }
  }
  const spec: ScheduleSpec = {
    name, group: f.asg,
    ...(recurrence ? { recurrence } : {}), ...(startTime !== undefined ? { startTime } : {}), ...(endTime !== undefined ? { endTime } : {}),
    ...(f.min !== undefined ? { min: f.min } : {}), ...(f.max !== undefined ? { max: f.max } : {}), ...(f.desired !== undefined ? { desired: f.desired } : {}),
    ...(f.timeZone ? { timeZone: f.timeZone } : {}),
  };
  return { spec, dryRun: f.dryRun === true };
}

/** Creates the scheduled action, replaces it when it differs, or reports `unchanged`. */
export async function schedule(o: ScheduleOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  const ops = await import('../../services/autoscaling-ops.js');
  const s = o.spec;
  const group = await liveGroup(ctx, s.group, o.dryRun);
  const live = group ? await readLive(ctx, o.dryRun, async () => ops.findScheduledAction(await ctx.aws.autoscaling(), { group: s.group, name: s.name }), undefined) : undefined;
  const changes = live ? scheduleChanges(live, s) : [];
  const action = !live ? 'create' : changes.length ? 'update' : 'unchanged';
  const request = { service: 'autoscaling', operation: 'PutScheduledUpdateGroupAction', input: ops.putScheduledActionInput(s) };
  const steps: Step[] = [action === 'unchanged'
    ? { action, resource: 'scheduled-action', name: `${s.group}/${s.name}`, run: async () => {} }
    : { action, resource: 'scheduled-action', name: `${s.group}/${s.name}`, ...(changes.length ? { detail: changes.join(', ') } : {}), request, run: async () => ops.putScheduledAction(await ctx.aws.autoscaling(), s) }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { kind: 'scheduled-action', name: s.name, status: action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged', changes: action === 'create' ? [`created on ${s.group}`] : changes };
}
