// Pure alarm logic: parsing comparison/statistic/unit spellings, the AWS limits checked before any
// request, the condition as a person reads it, and the desired-versus-live comparison.

/** The four comparison operators of a static-threshold alarm. */
export type Comparison = 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

/** The five standard statistics. */
export type StandardStatistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

export const STANDARD_STATISTICS: readonly StandardStatistic[] = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'];

/** A statistic: one of the five standard ones, or an extended (percentile) one such as `p99`. */
export type StatisticChoice = { statistic: StandardStatistic } | { extendedStatistic: string };

export const TREAT_MISSING_DATA = ['missing', 'notBreaching', 'breaching', 'ignore'] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

/** CloudWatch's StandardUnit list (SDK enum). */
export const UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes',
  'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count',
  'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second',
  'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
] as const;
export type Unit = (typeof UNITS)[number];

const COMPARISON_SPELLINGS: Record<string, Comparison> = {
  gt: 'GreaterThanThreshold', '>': 'GreaterThanThreshold', greaterthanthreshold: 'GreaterThanThreshold',
  ge: 'GreaterThanOrEqualToThreshold', '>=': 'GreaterThanOrEqualToThreshold', greaterthanorequaltothreshold: 'GreaterThanOrEqualToThreshold',
  lt: 'LessThanThreshold', '<': 'LessThanThreshold', lessthanthreshold: 'LessThanThreshold',
  le: 'LessThanOrEqualToThreshold', '<=': 'LessThanOrEqualToThreshold', lessthanorequaltothreshold: 'LessThanOrEqualToThreshold',
};

const COMPARISON_SYMBOL: Record<Comparison, string> = {
  GreaterThanThreshold: '>', GreaterThanOrEqualToThreshold: '>=', LessThanThreshold: '<', LessThanOrEqualToThreshold: '<=',
};

/** `gt`, `>`, `GreaterThanThreshold` (any case) → the AWS name; undefined when unknown. */
export function parseComparison(value: string): Comparison | undefined {
  return COMPARISON_SPELLINGS[value.trim().toLowerCase()];
}

const STAT_ALIASES: Record<string, StandardStatistic> = {
  average: 'Average', avg: 'Average', sum: 'Sum', minimum: 'Minimum', min: 'Minimum',
  maximum: 'Maximum', max: 'Maximum', samplecount: 'SampleCount', count: 'SampleCount',
};

/** Percentiles (p99, p99.9) and the other extended statistics CloudWatch takes (tm90, wm99, tc90, ts90). */
const EXTENDED = /^(p|tm|wm|tc|ts)(\d{1,2}(\.\d{1,10})?|100)$/i;

/** `Average` / `avg` / `p99` / `p99.9` → standard or extended statistic; undefined when unknown. */
export function parseStatistic(value: string): StatisticChoice | undefined {
  const v = value.trim();
  const std = STAT_ALIASES[v.toLowerCase()];
  if (std) return { statistic: std };
  return EXTENDED.test(v) ? { extendedStatistic: v.toLowerCase() } : undefined;
}

/** A unit in any case → its canonical spelling; undefined when unknown. */
export function parseUnit(value: string): Unit | undefined {
  return UNITS.find((u) => u.toLowerCase() === value.trim().toLowerCase());
}

/** An alarm as we describe it, with no SDK field names. */
export interface AlarmSettings {
  name: string;
  metric: string;
  namespace: string;
  /** Set when a standard statistic is used. */
  statistic?: StandardStatistic;
  /** Set when an extended statistic (p99) is used. */
  extendedStatistic?: string;
  dimensions: Array<{ name: string; value: string }>;
  /** Seconds. */
  period: number;
  threshold: number;
  comparison: Comparison;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  treatMissingData?: TreatMissingData;
  unit?: Unit;
  description?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
}

/** Everything the alarm does on a state change: its alarm, OK and insufficient-data actions. */
export function allActions(a: Pick<AlarmSettings, 'alarmActions' | 'okActions' | 'insufficientDataActions'>): string[] {
  return [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions];
}

/** Most actions AWS allows per state. */
export const MAX_ACTIONS = 5;
/** Most dimensions of a metric. */
export const MAX_DIMENSIONS = 30;

/**
 * The limits PutMetricAlarm enforces, checked before any request. Returns one message per problem.
 * Period: 10, 20, 30 (high resolution) or a multiple of 60. Period × evaluation periods: at most
 * 86,400 s when the period is under an hour, else at most 604,800 s (SDK model of PutMetricAlarm).
 */
