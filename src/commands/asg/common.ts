// What the day-two group commands share (not a command): the group look-up and the UsageError wrapper for the pure checks in domain/day-two.ts.
import type { Ctx } from '../../deps.js';
import type { Group } from '../../domain/asg-plan.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { readLive } from '../../plan.js';

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

/** A time for tables and text: ISO without milliseconds. */
export function shortTime(iso: string | undefined): string | undefined {
  return iso?.replace(/\.\d{3}Z$/, 'Z');
}
