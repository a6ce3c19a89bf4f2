// Times for get-stats: ISO 8601 and relative (`-3h`, `-30m`, `now`), and splitting a range so no
// GetMetricStatistics request asks for more than its 1,440 datapoints.

/** Most datapoints one GetMetricStatistics request returns. */
export const MAX_POINTS_PER_REQUEST = 1440;

const RELATIVE = /^-(\d+)\s*(s|sec|m|min|h|d|w)$/i;
const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * `now`, `-90s`, `-30m`, `-3h`, `-2d`, `-1w`, or an ISO 8601 time (`2026-11-21T10:00:00Z`, with an
 * offset, or a date alone) → epoch ms; undefined when it is none of these.
 */
export function parseTime(value: string, nowMs: number): number | undefined {
  const v = value.trim();
  if (v.toLowerCase() === 'now') return nowMs;
  const rel = RELATIVE.exec(v);
  if (rel) return nowMs - Number(rel[1]) * UNIT_SECONDS[rel[2]!.toLowerCase()]! * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A half-open time range [start, end) in epoch ms. */
export interface TimeRange {
  start: number;
  end: number;
}

/** Splits [start, end) into consecutive ranges of at most `maxPoints` periods each. */
export function splitRange(range: TimeRange, periodSeconds: number, maxPoints = MAX_POINTS_PER_REQUEST): TimeRange[] {
  const span = periodSeconds * 1000 * maxPoints;
  const out: TimeRange[] = [];
  for (let s = range.start; s < range.end; s += span) out.push({ start: s, end: Math.min(s + span, range.end) });
  return out;
}

/** The start of each period in [start, end): where a datapoint is expected (gaps are the missing ones). */
export function periodSlots(range: TimeRange, periodSeconds: number): number[] {
  const slots: number[] = [];
  for (let t = range.start; t < range.end; t += periodSeconds * 1000) slots.push(t);
  return slots;
}

/** Rounds a time down to a whole period since the epoch, as CloudWatch aligns its datapoints. */
export function floorToPeriod(ms: number, periodSeconds: number): number {
  const p = periodSeconds * 1000;
  return Math.floor(ms / p) * p;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Most GetMetricStatistics requests one get-stats run sends (a year of hourly data takes 7). */
export const MAX_REQUESTS = 50;

/**
 * Why CloudWatch cannot answer for this range and period, or undefined. CloudWatch keeps
 * datapoints under 60 s for 3 hours, 60 s ones for 15 days, 300 s ones for 63 days and hourly ones
 * for 455 days; a start older than that returns nothing (GetMetricStatistics documentation).
 */
export function retentionProblem(range: TimeRange, periodSeconds: number, nowMs: number): string | undefined {
  const age = nowMs - range.start;
  if (age > 455 * DAY) return 'CloudWatch keeps datapoints for 455 days at most';
  if (age > 63 * DAY && periodSeconds % 3600 !== 0) return 'datapoints older than 63 days exist only per hour: use --period 1h (or a multiple)';
  if (age > 15 * DAY && periodSeconds % 300 !== 0) return 'datapoints older than 15 days exist only per 5 minutes: use --period 5m (or a multiple)';
  if (age > 3 * HOUR && periodSeconds < 60) return 'datapoints under 60 seconds are kept for 3 hours: use --period 60 (or a multiple)';
  return undefined;
}

/** How many requests splitRange would make, without making the list. */
export function requestCount(range: TimeRange, periodSeconds: number, maxPoints = MAX_POINTS_PER_REQUEST): number {
  return Math.max(0, Math.ceil((range.end - range.start) / (periodSeconds * 1000 * maxPoints)));
}
