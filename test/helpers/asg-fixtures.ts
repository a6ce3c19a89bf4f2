import type { AutoScalingGroup, Instance } from '@aws-sdk/client-auto-scaling';

/** An instance as DescribeAutoScalingGroups reports it. */
export function sdkInstance(id: string, state = 'InService', health = 'Healthy', version = '1'): Instance {
  return {
    InstanceId: id,
    AvailabilityZone: 'us-east-1a',
    LifecycleState: state as Instance['LifecycleState'],
    HealthStatus: health,
    LaunchTemplate: { LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', Version: version },
    ProtectedFromScaleIn: false,
  };
}

/** The group that `create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --lb web --health-check-type ELB --tag Name=web` makes. */
export function webGroup(over: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    AutoScalingGroupName: 'web-asg',
    AutoScalingGroupARN: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/web-asg',
    LaunchTemplate: { LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', Version: '$Default' },
    MinSize: 1,
    MaxSize: 4,
    DesiredCapacity: 1,
    DefaultCooldown: 300,
    AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    LoadBalancerNames: ['web'],
    HealthCheckType: 'ELB',
    HealthCheckGracePeriod: 0,
    Instances: [sdkInstance('i-0aaa')],
    CreatedTime: new Date('2026-11-21T11:00:00Z'),
    VPCZoneIdentifier: '',
    TerminationPolicies: ['Default'],
    Tags: [{ ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'Name', Value: 'web', PropagateAtLaunch: true }],
    ...over,
  };
}

export const WEB_TEMPLATE_DATA = { ImageId: 'ami-0abc1234', InstanceType: 't3.micro' as const, Monitoring: { Enabled: false }, MetadataOptions: { HttpTokens: 'required' as const, HttpEndpoint: 'enabled' as const } };

/** The classic balancer `web` as DescribeLoadBalancers reports it: zones us-east-1a and us-east-1b, no VPC. */
export const WEB_LB = { LoadBalancerName: 'web', AvailabilityZones: ['us-east-1a', 'us-east-1b'], Subnets: [] as string[] };

export const ARN_UP = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1111:autoScalingGroupName/web-asg:policyName/scale-up';
export const ARN_DOWN = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:2222:autoScalingGroupName/web-asg:policyName/scale-down';
