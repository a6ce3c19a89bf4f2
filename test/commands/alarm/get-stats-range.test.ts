import { describe, expect, it } from 'vitest';
import { retentionProblem, requestCount } from '../../../src/domain/time-range.js';
import { cwMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

// runCli's fake clock stands at 2026-11-21T12:00:00Z; nothing is mocked, so a request would fail the run with exit 1.
describe('get-stats refuses ranges CloudWatch cannot answer, before planning (trust #10)', () => {
  it.each([
    ['--start -99999w --period 1', '--start -99999w with --period 1: CloudWatch keeps datapoints for 455 days at most'],
    ['--start -456d --period 1h', '--start -456d with --period 3600: CloudWatch keeps datapoints for 455 days at most'],
    ['--start -4h --period 1', '--start -4h with --period 1: datapoints under 60 seconds are kept for 3 hours: use --period 60 (or a multiple)'],
    ['--start -16d --period 60', '--start -16d with --period 60: datapoints older than 15 days exist only per 5 minutes: use --period 5m (or a multiple)'],
    ['--start -64d --period 5m', '--start -64d with --period 300: datapoints older than 63 days exist only per hour: use --period 1h (or a multiple)'],
  ])('%s', async (flags, message) => {
    const r = await runCli(`get-stats CPUUtilization --namespace AWS/EC2 ${flags}`);
    expect([r.code, r.stderr]).toEqual([2, `error: ${message}; give a later --start\n`]);
    expect(cwMock.calls()).toHaveLength(0);
  });

  it('caps the number of requests (an --end far in the future)', async () => {
    const r = await runCli('get-stats CPUUtilization --namespace AWS/EC2 --start -1h --end 2999-01-01 --period 1h');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --start -1h to --end 2999-01-01 at --period 3600 takes \d+ requests; at most 50 are sent; give a shorter range or a longer --period\n$/);
    expect(cwMock.calls()).toHaveLength(0);
  });

  it('the limits themselves are allowed, and never a negative start', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    const ago = (ms: number) => ({ start: now - ms, end: now });
    expect(retentionProblem(ago(3 * 3600_000), 1, now)).toBeUndefined();
    expect(retentionProblem(ago(15 * 86_400_000), 60, now)).toBeUndefined();
    expect(retentionProblem(ago(63 * 86_400_000), 300, now)).toBeUndefined();
    expect(retentionProblem(ago(455 * 86_400_000), 3600, now)).toBeUndefined();
    expect(retentionProblem({ start: -1, end: now }, 86_400, now)).toBeDefined();
    expect(requestCount(ago(455 * 86_400_000), 3600)).toBe(8);
    expect(requestCount(ago(3 * 3600_000), 1)).toBe(8);
  });
});
