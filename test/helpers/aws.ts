import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
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
export const r53Mock = mockClient(Route53Client);
export const taggingMock = mockClient(ResourceGroupsTaggingAPIClient);

const unmocked = (input: unknown) => {
  throw new Error(`unmocked AWS call with input ${JSON.stringify(input)}`);
};

/** Clears behaviour and history; any call a test did not set up rejects, so nothing returns undefined. */
export function resetAws(): void {
  elbMock.reset().onAnyCommand().callsFake(unmocked);
  iamMock.reset().onAnyCommand().callsFake(unmocked);
  asMock.reset().onAnyCommand().callsFake(unmocked);
  cwMock.reset().onAnyCommand().callsFake(unmocked);
  ec2Mock.reset().onAnyCommand().callsFake(unmocked);
  // An account without hosted zones, so status and teardown --stack find no records unless a test says so.
  r53Mock.reset().onAnyCommand().callsFake(unmocked);
  r53Mock.on(ListHostedZonesCommand).resolves({ HostedZones: [], IsTruncated: false, MaxItems: 100 });
  taggingMock.reset().onAnyCommand().callsFake(unmocked);
}

/** An error shaped like the SDK's own service exceptions (name, $fault, $metadata). */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status, requestId: 'req-test-1' } });
}
