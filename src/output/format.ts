export const OUTPUT_FORMATS = ['table', 'text', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `table` on a terminal, `text` otherwise, unless `--output` says which. */
export function resolveFormat(flag: string | undefined, stdoutIsTTY: boolean): OutputFormat {
  if (flag && (OUTPUT_FORMATS as readonly string[]).includes(flag)) return flag as OutputFormat;
  return stdoutIsTTY ? 'table' : 'text';
}
