import { cell, type View } from '../output/render.js';
import type { Blocker, TeardownResult } from './teardown.js';

/**
 * The teardown report: one line per resource, in deletion order. text: kind, name, outcome,
 * reason. json: the mutating-command shape (`kind` teardown, `name` the stack, `status` deleted
 * when anything was), with every resource's own status and outcome.
 */
export const teardownView = (stack?: string): View<TeardownResult> => ({
  unchangedNote: false,
  table: (r, st) => ({
    head: ['KIND', 'NAME', 'OUTCOME', 'REASON'],
    rows: r.resources.map((e) => [e.kind, e.name, e.outcome === 'failed' ? st.red(e.outcome) : e.outcome === 'not done' ? st.yellow(e.outcome) : st.green(e.outcome), cell(e.reason)]),
  }),
  text: (r) => r.resources.map((e) => [e.kind, e.name, e.outcome, e.reason ?? '']),
  json: (r) => {
    const deleted = r.resources.filter((e) => e.outcome === 'deleted');
    return {
      kind: 'teardown',
      name: stack ?? '',
      status: deleted.length ? 'deleted' : 'unchanged',
      changes: deleted.map((e) => `delete ${e.kind} ${e.name}`),
      dryRun: false,
      interrupted: r.interrupted,
      resources: r.resources.map((e) => ({ kind: e.kind, name: e.name, status: e.outcome === 'deleted' ? 'deleted' : 'unchanged', outcome: e.outcome, ...(e.reason ? { reason: e.reason } : {}) })),
      ...(r.unsearched?.length ? { unsearched: r.unsearched } : {}),
    };
  },
});

/** One warning line per blocker: what blocks which group, and the command that clears it. */
export function blockerLine(b: Blocker): string {
  return `${b.kind ?? 'auto-scaling-group'} ${b.group}: ${b.problem}; ${b.waits ? '' : 'clear it with: '}${b.fix}`;
}

/** Summary of what a run left, for the error line after the report. */
export function remainingSummary(r: TeardownResult): string {
  const left = r.resources.filter((e) => e.outcome === 'failed' || e.outcome === 'not done');
  return left.map((e) => `${e.kind} ${e.name}`).join(', ');
}
