// EC2 subnets for load balancers: zones → the default VPC's default subnets, subnet ids → their zone and VPC.
import { DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';

export interface SubnetInfo {
  id: string;
  zone: string;
  vpcId: string;
}

const toInfo = (s: { SubnetId?: string; AvailabilityZone?: string; VpcId?: string }): SubnetInfo => ({ id: s.SubnetId ?? '', zone: s.AvailabilityZone ?? '', vpcId: s.VpcId ?? '' });

/** The default subnet of each zone (DescribeSubnets default-for-az); zones without one are left out. */
export async function defaultSubnets(client: EC2Client, input: { zones: string[] }): Promise<SubnetInfo[]> {
  const res = await client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }, { Name: 'availability-zone', Values: input.zones }] }));
  return (res.Subnets ?? []).map(toInfo).filter((s) => input.zones.includes(s.zone));
}

/** Zone and VPC of each named subnet. */
export async function describeSubnets(client: EC2Client, input: { ids: string[] }): Promise<SubnetInfo[]> {
  const res = await client.send(new DescribeSubnetsCommand({ SubnetIds: input.ids }));
  return (res.Subnets ?? []).map(toInfo);
}
