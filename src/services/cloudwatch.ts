// CloudWatch alarms and metrics: thin typed functions over @aws-sdk/client-cloudwatch.
// Verb + noun names; client first, one input object of our own types; our own result types out.
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
  type CloudWatchClient,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
  type HistoryItemType,
  type StateValue,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmSettings, Comparison, StandardStatistic, TreatMissingData, Unit } from '../domain/alarm.js';
import type { Dimension } from '../domain/metric-args.js';
import type { Tag } from '../domain/stack.js';
import { splitRange, type TimeRange } from '../domain/time-range.js';

/** A metric alarm as it exists, in our shape. */
export interface Alarm extends AlarmSettings {
  arn?: string;
  state?: string;
  stateReason?: string;
}

/** DescribeAlarms takes at most 100 names per request. */
const NAMES_PER_REQUEST = 100;

function toAlarm(m: MetricAlarm): Alarm {
  return {
    name: m.AlarmName ?? '',
    ...(m.AlarmArn ? { arn: m.AlarmArn } : {}),
    ...(m.StateValue ? { state: m.StateValue } : {}),
    ...(m.StateReason ? { stateReason: m.StateReason } : {}),
    metric: m.MetricName ?? '',
    namespace: m.Namespace ?? '',
    ...(m.Statistic ? { statistic: m.Statistic as StandardStatistic } : {}),
    ...(m.ExtendedStatistic ? { extendedStatistic: m.ExtendedStatistic } : {}),
    dimensions: (m.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
    period: m.Period ?? 0,
    threshold: m.Threshold ?? 0,
    comparison: (m.ComparisonOperator ?? 'GreaterThanThreshold') as Comparison,
    evaluationPeriods: m.EvaluationPeriods ?? 1,
    ...(m.DatapointsToAlarm !== undefined ? { datapointsToAlarm: m.DatapointsToAlarm } : {}),
    ...(m.TreatMissingData ? { treatMissingData: m.TreatMissingData as TreatMissingData } : {}),
    ...(m.Unit ? { unit: m.Unit as Unit } : {}),
    ...(m.AlarmDescription ? { description: m.AlarmDescription } : {}),
    actionsEnabled: m.ActionsEnabled ?? true,
    alarmActions: m.AlarmActions ?? [],
    okActions: m.OKActions ?? [],
    insufficientDataActions: m.InsufficientDataActions ?? [],
  };
}

/** Metric alarms by name (all of them when `names` is empty), filtered by state and name prefix. */
export async function describeAlarms(client: CloudWatchClient, q: { names?: string[]; state?: StateValue; prefix?: string }): Promise<Alarm[]> {
  const names = q.names ?? [];
  const batches = names.length ? Array.from({ length: Math.ceil(names.length / NAMES_PER_REQUEST) }, (_, i) => names.slice(i * NAMES_PER_REQUEST, (i + 1) * NAMES_PER_REQUEST)) : [undefined];
  const out: Alarm[] = [];
  for (const batch of batches) {
    let token: string | undefined;
    do {
      const res = await client.send(
        new DescribeAlarmsCommand({
          ...(batch ? { AlarmNames: batch } : {}),
          ...(q.prefix ? { AlarmNamePrefix: q.prefix } : {}),
          ...(q.state ? { StateValue: q.state } : {}),
          AlarmTypes: ['MetricAlarm'],
          ...(token ? { NextToken: token } : {}),
        }),
      );
      out.push(...(res.MetricAlarms ?? []).map(toAlarm));
      token = res.NextToken;
    } while (token);
  }
  return out;
}

/** One alarm by name; undefined when there is none. */
export async function findAlarm(client: CloudWatchClient, name: string): Promise<Alarm | undefined> {
  return (await describeAlarms(client, { names: [name] })).find((a) => a.name === name);
}

/** The PutMetricAlarm request for these settings (also what --dry-run shows). */
export function putAlarmInput(a: AlarmSettings, tags: Tag[] = []): PutMetricAlarmCommandInput {
  return {
    AlarmName: a.name,
    ...(a.description !== undefined ? { AlarmDescription: a.description } : {}),
    ...(a.actionsEnabled ? {} : { ActionsEnabled: false }),
    MetricName: a.metric,
    Namespace: a.namespace,
    ...(a.statistic ? { Statistic: a.statistic } : {}),
    ...(a.extendedStatistic ? { ExtendedStatistic: a.extendedStatistic } : {}),
    ...(a.dimensions.length ? { Dimensions: a.dimensions.map((d) => ({ Name: d.name, Value: d.value })) } : {}),
    Period: a.period,
    ...(a.unit ? { Unit: a.unit } : {}),
    EvaluationPeriods: a.evaluationPeriods,
    ...(a.datapointsToAlarm !== undefined ? { DatapointsToAlarm: a.datapointsToAlarm } : {}),
    Threshold: a.threshold,
    ComparisonOperator: a.comparison,
    ...(a.treatMissingData ? { TreatMissingData: a.treatMissingData } : {}),
    ...(a.alarmActions.length ? { AlarmActions: a.alarmActions } : {}),
    ...(a.okActions.length ? { OKActions: a.okActions } : {}),
    ...(a.insufficientDataActions.length ? { InsufficientDataActions: a.insufficientDataActions } : {}),
    ...(tags.length ? { Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) } : {}),
  };
}

