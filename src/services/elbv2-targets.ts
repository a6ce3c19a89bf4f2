// ELBv2 target health and (de)registration by target group ARN: what create-asg --wait,
// register-instances and deregister-instances need.
import { DescribeTargetHealthCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

/** Each registered target of a target group with its state (`healthy`, `initial`, `unhealthy`, …). */
export async function targetHealthOf(client: ElasticLoadBalancingV2Client, arn: string): Promise<Array<{ id: string; state: string }>> {
  const res = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
  return (res.TargetHealthDescriptions ?? []).map((d) => ({ id: d.Target?.Id ?? '', state: d.TargetHealth?.State ?? 'unknown' }));
}
