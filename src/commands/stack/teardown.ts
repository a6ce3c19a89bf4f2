import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { canForceDelete, findBlockers, orderTargets, runTeardown, teardownExit, teardownSteps, type Blocker, type GroupFacts, type Target, type TeardownResult } from '../../domain/teardown.js';
import { WaitTimeout, type Timing } from '../../domain/retry.js';
import { blockerLine, remainingSummary, teardownView } from '../../domain/teardown-view.js';
import { classifyError, ConfigError, InterruptedError, OperationError, PartialError, UsageError } from '../../errors.js';
import { render } from '../../output/render.js';
import { planView, readLive, toPlan, type PlanResult } from '../../plan.js';
import { addDryRun, addYes, contextOf, durationArg, listArg } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl teardown --stack web --dry-run",
    "scalectl teardown --stack web --yes",
    "scalectl teardown --lb web-lb --cert web-cert --yes --output text",
  ],
  text: [
    "kind, name, outcome (deleted, already gone, failed, not done), reason",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 5],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `teardown` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('teardown', {
  actions: [
    'autoscaling:DeleteAutoScalingGroup',
    'autoscaling:DeleteLaunchConfiguration',
    'autoscaling:DeleteNotificationConfiguration',
    'autoscaling:DeletePolicy',
    'autoscaling:DeleteScheduledAction',
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeLaunchConfigurations',
    'autoscaling:DescribeLifecycleHooks',
    'autoscaling:DescribeNotificationConfigurations',
    'autoscaling:DescribePolicies',
    'autoscaling:DescribeScalingActivities',
    'autoscaling:DescribeScheduledActions',
    'autoscaling:UpdateAutoScalingGroup',
    'cloudwatch:DeleteAlarms',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:ListTagsForResource',
    'ec2:DeleteLaunchTemplate',
    'ec2:DescribeLaunchTemplates',
    'elasticloadbalancing:DeleteListener',
    'elasticloadbalancing:DeleteLoadBalancer',
    'elasticloadbalancing:DeleteTargetGroup',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
    'iam:DeleteServerCertificate',
    'iam:GetServerCertificate',
    'iam:ListServerCertificateTags',
    'iam:ListServerCertificates',
    'tag:GetResources',
    'route53:ChangeResourceRecordSets',
    'route53:ChangeTagsForResource',
    'route53:GetChange',
    'route53:ListHostedZones',
    'route53:ListResourceRecordSets',
    'route53:ListTagsForResources',
  ],
});

/** Parsed flags of `teardown`. */
export interface TeardownOptions {
  stack?: string;
  asg: string[];
  lb: string[];
  alarm: string[];
  cert: string[];
  launchTemplate: string[];
  launchConfig: string[];
  /** Route 53 alias records (with their `_scalectl.` markers) by name. */
  record: string[];
  dryRun: boolean;
  yes: boolean;
  force: boolean;
  /** Seconds for the whole teardown, waits included. */
  timeout: number;
}

export function registerTeardown(program: Command, deps: Deps, run = teardown): void {
  const cmd = addDocs(program.command('teardown'), docs)
    .description('delete a stack in dependency order: alarms, policies, groups (drained), launch templates, load balancers, certificates')
    .option('--stack <name>', 'everything tagged scalectl:stack=NAME, with its groups\' policies and launch templates')
    .option('--asg <names>', 'Auto Scaling group (repeatable, or comma-separated)', listArg)
    .option('--lb <names>', 'load balancer', listArg)
    .option('--alarm <names>', 'CloudWatch alarm', listArg)
    .option('--cert <names>', 'server certificate', listArg)
    .option('--launch-template <names>', 'launch template', listArg)
    .option('--launch-config <names>', 'launch configuration', listArg)
    .option('--record <names>', 'Route 53 alias record made by dns alias (with its marker), by name', listArg)
    .option('--force', 'force-delete groups (terminates instances without draining) where deletion protection allows')
    .addOption(new Option('--timeout <duration>', 'give up waiting after this long, for the whole run (90s, 15m, 1h)').argParser(durationArg('--timeout')).default(900, '15m'));
  addYes(addDryRun(cmd)).action(async (f: Record<string, unknown>, c: Command) => {
    const list = (k: string) => (f[k] as string[] | undefined) ?? [];
    const opts: TeardownOptions = {
      ...(f.stack ? { stack: f.stack as string } : {}),
      asg: list('asg'), lb: list('lb'), alarm: list('alarm'), cert: list('cert'), launchTemplate: list('launchTemplate'), launchConfig: list('launchConfig'), record: list('record').map((n) => n.replace(/\.$/, '').toLowerCase()),
      dryRun: f.dryRun === true, yes: f.yes === true, force: f.force === true, timeout: f.timeout as number,
    };
    if (!opts.stack && ![opts.asg, opts.lb, opts.alarm, opts.cert, opts.launchTemplate, opts.launchConfig, opts.record].some((l) => l.length)) {
      throw new UsageError('teardown needs something to delete', 'pass --stack NAME, or name resources with --asg, --lb, --alarm, --cert, --launch-template or --launch-config');
    }
    const ctx = await contextOf(c, deps);
    if (!opts.dryRun && !opts.yes && !ctx.io.stdinIsTTY) throw new UsageError('teardown deletes resources and stdin is not a terminal to confirm', 'pass --yes to delete without asking, or --dry-run to see the plan');
    const result = await run(opts, ctx);
    if (result.dryRun) {
      const unsearched = (result as PlanResult & { unsearched?: string[] }).unsearched ?? [];
      await render(result, { ...planView, json: (p) => ({ ...(planView.json(p) as object), ...(unsearched.length ? { unsearched } : {}) }) }, ctx, ctx.io);
      if (unsearched.length) throw new OperationError(`the plan is incomplete: ${unsearched.join(', ')} could not be searched`, 'name them on the command line, or run against an endpoint that can list them');
      return;
    }
    await render(result, teardownView(opts.stack), ctx, ctx.io);
    finish(result, opts);
  });
}

