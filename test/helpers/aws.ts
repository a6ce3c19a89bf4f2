import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeLoadBalancersCommand as DescribeV2LoadBalancersCommand, DescribeTagsCommand as DescribeV2TagsCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';

/** Class-level mocks: every client the program builds is replaced, whatever its region or endpoint. */
export const elbMock = mockClient(ElasticLoadBalancingClient);
export const iamMock = mockClient(IAMClient);
export const asMock = mockClient(AutoScalingClient);
export const cwMock = mockClient(CloudWatchClient);
export const ec2Mock = mockClient(EC2Client);
export const elbv2Mock = mockClient(ElasticLoadBalancingV2Client);
export const r53Mock = mockClient(Route53Client);
export const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);

const unmocked = (input: unknown) => {
  throw new Error(`unmocked AWS call with input ${JSON.stringify(input)}`);
};

/** Every mock, for tests that restore the real wire (faults, moto) and for resetAws. */
type AnyMock = { reset(): { onAnyCommand(): { callsFake(fn: (input: unknown) => never): unknown } }; restore(): void };
export const allMocks = [elbMock, iamMock, asMock, cwMock, ec2Mock, taggingMock, elbv2Mock, r53Mock] as unknown as AnyMock[];

/** Clears behaviour and history; any call a test did not set up rejects, so nothing returns undefined. */
export function resetAws(): void {
  for (const m of allMocks) m.reset().onAnyCommand().callsFake(unmocked);
  // An account without hosted zones, so status and teardown --stack find no records unless a test says so.
  r53Mock.on(ListHostedZonesCommand).resolves({ HostedZones: [], IsTruncated: false, MaxItems: 100 });
  // No ELBv2 balancer unless a test says so: create-lb (classic) checks the name is not an ELBv2 one.
  elbv2Mock.on(DescribeV2LoadBalancersCommand).resolves({ LoadBalancers: [] });
  elbv2Mock.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
  elbv2Mock.on(DescribeV2TagsCommand).resolves({ TagDescriptions: [] });
}

/** Lets this file's tests reach a real endpoint (a fault server, moto): no client is mocked. */
export function restoreRealWire(): void {
  for (const m of allMocks) m.restore();
}

/** An error shaped like the SDK's own service exceptions (name, $fault, $metadata). */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status, requestId: 'req-test-1' } });
}
