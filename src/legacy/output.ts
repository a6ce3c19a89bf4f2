// The one legacy output module: record lines as the Java tools printed them. Table mode (the
// default): record type, two spaces, then the fields, each column padded to the widest value of
// its record type (and its header with --headers), two spaces apart, so
// `grep AUTO-SCALING-GROUP | cut -f 3 -d " "` is the group name. --show-long: every field, the
// long ones too, joined by --delimiter (default `,`). Empty fields are left out in table mode
// (a column empty in every record of its type disappears) unless --show-empty-fields prints (nil).

export type Cell = string | number | boolean | undefined | null;

/** A record type: its name (omitted for the mon-* tables, which have none) and its columns. */
export interface RecordType {
  type?: string;
  columns: Array<{ head: string; long?: boolean }>;
}

/** One line of output: a record of a type, its cells in column order. */
export interface Rec {
  of: RecordType;
  cells: Cell[];
}

export interface OutputSettings {
  headers: boolean;
  long: boolean;
  delimiter: string;
  emptyFields: boolean;
}

const NIL = '(nil)';

/** Java's Double.toString for the numbers CloudWatch returns: 2 → 2.0, 41.333999999999996 as is. */
export function dbl(n: number | undefined): string | undefined {
  if (n === undefined) return undefined;
  if (Number.isInteger(n) && Math.abs(n) < 1e7) return `${n}.0`;
  return String(n);
}

const text = (c: Cell): string => (c === undefined || c === null ? '' : String(c));

/** Formats records; children follow their parents because records keep the order given. */
export function formatRecords(recs: Rec[], o: OutputSettings): string {
  const types = [...new Set(recs.map((r) => r.of))];
  const layout = new Map<RecordType, { cols: number[]; widths: number[] }>();
  for (const t of types) {
    const rows = recs.filter((r) => r.of === t);
    let cols = t.columns.map((_, i) => i).filter((i) => o.long || !t.columns[i]!.long);
    if (!o.long && !o.emptyFields) cols = cols.filter((i) => rows.some((r) => text(r.cells[i]) !== ''));
    const widths = cols.map((i) => Math.max(o.headers ? t.columns[i]!.head.length : 0, ...rows.map((r) => cellText(r.cells[i], o).length)));
    layout.set(t, { cols, widths });
  }
  const seen = new Set<RecordType>();
  const lines: string[] = [];
  for (const r of recs) {
    const { cols, widths } = layout.get(r.of)!;
    if (o.headers && !seen.has(r.of)) {
      seen.add(r.of);
      lines.push(line(r.of.type, cols.map((i) => r.of.columns[i]!.head), widths, o));
    }
    lines.push(line(r.of.type, cols.map((i) => cellText(r.cells[i], o)), widths, o));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function cellText(c: Cell, o: OutputSettings): string {
  const t = text(c);
  return t === '' && o.emptyFields ? NIL : t;
}

function line(type: string | undefined, fields: string[], widths: number[], o: OutputSettings): string {
  if (o.long) return [...(type ? [type] : []), ...fields].join(o.delimiter);
  const padded = fields.map((f, i) => (i === fields.length - 1 ? f : f.padEnd(widths[i]!)));
  return [...(type ? [type] : []), ...padded].join('  ').trimEnd();
}
