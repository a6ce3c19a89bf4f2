// create-asg --lb / --target-group: which names are classic balancers and which ELBv2 target groups.
// Loads the ELBv2 client only when create-asg names a balancer or target group.
import type { Ctx } from '../../deps.js';
import type { CreateAsgOptions } from '../../domain/asg-options.js';
import { NotFoundError } from '../../errors.js';
import { placeholder, readLive } from '../../plan.js';

/** Classic balancer names and ELBv2 target group ARNs the group should use; undefined: neither flag given. */
export interface ResolvedTargets {
  classic?: string[];
  targetGroupArns: string[];
}

export async function resolveTargets(o: CreateAsgOptions, ctx: Ctx): Promise<ResolvedTargets | undefined> {
  if (!o.loadBalancers && !o.targetGroups) return undefined;
  const offline: ResolvedTargets = { ...(o.loadBalancers ? { classic: o.loadBalancers } : {}), targetGroupArns: (o.targetGroups ?? []).map((t) => (t.startsWith('arn:') ? t : placeholder(`arn of target group ${t}`))) };
  return readLive(ctx, o.dryRun, async () => {
    // The client first: without credentials (a dry-run) that fails before the SDK is loaded.
    const client = await ctx.aws.elbv2();
    const v2 = await import('../../services/elbv2.js');
    const classic: string[] = [];
    const arns: string[] = [];
    for (const name of o.loadBalancers ?? []) {
      const lb = await v2.findV2LoadBalancer(client, name);
      if (!lb) {
        classic.push(name);
        continue;
      }
      const tgs = await v2.describeTargetGroups(client, { lbArn: lb.arn });
      if (!tgs.length) throw new NotFoundError(`load balancer ${name} (${lb.type}) has no target groups to attach the group to`, `create its listeners with scalectl create-lb ${name} --type ${lb.type} …`);
      arns.push(...tgs.flatMap((t) => (t.TargetGroupArn ? [t.TargetGroupArn] : [])));
    }
    for (const t of o.targetGroups ?? []) {
      if (t.startsWith('arn:')) arns.push(t);
      else {
        const found = (await v2.describeTargetGroups(client, { names: [t] }))[0]?.TargetGroupArn;
        if (!found) throw new NotFoundError(`target group ${t} not found`, 'check the name with aws elbv2 describe-target-groups, or pass its ARN');
        arns.push(found);
      }
    }
    return { ...(o.loadBalancers ? { classic } : {}), targetGroupArns: [...new Set(arns)] };
  }, offline);
}
