// The result of a mutating command as CLI.md fixes it: `{"kind", "name", "status", "changes": […], …}`,
// one record per resource touched. Commands with nothing more to say render through changeView.
import type { Style } from './style.js';
import type { Ctx } from '../deps.js';
import { planView, type PlanResult } from '../plan.js';
import { cell, render, type View } from './render.js';

/** One resource a mutating command acted on. */
export interface ChangeReport {
  /** Kind of resource: `alarm`, `metric`, … */
  kind: string;
  name: string;
  status: 'created' | 'updated' | 'unchanged' | 'deleted';
  /** What was done, in a few words each; empty when unchanged. */
  changes: string[];
  /** Present when the resource was not there to act on (e.g. a name delete-alarms did not find). */
  found?: boolean;
}

/** A structured change as one line of `changes` (the same words the table shows). */
export function changeLine(c: { action: string; resource: string; name: string; detail?: string }): string {
  return `${c.action} ${c.resource} ${c.name}${c.detail ? `: ${c.detail}` : ''}`;
}

const colour = (s: ChangeReport['status'], st: Style) => (s === 'unchanged' ? st.dim(s) : s === 'deleted' ? st.yellow(s) : st.green(s));

/** For commands that take several names: `table` KIND NAME STATUS CHANGES; `text` name and status, one a line; `json` always a list. */
export const changesView: View<ChangeReport[]> = {
  table: (rs, st) => ({ head: ['KIND', 'NAME', 'STATUS', 'CHANGES'], rows: rs.map((r) => [r.kind, r.name, colour(r.status, st), cell(r.changes.join(', '))]) }),
  text: (rs) => rs.map((r) => [r.name, r.status]),
  json: (rs) => rs,
};

/** For commands that act on one resource: the same, with `json` the one object. */
export const changeView: View<ChangeReport> = {
  table: (r, st, width) => changesView.table([r], st, width),
  text: (r) => changesView.text([r]),
  json: (r) => r,
};

/**
 * Prints a mutating command's result: the plan of a dry-run, else the change(s). A single resource
 * left unchanged also says so on stderr in text output, where stdout is only `NAME\tunchanged`.
 */
export async function renderChange(result: ChangeReport | ChangeReport[] | PlanResult, ctx: Ctx): Promise<void> {
  if ('dryRun' in result) return render(result, planView, ctx, ctx.io);
  if (Array.isArray(result)) return render(result, changesView, ctx, ctx.io);
  if (result.status === 'unchanged' && ctx.format === 'text') ctx.log.progress(`${result.kind} ${result.name} unchanged`);
  return render(result, changeView, ctx, ctx.io);
}
