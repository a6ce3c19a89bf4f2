import { describe, expect, it } from 'vitest';
import { floorToPeriod, parseTime, periodSlots, splitRange } from '../../src/domain/time-range.js';

const NOW = Date.parse('2026-11-21T12:00:30Z');

describe('parseTime', () => {
  it('reads now and relative times', () => {
    expect(parseTime('now', NOW)).toBe(NOW);
    expect(parseTime('-3h', NOW)).toBe(NOW - 3 * 3600_000);
    expect(parseTime('-30m', NOW)).toBe(NOW - 30 * 60_000);
    expect(parseTime('-90s', NOW)).toBe(NOW - 90_000);
    expect(parseTime('-2d', NOW)).toBe(NOW - 2 * 86_400_000);
    expect(parseTime('-1w', NOW)).toBe(NOW - 7 * 86_400_000);
  });
  it('reads ISO 8601 with Z, an offset, or a date alone', () => {
    expect(parseTime('2026-11-21T10:00:00Z', NOW)).toBe(Date.parse('2026-11-21T10:00:00Z'));
    expect(parseTime('2013-07-30T19:30:00-07:00', NOW)).toBe(Date.parse('2013-07-31T02:30:00Z'));
    expect(parseTime('2026-11-20', NOW)).toBe(Date.parse('2026-11-20T00:00:00Z'));
  });
  it('rejects anything else', () => {
    for (const bad of ['yesterday', '3h', '-3x', '2026-13-45T00:00:00Z', '']) expect(parseTime(bad, NOW)).toBeUndefined();
  });
});

describe('splitRange', () => {
  const H = 3600_000;
  it('keeps a range of 1,440 periods in one piece', () => {
    expect(splitRange({ start: 0, end: 24 * H }, 60)).toEqual([{ start: 0, end: 24 * H }]);
  });
  it('splits longer ranges at 1,440 periods and ends exactly at the end', () => {
    expect(splitRange({ start: 0, end: 25 * H }, 60)).toEqual([{ start: 0, end: 24 * H }, { start: 24 * H, end: 25 * H }]);
    expect(splitRange({ start: 0, end: 10 * 24 * H }, 300)).toEqual([{ start: 0, end: 5 * 24 * H }, { start: 5 * 24 * H, end: 10 * 24 * H }]);
  });
  it('lists the period starts and floors to a period', () => {
    expect(periodSlots({ start: 0, end: 150_000 }, 60)).toEqual([0, 60_000, 120_000]);
    expect(floorToPeriod(Date.parse('2026-11-21T11:00:30Z'), 60)).toBe(Date.parse('2026-11-21T11:00:00Z'));
    expect(floorToPeriod(Date.parse('2026-11-21T11:04:30Z'), 300)).toBe(Date.parse('2026-11-21T11:00:00Z'));
  });
});