/** Creates or completely overwrites an alarm (tags apply on create only; AWS ignores them on update). */
export async function putAlarm(client: CloudWatchClient, input: PutMetricAlarmCommandInput): Promise<void> {
  await client.send(new PutMetricAlarmCommand(input));
}

/** Tags on an alarm, by its ARN. */
export async function listAlarmTags(client: CloudWatchClient, arn: string): Promise<Tag[]> {
  const res = await client.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  return (res.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
}

export async function tagAlarm(client: CloudWatchClient, q: { arn: string; tags: Tag[] }): Promise<void> {
  await client.send(new TagResourceCommand({ ResourceARN: q.arn, Tags: q.tags.map((t) => ({ Key: t.key, Value: t.value })) }));
}

/** One entry of an alarm's history. */
export interface AlarmHistoryEntry {
  time: string;
  type: string;
  summary: string;
}

/** An alarm's history, newest first, all pages. */
export async function alarmHistory(client: CloudWatchClient, q: { name: string; type?: HistoryItemType }): Promise<AlarmHistoryEntry[]> {
  const out: AlarmHistoryEntry[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(
      new DescribeAlarmHistoryCommand({ AlarmName: q.name, ...(q.type ? { HistoryItemType: q.type } : {}), ...(token ? { NextToken: token } : {}) }),
    );
    for (const h of res.AlarmHistoryItems ?? []) {
      out.push({ time: h.Timestamp ? h.Timestamp.toISOString() : '', type: h.HistoryItemType ?? '', summary: h.HistorySummary ?? '' });
    }
    token = res.NextToken;
  } while (token);
  return out;
}

/** A metric that has data, as ListMetrics reports it. */
export interface MetricInfo {
  name: string;
  namespace: string;
  dimensions: Dimension[];
}

/** Metrics matching the filters, all pages. A dimension with an empty value filters on the name alone. */
export async function listMetrics(client: CloudWatchClient, q: { namespace?: string; metric?: string; dimensions?: Dimension[] }): Promise<MetricInfo[]> {
  const out: MetricInfo[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(
      new ListMetricsCommand({
        ...(q.namespace ? { Namespace: q.namespace } : {}),
        ...(q.metric ? { MetricName: q.metric } : {}),
        ...(q.dimensions?.length ? { Dimensions: q.dimensions.map((d) => ({ Name: d.name, ...(d.value ? { Value: d.value } : {}) })) } : {}),
        ...(token ? { NextToken: token } : {}),
      }),
    );
    for (const m of res.Metrics ?? []) {
      out.push({ name: m.MetricName ?? '', namespace: m.Namespace ?? '', dimensions: (m.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })) });
    }
    token = res.NextToken;
  } while (token);
  return out;
}

/** One period's values, keyed by statistic name as asked (`Average`, `p99`). */
export interface StatPoint {
  /** Epoch ms of the period start. */
  time: number;
  values: Record<string, number>;
  unit?: string;
}

/**
 * Statistics of one metric over [start, end). One request returns at most 1,440 datapoints, so a
 * longer range is asked for in pieces. A request takes either standard or percentile statistics,
 * never both, so asking for both sends two requests per piece. The result is merged by time, sorted.
 */
