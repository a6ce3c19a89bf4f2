import type { Deps } from '../../src/deps.js';
import { InterruptedError } from '../../src/errors.js';
import { memoryIo } from '../../src/output/io.js';
import { run } from '../../src/program.js';
import { createAwsClients } from '../../src/services/clients.js';
import { commandOf, recordSends } from './drift.js';

export interface RunOptions {
  /** stdout, stderr and stdin are terminals. */
  tty?: boolean;
  /** Environment of the run; defaults to a region and test keys so AWS calls reach the mocks. */
  env?: Record<string, string | undefined>;
  /** Answers to confirmation prompts, in order. */
  answers?: boolean[];
  /** Fake-clock ms that pass while each confirmation prompt waits for its answer. */
  confirmDelayMs?: number;
  /** Aborts the run (as Ctrl-C would) when the fake clock passes this many ms. */
  interruptAfterMs?: number;
  columns?: number;
  /** Milliseconds the SDK waits before each retried attempt (default: the real backoff). */
  retryDelayMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Questions asked through the confirm prompt. */
  prompts: string[];
  /** Fake-clock ms slept, in order. */
  sleeps: number[];
}

export const TEST_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDTESTKEY00000000',
  AWS_SECRET_ACCESS_KEY: 'test-secret-key-do-not-print-0000000000',
  AWS_CONFIG_FILE: '/nonexistent/scalectl-test/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/scalectl-test/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** Splits a command line like a shell would for simple cases: spaces, and '…' or "…" quoting. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** Runs the real program in-process with memory streams, a fake clock and the mocked SDK. */
export async function runCli(args: string | string[], opts: RunOptions = {}): Promise<RunResult> {
  const io = memoryIo({ tty: opts.tty ?? false, ...(opts.columns ? { columns: opts.columns } : {}) });
  const controller = new AbortController();
  const prompts: string[] = [];
  const sleeps: number[] = [];
  const answers = [...(opts.answers ?? [])];
  let now = Date.parse('2026-11-21T12:00:00Z');
  const argv = typeof args === 'string' ? splitArgs(args) : args;
  const command = commandOf(argv);
  const deps: Deps = {
    io,
    env: opts.env ?? { ...TEST_ENV },
    clock: {
      now: () => now,
      sleep: async (ms, signal) => {
        sleeps.push(ms);
        now += ms;
        if (opts.interruptAfterMs !== undefined && now - Date.parse('2026-11-21T12:00:00Z') >= opts.interruptAfterMs) controller.abort();
        if (signal?.aborted) throw new InterruptedError('interrupted');
      },
    },
    signal: controller.signal,
    confirm: async (q) => {
      prompts.push(q);
      now += opts.confirmDelayMs ?? 0;
      return answers.shift() ?? false;
    },
    // Every request is recorded for the drift check (test/helpers/drift.ts).
    makeClients: (s) => recordSends(opts.retryDelayMs === undefined ? createAwsClients(s) : createAwsClients(s, { backoff: () => opts.retryDelayMs ?? 0 }), command),
  };
  const code = await run(argv, deps);
  return { code, stdout: io.stdout(), stderr: io.stderr(), prompts, sleeps };
}
