// The run function behind `suspend` and `resume` (not a command itself).
import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { PROCESSES, normalizeProcesses, processChanges } from '../../domain/day-two.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { executePlan, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf } from '../options.js';
import { liveGroup, usage } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';

/** Parsed flags of `suspend` and `resume`. `processes` empty = all of them. */
export interface ProcessesOptions {
  group: string;
  processes: string[];
  dryRun: boolean;
}

const SUSPEND: CommandDocs = {
  examples: [
    "scalectl suspend web-asg Launch AZRebalance",
    "scalectl suspend web-asg",
    "scalectl suspend web-asg HealthCheck --dry-run",
  ],
  text: [
    "name, status (updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

const RESUME: CommandDocs = {
  examples: [
    "scalectl resume web-asg",
    "scalectl resume web-asg Launch,AZRebalance",
  ],
  text: [
    "name, status (updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

const DOCS = { suspend: SUSPEND, resume: RESUME };

/** Registers `suspend` or `resume`. */
export function registerProcessesCommand(mode: 'suspend' | 'resume', program: Command, deps: Deps, run: (o: ProcessesOptions, ctx: Ctx) => Promise<ChangeReport | PlanResult>): void {
  const cmd = addDocs(program.command(mode), DOCS[mode])
    .description(mode === 'suspend' ? "suspend an Auto Scaling group's processes (all of them when none is named)" : "resume an Auto Scaling group's suspended processes (all of them when none is named)")
    .argument('<group>', 'group name')
    .argument('[process...]', 'Launch, Terminate, AddToLoadBalancer, AlarmNotification, AZRebalance, HealthCheck, InstanceRefresh, ReplaceUnhealthy, ScheduledActions (any case)');
  addDryRun(cmd);
  cmd.action(async (group: string, names: string[], f: { dryRun?: boolean }, c: Command) => {
    const opts = processesOptions(group, names, f);
    const ctx = await contextOf(c, deps);
    await renderChange(await run(opts, ctx), ctx);
  });
}

export function processesOptions(group: string, names: string[], f: { dryRun?: boolean }): ProcessesOptions {
  return { group, processes: usage(() => normalizeProcesses(names.flatMap((n) => n.split(',')).filter(Boolean))), dryRun: f.dryRun === true };
}

/** Suspends or resumes what is not yet in that state; `unchanged` when nothing is. */
export async function setGroupProcesses(mode: 'suspend' | 'resume', o: ProcessesOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  const ops = await import('../../services/autoscaling-ops.js');
  const g = await liveGroup(ctx, o.group, o.dryRun);
  // Offline (a dry-run without credentials) every process named, or all, is planned.
  const changes = g ? processChanges(mode, o.processes, g.suspendedProcesses) : o.processes.length ? o.processes : [...PROCESSES];
  const input = { group: o.group, mode, processes: changes };
  const steps: Step[] = changes.length
    ? [{ action: mode, resource: 'auto-scaling-group', name: o.group, detail: changes.join(', '), request: { service: 'autoscaling', operation: mode === 'suspend' ? 'SuspendProcesses' : 'ResumeProcesses', input: ops.processesInput(input) }, run: async () => ops.setProcesses(await ctx.aws.autoscaling(), input) }]
    : [{ action: 'unchanged', resource: 'auto-scaling-group', name: o.group, run: async () => {} }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { kind: 'auto-scaling-group', name: o.group, status: changes.length ? 'updated' : 'unchanged', changes: changes.map((p) => `${p} ${mode === 'suspend' ? 'suspended' : 'resumed'}`) };
}
