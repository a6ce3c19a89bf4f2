// What the day-two commands share (not a command): the group look-up, the change result's view
// and the UsageError wrapper for the pure checks in domain/day-two.ts.
import type { Ctx } from '../../deps.js';
import type { Group } from '../../domain/asg-plan.js';
import type { ChangeResult } from '../../domain/day-two.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import { planView, readLive, type PlanResult } from '../../plan.js';

/** Runs a pure check; its Error becomes a UsageError (exit 2), so nothing is sent. */
export function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function groupNotFound(name: string): NotFoundError {
  return new NotFoundError(`Auto Scaling group ${name} does not exist`, 'check the name with "scalectl describe-asgs"');
}

/** The live group (NotFoundError when absent); undefined only in a dry-run without credentials. */
export async function liveGroup(ctx: Ctx, name: string, dryRun: boolean): Promise<Group | undefined> {
  const as = await import('../../services/autoscaling.js');
  return readLive(ctx, dryRun, async () => {
    const g = await as.findGroup(await ctx.aws.autoscaling(), name);
    if (!g) throw groupNotFound(name);
    return g;
  }, undefined);
}

/** The JSON is the result itself: {"kind","name","status","changes"}; text is NAME STATUS. */
export const changeView: View<ChangeResult> = {
  table: (r, st) => ({ head: ['KIND', 'NAME', 'STATUS', 'CHANGES'], rows: [[r.kind, r.name, r.status === 'unchanged' ? st.dim(r.status) : st.green(r.status), cell(r.changes.join(', '))]] }),
  text: (r) => [[r.name, r.status]],
  json: (r) => r,
};

/** Prints a mutating command's result: the plan of a dry-run, else the change. */
export async function renderChange(result: ChangeResult | PlanResult, ctx: Ctx): Promise<void> {
  if ('dryRun' in result) return render(result, planView, ctx, ctx.io);
  if (result.status === 'unchanged' && ctx.format === 'text') ctx.log.progress(`${result.kind} ${result.name} unchanged`);
  return render(result, changeView, ctx, ctx.io);
}

/** A time for tables and text: ISO without milliseconds. */
export function shortTime(iso: string | undefined): string | undefined {
  return iso?.replace(/\.\d{3}Z$/, 'Z');
}
