// A one-line terminal chart of a metric series: unicode blocks from lowest to highest, '·' where a
// period has no datapoint, with min and max labels so the scale can be read.

export const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
export const GAP = '·';

/** Averages neighbouring values so at most `width` columns remain; a column with no value stays a gap. */
export function fitWidth(values: Array<number | undefined>, width: number): Array<number | undefined> {
  if (values.length <= width) return values;
  const out: Array<number | undefined> = [];
  for (let col = 0; col < width; col++) {
    const from = Math.floor((col * values.length) / width);
    const to = Math.floor(((col + 1) * values.length) / width);
    const present = values.slice(from, to).filter((v): v is number => v !== undefined);
    out.push(present.length ? present.reduce((a, b) => a + b, 0) / present.length : undefined);
  }
  return out;
}

/** The blocks alone: one character per value. A flat series sits in the middle. */
export function sparkline(values: Array<number | undefined>): string {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0) return values.map(() => GAP).join('');
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values
    .map((v) => {
      if (v === undefined) return GAP;
      if (max === min) return BLOCKS[3];
      return BLOCKS[Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1))];
    })
    .join('');
}

/** Shortest readable form of a number for a label: up to 2 decimals, no trailing zeros. */
export function formatValue(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** `min 10 ▁▃█·▅ max 85.5`; just the gaps and "no datapoints" when the series is empty. */
export function renderChart(values: Array<number | undefined>, width = 60): string {
  const fitted = fitWidth(values, width);
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0) return `${sparkline(fitted)} no datapoints`;
  return `min ${formatValue(Math.min(...present))} ${sparkline(fitted)} max ${formatValue(Math.max(...present))}`;
}
