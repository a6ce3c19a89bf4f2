// Pure checks and types of the day-two Auto Scaling commands: process names, cron, times,
// notification events, SNS ARNs. No I/O; every failure is a plain Error the command turns into a
// UsageError (exit 2) before anything is sent.

/** The Auto Scaling processes that suspend and resume accept, spelled as AWS spells them. */
export const PROCESSES = ['Launch', 'Terminate', 'AddToLoadBalancer', 'AlarmNotification', 'AZRebalance', 'HealthCheck', 'InstanceRefresh', 'ReplaceUnhealthy', 'ScheduledActions'] as const;

/** Names as typed (any case) → AWS's spelling; an unknown name is an error naming the valid ones. */
export function normalizeProcesses(names: string[]): string[] {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const p = PROCESSES.find((x) => x.toLowerCase() === n.trim().toLowerCase());
    if (!p) unknown.push(n);
    else if (!out.includes(p)) out.push(p);
  }
  if (unknown.length) throw new Error(`unknown process${unknown.length === 1 ? '' : 'es'} ${unknown.join(', ')}; choose from ${PROCESSES.join(', ')}`);
  return out;
}

/**
 * The processes a suspend or resume has to send, given what is suspended now. `names` empty = all.
 * Returns the processes whose state changes (empty = unchanged).
 */
export function processChanges(mode: 'suspend' | 'resume', names: string[], suspended: string[]): string[] {
  const wanted = names.length ? names : [...PROCESSES];
  const isSuspended = (p: string) => suspended.some((s) => s.toLowerCase() === p.toLowerCase());
  return wanted.filter((p) => (mode === 'suspend' ? !isSuspended(p) : isSuspended(p)));
}

const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;

/** A cron expression AWS accepts for a scheduled action: five fields (minute hour day month weekday). */
export function checkCron(expr: string): string {
  const fields = expr.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
    throw new Error(`--recurrence "${expr}" is not a cron expression of five fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"`);
  }
  return fields.join(' ');
}

const RELATIVE = /^\+(\d+)([smhd])$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `+2h`, `+30m`, `+1d` (from `now`) or an ISO 8601 time → epoch ms. */
export function parseTime(label: string, value: string, now: number): number {
  const rel = RELATIVE.exec(value.trim());
  if (rel) return now + Number(rel[1]) * (UNIT_MS[(rel[2] ?? 's').toLowerCase()] ?? 1000);
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(value.trim());
  const t = iso ? Date.parse(value.trim()) : NaN;
  if (!Number.isFinite(t)) throw new Error(`${label} "${value}" is not a time: give ISO 8601 (2026-12-24T18:00:00Z) or a relative time like +2h, +30m, +1d`);
  return t;
}

/** Notification event names as typed → AWS's notification types. */
export const NOTIFICATION_EVENTS: Record<string, string> = {
  launch: 'autoscaling:EC2_INSTANCE_LAUNCH',
  terminate: 'autoscaling:EC2_INSTANCE_TERMINATE',
  'launch-error': 'autoscaling:EC2_INSTANCE_LAUNCH_ERROR',
  'terminate-error': 'autoscaling:EC2_INSTANCE_TERMINATE_ERROR',
  test: 'autoscaling:TEST_NOTIFICATION',
};

/** The four real events: what `notify` sends when --events is not given. */
export const DEFAULT_EVENTS = ['launch', 'terminate', 'launch-error', 'terminate-error'];

export function notificationTypes(events: string[]): string[] {
  const unknown = events.filter((e) => !(e.toLowerCase() in NOTIFICATION_EVENTS));
  if (unknown.length) throw new Error(`unknown event${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}; choose from ${Object.keys(NOTIFICATION_EVENTS).join(', ')}`);
  return [...new Set(events.map((e) => NOTIFICATION_EVENTS[e.toLowerCase()] as string))];
}

/** AWS's notification type → our event name (unknown types pass through). */
export function eventName(type: string): string {
  return Object.entries(NOTIFICATION_EVENTS).find(([, t]) => t === type)?.[0] ?? type;
}

export function checkTopicArn(arn: string): string {
  if (!/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(arn)) throw new Error(`--topic "${arn}" is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)`);
  return arn;
}

/** A scheduled action as our own types carry it. */
export interface ScheduledAction {
  name: string;
  group: string;
  /** Cron expression (recurring actions). */
  recurrence?: string;
  /** ISO time of the (first) run. */
  startTime?: string;
  endTime?: string;
  min?: number;
  max?: number;
  desired?: number;
  timeZone?: string;
}

/** What `schedule` wants a scheduled action to be. */
export interface ScheduleSpec {
  name: string;
  group: string;
  recurrence?: string;
  /** Epoch ms. */
  startTime?: number;
  endTime?: number;
  min?: number;
  max?: number;
  desired?: number;
  timeZone?: string;
}

/** The fields of a live action that differ from the spec (empty: unchanged). */
export function scheduleChanges(live: ScheduledAction, spec: ScheduleSpec): string[] {
  const out: string[] = [];
  if ((live.recurrence ?? '') !== (spec.recurrence ?? '')) out.push('recurrence');
  // A recurring action's StartTime is AWS's next run, so it is compared only when --at was given.
  if (spec.startTime !== undefined && (live.startTime ? Date.parse(live.startTime) : undefined) !== spec.startTime) out.push('start time');
  if ((live.endTime ? Date.parse(live.endTime) : undefined) !== spec.endTime) out.push('end time');
  for (const k of ['min', 'max', 'desired'] as const) if (live[k] !== spec[k]) out.push(k);
  if ((live.timeZone ?? 'UTC') !== (spec.timeZone ?? 'UTC') && (live.timeZone || spec.timeZone)) out.push('time zone');
  return out;
}

/** One notification configuration: a topic and the events it gets. */
export interface NotificationConfig {
  group: string;
  topic: string;
  /** AWS notification types, e.g. autoscaling:EC2_INSTANCE_LAUNCH. */
  types: string[];
}

/** One scaling activity, newest first in lists. */
export interface Activity {
  id: string;
  start?: string;
  end?: string;
  status: string;
  progress?: number;
  description: string;
  cause: string;
  statusMessage?: string;
}

/** The rows of `next` that are new or changed compared with `seen` (by id → last printed form). */
export function newOrChanged(seen: Map<string, string>, next: Activity[]): Activity[] {
  const out: Activity[] = [];
  for (const a of [...next].reverse()) {
    const key = JSON.stringify([a.status, a.progress, a.end, a.statusMessage]);
    if (seen.get(a.id) === key) continue;
    seen.set(a.id, key);
    out.push(a);
  }
  return out;
}

/** One look at an instance refresh. */
export interface RefreshState {
  id: string;
  status: string;
  percentage?: number;
  instancesToUpdate?: number;
  reason?: string;
}
