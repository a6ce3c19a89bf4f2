import { scrubText } from '../domain/redact.js';

/** The program's streams. Only `cli.ts` builds one over the real process; tests use `memoryIo()`. */
export interface Io {
  /** Results only. */
  out(text: string): void;
  /** Progress, warnings, prompts and errors. */
  err(text: string): void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  /** Terminal width for help and tables (80 when not a terminal). */
  readonly columns: number;
  /** Registers a secret value so it can never be written to either stream. */
  addSecret(value: string): void;
  /** Ends a line left open on stderr (a progress line drawn in place), so what follows starts fresh. */
  freshLine(): void;
}

interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Wraps two writable streams; every write passes through the secret scrubber. The stream
 * properties are read when asked for, so a sink may create its stream on first use.
 */
export function streamIo(stdout: Sink, stderr: Sink, stdinIsTTY: boolean): Io {
  const secrets = new Set<string>();
  let errOpen = false;
  const err = (t: string) => {
    if (t) errOpen = !t.endsWith('\n');
    stderr.write(scrubText(t, secrets));
  };
  return {
    out: (t) => void stdout.write(scrubText(t, secrets)),
    err,
    freshLine: () => {
      if (errOpen) err('\n');
    },
    get stdoutIsTTY() {
      return stdout.isTTY === true;
    },
    get stderrIsTTY() {
      return stderr.isTTY === true;
    },
    stdinIsTTY,
    get columns() {
      return stdout.columns ?? stderr.columns ?? 80;
    },
    addSecret: (v) => void (v && secrets.add(v)),
  };
}

/** In-memory streams for tests: `stdout()` and `stderr()` return everything written so far. */
export function memoryIo(opts: { tty?: boolean; stdinTTY?: boolean; columns?: number } = {}): Io & {
  stdout(): string;
  stderr(): string;
} {
  let out = '';
  let err = '';
  const tty = opts.tty ?? false;
  const io = streamIo(
    { write: (t: string) => (out += t), isTTY: tty, columns: opts.columns ?? 200 },
    { write: (t: string) => (err += t), isTTY: tty, columns: opts.columns ?? 200 },
    opts.stdinTTY ?? tty,
  );
  return Object.assign(io, { stdout: () => out, stderr: () => err });
}
