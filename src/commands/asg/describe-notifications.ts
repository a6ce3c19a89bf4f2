import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { eventName, type NotificationConfig } from '../../domain/day-two.js';
import { render, type View } from '../../output/render.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `describe-notifications` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('describe-notifications', {
  actions: [
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeNotificationConfigurations',
  ],
  subject: 'auto-scaling-group',
});

/** Parsed flags of `describe-notifications`. No group = every group. */
export interface DescribeNotificationsOptions {
  groups: string[];
}

export interface DescribeNotificationsResult {
  notifications: NotificationConfig[];
}

const docs: CommandDocs = {
  examples: [
    "scalectl describe-notifications",
    "scalectl describe-notifications web-asg --output text",
  ],
  text: [
    "group, topic, events (comma-separated)",
  ],
  exitCodes: [3],
};

export function registerDescribeNotifications(program: Command, deps: Deps, run = describeNotifications): void {
  addDocs(program.command('describe-notifications'), docs)
    .description('list the SNS topics groups notify, and the events each gets')
    .argument('[group...]', 'group names (default: every group)')
    .action(async (groups: string[], _f: unknown, c: Command) => {
      const ctx = await contextOf(c, deps);
      const r = await run({ groups }, ctx);
      if (r.notifications.length === 0 && ctx.io.stderrIsTTY) ctx.log.progress('no notification configurations');
      await render(r, describeNotificationsView, ctx, ctx.io);
    });
}

export async function describeNotifications(o: DescribeNotificationsOptions, ctx: Ctx): Promise<DescribeNotificationsResult> {
  const svc = await import('../../services/autoscaling-notify.js');
  return { notifications: await svc.describeNotifications(await ctx.aws.autoscaling(), { groups: o.groups }) };
}

const events = (n: NotificationConfig) => n.types.map(eventName).join(',');

export const describeNotificationsView: View<DescribeNotificationsResult> = {
  table: (r) => ({ head: ['GROUP', 'TOPIC', 'EVENTS'], rows: r.notifications.map((n) => [n.group, n.topic, events(n)]) }),
  text: (r) => r.notifications.map((n) => [n.group, n.topic, events(n)]),
  json: (r) => ({ notifications: r.notifications.map((n) => ({ group: n.group, topic: n.topic, events: n.types.map(eventName), types: n.types })) }),
};
