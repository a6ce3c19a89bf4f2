// Auto Scaling groups and scaling policies: thin typed functions over @aws-sdk/client-auto-scaling.
// Verb + noun names; client first, one input object of our own types; our own result types out.
export {};

// --- policy look-up for alarms ---
/**
 * The ARN of scaling policy `policy` in group `group`; undefined when the group has no such policy.
 * The result is also filtered by group, so an endpoint that ignores the filter cannot hand back a
 * same-named policy of another group.
 */
export async function findPolicyArn(client: import('@aws-sdk/client-auto-scaling').AutoScalingClient, q: { group: string; policy: string }): Promise<string | undefined> {
  const { DescribePoliciesCommand } = await import('@aws-sdk/client-auto-scaling');
  let token: string | undefined;
  do {
    const res = await client.send(new DescribePoliciesCommand({ AutoScalingGroupName: q.group, PolicyNames: [q.policy], ...(token ? { NextToken: token } : {}) }));
    const hit = (res.ScalingPolicies ?? []).find((p) => p.PolicyName === q.policy && (p.AutoScalingGroupName ?? q.group) === q.group && p.PolicyARN);
    if (hit) return hit.PolicyARN;
    token = res.NextToken;
  } while (token);
  return undefined;
}
