import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import { checkLbName } from '../../domain/listeners.js';
import { cell, render, type View } from '../../output/render.js';
import { contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl instance-health web",
    "scalectl instance-health web --output text | grep OutOfService",
  ],
  text: [
    "instance-id, state, reason-code, description",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `instance-health` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('instance-health', {
  actions: [
    'elasticloadbalancing:DescribeInstanceHealth',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
  ],
  subject: 'load-balancer',
});

/** Parsed arguments of `instance-health`. */
export interface InstanceHealthOptions {
  name: string;
}

/** Each registered instance as the balancer sees it. */
export interface InstanceHealthResult {
  loadBalancer: string;
  instances: Array<{ instanceId: string; state: string; reasonCode?: string; description?: string; targetGroup?: string }>;
}

export function registerInstanceHealth(program: Command, deps: Deps, run = instanceHealth): void {
  addDocs(program.command('instance-health'), docs)
    .description("each registered instance's state (InService, OutOfService), reason code and description")
    .argument('<name>', 'load balancer name')
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      const ctx = await contextOf(cmd, deps);
      await render(await run({ name: checkLbName(name) }, ctx), instanceHealthView, ctx, ctx.io);
    });
}

export async function instanceHealth(opts: InstanceHealthOptions, ctx: Ctx): Promise<InstanceHealthResult> {
  const elb = await import('../../services/elb.js');
  const classic = await elb.describeInstanceHealth(await ctx.aws.elb(), { name: opts.name });
  // Not a classic balancer: the target health of an application or network one, if any.
  const states = classic ?? (await (await import('../../services/elbv2.js')).describeV2TargetHealth(await ctx.aws.elbv2(), { name: opts.name }))
    ?.map((t) => ({ instanceId: t.id, state: t.state, targetGroup: t.targetGroup, ...(t.reason ? { reasonCode: t.reason } : {}), ...(t.description ? { description: t.description } : {}) }));
  if (!states) throw new NotFoundError(`load balancer ${opts.name} not found in this region`, 'run "scalectl describe-lbs" to list them');
  return { loadBalancer: opts.name, instances: states };
}

/** text columns: instance id, state, reason code, description. */
const instanceHealthView: View<InstanceHealthResult> = {
  empty: (r) => (r.instances.length ? undefined : 'no instances registered'),
  table: (r, st) => ({
    head: ['INSTANCE', 'STATE', 'REASON', 'DESCRIPTION'],
    rows: r.instances.map((i) => [i.instanceId, i.state === 'InService' || i.state === 'healthy' ? st.green(i.state) : st.red(i.state), cell(i.reasonCode), cell(i.description)]),
  }),
  text: (r) => r.instances.map((i) => [i.instanceId, i.state, i.reasonCode, i.description]),
  json: (r) => r,
};
