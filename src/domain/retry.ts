// Retry and wait policy shared by the services: throttling, eventual consistency, deadlines.

/** Waiting for something eventually consistent to become visible: the fake clock in tests, progress for the user. */
export interface RetryOptions {
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Called before each wait with what is awaited. */
  onWait?(message: string): void;
  /** How long to keep trying; default 60 s. */
  timeoutMs?: number;
}

/** Time for waits and retries of a long run (teardown): the run's clock, Ctrl-C signal and overall deadline (--timeout). */
export interface Timing {
  now(): number;
  /** Rejects with an InterruptedError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  signal?: AbortSignal;
  /** Epoch ms after which nothing more is retried or waited for. */
  deadline: number;
}

const THROTTLE = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'TooManyRequestsException', 'SlowDown', 'PriorRequestNotComplete', 'DependencyThrottle', 'DependencyThrottleException']);

/** The error names AWS services use for rate limiting (Auto Scaling: `Throttling`, "Rate exceeded"). */
export function isThrottle(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return THROTTLE.has(e?.name ?? '') || /rate exceeded/i.test(e?.message ?? '');
}

/** The error's name, for matching AWS error codes (`ResourceInUse` and `ResourceInUseFault` alike). */
export function errorName(err: unknown): string {
  return ((err as { name?: string })?.name ?? '').replace(/Fault$|Exception$/, '');
}

/** Backoff before retry `attempt` (0-based): doubling from `baseMs`, capped at `maxMs`. */
export function backoff(attempt: number, baseMs = 2000, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** attempt);
}

/**
 * Calls `fn` until it succeeds, retrying throttling (which escaped the SDK's own retries) and any
 * error `retryable` accepts, with backoff, while the deadline allows. Without timing, one attempt.
 */
export async function retrying<T>(t: Timing | undefined, fn: () => Promise<T>, retryable: (err: unknown) => boolean = () => false, baseMs = 2000): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!t || !(isThrottle(err) || retryable(err))) throw err;
      const delay = backoff(attempt, baseMs);
      if (t.now() + delay > t.deadline) throw err;
      await t.sleep(delay, t.signal);
    }
  }
}

/**
 * Calls `fn` until it stops failing with an error `invisible` accepts (something created seconds
 * ago that AWS does not show yet): backoff from 2 s to 15 s for `retry.timeoutMs` (default 60 s),
 * saying before each wait what is awaited. Without `retry`, one attempt.
 */
export async function untilVisible<T>(retry: RetryOptions | undefined, invisible: (err: unknown) => boolean, waiting: (seconds: number) => string, fn: () => Promise<T>): Promise<T> {
  const deadline = retry ? retry.now() + (retry.timeoutMs ?? 60_000) : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!retry || !invisible(err) || retry.now() >= deadline) throw err;
      const wait = Math.min(backoff(attempt, 2_000, 15_000), Math.max(deadline - retry.now(), 1));
      retry.onWait?.(waiting(Math.round(wait / 1000)));
      await retry.sleep(wait);
    }
  }
}

/** Thrown by a wait that ran out of time; the message says what was still left. */
export class WaitTimeout extends Error {
  override name = 'WaitTimeout';
}

/** Elapsed time as `1m05s` / `45s`, for progress lines. */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
