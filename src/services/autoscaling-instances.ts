// Auto Scaling reads and writes the day-to-day commands need beyond create/update: instances of
// groups, terminating one, deleting a group in one request, launch configurations, tags by group.
import {
  CreateOrUpdateTagsCommand, DeleteAutoScalingGroupCommand, DescribeAutoScalingInstancesCommand, DescribeLaunchConfigurationsCommand,
  TerminateInstanceInAutoScalingGroupCommand, type AutoScalingClient,
} from '@aws-sdk/client-auto-scaling';
import type { AsgTag } from '../domain/asg-tags.js';

/** One instance as Auto Scaling sees it. */
export interface AsgInstance {
  id: string;
  group: string;
  zone?: string;
  lifecycleState?: string;
  health?: string;
  launchConfiguration?: string;
  launchTemplate?: string;
}

/** Instances of every group (or the ones named), every page read. */
export async function describeAutoScalingInstances(client: AutoScalingClient, input: { ids?: string[] } = {}): Promise<AsgInstance[]> {
  const out: AsgInstance[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(new DescribeAutoScalingInstancesCommand({ ...(input.ids?.length ? { InstanceIds: input.ids } : {}), ...(token ? { NextToken: token } : {}) }));
    for (const i of res.AutoScalingInstances ?? []) {
      out.push({
        id: i.InstanceId ?? '', group: i.AutoScalingGroupName ?? '',
        ...(i.AvailabilityZone ? { zone: i.AvailabilityZone } : {}), ...(i.LifecycleState ? { lifecycleState: i.LifecycleState } : {}),
        ...(i.HealthStatus ? { health: i.HealthStatus } : {}), ...(i.LaunchConfigurationName ? { launchConfiguration: i.LaunchConfigurationName } : {}),
        ...(i.LaunchTemplate?.LaunchTemplateName ? { launchTemplate: i.LaunchTemplate.LaunchTemplateName } : {}),
      });
    }
    token = res.NextToken;
  } while (token);
  return out;
}

/** The scaling activity a termination started. */
export interface Activity {
  id: string;
  status?: string;
  description?: string;
}

export async function terminateInstanceInGroup(client: AutoScalingClient, input: { id: string; decrementDesired: boolean }): Promise<Activity> {
  const res = await client.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: input.id, ShouldDecrementDesiredCapacity: input.decrementDesired }));
  const a = res.Activity;
  return { id: a?.ActivityId ?? '', ...(a?.StatusCode ? { status: a.StatusCode } : {}), ...(a?.Description ? { description: a.Description } : {}) };
}

/** One DeleteAutoScalingGroup request: without `forceDelete` AWS refuses while instances remain. */
export async function deleteGroup(client: AutoScalingClient, input: { name: string; forceDelete: boolean }): Promise<void> {
  await client.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: input.name, ...(input.forceDelete ? { ForceDelete: true } : {}) }));
}

/** A launch configuration's name and what it launches. */
export interface LaunchConfiguration {
  name: string;
  imageId?: string;
  instanceType?: string;
  keyName?: string;
  securityGroups: string[];
  created?: string;
}

/** Launch configurations by name (all when none named), every page read. */
export async function describeLaunchConfigurations(client: AutoScalingClient, input: { names?: string[] } = {}): Promise<LaunchConfiguration[]> {
  const out: LaunchConfiguration[] = [];
  let token: string | undefined;
  do {
    const res = await client.send(new DescribeLaunchConfigurationsCommand({ ...(input.names?.length ? { LaunchConfigurationNames: input.names } : {}), ...(token ? { NextToken: token } : {}) }));
    for (const c of res.LaunchConfigurations ?? []) {
      out.push({
        name: c.LaunchConfigurationName ?? '', ...(c.ImageId ? { imageId: c.ImageId } : {}), ...(c.InstanceType ? { instanceType: c.InstanceType } : {}),
        ...(c.KeyName ? { keyName: c.KeyName } : {}), securityGroups: c.SecurityGroups ?? [], ...(c.CreatedTime ? { created: c.CreatedTime.toISOString() } : {}),
      });
    }
    token = res.NextToken;
  } while (token);
  return out;
}

/** Creates or overwrites tags on groups (each tag names its group). */
export async function createOrUpdateTags(client: AutoScalingClient, input: { tags: Array<AsgTag & { group: string }> }): Promise<void> {
  await client.send(new CreateOrUpdateTagsCommand({
    Tags: input.tags.map((t) => ({ ResourceId: t.group, ResourceType: 'auto-scaling-group', Key: t.key, Value: t.value, PropagateAtLaunch: t.propagate })),
  }));
}
