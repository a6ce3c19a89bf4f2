import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { formatElapsed } from '../../domain/asg-options.js';
import type { RefreshState } from '../../domain/day-two.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { InterruptedError, OperationError } from '../../errors.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf, durationArg, intArg } from '../options.js';
import { liveGroup } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `roll` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('roll', {
  actions: [
    'autoscaling:CancelInstanceRefresh',
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeInstanceRefreshes',
    'autoscaling:StartInstanceRefresh',
  ],
  subject: 'auto-scaling-group',
});

/** Parsed flags of `roll`. */
export interface RollOptions {
  group: string;
  /** MinHealthyPercentage, 0–100 (AWS default 90). */
  minHealthy?: number;
  /** InstanceWarmup in seconds. */
  warmup?: number;
  skipMatching: boolean;
  wait: boolean;
  timeoutSeconds: number;
  dryRun: boolean;
}

/** The change, with the refresh id and, after --wait, how it ended. */
export type RollResult = ChangeReport & { refreshId: string; refreshStatus?: string };

/** How often --wait looks at the refresh. */
export const ROLL_POLL_MS = 15_000;

const docs: CommandDocs = {
  examples: [
    "scalectl roll web-asg --min-healthy 50 --warmup 120 --skip-matching --wait",
    "scalectl roll web-asg --dry-run",
  ],
  text: [
    "name, status (created or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

export function registerRoll(program: Command, deps: Deps, run: (o: RollOptions, ctx: Ctx) => Promise<RollResult | PlanResult> = roll): void {
  const cmd = addDocs(program.command('roll'), docs)
    .description("replace a group's instances with ones from its current launch template version (an instance refresh)")
    .argument('<group>', 'group name')
    .option('--min-healthy <percent>', 'share of the group kept in service while rolling (AWS default 90)', intArg('--min-healthy', 0, 100))
    .option('--warmup <seconds>', 'seconds a new instance gets before it counts as healthy', intArg('--warmup', 0))
    .option('--skip-matching', 'leave instances that already run the wanted launch template version')
    .option('--wait', 'show progress on stderr until it finishes; Ctrl-C cancels the refresh')
    .addOption(new Option('--timeout <duration>', 'how long --wait waits (the refresh goes on after it)').argParser(durationArg('--timeout')).default(3600, '1h'));
  addDryRun(cmd);
  cmd.action(async (group: string, f: { minHealthy?: number; warmup?: number; skipMatching?: boolean; wait?: boolean; timeout: number; dryRun?: boolean }, c: Command) => {
    const ctx = await contextOf(c, deps);
    const opts: RollOptions = { group, ...(f.minHealthy !== undefined ? { minHealthy: f.minHealthy } : {}), ...(f.warmup !== undefined ? { warmup: f.warmup } : {}), skipMatching: f.skipMatching === true, wait: f.wait === true, timeoutSeconds: f.timeout, dryRun: f.dryRun === true };
    await renderChange(await run(opts, ctx), ctx);
  });
}

/** Starts an instance refresh (or finds the one already running: `unchanged`), then optionally waits for it. */
export async function roll(o: RollOptions, ctx: Ctx): Promise<RollResult | PlanResult> {
  const svc = await import('../../services/autoscaling-notify.js');
  const spec = { group: o.group, ...(o.minHealthy !== undefined ? { minHealthy: o.minHealthy } : {}), ...(o.warmup !== undefined ? { warmup: o.warmup } : {}), skipMatching: o.skipMatching };
  const group = await liveGroup(ctx, o.group, o.dryRun);
  const active = group ? await readLive(ctx, o.dryRun, async () => svc.findActiveRefresh(await ctx.aws.autoscaling(), o.group), undefined) : undefined;
  let id = active?.id ?? '';
  const steps: Step[] = active
    ? [{ action: 'unchanged', resource: 'instance-refresh', name: o.group, detail: `refresh ${active.id} already ${active.status}`, run: async () => {} }]
    : [{ action: 'start', resource: 'instance-refresh', name: o.group, request: { service: 'autoscaling', operation: 'StartInstanceRefresh', input: svc.startRefreshInput(spec) }, run: async () => void (id = await svc.startInstanceRefresh(await ctx.aws.autoscaling(), spec)) }];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  const result: RollResult = { kind: 'instance-refresh', name: o.group, status: active ? 'unchanged' : 'created', changes: active ? [] : [`refresh ${id} started`], refreshId: id };
  if (o.wait) result.refreshStatus = (await waitForRefresh(o, id, ctx)).status;
  return result;
}

/** Polls the refresh with a status line; Ctrl-C asks AWS to cancel it and exits 130; failure exits 1 with AWS's reason. */
export async function waitForRefresh(o: Pick<RollOptions, 'group' | 'timeoutSeconds'>, id: string, ctx: Ctx): Promise<RefreshState> {
  const svc = await import('../../services/autoscaling-notify.js');
  const client = await ctx.aws.autoscaling();
  const start = ctx.clock.now();
  try {
    for (;;) {
      const r = await svc.describeRefresh(client, { group: o.group, id });
      if (!r) throw new OperationError(`instance refresh ${id} of ${o.group} is not there any more`);
      const elapsed = ctx.clock.now() - start;
      ctx.log.status(`rolling ${o.group}: ${r.status}, ${r.percentage ?? 0}% done${r.instancesToUpdate !== undefined ? `, ${r.instancesToUpdate} instance${r.instancesToUpdate === 1 ? '' : 's'} left` : ''} (${formatElapsed(elapsed)})`);
      if (r.status === 'Successful') {
        ctx.log.endStatus();
        return r;
      }
      if (/^(Failed|Cancelled|RollbackSuccessful|RollbackFailed)$/.test(r.status)) {
        ctx.log.endStatus();
        throw new OperationError(`instance refresh ${id} of ${o.group} ended ${r.status}${r.reason ? `: ${r.reason}` : ''}`, `see what happened with "scalectl activities ${o.group}"`);
      }
      if (elapsed >= o.timeoutSeconds * 1000) {
        ctx.log.endStatus();
        throw new OperationError(`timed out after ${formatElapsed(elapsed)} waiting for instance refresh ${id} of ${o.group} (${r.percentage ?? 0}% done)`, 'the refresh goes on; watch it with "scalectl activities --follow", or re-run roll --wait');
      }
      await ctx.clock.sleep(Math.min(ROLL_POLL_MS, o.timeoutSeconds * 1000 - elapsed), ctx.signal);
    }
  } catch (err) {
    if (!ctx.signal.aborted) throw err;
    ctx.log.endStatus();
    const cancelled = await svc.cancelInstanceRefresh(client, o.group).catch(() => false);
    throw new InterruptedError(cancelled ? `interrupted: asked AWS to cancel instance refresh ${id} of ${o.group}` : `interrupted: could not cancel instance refresh ${id} of ${o.group}; it goes on`, cancelled ? undefined : `cancel it with "aws autoscaling cancel-instance-refresh --auto-scaling-group-name ${o.group}"`, { cause: err });
  }
}
