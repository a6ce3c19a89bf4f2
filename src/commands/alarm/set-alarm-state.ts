import { type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `set-alarm-state` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('set-alarm-state', {
  actions: [
    'cloudwatch:DescribeAlarms',
    'cloudwatch:SetAlarmState',
  ],
  subject: 'alarm',
});

export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** Parsed flags of `set-alarm-state`. */
export interface SetAlarmStateOptions {
  name: string;
  state: AlarmState;
  reason: string;
  dryRun: boolean;
}

const docs: CommandDocs = {
  examples: [
    'scalectl set-alarm-state cpu-high --state ALARM --reason "testing the scale-up wiring"',
    'scalectl set-alarm-state cpu-high --state OK --reason "done testing"',
  ],
  text: [
    "name, status (updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

export function registerSetAlarmState(program: Command, deps: Deps, run = setAlarmState): void {
  const cmd = addDocs(program.command('set-alarm-state'), docs)
    .description("force an alarm into a state until its next evaluation, to test what its actions do")
    .argument('<name>', 'alarm name')
    .option('--state <state>', 'ALARM, OK or INSUFFICIENT_DATA (required)')
    .option('--reason <text>', 'why, recorded in the alarm history (required)');
  addDryRun(cmd);
  cmd.action(async (name: string, f: { state?: string; reason?: string; dryRun?: boolean }, c: Command) => {
    const opts = setAlarmStateOptions(name, f);
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    await renderChange(result, ctx);
  });
}

/** Flags → options; every usage error is raised here, before any request. */
export function setAlarmStateOptions(name: string, f: { state?: string; reason?: string; dryRun?: boolean }): SetAlarmStateOptions {
  if (f.state === undefined) throw new UsageError(`set-alarm-state ${name} needs --state ${ALARM_STATES.join('|')}`);
  const state = ALARM_STATES.find((s) => s === f.state!.toUpperCase().replace(/-/g, '_'));
  if (!state) throw new UsageError(`--state must be ${ALARM_STATES.join(', ')}, got "${f.state}"`);
  if (f.reason === undefined || f.reason.trim() === '') throw new UsageError(`set-alarm-state ${name} needs --reason TEXT`, 'e.g. --reason "testing the scale-up wiring"');
  if (f.reason.length > 1023) throw new UsageError(`--reason is at most 1023 characters, got ${f.reason.length}`);
  return { name, state, reason: f.reason, dryRun: f.dryRun === true };
}

/**
 * Sets the state. An alarm already in that state is left alone and reported unchanged: CloudWatch
 * runs actions on a change of state only, so sending it again would prove nothing.
 */
export async function setAlarmState(o: SetAlarmStateOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  const cw = await import('../../services/cloudwatch.js');
  const act = await import('../../services/cloudwatch-actions.js');
  const live = await readLive(ctx, o.dryRun, async () => (await cw.findAlarm(await ctx.aws.cloudwatch(), o.name)) ?? null, undefined);
  if (live === null) throw new NotFoundError(`no alarm named ${o.name}`, 'list them with "scalectl describe-alarms"');
  const steps: Step[] = [];
  if (live?.state === o.state) {
    steps.push({ action: 'unchanged', resource: 'alarm', name: o.name, detail: `already ${o.state}`, run: async () => {} });
    if (!o.dryRun) ctx.log.warn(`alarm ${o.name} is already ${o.state}: nothing sent, so no action ran; set another state first to see them run again`);
  } else {
    const input = { AlarmName: o.name, StateValue: o.state, StateReason: o.reason };
    steps.push({ action: 'set', resource: 'alarm', name: o.name, detail: `state ${live?.state ?? '?'} → ${o.state}${live && !live.actionsEnabled ? ' (its actions are disabled)' : ''}`, request: { service: 'cloudwatch', operation: 'SetAlarmState', input }, run: async () => act.setAlarmState(await ctx.aws.cloudwatch(), o) });
  }
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  const changed = steps[0]!.action !== 'unchanged';
  if (changed && live && !live.actionsEnabled) ctx.log.warn(`alarm ${o.name} has its actions disabled, so none ran; "scalectl alarm-actions enable ${o.name}" turns them on`);
  return { kind: 'alarm', name: o.name, status: changed ? 'updated' : 'unchanged', changes: changed ? [`state ${live?.state ?? '?'} → ${o.state}`] : [] };
}