export async function getStatistics(
  client: CloudWatchClient,
  q: { metric: string; namespace: string; dimensions: Dimension[]; range: TimeRange; period: number; statistics: StandardStatistic[]; extendedStatistics: string[]; unit?: Unit },
): Promise<StatPoint[]> {
  const byTime = new Map<number, StatPoint>();
  const kinds = [
    ...(q.statistics.length ? [{ Statistics: q.statistics }] : []),
    ...(q.extendedStatistics.length ? [{ ExtendedStatistics: q.extendedStatistics }] : []),
  ];
  for (const piece of splitRange(q.range, q.period)) {
    for (const kind of kinds) {
      const res = await client.send(
        new GetMetricStatisticsCommand({
          Namespace: q.namespace,
          MetricName: q.metric,
          ...(q.dimensions.length ? { Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) } : {}),
          StartTime: new Date(piece.start),
          EndTime: new Date(piece.end),
          Period: q.period,
          ...kind,
          ...(q.unit ? { Unit: q.unit } : {}),
        }),
      );
      for (const d of res.Datapoints ?? []) {
        if (!d.Timestamp) continue;
        const t = d.Timestamp.getTime();
        const point = byTime.get(t) ?? { time: t, values: {} };
        for (const s of q.statistics) if (d[s] !== undefined) point.values[s] = d[s];
        for (const s of q.extendedStatistics) {
          const v = d.ExtendedStatistics?.[s];
          if (v !== undefined) point.values[s] = v;
        }
        if (d.Unit) point.unit = d.Unit;
        byTime.set(t, point);
      }
    }
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

// --- teardown and status ---
import * as cwTd from '@aws-sdk/client-cloudwatch';
import { STACK_TAG as TEARDOWN_STACK_TAG } from '../domain/stack.js';
import * as tdRetry from '../domain/teardown-retry.js';
import { mapLimit } from '../domain/teardown.js';

/** A metric alarm as teardown and status see it. */
export interface TeardownAlarm {
  name: string;
  arn?: string;
  /** OK, ALARM or INSUFFICIENT_DATA. */
  state?: string;
  actions: string[];
}

function toTeardownAlarm(a: cwTd.MetricAlarm): TeardownAlarm {
  return { name: a.AlarmName ?? '?', ...(a.AlarmArn ? { arn: a.AlarmArn } : {}), ...(a.StateValue ? { state: a.StateValue } : {}), actions: [...(a.AlarmActions ?? []), ...(a.OKActions ?? []), ...(a.InsufficientDataActions ?? [])] };
}

async function describeTeardownAlarmPages(client: cwTd.CloudWatchClient, names: string[] | undefined, timing?: tdRetry.Timing): Promise<TeardownAlarm[]> {
  const out: TeardownAlarm[] = [];
  let token: string | undefined;
  do {
    const res = await tdRetry.retrying(timing, () => client.send(new cwTd.DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], ...(names ? { AlarmNames: names } : {}), ...(token ? { NextToken: token } : {}) })));
    out.push(...(res.MetricAlarms ?? []).map(toTeardownAlarm));
    token = res.NextToken;
  } while (token);
  return out;
}

/**
 * Alarms of the stack: those whose actions name one of `policyArns` (the stack's scaling
 * policies), and those tagged scalectl:stack=STACK (one ListTagsForResource per other alarm).
 */
export async function listStackAlarms(client: cwTd.CloudWatchClient, input: { stack: string; policyArns: string[]; timing?: tdRetry.Timing }): Promise<TeardownAlarm[]> {
  const all = await describeTeardownAlarmPages(client, undefined, input.timing);
  const arns = new Set(input.policyArns);
  // Tags are read one alarm a call; a few at a time keeps a large account quick without a throttling storm.
  const ours = await mapLimit(all, 4, async (a): Promise<boolean> => {
    if (a.actions.some((x) => arns.has(x))) return true;
    if (!a.arn) return false;
    try {
      const res = await tdRetry.retrying(input.timing, () => client.send(new cwTd.ListTagsForResourceCommand({ ResourceARN: a.arn })));
      return (res.Tags ?? []).some((t) => t.Key === TEARDOWN_STACK_TAG && t.Value === input.stack);
    } catch (err) {
      if (/^ResourceNotFound/.test(tdRetry.errorName(err))) return false;
      throw err;
    }
  });
  const out = all.filter((_, i) => ours[i]);
  return out;
}

/** Named alarms that exist (100 names per call, the API limit). */
export async function describeAlarmsForTeardown(client: cwTd.CloudWatchClient, input: { names: string[]; timing?: tdRetry.Timing }): Promise<TeardownAlarm[]> {
  const out: TeardownAlarm[] = [];
  for (let i = 0; i < input.names.length; i += 100) out.push(...(await describeTeardownAlarmPages(client, input.names.slice(i, i + 100), input.timing)));
  return out;
}

/** Deletes the alarms that still exist; returns each name's outcome. */
export async function deleteAlarmsIfExist(client: cwTd.CloudWatchClient, input: { names: string[]; timing?: tdRetry.Timing }): Promise<Map<string, 'deleted' | 'already gone'>> {
  const existing = new Set((await describeAlarmsForTeardown(client, input)).map((a) => a.name));
  const out = new Map(input.names.map((n) => [n, existing.has(n) ? ('deleted' as const) : ('already gone' as const)]));
  const names = input.names.filter((n) => existing.has(n));
  for (let i = 0; i < names.length; i += 100) {
    try {
      await tdRetry.retrying(input.timing, () => client.send(new cwTd.DeleteAlarmsCommand({ AlarmNames: names.slice(i, i + 100) })));
    } catch (err) {
      if (!/^ResourceNotFound/.test(tdRetry.errorName(err))) throw err;
    }
  }
  return out;
}
