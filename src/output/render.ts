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
  table(value: T, style: Style): TableData | TableData[];
  text(value: T): Array<Array<string | number | boolean | undefined>>;
  json(value: T): unknown;
}

export interface RenderContext {
  format: OutputFormat;
  style: Style;
}

/** Writes `value` to stdout in the chosen format. Nothing else writes results. */
export async function render<T>(value: T, view: View<T>, ctx: RenderContext, io: Io): Promise<void> {
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
    return;
  }
  // Loaded only when a table is drawn: keeps cli-table3 out of scripted (text/json) runs.
  const { formatTable } = await import('./table.js');
  const tables = ([] as TableData[]).concat(view.table(value, ctx.style));
  io.out(tables.map((t) => formatTable(t, ctx.style)).filter(Boolean).join('\n'));
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
