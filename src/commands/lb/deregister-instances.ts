import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { View } from '../../output/render.js';
import type { CommandDocs } from '../docs.js';
import { addMembershipCommand, changeMembership, type MembershipOptions, type MembershipResult } from './instance-membership.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `deregister-instances` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('deregister-instances', {
  actions: [
    'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
    'elasticloadbalancing:DeregisterTargets',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
  ],
  subject: 'load-balancer',
});

const docs: CommandDocs = {
  examples: ['scalectl deregister-instances web i-0abc1234 i-0def5678', 'scalectl deregister-instances web i-0abc1234 --dry-run'],
  text: ['instance-id (one line per instance still registered afterwards)', 'with --dry-run, the plan: action, resource, name, request, detail'],
  exitCodes: [3, 4],
};

export type DeregisterInstancesOptions = MembershipOptions;
export type DeregisterInstancesResult = MembershipResult;

export function registerDeregisterInstances(program: Command, deps: Deps, run = deregisterInstances): void {
  addMembershipCommand(program, deps, { command: 'deregister-instances', description: 'deregister instances from a load balancer (connection draining applies)', run, view: deregisterView, docs });
}

/** Deregisters the instances that are registered; `unchanged` when none of them is. */
export function deregisterInstances(opts: DeregisterInstancesOptions, ctx: Ctx) {
  return changeMembership('deregister', opts, ctx);
}

/** text: one line per instance still registered afterwards (as the legacy tool printed). */
const deregisterView: View<DeregisterInstancesResult> = {
  table: (r) => ({ head: ['STILL REGISTERED'], rows: r.instances.map((i) => [i]) }),
  text: (r) => r.instances.map((i) => [i]),
  json: (r) => ({ kind: 'load-balancer', name: r.loadBalancer, status: r.status, changes: r.changed.map((i) => `deregister ${i}`), instances: r.instances }),
};
