// Draining and deleting Auto Scaling groups and launch configurations (teardown), and what blocks it.
import {
  DeleteAutoScalingGroupCommand,
  DeleteLaunchConfigurationCommand,
  DescribeLifecycleHooksCommand,
  DescribeScalingActivitiesCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import { findGroup, isNotFound, launchConfigurationExists } from './autoscaling.js';
import type { Group } from '../domain/asg-plan.js';
import { elapsed, errorName, retrying, WaitTimeout, type Timing } from '../domain/retry.js';
import { earlierAttemptUnanswered } from './wire.js';

/** Names of the group's lifecycle hooks on termination (launch hooks do not hold a teardown). */
export async function listTerminationHooks(client: AutoScalingClient, input: { group: string; timing?: Timing }): Promise<string[]> {
  try {
    const res = await retrying(input.timing, () => client.send(new DescribeLifecycleHooksCommand({ AutoScalingGroupName: input.group })));
    return (res.LifecycleHooks ?? []).filter((h) => h.LifecycleTransition !== 'autoscaling:EC2_INSTANCE_LAUNCHING').flatMap((h) => (h.LifecycleHookName ? [h.LifecycleHookName] : []));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

const FINAL_ACTIVITY = new Set(['Successful', 'Failed', 'Cancelled']);

/** The description of the group's newest unfinished scaling activity, if there is one. */
export async function findActivityInProgress(client: AutoScalingClient, input: { group: string; timing?: Timing }): Promise<string | undefined> {
  try {
    const res = await retrying(input.timing, () => client.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: input.group, MaxRecords: 20 })));
    const a = (res.Activities ?? []).find((x) => x.StatusCode && !FINAL_ACTIVITY.has(x.StatusCode));
    return a ? `${a.StatusCode}: ${a.Description ?? a.ActivityId ?? 'activity'}` : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Delete errors AWS clears by itself in a while (its in-progress markers are eventually consistent). */
function isBusy(err: unknown): boolean {
  return ['ScalingActivityInProgress', 'ResourceInUse', 'ResourceContention'].includes(errorName(err));
}

/**
 * Removes a group: scale to zero, wait while instances terminate, delete, wait until it is gone.
 * With `force`, ForceDelete terminates the instances instead. Progress reports instances left and
 * time elapsed; every wait stops at the deadline with a WaitTimeout.
 */
export async function deleteGroupIfExists(client: AutoScalingClient, input: { name: string; force: boolean; timing: Timing; pollMs?: number; onProgress?: (line: string) => void; seen?: Group }): Promise<'deleted' | 'already gone'> {
  const { name, timing: t } = input;
  const poll = input.pollMs ?? 10_000;
  const start = t.now();
  const progress = (msg: string) => input.onProgress?.(`auto-scaling-group ${name}: ${msg}, ${elapsed(t.now() - start)} elapsed`);
  // A group discovery has just read is not read again before its first change.
  const first = input.seen ?? (await findGroup(client, name, t));
  if (!first) return 'already gone';
  if (!input.force && !first.status) {
    try {
      await retrying(t, () => client.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, MinSize: 0, MaxSize: 0, DesiredCapacity: 0 })), isBusy);
    } catch (err) {
      if (isNotFound(err)) return 'already gone';
      throw err;
    }
    for (let g: Group | undefined = first; ; ) {
      g = await findGroup(client, name, t);
      if (!g) return 'deleted';
      const left = g.instances.filter((i) => i.lifecycleState !== 'Terminated').length;
      if (left === 0) break;
      progress(`${left} instance${left === 1 ? '' : 's'} left`);
      if (t.now() + poll > t.deadline) throw new WaitTimeout(`${left} instance${left === 1 ? '' : 's'} still terminating after ${elapsed(t.now() - start)}; re-run teardown to keep waiting, or pass --force`);
      await t.sleep(poll, t.signal);
    }
  }
  // A group whose Status is set is already being deleted (an earlier run): just wait for it.
  if (!first.status) {
    try {
      await retrying(t, () => client.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: name, ...(input.force ? { ForceDelete: true } : {}) })), isBusy, 5000);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  for (;;) {
    const g = await findGroup(client, name, t);
    if (!g) return 'deleted';
    const left = g.instances.filter((i) => i.lifecycleState !== 'Terminated').length;
    progress(`deleting${left ? `, ${left} instance${left === 1 ? '' : 's'} left` : ''}`);
    if (t.now() + poll > t.deadline) throw new WaitTimeout(`still being deleted after ${elapsed(t.now() - start)}; re-run teardown to keep waiting`);
    await t.sleep(poll, t.signal);
  }
}

/** Deletes a launch configuration; one that is gone counts as done. */
export async function deleteLaunchConfigurationIfExists(client: AutoScalingClient, input: { name: string; timing?: Timing }): Promise<'deleted' | 'already gone'> {
  if (!(await launchConfigurationExists(client, input.name, input.timing))) return 'already gone';
  try {
    // In use right after its group went is eventual consistency; in use for minutes means another group uses it.
    const timing = input.timing && { ...input.timing, deadline: Math.min(input.timing.deadline, input.timing.now() + 120_000) };
    await retrying(timing, () => client.send(new DeleteLaunchConfigurationCommand({ LaunchConfigurationName: input.name })), (e) => errorName(e) === 'ResourceInUse');
    return 'deleted';
  } catch (err) {
    if (isNotFound(err)) return earlierAttemptUnanswered(err) ? 'deleted' : 'already gone';
    throw err;
  }
}
