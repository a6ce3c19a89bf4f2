import type { OutputFormat } from './format.js';
import type { Io } from './io.js';
import type { Style } from './style.js';
import type { TableData } from './table.js';

/**
 * How one result type looks in each format. `text` returns records of fields (tab-separated, one
 * record a line, no header); `json` returns the document (camelCase, lists always present); `table`
 * returns columns or, for a single record with details, sections of columns.
 */
export interface View<T> {
  /** `width`: the terminal's columns, for views that draw something sized to it (a chart). */
  table(value: T, style: Style, width: number): TableData | TableData[];
  text(value: T): Array<Array<string | number | boolean | undefined>>;
  json(value: T): unknown;
  /**
   * For lists: what to say on stderr when there is nothing to show (`no load balancers`), so a
   * terminal does not get a blank screen; text and json stay empty. Undefined when not empty.
   */
  empty?(value: T): string | undefined;
  /** False for a report whose text already says what happened to each resource (teardown). */
  unchangedNote?: false;
  /** Say `empty` in every format, not only on a table (get-stats: no datapoints is news to a script too). */
  emptyInEveryFormat?: boolean;
}

export interface RenderContext {
  format: OutputFormat;
  style: Style;
  /** `--quiet`: no note on stderr. */
  quiet?: boolean;
  /** The run's settings, for the region an empty result is reported in. */
  settings?: () => Promise<{ region?: string }>;
  /** `--query`: a JMESPath expression applied to the JSON form; its selection is printed. */
  query?: string;
}

/** Writes `value` to stdout in the chosen format. Nothing else writes results. */
export async function render<T>(value: T, view: View<T>, ctx: RenderContext, io: Io): Promise<void> {
  const empty = view.empty?.(value);
  if (empty && (ctx.format === 'table' || view.emptyInEveryFormat)) io.err(`${empty}${await regionSuffix(ctx)}\n`);
  if (ctx.query !== undefined) return renderSelection(await (await import('./query.js')).applyQuery(view.json(value), ctx.query), ctx, io);
  if (ctx.format === 'json') {
    io.out(JSON.stringify(view.json(value), null, 2) + '\n');
    return;
  }
  // JSON escapes control characters itself; text and tables get them escaped here, once for all.
  const { escapeDeep } = await import('./escape.js');
  value = escapeDeep(value);
  if (ctx.format === 'text') {
    const lines = view.text(value).map((rec) => rec.map(textCell).join('\t'));
    if (lines.length > 0) io.out(lines.join('\n') + '\n');
    // stdout keeps the bare identifier a script captures; a person still hears that nothing changed.
    const doc = view.json(value) as { kind?: unknown; name?: unknown; status?: unknown } | null;
    if (doc && typeof doc === 'object' && doc.status === 'unchanged' && typeof doc.kind === 'string' && !ctx.quiet && view.unchangedNote !== false && !lines.some((l) => l.includes('unchanged'))) io.err(`${doc.kind} ${String(doc.name)}: unchanged\n`);
    return;
  }
  // Loaded only when a table is drawn: keeps cli-table3 out of scripted (text/json) runs.
  const { formatTable } = await import('./table.js');
  const tables = ([] as TableData[]).concat(view.table(value, ctx.style, io.columns));
  io.out(tables.map((t) => formatTable(t, ctx.style, io.columns)).filter(Boolean).join('\n'));
}

async function regionSuffix(ctx: RenderContext): Promise<string> {
  try {
    const region = (await ctx.settings?.())?.region;
    return region ? ` in ${region}` : '';
  } catch {
    return '';
  }
}

async function renderSelection(selection: unknown, ctx: RenderContext, io: Io): Promise<void> {
  const q = await import('./query.js');
  if (ctx.format === 'json') return void io.out(JSON.stringify(selection ?? null, null, 2) + '\n');
  if (ctx.format === 'text') {
    const lines = q.selectionText(selection).map((rec) => rec.map(textCell).join('\t'));
    if (lines.length > 0) io.out(lines.join('\n') + '\n');
    return;
  }
  const { formatTable } = await import('./table.js');
  io.out(formatTable(q.selectionTable(selection), ctx.style, io.columns));
}

/** Text cells never hold tabs or newlines, so a record is always exactly one line. */
function textCell(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  return String(v).replace(/[\t\r\n]+/g, ' ');
}

/** A table cell: `-` for nothing. */
export function cell(v: string | number | boolean | undefined | null): string {
  return v === undefined || v === null || v === '' ? '-' : String(v);
}
