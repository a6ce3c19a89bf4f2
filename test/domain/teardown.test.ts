import { describe, expect, it } from 'vitest';
import { findBlockers, mapLimit, orderTargets, runTeardown, teardownExit, teardownSteps, type GroupFacts, type Target } from '../../src/domain/teardown.js';
import { backoff, elapsed, errorName, isThrottle, retrying, type Timing } from '../../src/domain/retry.js';

const facts = (over: Partial<GroupFacts> = {}): GroupFacts => ({ name: 'g', protectedInstances: [], standbyInstances: [], suspendedProcesses: [], terminationHooks: [], ...over });

function fakeTiming(deadlineMs: number): Timing & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; }, deadline: deadlineMs, slept };
}

describe('orderTargets', () => {
  it('sorts by deletion order and drops duplicates (discovered and named)', () => {
    const t: Target[] = [
      { kind: 'server-certificate', name: 'c' }, { kind: 'load-balancer', name: 'lb' }, { kind: 'launch-configuration', name: 'lc' },
      { kind: 'launch-template', name: 'lt' }, { kind: 'auto-scaling-group', name: 'g', detail: 'first' }, { kind: 'auto-scaling-group', name: 'g' },
      { kind: 'scaling-policy', name: 'p', group: 'g' }, { kind: 'alarm', name: 'b' }, { kind: 'alarm', name: 'a' },
    ];
    expect(orderTargets(t).map((x) => `${x.kind}:${x.name}`)).toEqual(['alarm:a', 'alarm:b', 'scaling-policy:p', 'auto-scaling-group:g', 'launch-template:lt', 'launch-configuration:lc', 'load-balancer:lb', 'server-certificate:c']);
    expect(orderTargets(t).find((x) => x.kind === 'auto-scaling-group')?.detail).toBe('first');
  });

  it('keeps policies of the same name on different groups apart', () => {
    expect(orderTargets([{ kind: 'scaling-policy', name: 'up', group: 'a' }, { kind: 'scaling-policy', name: 'up', group: 'b' }])).toHaveLength(2);
    expect(teardownSteps([{ kind: 'scaling-policy', name: 'up', group: 'a' }])[0]?.name).toBe('a/up');
  });
});

describe('findBlockers', () => {
  it('finds nothing on a plain group', () => {
    expect(findBlockers([facts()], false)).toEqual([]);
  });

  it('lets --force clear all but deletion protection', () => {
    const f = facts({ protectedInstances: ['i-1'], standbyInstances: ['i-2'], suspendedProcesses: ['Terminate'], terminationHooks: ['h'], activityInProgress: 'x' });
    expect(findBlockers([f], false).map((b) => b.waits ?? false)).toEqual([false, false, false, false, true]);
    expect(findBlockers([f], true)).toEqual([]);
    expect(findBlockers([{ ...f, deletionProtection: 'prevent-force-deletion' }], true)).toHaveLength(5);
    expect(findBlockers([facts({ deletionProtection: 'prevent-all-deletion' })], true).map((b) => b.problem)).toEqual(['deletion protection is prevent-all-deletion']);
    expect(findBlockers([facts({ deletionProtection: 'none' })], false)).toEqual([]);
  });

  it('ignores suspended processes other than Terminate', () => {
    expect(findBlockers([facts({ suspendedProcesses: ['AZRebalance', 'Launch'] })], false)).toEqual([]);
  });
});

describe('teardownExit', () => {
  const r = (outcomes: Array<'deleted' | 'already gone' | 'failed' | 'not done'>, interrupted = false) => ({ dryRun: false as const, interrupted, resources: outcomes.map((outcome, i) => ({ kind: 'alarm' as const, name: `a${i}`, outcome })) });
  it('maps outcomes to exit codes', () => {
    expect(teardownExit(r([]))).toBe(0);
    expect(teardownExit(r(['deleted', 'already gone']))).toBe(0);
    expect(teardownExit(r(['deleted', 'failed']))).toBe(5);
    expect(teardownExit(r(['already gone', 'not done']))).toBe(5);
    expect(teardownExit(r(['failed', 'not done']))).toBe(1);
    expect(teardownExit(r(['deleted', 'not done'], true))).toBe(130);
  });
});

describe('mapLimit and runTeardown', () => {
  it('runs at most `limit` at once and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((res) => setTimeout(res, 1));
      running--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });

  it('finishes the failing kind but leaves later kinds not done', async () => {
    const seen: string[] = [];
    const res = await runTeardown(
      [{ kind: 'load-balancer', name: 'lb' }, { kind: 'alarm', name: 'a' }, { kind: 'alarm', name: 'b' }],
      async (t) => {
        seen.push(t.name);
        if (t.name === 'a') throw new Error('boom');
        return 'deleted';
      },
      { signal: new AbortController().signal, reason: (e) => (e as Error).message, isInterrupt: () => false },
    );
    expect(seen).toEqual(['a', 'b']);
    expect(res.resources).toEqual([
      { kind: 'alarm', name: 'a', outcome: 'failed', reason: 'boom' },
      { kind: 'alarm', name: 'b', outcome: 'deleted' },
      { kind: 'load-balancer', name: 'lb', outcome: 'not done', reason: 'alarm a failed first' },
    ]);
  });
});

describe('retrying', () => {
  it('retries throttling and the given errors with doubling backoff until it works', async () => {
    const t = fakeTiming(60_000);
    const errs = [Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }), Object.assign(new Error('in use'), { name: 'DeleteConflict' })];
    const out = await retrying(t, async () => {
      const e = errs.shift();
      if (e) throw e;
      return 'ok';
    }, (e) => errorName(e) === 'DeleteConflict');
    expect(out).toBe('ok');
    expect(t.slept).toEqual([2000, 4000]);
  });

  it('rethrows other errors at once, and retryable ones when the deadline is near', async () => {
    const t = fakeTiming(5000);
    await expect(retrying(t, async () => { throw Object.assign(new Error('no'), { name: 'AccessDenied' }); })).rejects.toThrow('no');
    expect(t.slept).toEqual([]);
    await expect(retrying(t, async () => { throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }); })).rejects.toThrow('Rate exceeded');
    expect(t.slept).toEqual([2000]);
  });

  it('tries once without timing', async () => {
    let n = 0;
    await expect(retrying(undefined, async () => { n++; throw Object.assign(new Error('x'), { name: 'Throttling' }); })).rejects.toThrow();
    expect(n).toBe(1);
  });

  it('names and formats', () => {
    expect(isThrottle(Object.assign(new Error('x'), { name: 'RequestLimitExceeded' }))).toBe(true);
    expect(isThrottle(new Error('Rate exceeded'))).toBe(true);
    expect(isThrottle(new Error('nope'))).toBe(false);
    expect(errorName(Object.assign(new Error(), { name: 'ResourceInUseFault' }))).toBe('ResourceInUse');
    expect(backoff(10)).toBe(30_000);
    expect(elapsed(65_000)).toBe('1m05s');
    expect(elapsed(9_400)).toBe('9s');
  });
});
