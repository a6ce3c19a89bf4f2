// A stack's ELBv2 balancers and target groups from the ARNs the Tagging API search returned, read
// by ARN 20 a call: the requests grow with the stack, not with the region. Where the search did not
// answer, listStackV2 (elbv2.ts) lists the region and reads its tags instead.
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, type ElasticLoadBalancingV2Client, type TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { retrying, type Timing } from '../domain/retry.js';
import { describeTargetGroups, findV2LoadBalancer, isLbNotFound, isTgNotFound, toSummary, type V2Summary } from './elbv2.js';

/** DescribeLoadBalancers takes up to 20 ARNs a call; target groups are read in the same steps. */
const PER_CALL = 20;

export interface StackTargetGroup { name: string; arn: string; loadBalancerArns: string[] }

/** An application or network balancer's ARN (loadbalancer/app/… or loadbalancer/net/…), not a classic or gateway one. */
export const isV2BalancerArn = (arn: string): boolean => /:loadbalancer\/(app|net)\//.test(arn);

/**
 * Reads ARNs in batches, all batches at once. The Tagging API can still list a resource deleted a
 * moment ago, and one unknown ARN fails its whole batch: that batch is then read one ARN at a time,
 * leaving out the ones that are gone.
 */
async function inBatches<T>(arns: string[], read: (batch: string[]) => Promise<T[]>, gone: (err: unknown) => boolean): Promise<T[]> {
  const batches: string[][] = [];
  for (let i = 0; i < arns.length; i += PER_CALL) batches.push(arns.slice(i, i + PER_CALL));
  const one = async (batch: string[]): Promise<T[]> => {
    try {
      return await read(batch);
    } catch (err) {
      if (!gone(err)) throw err;
      if (batch.length === 1) return [];
      return (await Promise.all(batch.map((a) => one([a])))).flat();
    }
  };
  return (await Promise.all(batches.map(one))).flat();
}

/** The balancers and target groups of these ARNs that still exist. */
export async function describeStackV2(client: ElasticLoadBalancingV2Client, input: { lbArns: string[]; tgArns: string[]; timing?: Timing }): Promise<{ loadBalancers: V2Summary[]; targetGroups: StackTargetGroup[] }> {
  const lbArns = [...new Set(input.lbArns.filter(isV2BalancerArn))];
  const tgArns = [...new Set(input.tgArns)];
  const [loadBalancers, tgs] = await Promise.all([
    inBatches(lbArns, async (LoadBalancerArns) => ((await retrying(input.timing, () => client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns })))).LoadBalancers ?? []).map(toSummary), isLbNotFound),
    inBatches(tgArns, async (TargetGroupArns): Promise<TargetGroup[]> => (await retrying(input.timing, () => client.send(new DescribeTargetGroupsCommand({ TargetGroupArns })))).TargetGroups ?? [], isTgNotFound),
  ]);
  return {
    loadBalancers,
    targetGroups: tgs.flatMap((t) => (t.TargetGroupArn ? [{ name: t.TargetGroupName ?? '', arn: t.TargetGroupArn, loadBalancerArns: t.LoadBalancerArns ?? [] }] : [])),
  };
}

/**
 * Balancers named on the command line (teardown --lb) that are ELBv2 ones, and the target groups
 * they take with them: those used by no balancer other than the ones this run deletes (`leaving`).
 */
export async function findNamedV2(client: ElasticLoadBalancingV2Client, input: { names: string[]; leaving: string[]; timing?: Timing }): Promise<{ loadBalancers: V2Summary[]; targetGroups: StackTargetGroup[] }> {
  const loadBalancers = (await Promise.all(input.names.map((n) => findV2LoadBalancer(client, n, input.timing)))).flatMap((l) => (l ? [l] : []));
  const leaving = new Set([...input.leaving, ...loadBalancers.map((l) => l.arn)]);
  const tgs = (await Promise.all(loadBalancers.map((l) => describeTargetGroups(client, { lbArn: l.arn, ...(input.timing ? { timing: input.timing } : {}) })))).flat();
  const byArn = new Map(tgs.flatMap((t) => (t.TargetGroupArn ? [[t.TargetGroupArn, t] as const] : [])));
  return {
    loadBalancers,
    targetGroups: [...byArn.values()].filter((t) => (t.LoadBalancerArns ?? []).every((a) => leaving.has(a))).map((t) => ({ name: t.TargetGroupName ?? '', arn: t.TargetGroupArn ?? '', loadBalancerArns: t.LoadBalancerArns ?? [] })),
  };
}
