// What each command may send to AWS, declared next to its own code and read by `scalectl policy`,
// the AccessDenied hint and the drift test (test/helpers/drift.ts). A command file declares once:
//
//   export const permissions = declarePermissions('create-lb', { actions: ['elasticloadbalancing:CreateLoadBalancer', …], subject: 'load-balancer' });
//
// Loading the command's module (through the program's own list) registers its declaration, so a
// new command adds its declaration in its own file and nowhere else. Another front end (the legacy
// layer) declares `uses: ['create-lb']` to reuse a native command's actions by name.
import type { ResourceKind } from '../domain/iam-policy.js';
import { COMMAND_SUMMARIES } from '../program.js';

/** The AWS actions one command can cause, as IAM spells them (`service:Action`). */
export interface CommandPermissions {
  /**
   * Every action the command can send: reads and writes, look-ups behind name → ARN resolution,
   * waiters, teardown discovery. The drift test fails when a test sees one that is not listed.
   */
  actions: readonly string[];
  /**
   * Actions AWS checks on the caller without a request of their own (`ec2:RunInstances` when a
   * group launches from a template, `iam:PassRole` for an instance profile), with why.
   */
  implied?: Readonly<Record<string, string>>;
  /** What the command's first argument names: the resource `policy --name` narrows to. */
  subject?: ResourceKind;
  /** Native commands whose actions this one can send too (front ends that run them). */
  uses?: readonly string[];
}

// One registry per process even where the bundle holds two copies of this module (the start-up
// file's `config` and the lazily loaded commands).
const KEY = Symbol.for('scalectl.permissions');
const declared: Map<string, CommandPermissions> = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Map<string, CommandPermissions>;

/** Registers `command`'s declaration (its full name: `create-lb`, `dns register`) and returns it. */
export function declarePermissions(command: string, p: CommandPermissions): CommandPermissions {
  declared.set(command, p);
  return p;
}

/** Declarations registered so far (every module loaded in this process). */
export function declaredPermissions(): ReadonlyMap<string, CommandPermissions> {
  return declared;
}

/**
 * The declaration of one command, loading its module through the program's command list (the
 * first word names the entry: `dns register` loads `dns`). Undefined when nothing declares it.
 */
export async function permissionsOf(command: string): Promise<CommandPermissions | undefined> {
  if (!declared.has(command)) {
    const entry = COMMAND_SUMMARIES.find((e) => e.name === command.split(' ')[0]);
    if (entry) await entry.load();
  }
  return declared.get(command);
}

/** Every action `command` can send, with those of the commands it `uses`, sorted and unique. */
export async function actionsOf(command: string, seen = new Set<string>()): Promise<string[] | undefined> {
  const p = await permissionsOf(command);
  if (!p) return undefined;
  seen.add(command);
  const all = new Set([...p.actions, ...Object.keys(p.implied ?? {})]);
  for (const u of p.uses ?? []) if (!seen.has(u)) for (const a of (await actionsOf(u, seen)) ?? []) all.add(a);
  return [...all].sort();
}
