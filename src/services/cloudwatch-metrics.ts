// CloudWatch metrics: what has data (ListMetrics) and its statistics (GetMetricStatistics).
// Verb + noun names; client first, one input object of our own types; our own result types out.
import { GetMetricStatisticsCommand, ListMetricsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { StandardStatistic, Unit } from '../domain/alarm.js';
import type { Dimension } from '../domain/metric-args.js';
import { splitRange, type TimeRange } from '../domain/time-range.js';

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
