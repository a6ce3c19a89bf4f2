// CloudWatch day-two calls: custom metric data, forcing an alarm's state, switching alarm actions,
// the alarms of one metric, and deleting alarms by name. Thin typed functions over
// @aws-sdk/client-cloudwatch; client first, one input object of our own types.
import {
  DeleteAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type CloudWatchClient,
  type PutMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import type { Unit } from '../domain/alarm.js';
import type { Dimension } from '../domain/metric-args.js';
import { toAlarm, type Alarm } from './cloudwatch.js';

/** EnableAlarmActions, DisableAlarmActions and DeleteAlarms take at most 100 names a request. */
export const ALARM_NAMES_PER_REQUEST = 100;

/** One datapoint: a single value, or a statistic set summarising several. */
export interface MetricDatum {
  namespace: string;
  metric: string;
  value?: number;
  statistics?: { sampleCount: number; sum: number; minimum: number; maximum: number };
  unit?: Unit;
  dimensions: Dimension[];
  /** Epoch ms; absent = the time CloudWatch receives it. */
  timestamp?: number;
}

/** The PutMetricData request for one datapoint (also what --dry-run shows). */
export function putMetricDataInput(d: MetricDatum): PutMetricDataCommandInput {
  const s = d.statistics;
  return {
    Namespace: d.namespace,
    MetricData: [{
      MetricName: d.metric,
      ...(d.dimensions.length ? { Dimensions: d.dimensions.map((x) => ({ Name: x.name, Value: x.value })) } : {}),
      ...(d.timestamp !== undefined ? { Timestamp: new Date(d.timestamp) } : {}),
      ...(d.value !== undefined ? { Value: d.value } : {}),
      ...(s ? { StatisticValues: { SampleCount: s.sampleCount, Sum: s.sum, Minimum: s.minimum, Maximum: s.maximum } } : {}),
      ...(d.unit ? { Unit: d.unit } : {}),
    }],
  };
}

/** Publishes one datapoint. */
export async function putMetricData(client: CloudWatchClient, d: MetricDatum): Promise<void> {
  await client.send(new PutMetricDataCommand(putMetricDataInput(d)));
}

/** Sets an alarm's state until its next evaluation; the state change runs its actions (if enabled). */
export async function setAlarmState(client: CloudWatchClient, input: { name: string; state: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA'; reason: string }): Promise<void> {
  await client.send(new SetAlarmStateCommand({ AlarmName: input.name, StateValue: input.state, StateReason: input.reason }));
}

/** Turns the actions of these alarms on or off, 100 names a request. */
export async function setAlarmActionsEnabled(client: CloudWatchClient, input: { names: string[]; enabled: boolean }): Promise<void> {
  for (let i = 0; i < input.names.length; i += ALARM_NAMES_PER_REQUEST) {
    const AlarmNames = input.names.slice(i, i + ALARM_NAMES_PER_REQUEST);
    await client.send(input.enabled ? new EnableAlarmActionsCommand({ AlarmNames }) : new DisableAlarmActionsCommand({ AlarmNames }));
  }
}

/** Deletes these alarms (all must exist: CloudWatch refuses the whole request otherwise), 100 names a request. */
export async function deleteAlarms(client: CloudWatchClient, input: { names: string[] }): Promise<void> {
  for (let i = 0; i < input.names.length; i += ALARM_NAMES_PER_REQUEST) {
    await client.send(new DeleteAlarmsCommand({ AlarmNames: input.names.slice(i, i + ALARM_NAMES_PER_REQUEST) }));
  }
}

/** The metric alarms watching one metric with exactly these dimensions (DescribeAlarmsForMetric). */
export async function describeAlarmsForMetric(client: CloudWatchClient, q: { metric: string; namespace: string; dimensions: Dimension[] }): Promise<Alarm[]> {
  const res = await client.send(
    new DescribeAlarmsForMetricCommand({
      MetricName: q.metric,
      Namespace: q.namespace,
      ...(q.dimensions.length ? { Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) } : {}),
    }),
  );
  return (res.MetricAlarms ?? []).map(toAlarm);
}