export function alarmProblems(a: AlarmSettings): string[] {
  const p: string[] = [];
  if (!isAlarmPeriod(a.period)) p.push(`--period ${a.period} is not allowed: use 10, 20 or 30 (high resolution) or a multiple of 60 seconds`);
  const total = a.period * a.evaluationPeriods;
  const limit = a.period < 3600 ? 86_400 : 604_800;
  if (total > limit) {
    p.push(`--period ${a.period} × --evaluation-periods ${a.evaluationPeriods} = ${total} s is over AWS's limit of ${limit} s (${limit === 86_400 ? 'one day for periods under an hour' : 'seven days'})`);
  }
  if (a.datapointsToAlarm !== undefined && a.datapointsToAlarm > a.evaluationPeriods) {
    p.push(`--datapoints-to-alarm ${a.datapointsToAlarm} is more than --evaluation-periods ${a.evaluationPeriods}`);
  }
  if (a.dimensions.length > MAX_DIMENSIONS) p.push(`${a.dimensions.length} dimensions given; a metric has at most ${MAX_DIMENSIONS}`);
  const names = a.dimensions.map((d) => d.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) p.push(`dimension ${dup} is given twice`);
  for (const [label, list] of [['alarm', a.alarmActions], ['ok', a.okActions], ['insufficient-data', a.insufficientDataActions]] as const) {
    if (list.length > MAX_ACTIONS) p.push(`${list.length} ${label} actions given; AWS allows at most ${MAX_ACTIONS} per state`);
  }
  return p;
}

export function isAlarmPeriod(seconds: number): boolean {
  return seconds === 10 || seconds === 20 || seconds === 30 || (seconds > 0 && seconds % 60 === 0);
}

const STAT_SHORT: Record<StandardStatistic, string> = { Average: 'avg', Sum: 'sum', Minimum: 'min', Maximum: 'max', SampleCount: 'count' };

/** "CPUUtilization avg > 80 for 2 × 60s", or "… for 2 of 3 × 60s" when fewer datapoints must breach. */
export function conditionText(a: Pick<AlarmSettings, 'metric' | 'statistic' | 'extendedStatistic' | 'comparison' | 'threshold' | 'evaluationPeriods' | 'datapointsToAlarm' | 'period'>): string {
  const stat = a.statistic ? STAT_SHORT[a.statistic] : (a.extendedStatistic ?? '?');
  const n = a.datapointsToAlarm !== undefined && a.datapointsToAlarm !== a.evaluationPeriods ? `${a.datapointsToAlarm} of ${a.evaluationPeriods}` : `${a.evaluationPeriods}`;
  return `${a.metric} ${stat} ${COMPARISON_SYMBOL[a.comparison] ?? a.comparison} ${a.threshold} for ${n} × ${a.period}s`;
}

/** A scaling policy ARN → `{ group, policy }`; undefined for any other ARN. */
export function parsePolicyArn(arn: string): { group: string; policy: string } | undefined {
  const m = /^arn:[^:]+:autoscaling:[^:]*:[^:]*:scalingPolicy:[^:]+:autoScalingGroupName\/(.+):policyName\/(.+)$/.exec(arn);
  return m ? { group: m[1]!, policy: m[2]! } : undefined;
}

/** How an action is shown: the policy name for a scaling policy ARN, else the ARN. */
export function actionLabel(arn: string): string {
  return parsePolicyArn(arn)?.policy ?? arn;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** Names of the settings that differ between what is asked and what exists; empty when the same. */
export function alarmDifferences(want: AlarmSettings, live: AlarmSettings): string[] {
  const d: string[] = [];
  const dims = (x: AlarmSettings) => x.dimensions.map((v) => `${v.name}=${v.value}`);
  const checks: Array<[string, boolean]> = [
    ['metric', want.metric === live.metric],
    ['namespace', want.namespace === live.namespace],
    ['statistic', want.statistic === live.statistic && want.extendedStatistic === live.extendedStatistic],
    ['dimensions', sameSet(dims(want), dims(live))],
    ['period', want.period === live.period],
    ['threshold', want.threshold === live.threshold],
    ['comparison', want.comparison === live.comparison],
    ['evaluation-periods', want.evaluationPeriods === live.evaluationPeriods],
    ['datapoints-to-alarm', (want.datapointsToAlarm ?? want.evaluationPeriods) === (live.datapointsToAlarm ?? live.evaluationPeriods)],
    ['treat-missing-data', (want.treatMissingData ?? 'missing') === (live.treatMissingData ?? 'missing')],
    ['unit', want.unit === live.unit],
    ['description', (want.description ?? '') === (live.description ?? '')],
    ['actions-enabled', want.actionsEnabled === live.actionsEnabled],
    ['actions', sameSet(want.alarmActions, live.alarmActions)],
    ['ok-actions', sameSet(want.okActions, live.okActions)],
    ['insufficient-data-actions', sameSet(want.insufficientDataActions, live.insufficientDataActions)],
  ];
  for (const [name, same] of checks) if (!same) d.push(name);
  return d;
}
