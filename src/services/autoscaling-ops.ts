// Day-two Auto Scaling operations: desired capacity, processes, activities, running a policy by
// hand and scheduled actions. Client first, one input object of our own types, our own results.
import {
  DeleteScheduledActionCommand,
  DescribeScalingActivitiesCommand,
  DescribeScheduledActionsCommand,
  ExecutePolicyCommand,
  PutScheduledUpdateGroupActionCommand,
  ResumeProcessesCommand,
  SetDesiredCapacityCommand,
  SuspendProcessesCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import type { Activity, ScheduledAction, ScheduleSpec } from '../domain/day-two.js';
import { retrying, type Timing } from '../domain/retry.js';
import { isNotFound } from './autoscaling.js';

export function setDesiredCapacityInput(input: { group: string; desired: number; honorCooldown: boolean }) {
  return { AutoScalingGroupName: input.group, DesiredCapacity: input.desired, ...(input.honorCooldown ? { HonorCooldown: true } : {}) };
}

export async function setDesiredCapacity(client: AutoScalingClient, input: { group: string; desired: number; honorCooldown: boolean }): Promise<void> {
  await client.send(new SetDesiredCapacityCommand(setDesiredCapacityInput(input)));
}

export function processesInput(input: { group: string; processes: string[] }) {
  return { AutoScalingGroupName: input.group, ScalingProcesses: input.processes };
}

/** Suspends (or resumes) exactly the processes named. */
export async function setProcesses(client: AutoScalingClient, input: { group: string; mode: 'suspend' | 'resume'; processes: string[] }): Promise<void> {
  const i = processesInput(input);
  await client.send(input.mode === 'suspend' ? new SuspendProcessesCommand(i) : new ResumeProcessesCommand(i));
}

/** The group's scaling activities, newest first, at most `max` (every page read up to that). */
export async function describeActivities(client: AutoScalingClient, input: { group: string; max: number }): Promise<Activity[]> {
  const out: Activity[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: input.group, MaxRecords: Math.min(100, input.max - out.length), ...(token ? { NextToken: token } : {}) }));
    for (const a of res.Activities ?? []) {
      out.push({
        id: a.ActivityId ?? '',
        ...(a.StartTime ? { start: new Date(a.StartTime).toISOString() } : {}),
        ...(a.EndTime ? { end: new Date(a.EndTime).toISOString() } : {}),
        status: a.StatusCode ?? 'unknown',
        ...(a.Progress !== undefined ? { progress: a.Progress } : {}),
        description: a.Description ?? '',
        cause: a.Cause ?? '',
        ...(a.StatusMessage ? { statusMessage: a.StatusMessage } : {}),
      });
    }
    token = res.NextToken;
  } while (token && out.length < input.max);
  return out.slice(0, input.max);
}

export function executePolicyInput(input: { group: string; policy: string; honorCooldown: boolean }) {
  return { AutoScalingGroupName: input.group, PolicyName: input.policy, ...(input.honorCooldown ? { HonorCooldown: true } : {}) };
}

export async function executePolicy(client: AutoScalingClient, input: { group: string; policy: string; honorCooldown: boolean }): Promise<void> {
  await client.send(new ExecutePolicyCommand(executePolicyInput(input)));
}

/** Scheduled actions of one group (or of every group), every page read. */
export async function describeScheduledActions(client: AutoScalingClient, input: { group?: string; names?: string[]; timing?: Timing }): Promise<ScheduledAction[]> {
  const out: ScheduledAction[] = [];
  let token: string | undefined;
  do {
    const res = await retrying(input.timing, () => client.send(new DescribeScheduledActionsCommand({ ...(input.group ? { AutoScalingGroupName: input.group } : {}), ...(input.names?.length ? { ScheduledActionNames: input.names } : {}), ...(token ? { NextToken: token } : {}) })));
    for (const a of res.ScheduledUpdateGroupActions ?? []) {
      out.push({
        name: a.ScheduledActionName ?? '',
        group: a.AutoScalingGroupName ?? input.group ?? '',
        ...(a.Recurrence ? { recurrence: a.Recurrence } : {}),
        ...(a.StartTime ? { startTime: new Date(a.StartTime).toISOString() } : {}),
        ...(a.EndTime ? { endTime: new Date(a.EndTime).toISOString() } : {}),
        ...(a.MinSize !== undefined ? { min: a.MinSize } : {}),
        ...(a.MaxSize !== undefined ? { max: a.MaxSize } : {}),
        ...(a.DesiredCapacity !== undefined ? { desired: a.DesiredCapacity } : {}),
        ...(a.TimeZone ? { timeZone: a.TimeZone } : {}),
      });
    }
    token = res.NextToken;
  } while (token);
  return out;
}

export async function findScheduledAction(client: AutoScalingClient, input: { group: string; name: string }): Promise<ScheduledAction | undefined> {
  try {
    return (await describeScheduledActions(client, { group: input.group, names: [input.name] })).find((a) => a.name === input.name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function putScheduledActionInput(s: ScheduleSpec) {
  return {
    AutoScalingGroupName: s.group,
    ScheduledActionName: s.name,
    ...(s.recurrence ? { Recurrence: s.recurrence } : {}),
    ...(s.startTime !== undefined ? { StartTime: new Date(s.startTime) } : {}),
    ...(s.endTime !== undefined ? { EndTime: new Date(s.endTime) } : {}),
    ...(s.min !== undefined ? { MinSize: s.min } : {}),
    ...(s.max !== undefined ? { MaxSize: s.max } : {}),
    ...(s.desired !== undefined ? { DesiredCapacity: s.desired } : {}),
    ...(s.timeZone ? { TimeZone: s.timeZone } : {}),
  };
}

/** Creates or replaces the scheduled action (PutScheduledUpdateGroupAction does both). */
export async function putScheduledAction(client: AutoScalingClient, spec: ScheduleSpec): Promise<void> {
  await client.send(new PutScheduledUpdateGroupActionCommand(putScheduledActionInput(spec)));
}

/** Deletes a scheduled action; one (or a group) that is gone counts as done. */
export async function deleteScheduledActionIfExists(client: AutoScalingClient, input: { group: string; name: string; timing?: Timing }): Promise<'deleted' | 'already gone'> {
  try {
    await retrying(input.timing, () => client.send(new DeleteScheduledActionCommand({ AutoScalingGroupName: input.group, ScheduledActionName: input.name })));
    return 'deleted';
  } catch (err) {
    if (isNotFound(err)) return 'already gone';
    throw err;
  }
}
