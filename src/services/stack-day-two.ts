// The day-two parts of a stack: each group's scheduled actions and notification configurations.
// Kept apart from stack.ts so discovery there stays one list; both belong to their group.
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { Group } from '../domain/asg-plan.js';
import type { NotificationConfig, ScheduledAction } from '../domain/day-two.js';
import type { Timing } from '../domain/retry.js';
import { mapLimit } from '../domain/teardown.js';

/** What an endpoint without the API (moto lacks the notification calls) answers: a 5xx or a page that is not XML. */
function isUnsupported(err: unknown): boolean {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return (e.$metadata?.httpStatusCode ?? 0) >= 500 || /NotImplemented|InvalidAction|UnknownOperation/.test(e.name ?? '') || /parse error|Deserialization error|not (been )?implemented/i.test(e.message ?? '');
}

/** The scheduled actions and notification configurations of `groups`; a gap of the endpoint becomes a warning. */
export async function findGroupExtras(client: AutoScalingClient, input: { groups: Group[]; warnings: string[]; timing?: Timing }): Promise<{ schedules: ScheduledAction[]; notifications: NotificationConfig[] }> {
  if (input.groups.length === 0) return { schedules: [], notifications: [] };
  const [ops, notify] = await Promise.all([import('./autoscaling-ops.js'), import('./autoscaling-notify.js')]);
  const t = input.timing ? { timing: input.timing } : {};
  const names = input.groups.map((g) => g.name);
  const [schedules, notifications] = await Promise.all([
    mapLimit(names, 4, (group) => ops.describeScheduledActions(client, { group, ...t })).then((x) => x.flat()),
    notify.describeNotifications(client, { groups: names, ...t }).catch((err: unknown) => {
      if (!isUnsupported(err)) throw err;
      input.warnings.push('this endpoint cannot read notification configurations (DescribeNotificationConfigurations); they are left out');
      return [];
    }),
  ]);
  return { schedules, notifications };
}
