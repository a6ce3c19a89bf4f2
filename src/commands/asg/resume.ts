import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { ChangeReport } from '../../output/change-view.js';
import type { PlanResult } from '../../plan.js';
import { registerProcessesCommand, setGroupProcesses, type ProcessesOptions } from './processes.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `resume` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('resume', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:ResumeProcesses',
  ],
  subject: 'auto-scaling-group',
});

export type { ProcessesOptions };

export function registerResume(program: Command, deps: Deps, run: (o: ProcessesOptions, ctx: Ctx) => Promise<ChangeReport | PlanResult> = resume): void {
  registerProcessesCommand('resume', program, deps, run);
}

/** Resumes the processes named (all when none); already running ones are left alone. */
export async function resume(o: ProcessesOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  return setGroupProcesses('resume', o, ctx);
}
