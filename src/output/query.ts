// `--query EXPR`: the AWS CLI's JMESPath selection, applied to a command's JSON result. The
// selection is then printed in the chosen format, so `--query 'groups[].name' --output text`
// gives one name a line, as a script wants.
import type { TableData } from './table.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Checks an expression before anything is sent; returns the parser's message when it is bad. */
export async function checkQuery(expr: string): Promise<string | undefined> {
  const { compile } = await jmespath();
  try {
    compile(expr);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Applies an expression to a JSON document. */
export async function applyQuery(doc: unknown, expr: string): Promise<unknown> {
  const { search } = await jmespath();
  return search(doc as Json, expr) as unknown;
}

async function jmespath(): Promise<{ compile(e: string): unknown; search(d: unknown, e: string): unknown }> {
  const m = (await import('jmespath')) as unknown as { default?: unknown; compile?: unknown };
  return (m.compile ? m : m.default) as { compile(e: string): unknown; search(d: unknown, e: string): unknown };
}

const scalar = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * A selection as text records: a scalar is one line, a list gives a line per element, an object
 * gives its values tab-separated (in key order), a list of lists or objects a line per element.
 */
export function selectionText(v: unknown): string[][] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((e) => (Array.isArray(e) ? [e.map(scalar)] : e !== null && typeof e === 'object' ? [Object.values(e).map(scalar)] : e === null || e === undefined ? [] : [[scalar(e)]]));
  if (typeof v === 'object') return [Object.values(v as object).map(scalar)];
  return [[scalar(v)]];
}

/** A selection as a table: objects give columns by key, scalars a single `value` column. */
export function selectionTable(v: unknown): TableData {
  const rows = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
  const objects = rows.filter((r) => r !== null && typeof r === 'object' && !Array.isArray(r)) as Array<Record<string, unknown>>;
  if (objects.length === rows.length && rows.length > 0) {
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    return { head: keys, rows: objects.map((o) => keys.map((k) => scalar(o[k]) || '-')) };
  }
  return { head: ['value'], rows: rows.map((r) => [Array.isArray(r) ? r.map(scalar).join('\t') : scalar(r)]) };
}
