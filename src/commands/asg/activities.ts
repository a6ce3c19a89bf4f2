import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { newOrChanged, type Activity } from '../../domain/day-two.js';
import { interruptEndsCleanly } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import { contextOf, intArg } from '../options.js';
import { groupNotFound, shortTime } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `activities` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('activities', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeScalingActivities',
  ],
  subject: 'auto-scaling-group',
});

/** Parsed flags of `activities`. */
export interface ActivitiesOptions {
  group: string;
  max: number;
  follow: boolean;
}

export interface ActivitiesResult {
  group: string;
  /** Newest first. */
  activities: Activity[];
}

/** How often --follow looks again. */
export const FOLLOW_POLL_MS = 10_000;

const docs: CommandDocs = {
  examples: [
    "scalectl activities web-asg",
    "scalectl activities web-asg --max 5 --output text",
    "scalectl activities web-asg --follow",
  ],
  text: [
    "start, end, status, progress, description, cause (times ISO 8601 UTC; end empty while running)",
  ],
  exitCodes: [3, 4],
};

export function registerActivities(program: Command, deps: Deps, run = listActivities): void {
  addDocs(program.command('activities'), docs)
    .description("an Auto Scaling group's scaling activities, newest first: why it launched or terminated what")
    .argument('<group>', 'group name')
    .option('--max <n>', 'at most this many activities', intArg('--max', 1, 1000), 20)
    .option('--follow', 'keep printing new and changed activities until Ctrl-C (which exits 0)')
    .action(async (group: string, f: { max: number; follow?: boolean }, c: Command) => {
      const ctx = await contextOf(c, deps);
      const opts: ActivitiesOptions = { group, max: f.max, follow: f.follow === true };
      if (!opts.follow) {
        const r = await run(opts, ctx);
        if (r.activities.length === 0 && ctx.io.stderrIsTTY) ctx.log.progress(`no scaling activities for ${group}`);
        return render(r, activitiesView, ctx, ctx.io);
      }
      await followActivities(opts, ctx, async (rows) => {
        // JSON Lines while following: one activity object a line, so `jq` can read as it comes.
        if (ctx.format === 'json') ctx.io.out(rows.map((a) => JSON.stringify(a)).join('\n') + '\n');
        else await render({ group, activities: rows }, activitiesView, ctx, ctx.io);
      });
    });
}

/** The group's latest activities; NotFoundError when the group does not exist. */
export async function listActivities(o: Pick<ActivitiesOptions, 'group' | 'max'>, ctx: Ctx): Promise<ActivitiesResult> {
  const [ops, as] = await Promise.all([import('../../services/autoscaling-ops.js'), import('../../services/autoscaling.js')]);
  const client = await ctx.aws.autoscaling();
  const activities = await ops.describeActivities(client, { group: o.group, max: o.max });
  // An unknown group answers with no activities on some endpoints: tell the two apart.
  if (activities.length === 0 && !(await as.findGroup(client, o.group))) throw groupNotFound(o.group);
  return { group: o.group, activities };
}

/**
 * Prints the latest activities, then every few seconds only those that are new or changed
 * (oldest of them first), until Ctrl-C, which ends the run normally (exit 0).
 */
export async function followActivities(o: ActivitiesOptions, ctx: Ctx, print: (rows: Activity[]) => Promise<void>): Promise<void> {
  const seen = new Map<string, string>();
  const first = await listActivities(o, ctx);
  interruptEndsCleanly.add(ctx.signal);
  await print(newOrChanged(seen, first.activities));
  const ops = await import('../../services/autoscaling-ops.js');
  try {
    for (;;) {
      await ctx.clock.sleep(FOLLOW_POLL_MS, ctx.signal);
      const rows = newOrChanged(seen, await ops.describeActivities(await ctx.aws.autoscaling(), { group: o.group, max: o.max }));
      if (rows.length) await print(rows);
    }
  } catch (err) {
    if (!ctx.signal.aborted) throw err;
  }
}

const row = (a: Activity) => [shortTime(a.start), shortTime(a.end), a.status, a.progress !== undefined ? `${a.progress}%` : undefined, a.description, a.cause];

export const activitiesView: View<ActivitiesResult> = {
  table: (r, st) => ({
    head: ['START', 'END', 'STATUS', 'PROGRESS', 'DESCRIPTION', 'CAUSE'],
    rows: r.activities.map((a) => row(a).map((v, i) => (i === 2 ? (a.status === 'Successful' ? st.green(a.status) : /Failed|Cancelled/.test(a.status) ? st.red(a.status) : st.yellow(a.status)) : cell(v)))),
  }),
  text: (r) => r.activities.map(row),
  json: (r) => ({ group: r.group, activities: r.activities }),
};
