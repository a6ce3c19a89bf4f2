import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { DEFAULT_EVENTS, checkTopicArn, eventName, notificationTypes } from '../../domain/day-two.js';
import { renderChange, type ChangeReport } from '../../output/change-view.js';
import { UsageError } from '../../errors.js';
import { executePlan, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, contextOf, listArg } from '../options.js';
import { liveGroup, usage } from './common.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `notify` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('notify', {
  actions: [
    'autoscaling:DeleteNotificationConfiguration',
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeNotificationConfigurations',
    'autoscaling:PutNotificationConfiguration',
  ],
  subject: 'auto-scaling-group',
});

/** Parsed flags of `notify`. `types` are AWS notification types; `off` removes the topic's configuration. */
export interface NotifyOptions {
  group: string;
  topic: string;
  types: string[];
  off: boolean;
  dryRun: boolean;
}

const docs: CommandDocs = {
  examples: [
    "scalectl notify web-asg --topic arn:aws:sns:us-east-1:123456789012:ops",
    "scalectl notify web-asg --topic arn:aws:sns:us-east-1:123456789012:ops --events launch,terminate",
    "scalectl notify web-asg --topic arn:aws:sns:us-east-1:123456789012:ops --off",
  ],
  text: [
    "name, status (created, updated, unchanged or deleted)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};

export function registerNotify(program: Command, deps: Deps, run: (o: NotifyOptions, ctx: Ctx) => Promise<ChangeReport | PlanResult> = notify): void {
  const cmd = addDocs(program.command('notify'), docs)
    .description("send a group's launch and terminate events to an SNS topic (or stop with --off)")
    .argument('<group>', 'group name')
    .requiredOption('--topic <arn>', 'SNS topic ARN')
    .option('--events <list>', `launch, terminate, launch-error, terminate-error, test (default: ${DEFAULT_EVENTS.join(',')})`, listArg)
    .option('--off', "remove the topic's notification configuration");
  addDryRun(cmd);
  cmd.action(async (group: string, f: { topic: string; events?: string[]; off?: boolean; dryRun?: boolean }, c: Command) => {
    const opts = notifyOptions(group, f);
    const ctx = await contextOf(c, deps);
    await renderChange(await run(opts, ctx), ctx);
  });
}

export function notifyOptions(group: string, f: { topic: string; events?: string[]; off?: boolean; dryRun?: boolean }): NotifyOptions {
  const topic = usage(() => checkTopicArn(f.topic));
  if (f.off && f.events) throw new UsageError('--off removes every event of the topic; leave out --events');
  return { group, topic, types: f.off ? [] : usage(() => notificationTypes(f.events ?? DEFAULT_EVENTS)), off: f.off === true, dryRun: f.dryRun === true };
}

/** Creates, replaces or removes the group's configuration for one topic; `unchanged` when it already is so. */
export async function notify(o: NotifyOptions, ctx: Ctx): Promise<ChangeReport | PlanResult> {
  const svc = await import('../../services/autoscaling-notify.js');
  const group = await liveGroup(ctx, o.group, o.dryRun);
  const live = group ? (await readLive(ctx, o.dryRun, async () => svc.describeNotifications(await ctx.aws.autoscaling(), { groups: [o.group] }), [])).find((n) => n.topic === o.topic) : undefined;
  const label = `${o.group}/${o.topic}`;
  const want = { group: o.group, topic: o.topic, types: o.types };
  const same = live !== undefined && live.types.length === o.types.length && o.types.every((t) => live.types.includes(t));
  const action = o.off ? (live || !group ? 'delete' : 'unchanged') : !live ? 'create' : same ? 'unchanged' : 'update';
  const changes = action === 'delete' ? ['removed'] : action === 'create' ? o.types.map(eventName) : action === 'update' ? diff(live?.types ?? [], o.types) : [];
  const steps: Step[] = [
    action === 'unchanged' ? { action, resource: 'notification', name: label, run: async () => {} }
    : action === 'delete' ? { action, resource: 'notification', name: label, request: { service: 'autoscaling', operation: 'DeleteNotificationConfiguration', input: { AutoScalingGroupName: o.group, TopicARN: o.topic } }, run: async () => void (await svc.deleteNotificationIfExists(await ctx.aws.autoscaling(), { group: o.group, topic: o.topic })) }
    : { action, resource: 'notification', name: label, detail: o.types.map(eventName).join(', '), request: { service: 'autoscaling', operation: 'PutNotificationConfiguration', input: svc.putNotificationInput(want) }, run: async () => svc.putNotification(await ctx.aws.autoscaling(), want) },
  ];
  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { kind: 'notification', name: label, status: action === 'create' ? 'created' : action === 'update' ? 'updated' : action === 'delete' ? 'deleted' : 'unchanged', changes };
}

function diff(had: string[], want: string[]): string[] {
  return [...want.filter((t) => !had.includes(t)).map((t) => `+${eventName(t)}`), ...had.filter((t) => !want.includes(t)).map((t) => `-${eventName(t)}`)];
}
