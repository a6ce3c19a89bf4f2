// The as-* family: each entry parses legacy argv and calls the native run or service functions.
import type { LegacyCommand } from '../framework.js';
import { asCreateOrUpdateTags, asDescribeAutoScalingGroups, asDescribeAutoScalingInstances, asTerminateInstanceInAutoScalingGroup } from './describe.js';
import { asDescribeScalingActivities, asExecutePolicy, asResumeProcesses, asSetDesiredCapacity, asSuspendProcesses } from './daytwo.js';
import { asCreateAutoScalingGroup, asDeleteAutoScalingGroup, asUpdateAutoScalingGroup } from './group.js';
import { asCreateLaunchConfig, asDeleteLaunchConfig, asDescribeLaunchConfigs } from './launch.js';
import { asDeletePolicy, asDescribePolicies, asPutScalingPolicy } from './policy.js';
import { asDeleteNotificationConfiguration, asDeleteScheduledAction, asPutNotificationConfiguration, asPutScheduledUpdateGroupAction } from './schedule.js';

export const commands: LegacyCommand[] = [
  asCreateLaunchConfig, asDescribeLaunchConfigs, asDeleteLaunchConfig, asCreateAutoScalingGroup, asUpdateAutoScalingGroup, asDeleteAutoScalingGroup,
  asDescribeAutoScalingGroups, asDescribeAutoScalingInstances, asTerminateInstanceInAutoScalingGroup, asPutScalingPolicy, asDescribePolicies, asDeletePolicy,
  asCreateOrUpdateTags, asSetDesiredCapacity, asExecutePolicy, asSuspendProcesses, asResumeProcesses, asDescribeScalingActivities,
  asPutScheduledUpdateGroupAction, asDeleteScheduledAction, asPutNotificationConfiguration, asDeleteNotificationConfiguration,
];
