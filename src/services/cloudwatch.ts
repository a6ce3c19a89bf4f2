// CloudWatch alarms and metrics: thin typed functions over @aws-sdk/client-cloudwatch.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};

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
