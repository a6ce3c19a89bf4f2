// CloudWatch alarms: thin typed functions over @aws-sdk/client-cloudwatch (metrics are in cloudwatch-metrics.ts).
// Verb + noun names; client first, one input object of our own types; our own result types out.
import {
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
  type CloudWatchClient,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
  type HistoryItemType,
  type StateValue,
} from '@aws-sdk/client-cloudwatch';
import { allActions, type AlarmSettings, type Comparison, type StandardStatistic, type TreatMissingData, type Unit } from '../domain/alarm.js';
import { errorName, retrying, type Timing } from '../domain/retry.js';
import { STACK_TAG, type Tag } from '../domain/stack.js';
import { mapLimit } from '../domain/teardown.js';

/** A metric alarm as it exists, in our shape. */
export interface Alarm extends AlarmSettings {
  arn?: string;
  state?: string;
  stateReason?: string;
}

/** DescribeAlarms and DeleteAlarms take at most 100 names per request. */
const NAMES_PER_REQUEST = 100;

const isNotFound = (err: unknown) => /^ResourceNotFound/.test(errorName(err));

export function toAlarm(m: MetricAlarm): Alarm {
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
export async function describeAlarms(client: CloudWatchClient, q: { names?: string[]; state?: StateValue; prefix?: string; timing?: Timing }): Promise<Alarm[]> {
  const names = q.names ?? [];
  const batches = names.length ? Array.from({ length: Math.ceil(names.length / NAMES_PER_REQUEST) }, (_, i) => names.slice(i * NAMES_PER_REQUEST, (i + 1) * NAMES_PER_REQUEST)) : [undefined];
  const out: Alarm[] = [];
  for (const batch of batches) {
    let token: string | undefined;
    do {
      const input = {
        ...(batch ? { AlarmNames: batch } : {}),
        ...(q.prefix ? { AlarmNamePrefix: q.prefix } : {}),
        ...(q.state ? { StateValue: q.state } : {}),
        AlarmTypes: ['MetricAlarm' as const],
        ...(token ? { NextToken: token } : {}),
      };
      const res = await retrying(q.timing, () => client.send(new DescribeAlarmsCommand(input)));
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
export async function listAlarmTags(client: CloudWatchClient, arn: string, timing?: Timing): Promise<Tag[]> {
  const res = await retrying(timing, () => client.send(new ListTagsForResourceCommand({ ResourceARN: arn })));
  return (res.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
}

/**
 * Alarms of the stack without the Tagging API: those whose actions name one of `policyArns` (the
 * stack's scaling policies), and those tagged scalectl:stack=STACK (one ListTagsForResource per
 * other alarm of the region: the slow path, for endpoints without GetResources).
 */
export async function listStackAlarms(client: CloudWatchClient, input: { stack: string; policyArns: string[]; timing?: Timing }): Promise<Alarm[]> {
  const all = await describeAlarms(client, input.timing ? { timing: input.timing } : {});
  const arns = new Set(input.policyArns);
  // Tags are read one alarm a call; a few at a time keeps a large account quick without a throttling storm.
  const ours = await mapLimit(all, 8, async (a): Promise<boolean> => {
    if (allActions(a).some((x) => arns.has(x))) return true;
    if (!a.arn) return false;
    try {
      return (await listAlarmTags(client, a.arn, input.timing)).some((t) => t.key === STACK_TAG && t.value === input.stack);
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  });
  return all.filter((_, i) => ours[i]);
}

/**
 * Deletes the alarms that still exist, 100 names a call; returns each name's outcome. `seen`
 * names were just read by discovery and are deleted without a second look; if one of them went
 * meanwhile (AWS then deletes none of the call), their existence is read and the delete repeated.
 */
export async function deleteAlarmsIfExist(client: CloudWatchClient, input: { names: string[]; timing?: Timing; seen?: string[] }): Promise<Map<string, 'deleted' | 'already gone'>> {
  const seen = new Set(input.seen ?? []);
  const known = input.names.filter((n) => seen.has(n));
  const out = new Map<string, 'deleted' | 'already gone'>();
  const unknown = input.names.filter((n) => !seen.has(n));
  for (let i = 0; i < known.length; i += NAMES_PER_REQUEST) {
    const batch = known.slice(i, i + NAMES_PER_REQUEST);
    try {
      await retrying(input.timing, () => client.send(new DeleteAlarmsCommand({ AlarmNames: batch })));
      for (const n of batch) out.set(n, 'deleted');
    } catch (err) {
      if (!isNotFound(err)) throw err;
      unknown.push(...batch);
    }
  }
  if (unknown.length) for (const [n, o] of await deleteUnseenAlarms(client, { names: unknown, ...(input.timing ? { timing: input.timing } : {}) })) out.set(n, o);
  return out;
}

async function deleteUnseenAlarms(client: CloudWatchClient, input: { names: string[]; timing?: Timing }): Promise<Map<string, 'deleted' | 'already gone'>> {
  const existing = new Set(input.names.length ? (await describeAlarms(client, input)).map((a) => a.name) : []);
  const out = new Map(input.names.map((n) => [n, existing.has(n) ? ('deleted' as const) : ('already gone' as const)]));
  const names = input.names.filter((n) => existing.has(n));
  for (let i = 0; i < names.length; i += NAMES_PER_REQUEST) {
    try {
      await retrying(input.timing, () => client.send(new DeleteAlarmsCommand({ AlarmNames: names.slice(i, i + NAMES_PER_REQUEST) })));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return out;
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
