import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import type { View } from '../../output/render.js';
import type { CommandDocs } from '../docs.js';
import { addMembershipCommand, changeMembership, type MembershipOptions, type MembershipResult } from './instance-membership.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `register-instances` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('register-instances', {
  actions: [
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
    'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
    'elasticloadbalancing:RegisterTargets',
  ],
  subject: 'load-balancer',
});

const docs: CommandDocs = {
  examples: ['scalectl register-instances web i-0abc1234 i-0def5678', 'scalectl register-instances web i-0abc1234 --dry-run'],
  text: ['instance-id (one line per instance registered afterwards)', 'with --dry-run, the plan: action, resource, name, request, detail'],
  exitCodes: [3, 4],
};

export type RegisterInstancesOptions = MembershipOptions;
export type RegisterInstancesResult = MembershipResult;

export function registerRegisterInstances(program: Command, deps: Deps, run = registerInstances): void {
  addMembershipCommand(program, deps, { command: 'register-instances', description: 'register instances with a load balancer', run, view: registerView, docs });
}

/** Registers the instances that are not registered yet; `unchanged` when none is missing. */
export function registerInstances(opts: RegisterInstancesOptions, ctx: Ctx) {
  return changeMembership('register', opts, ctx);
}

/** text: one line per instance registered afterwards (as the legacy tool printed). */
const registerView: View<RegisterInstancesResult> = {
  table: (r) => ({ head: ['INSTANCE', 'REGISTERED'], rows: r.instances.map((i) => [i, r.changed.includes(i) ? 'now' : 'already']) }),
  text: (r) => r.instances.map((i) => [i]),
  json: (r) => ({ kind: 'load-balancer', name: r.loadBalancer, status: r.status, changes: r.changed.map((i) => `register ${i}`), instances: r.instances }),
};
