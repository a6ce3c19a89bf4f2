import Table from 'cli-table3';
import type { Style } from './style.js';

/** Column headers and rows of cells, already turned into strings. */
export interface TableData {
  head: string[];
  rows: string[][];
}

/** Aligned columns with a header and no borders, as gh and kubectl print them. */
export function formatTable(data: TableData, style: Style): string {
  if (data.rows.length === 0) return '';
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
  });
  table.push(...data.rows);
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n') + '\n';
}
