import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { render, type View } from '../../output/render.js';
import type { AlarmHistoryEntry } from '../../services/cloudwatch.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl alarm-history cpu-high",
    "scalectl alarm-history cpu-high --type StateUpdate --output text",
  ],
  text: [
    "time, type, summary",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `alarm-history` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('alarm-history', {
  actions: [
    'cloudwatch:DescribeAlarmHistory',
  ],
  subject: 'alarm',
});

/** Parsed flags of `alarm-history`. */
export interface AlarmHistoryOptions {
  name: string;
  type?: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
}

export interface AlarmHistoryResult {
  name: string;
  /** Newest first. */
  entries: AlarmHistoryEntry[];
}

export function registerAlarmHistory(program: Command, deps: Deps, run = alarmHistory): void {
  addDocs(program.command('alarm-history'), docs)
    .description("an alarm's history: state changes, configuration updates and actions")
    .argument('<name>', 'alarm name')
    .addOption(new Option('--type <type>', 'only this kind of entry').choices(['ConfigurationUpdate', 'StateUpdate', 'Action']))
    .action(async (name: string, flags: { type?: AlarmHistoryOptions['type'] }, cmd: Command) => {
      const ctx = await contextOf(cmd, deps);
      await render(await run({ name, ...(flags.type ? { type: flags.type } : {}) }, ctx), alarmHistoryView, ctx, ctx.io);
    });
}

export async function alarmHistory(opts: AlarmHistoryOptions, ctx: Ctx): Promise<AlarmHistoryResult> {
  const cw = await import('../../services/cloudwatch.js');
  const entries = await cw.alarmHistory(await ctx.aws.cloudwatch(), opts);
  if (entries.length === 0) ctx.log.warn(`no history for alarm ${opts.name} (CloudWatch keeps 30 days; check the name with "scalectl describe-alarms")`);
  return { name: opts.name, entries };
}

const alarmHistoryView: View<AlarmHistoryResult> = {
  empty: (r) => (r.entries.length ? undefined : 'no history for this alarm'),
  table: (r) => ({ head: ['TIME', 'TYPE', 'SUMMARY'], rows: r.entries.map((e) => [e.time, e.type, e.summary]) }),
  text: (r) => r.entries.map((e) => [e.time, e.type, e.summary]),
  json: (r) => r,
};
