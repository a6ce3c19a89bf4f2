// as-put-scheduled-update-group-action, as-delete-scheduled-action,
// as-put-notification-configuration and as-delete-notification-configuration: onto the native
// schedule, unschedule and notify run functions.
import { notify, type NotifyOptions } from '../../commands/asg/notify.js';
import { schedule, scheduleOptions } from '../../commands/asg/schedule.js';
import { unschedule } from '../../commands/asg/unschedule.js';
import { checkTopicArn, eventName, NOTIFICATION_EVENTS } from '../../domain/day-two.js';
import { NotFoundError, UsageError } from '../../errors.js';
import type { Parsed } from '../argv.js';
import { int, list, nameArg, need, val, type LegacyCommand } from '../framework.js';
import { done, OK } from '../ok.js';

const GROUP = { long: 'auto-scaling-group', kind: 'value' } as const;
const FORCE = { long: 'force', short: 'f', kind: 'flag' } as const;

/** The native schedule flags: --time or --start-time is --at, --end-time is --until. */
function scheduleFlags(p: Parsed) {
  const at = val(p, 'time') ?? val(p, 'start-time');
  if (val(p, 'time') !== undefined && val(p, 'start-time') !== undefined) throw new UsageError('--time and --start-time: give one');
  const recurrence = val(p, 'recurrence');
  if (recurrence !== undefined && at !== undefined) throw new UsageError('--start-time with --recurrence is not supported by scalectl yet', 'drop --start-time: the recurrence starts now');
  const min = int(p, 'min-size', 0);
  const max = int(p, 'max-size', 0);
  const desired = int(p, 'desired-capacity', 0);
  return {
    asg: need(p, 'auto-scaling-group'), ...(recurrence !== undefined ? { recurrence } : {}), ...(at !== undefined ? { at } : {}), ...(val(p, 'end-time') !== undefined ? { until: val(p, 'end-time')! } : {}),
    ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(desired !== undefined ? { desired } : {}),
  };
}

export const asPutScheduledUpdateGroupAction: LegacyCommand = {
  name: 'as-put-scheduled-update-group-action',
  usage: 'as-put-scheduled-update-group-action ScheduledActionName --auto-scaling-group value [--desired-capacity value] [--end-time value] [--max-size value] [--min-size value] [--recurrence value] [--start-time value] [--time value] [General Options]',
  options: [{ long: 'name', kind: 'value' }, GROUP, { long: 'time', kind: 'value' }, { long: 'start-time', kind: 'value' }, { long: 'end-time', kind: 'value' }, { long: 'recurrence', kind: 'value' }, ...(['min-size', 'max-size', 'desired-capacity'] as const).map((long) => ({ long, kind: 'value' as const }))],
  translate: (p) => {
    const f = scheduleFlags(p);
    const opt = (flag: string, v: string | number | undefined) => (v === undefined ? [] : [flag, String(v)]);
    return { args: ['schedule', nameArg(p, 'ScheduledActionName', 'name'), '--asg', f.asg, ...opt('--recurrence', f.recurrence), ...opt('--at', f.at), ...opt('--until', f.until), ...opt('--min', f.min), ...opt('--max', f.max), ...opt('--desired', f.desired)] };
  },
  run: async (p, ctx) => {
    const r = done(await schedule(scheduleOptions(nameArg(p, 'ScheduledActionName', 'name'), scheduleFlags(p), ctx.clock.now()), ctx));
    return { lines: [OK.putScheduledAction] };
  },
};

export const asDeleteScheduledAction: LegacyCommand = {
  name: 'as-delete-scheduled-action',
  usage: 'as-delete-scheduled-action ScheduledActionName --auto-scaling-group value [-f/--force] [General Options]',
  options: [{ long: 'name', kind: 'value' }, GROUP, FORCE],
  prompt: (p) => (need(p, 'auto-scaling-group'), nameArg(p, 'ScheduledActionName', 'name'), ['Are you sure you want to delete this scheduled action?']),
  translate: (p) => ({ args: ['unschedule', nameArg(p, 'ScheduledActionName', 'name'), '--asg', need(p, 'auto-scaling-group')] }),
  run: async (p, ctx) => {
    const name = nameArg(p, 'ScheduledActionName', 'name');
    const group = need(p, 'auto-scaling-group');
    const r = done(await unschedule({ name, group, dryRun: false }, ctx));
    if (r.status === 'unchanged') throw new NotFoundError(`scheduled action ${name} not found in group ${group}`);
    return { lines: [OK.deleteScheduledAction] };
  },
};

const TYPES = Object.values(NOTIFICATION_EVENTS);

/** The native notify options; --notification-types are AWS's names (autoscaling:EC2_INSTANCE_LAUNCH, …). */
function notifyOpts(p: Parsed, off: boolean): NotifyOptions {
  const group = nameArg(p, 'AutoScalingGroupName', 'auto-scaling-group');
  let topic: string;
  try {
    topic = checkTopicArn(need(p, 'topic-arn')).trim();
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message.replace('--topic', '--topic-arn'));
  }
  if (off) return { group, topic, types: [], off: true, dryRun: false };
  const types = list(p, 'notification-types') ?? [];
  if (!types.length) throw new UsageError('--notification-types is required', `e.g. ${TYPES.slice(0, 2).join(',')}`);
  const bad = types.filter((t) => !TYPES.includes(t));
  if (bad.length) throw new UsageError(`--notification-types: unknown ${bad.join(', ')}; choose from ${TYPES.join(', ')}`);
  return { group, topic, types: [...new Set(types)], off: false, dryRun: false };
}

export const asPutNotificationConfiguration: LegacyCommand = {
  name: 'as-put-notification-configuration',
  usage: 'as-put-notification-configuration AutoScalingGroupName --topic-arn value --notification-types value[,value...] [General Options]',
  options: [GROUP, { long: 'topic-arn', kind: 'value' }, { long: 'notification-types', short: 't', kind: 'list' }],
  translate: (p) => {
    const o = notifyOpts(p, false);
    return { args: ['notify', o.group, '--topic', o.topic, '--events', o.types.map(eventName).join(',')] };
  },
  run: async (p, ctx) => {
    const r = done(await notify(notifyOpts(p, false), ctx));
    return { lines: [OK.putNotification] };
  },
};

export const asDeleteNotificationConfiguration: LegacyCommand = {
  name: 'as-delete-notification-configuration',
  usage: 'as-delete-notification-configuration AutoScalingGroupName --topic-arn value [-f/--force] [General Options]',
  options: [GROUP, { long: 'topic-arn', kind: 'value' }, FORCE],
  prompt: (p) => (notifyOpts(p, true), ['Are you sure you want to delete this notification configuration?']),
  translate: (p) => {
    const o = notifyOpts(p, true);
    return { args: ['notify', o.group, '--topic', o.topic, '--off'] };
  },
  run: async (p, ctx) => {
    const o = notifyOpts(p, true);
    const r = done(await notify(o, ctx));
    if (r.status === 'unchanged') throw new NotFoundError(`no notification configuration for topic ${o.topic} in group ${o.group}`);
    return { lines: [OK.deleteNotification] };
  },
};