function finish(r: TeardownResult, opts: TeardownOptions): void {
  const code = teardownExit(r);
  const rerun = 're-run the same command to finish';
  if (code === 130) throw new InterruptedError(`interrupted; not deleted yet: ${remainingSummary(r)}`, rerun);
  if (r.unsearched?.length && !r.resources.some((e) => e.outcome === 'failed' || e.outcome === 'not done')) {
    const what = `${r.unsearched.join(', ')} could not be searched, so whether any remain is unknown`;
    const fix = 'name them on the command line (e.g. --cert NAME) to delete them';
    if (code === 1) throw new OperationError(`teardown${opts.stack ? ` of stack ${opts.stack}` : ''} is not complete: ${what}`, fix);
    throw new PartialError(`teardown${opts.stack ? ` of stack ${opts.stack}` : ''} is not complete: ${what}`, r.resources.map((e) => `${e.kind} ${e.name}`), r.unsearched.map((k) => `${k} (not searched)`), fix);
  }
  if (code === 1) throw new OperationError(`nothing could be deleted: ${r.resources.find((e) => e.reason)?.reason ?? 'see the report'}`, rerun);
  if (code === 5) {
    const done = r.resources.filter((e) => e.outcome === 'deleted' || e.outcome === 'already gone').map((e) => `${e.kind} ${e.name}`);
    const first = r.resources.find((e) => e.outcome === 'failed');
    throw new PartialError(`teardown${opts.stack ? ` of stack ${opts.stack}` : ''} is not complete: ${first ? `${first.kind} ${first.name} failed: ${first.reason}` : 'some resources failed'}`, done, remainingSummary(r).split(', '), rerun);
  }
}

