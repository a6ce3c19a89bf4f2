// Notification configurations and instance refreshes of Auto Scaling groups.
import {
  CancelInstanceRefreshCommand,
  DeleteNotificationConfigurationCommand,
  DescribeInstanceRefreshesCommand,
  DescribeNotificationConfigurationsCommand,
  PutNotificationConfigurationCommand,
  StartInstanceRefreshCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import type { NotificationConfig, RefreshState } from '../domain/day-two.js';
import { retrying, type Timing } from '../domain/retry.js';
import { isNotFound } from './autoscaling.js';

/** Notification configurations, one per (group, topic), of the groups named (all groups when none). */
export async function describeNotifications(client: AutoScalingClient, input: { groups: string[]; timing?: Timing }): Promise<NotificationConfig[]> {
  const byKey = new Map<string, NotificationConfig>();
  let token: string | undefined;
  do {
    const res = await retrying(input.timing, () => client.send(new DescribeNotificationConfigurationsCommand({ ...(input.groups.length ? { AutoScalingGroupNames: input.groups } : {}), ...(token ? { NextToken: token } : {}) })));
    for (const n of res.NotificationConfigurations ?? []) {
      const group = n.AutoScalingGroupName ?? '';
      const topic = n.TopicARN ?? '';
      const key = `${group}\n${topic}`;
      const c = byKey.get(key) ?? { group, topic, types: [] };
      if (n.NotificationType && !c.types.includes(n.NotificationType)) c.types.push(n.NotificationType);
      byKey.set(key, c);
    }
    token = res.NextToken;
  } while (token);
  return [...byKey.values()];
}

export function putNotificationInput(c: NotificationConfig) {
  return { AutoScalingGroupName: c.group, TopicARN: c.topic, NotificationTypes: c.types };
}

/** Creates or replaces the configuration of one topic (the types sent become its whole set). */
export async function putNotification(client: AutoScalingClient, c: NotificationConfig): Promise<void> {
  await client.send(new PutNotificationConfigurationCommand(putNotificationInput(c)));
}

export async function deleteNotificationIfExists(client: AutoScalingClient, input: { group: string; topic: string; timing?: Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await retrying(input.timing, () => client.send(new DeleteNotificationConfigurationCommand({ AutoScalingGroupName: input.group, TopicARN: input.topic })));
    return 'deleted';
  } catch (err) {
    if (isNotFound(err)) return 'already gone';
    throw err;
  }
}

/** What `roll` asks for. */
export interface RefreshSpec {
  group: string;
  minHealthy?: number;
  warmup?: number;
  skipMatching: boolean;
}

export function startRefreshInput(s: RefreshSpec) {
  const prefs = {
    ...(s.minHealthy !== undefined ? { MinHealthyPercentage: s.minHealthy } : {}),
    ...(s.warmup !== undefined ? { InstanceWarmup: s.warmup } : {}),
    ...(s.skipMatching ? { SkipMatching: true } : {}),
  };
  return { AutoScalingGroupName: s.group, Strategy: 'Rolling' as const, ...(Object.keys(prefs).length ? { Preferences: prefs } : {}) };
}

/** Starts an instance refresh and returns its id. */
export async function startInstanceRefresh(client: AutoScalingClient, s: RefreshSpec): Promise<string> {
  const res = await client.send(new StartInstanceRefreshCommand(startRefreshInput(s)));
  return res.InstanceRefreshId ?? '';
}

/** The refresh in progress on the group, if any (Pending, InProgress, Cancelling, RollbackInProgress). */
export async function findActiveRefresh(client: AutoScalingClient, group: string): Promise<RefreshState | undefined> {
  const res = await client.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, MaxRecords: 5 }));
  return (res.InstanceRefreshes ?? []).map(fromSdk).find((r) => /^(Pending|InProgress|Cancelling|RollbackInProgress|Baking)$/.test(r.status));
}

export async function describeRefresh(client: AutoScalingClient, input: { group: string; id: string }): Promise<RefreshState | undefined> {
  const res = await client.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: input.group, InstanceRefreshIds: [input.id] }));
  const r = res.InstanceRefreshes?.[0];
  return r ? fromSdk(r) : undefined;
}

/**
 * Asks AWS to cancel the group's refresh in progress; true when one was cancelled. Sent with its
 * own abort signal: it is what a run sends *because* of Ctrl-C, after the run's signal fired.
 */
export async function cancelInstanceRefresh(client: AutoScalingClient, group: string): Promise<boolean> {
  try {
    await client.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: group }), { abortSignal: AbortSignal.timeout(30_000) });
    return true;
  } catch (err) {
    if ((err as Error).name === 'ActiveInstanceRefreshNotFound' || (err as Error).name === 'ActiveInstanceRefreshNotFoundFault' || isNotFound(err)) return false;
    throw err;
  }
}

function fromSdk(r: { InstanceRefreshId?: string; Status?: string; PercentageComplete?: number; InstancesToUpdate?: number; StatusReason?: string }): RefreshState {
  return {
    id: r.InstanceRefreshId ?? '',
    status: r.Status ?? 'unknown',
    ...(r.PercentageComplete !== undefined ? { percentage: r.PercentageComplete } : {}),
    ...(r.InstancesToUpdate !== undefined ? { instancesToUpdate: r.InstancesToUpdate } : {}),
    ...(r.StatusReason ? { reason: r.StatusReason } : {}),
  };
}
