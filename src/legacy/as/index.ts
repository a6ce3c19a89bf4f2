// The as-* family: each entry parses legacy argv and calls the native run or service functions.
import type { LegacyCommand } from '../framework.js';
import { asCreateOrUpdateTags, asDescribeAutoScalingGroups, asDescribeAutoScalingInstances, asTerminateInstanceInAutoScalingGroup } from './describe.js';
import { asCreateAutoScalingGroup, asDeleteAutoScalingGroup, asUpdateAutoScalingGroup } from './group.js';
import { asCreateLaunchConfig, asDeleteLaunchConfig, asDescribeLaunchConfigs } from './launch.js';
import { asDeletePolicy, asDescribePolicies, asPutScalingPolicy } from './policy.js';

export const commands: LegacyCommand[] = [
  asCreateLaunchConfig, asDescribeLaunchConfigs, asDeleteLaunchConfig, asCreateAutoScalingGroup, asUpdateAutoScalingGroup, asDeleteAutoScalingGroup,
  asDescribeAutoScalingGroups, asDescribeAutoScalingInstances, asTerminateInstanceInAutoScalingGroup, asPutScalingPolicy, asDescribePolicies, asDeletePolicy,
  asCreateOrUpdateTags,
];