/** Finds what to delete, checks blockers, then plans (dry-run) or confirms and deletes. */
export async function teardown(opts: TeardownOptions, ctx: Ctx): Promise<PlanResult | TeardownResult> {
  const timing: Timing = { now: () => ctx.clock.now(), sleep: (ms, s) => ctx.clock.sleep(ms, s), signal: ctx.signal, deadline: ctx.clock.now() + opts.timeout * 1000 };
  const stack = await import('../../services/stack.js');
  const discover = async () => stack.discoverTeardown(ctx.aws, { ...(opts.stack ? { stack: opts.stack } : {}), groups: opts.asg, certs: opts.cert, lbs: opts.lb, timing, lookAlike: (await ctx.settings()).endpoint !== undefined, debug: (l) => ctx.log.debug(l) });
  // With --stack alone, discovery is the whole point: a dry run that cannot read AWS has nothing
  // to show (exit 3). With resources named too, those are planned offline, with a warning.
  const found = opts.stack && named(opts).length === 0
    ? await discover().catch((err) => { throw offlineStack(err, opts); })
    : await readLive(ctx, opts.dryRun, discover, { targets: [], groups: [] as GroupFacts[], warnings: [] as string[], unsearched: [], seenGroups: new Map() });
  for (const w of found.warnings) ctx.log.warn(w);
  const unsearched = found.unsearched.length ? { unsearched: found.unsearched } : {};
  const targets = orderTargets([...found.targets, ...named(opts)]);
  const force = new Set(found.groups.filter((g) => opts.force && canForceDelete(g)).map((g) => g.name));
  const attached = opts.lb.length ? await readLive(ctx, opts.dryRun, () => groupsStillAttached(ctx, targets, timing), []) : [];
  const all = [...findBlockers(found.groups, opts.force), ...attached, ...(found.blockers ?? [])];
  for (const b of all) ctx.log.warn(blockerLine(b));
  if (opts.dryRun) return { ...toPlan(teardownSteps(targets.map((t) => (t.kind === 'auto-scaling-group' && force.has(t.name) ? { ...t, force: true, detail: 'force-delete: its instances are terminated without draining' } : t)))), ...unsearched };
  const blockers = all.filter((b) => !b.waits);
  if (blockers.length) {
    throw new OperationError(`${blockers.length} problem${blockers.length === 1 ? '' : 's'} would block ${attached.length ? 'the teardown' : blockers.every((b) => !b.kind) ? 'deleting Auto Scaling groups' : 'deleting the stack'}; nothing was deleted`, 'clear each one with the command shown above, then re-run');
  }
  if (targets.length === 0 && !found.unsearched.length) ctx.log.progress(opts.stack ? `nothing tagged scalectl:stack=${opts.stack} is left: everything is already gone` : 'nothing to delete');
  if (targets.length && ctx.io.stdinIsTTY && !opts.yes) {
    // The plan shown for the prompt is not a result: like the prompt itself it goes to stderr, as a table.
    ctx.log.endStatus();
    await render(toPlan(teardownSteps(targets)), planView, { format: 'table', style: ctx.errStyle }, { ...ctx.io, out: ctx.io.err });
    if (!(await ctx.confirm(targets.length === 1 ? 'Delete this resource?' : `Delete these ${targets.length} resources?`))) throw new OperationError('teardown cancelled; nothing was deleted');
    // --timeout bounds the deleting, not the time someone spent reading the plan.
    timing.deadline = ctx.clock.now() + opts.timeout * 1000;
  }
  const onProgress = (line: string) => ctx.log.status(line);
  const del = (t: { name: string }) => ({ timing, force: force.has(t.name), onProgress, seenGroups: found.seenGroups });
  const result = await runTeardown(targets, (t) => {
    ctx.log.progress(`Deleting ${t.kind} ${t.group ? `${t.group}/` : ''}${t.name}`);
    return stack.deleteTarget(ctx.aws, t, del(t));
  }, {
    delMany: (ts) => {
      const many = stack.deleteTargets(ctx.aws, ts, { timing, force: false, onProgress, seenGroups: found.seenGroups });
      if (many) for (const t of ts) ctx.log.progress(`Deleting ${t.kind} ${t.group ? `${t.group}/` : ''}${t.name}`);
      return many;
    },
    signal: ctx.signal,
    reason: (err) => (err instanceof WaitTimeout ? err.message : classifyError(err).message),
    isInterrupt: (err) => err instanceof InterruptedError,
  });
  ctx.log.endStatus();
  return { ...result, ...unsearched };
}

/** `teardown --stack` with no region or credentials: nothing can be found, so say so (exit 3). */
function offlineStack(err: unknown, opts: TeardownOptions): unknown {
  const e = classifyError(err);
  if (!opts.dryRun || !(e instanceof ConfigError)) return err;
  return new ConfigError(`${e.message}: teardown --stack ${opts.stack} --dry-run must read AWS to find what is tagged scalectl:stack=${opts.stack}`, 'configure a region and credentials (see "scalectl config"), or name the resources with --asg, --lb, … to plan offline', { cause: err });
}

/**
 * Live groups attached to a balancer this run deletes and not deleted by it: deleting the balancer
 * under them would leave them registering instances with nothing (and failing ELB health checks).
 */
async function groupsStillAttached(ctx: Ctx, targets: Target[], timing: Timing): Promise<Blocker[]> {
  const balancers = new Set(targets.filter((t) => t.kind === 'load-balancer').map((t) => t.name));
  const leaving = new Set(targets.filter((t) => t.kind === 'auto-scaling-group').map((t) => t.name));
  const asg = await import('../../services/autoscaling.js');
  const groups = await asg.describeGroups(await ctx.aws.autoscaling(), { names: [], timing });
  return groups
    .filter((g) => !leaving.has(g.name) && !/delete/i.test(g.status ?? ''))
    .flatMap((g) => g.loadBalancers.filter((lb) => balancers.has(lb)).map((lb) => ({
      group: g.name,
      problem: `is still attached to load balancer ${lb}, which this teardown would delete`,
      fix: `scalectl teardown --asg ${g.name} --lb ${lb} (deletes the group too), or keep the group: aws autoscaling detach-load-balancers --auto-scaling-group-name ${g.name} --load-balancer-names ${lb}`,
    })));
}

/** Resources named on the command line, whether or not discovery found them. */
function named(o: TeardownOptions): Target[] {
  return [
    ...o.asg.map((name) => ({ kind: 'auto-scaling-group' as const, name })),
    ...o.lb.map((name) => ({ kind: 'load-balancer' as const, name })),
    ...o.alarm.map((name) => ({ kind: 'alarm' as const, name })),
    ...o.cert.map((name) => ({ kind: 'server-certificate' as const, name })),
    ...o.launchTemplate.map((name) => ({ kind: 'launch-template' as const, name })),
    ...o.launchConfig.map((name) => ({ kind: 'launch-configuration' as const, name })),
    ...o.record.map((name) => ({ kind: 'dns-record' as const, name })),
  ];
}
