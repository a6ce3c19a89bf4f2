import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx, Env, Log } from './deps.js';
import { redact } from './domain/redact.js';
import { ConfigError, PartialError, classifyError, isUnreachable } from './errors.js';
import { cell, type View } from './output/render.js';

/** One step of a mutating command, as --dry-run prints it and the report names it. */
export interface PlannedStep {
  /** `create`, `update`, `delete`, `attach`, … or `unchanged`. */
  action: string;
  /** Kind of resource, e.g. `load-balancer`, `health-check`, `listener`. */
  resource: string;
  /** Its name or id. */
  name: string;
  /** What differs, in a few words. */
  detail?: string;
  /** The request it sends; secrets are redacted when printed. */
  request?: { service: string; operation: string; input: unknown };
}

/** A step that can be carried out. */
export interface Step extends PlannedStep {
  run(): Promise<void>;
}

/** The --dry-run result of any mutating command. */
export interface PlanResult {
  dryRun: true;
  steps: PlannedStep[];
}

/** Words for progress lines: `create` → `Creating`. */
const VERB: Record<string, string> = { create: 'Creating', update: 'Updating', delete: 'Deleting', attach: 'Attaching', detach: 'Detaching', set: 'Setting', register: 'Registering', deregister: 'Deregistering', upload: 'Uploading', tag: 'Tagging', untag: 'Untagging', put: 'Putting' };

export function stepLabel(s: PlannedStep): string {
  return `${s.action} ${s.resource} ${s.name}`;
}

/**
 * Runs steps in order, with a progress line each. If a step fails after others were done, the
 * error is a PartialError (exit 5) naming what is done and what is not, so a re-run can finish.
 */
export async function executePlan(steps: Step[], log: Log): Promise<void> {
  const done: string[] = [];
  for (const [i, step] of steps.entries()) {
    if (step.action === 'unchanged') continue;
    log.progress(`${VERB[step.action] ?? step.action} ${step.resource} ${step.name}${step.detail ? ` (${step.detail})` : ''}`);
    try {
      await step.run();
      done.push(stepLabel(step));
    } catch (err) {
      if (done.length === 0) throw err;
      const e = classifyError(err);
      const notDone = steps.slice(i).filter((s) => s.action !== 'unchanged').map(stepLabel);
      throw new PartialError(`${stepLabel(step)} failed: ${e.message}`, done, notDone, 're-run the same command to finish', { cause: err });
    }
  }
}

/** The plan as data: what --dry-run returns. */
export function toPlan(steps: PlannedStep[]): PlanResult {
  return { dryRun: true, steps: steps.map(({ action, resource, name, detail, request }) => ({ action, resource, name, ...(detail ? { detail } : {}), ...(request ? { request } : {}) })) };
}

export const planView: View<PlanResult> = {
  table: (p) => ({
    head: ['#', 'ACTION', 'RESOURCE', 'NAME', 'REQUEST', 'DETAIL'],
    rows: p.steps.map((s, i) => [String(i + 1), s.action, s.resource, s.name, s.request ? `${s.request.service}:${s.request.operation}` : '-', cell(s.detail)]),
  }),
  text: (p) => p.steps.map((s) => [s.action, s.resource, s.name, s.request ? `${s.request.service}:${s.request.operation}` : '', s.detail]),
  json: (p) => ({ dryRun: true, steps: p.steps.map((s) => ({ ...s, ...(s.request ? { request: redact(s.request) } : {}) })) }),
};

/**
 * Reads live state for planning. In a dry-run without region or credentials, or with no way to
 * reach AWS, nothing can be read: warn once and plan as if nothing existed, so a plan works with
 * no AWS account and no network at all. Once a run is offline, later reads are not tried again.
 */
export async function readLive<T>(ctx: Ctx, dryRun: boolean, read: () => Promise<T>, offline: T): Promise<T> {
  if (dryRun && offlineRuns.has(ctx)) return offline;
  try {
    return await read();
  } catch (err) {
    const e = classifyError(err);
    if (!dryRun || !(e instanceof ConfigError || isUnreachable(err))) throw err;
    offlineRuns.add(ctx);
    if (firstOfSession(ctx.env)) ctx.log.warn(`${e.message}: planning without reading AWS, as if nothing existed yet`);
    return offline;
  }
}
const offlineRuns = new WeakSet<object>();

/**
 * A recipe runs one scalectl per step; `SCALECTL_PLAN_SESSION` (set once per `make` run by
 * examples/common.mk) lets the offline warning print for the first of them only.
 */
function firstOfSession(env: Env): boolean {
  const session = env.SCALECTL_PLAN_SESSION?.replace(/[^\w.-]/g, '');
  if (!session) return true;
  const marker = join(env.TMPDIR || tmpdir(), `scalectl-offline-${session}`);
  try {
    writeFileSync(marker, '', { flag: 'wx' });
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EEXIST';
  }
}

/** A stand-in for a value an earlier step would have produced, e.g. `<arn of policy scale-up>`. */
export function placeholder(what: string): string {
  return `<${what}>`;
}
