import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { ChangeReport } from '../../output/change-view.js';
import type { PlanResult } from '../../plan.js';
import { registerProcessesCommand, setGroupProcesses, type ProcessesOptions } from './processes.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `suspend` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('suspend', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:SuspendProcesses',
  ],
  subject: 'auto-scaling-group',
});

export type { ProcessesOptions };

export function registerSuspend(program: Command, deps: Deps, run: (o: ProcessesOptions, ctx: Ctx) => Promise<ChangeReport | PlanResult> = suspend): void {
  registerProcessesCommand('suspend', program, deps, run);
}

/** Suspends the processes named (all when none); already suspended ones are left alone. */
export async function suspend(o: ProcessesOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  return setGroupProcesses('suspend', o, ctx);
}
