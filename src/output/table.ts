import Table from 'cli-table3';
import type { Style } from './style.js';

/** Column headers and rows of cells, already turned into strings. */
export interface TableData {
  head: string[];
  rows: string[][];
}

const GAP = 2;
const MIN_COLUMN = 4;
// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/**
 * Column widths that fit `width`: the widest column gives way first, down to a few characters;
 * undefined when everything already fits (cli-table3 then sizes the columns itself).
 */
export function fitColumns(data: TableData, width: number): number[] | undefined {
  const cols = Math.max(data.head.length, ...data.rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(visible(data.head[i] ?? ''), ...data.rows.map((r) => Math.max(...(r[i] ?? '').split('\n').map(visible)))));
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (cols - 1);
  if (total() <= width) return undefined;
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]! -= 1;
  }
  return widths;
}

/** Aligned columns with a header and no borders, as gh and kubectl print them; long cells end in … to fit `width`. */
export function formatTable(data: TableData, style: Style, width = Infinity): string {
  if (data.rows.length === 0) return '';
  const colWidths = Number.isFinite(width) ? fitColumns(data, width) : undefined;
  const table = new Table({
    head: data.head.map((h) => style.bold(h)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '',
      right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    wordWrap: false,
    ...(colWidths ? { colWidths, truncate: '…' } : {}),
  });
  table.push(...data.rows);
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n') + '\n';
}
