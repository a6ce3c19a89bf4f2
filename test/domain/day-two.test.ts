import { describe, expect, it } from 'vitest';
import { checkCron, newOrChanged, normalizeProcesses, parseTime, processChanges, scheduleChanges } from '../../src/domain/day-two.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');

describe('day-two checks', () => {
  it('process names: any case in, AWS spelling out, duplicates once', () => {
    expect(normalizeProcesses(['launch', 'AZREBALANCE', 'Launch', 'scheduledactions'])).toEqual(['Launch', 'AZRebalance', 'ScheduledActions']);
    expect(() => normalizeProcesses(['Lunch', 'Stop'])).toThrow(/^unknown processes Lunch, Stop; choose from Launch,/);
  });

  it('process changes: only what is not already in the wanted state', () => {
    expect(processChanges('suspend', ['Launch', 'Terminate'], ['Launch'])).toEqual(['Terminate']);
    expect(processChanges('resume', [], ['HealthCheck', 'Launch'])).toEqual(['Launch', 'HealthCheck']);
    expect(processChanges('resume', ['Terminate'], [])).toEqual([]);
  });

  it('cron: five fields, normalised spacing', () => {
    expect(checkCron(' 0  9 * * 1-5 ')).toBe('0 9 * * 1-5');
    expect(checkCron('*/15 0-6 1,15 JAN MON-FRI')).toBe('*/15 0-6 1,15 JAN MON-FRI');
    expect(() => checkCron('0 9 * *')).toThrow(/five fields/);
    expect(() => checkCron('0 9 * * 1 2026')).toThrow(/five fields/);
    expect(() => checkCron('0 9 * * $(rm)')).toThrow(/five fields/);
  });

  it('times: ISO 8601 or relative from now', () => {
    expect(parseTime('--at', '+2h', NOW)).toBe(NOW + 7_200_000);
    expect(parseTime('--at', '+30m', NOW)).toBe(NOW + 1_800_000);
    expect(parseTime('--at', '+1d', NOW)).toBe(NOW + 86_400_000);
    expect(parseTime('--at', '2026-12-24T18:00:00Z', NOW)).toBe(Date.parse('2026-12-24T18:00:00Z'));
    expect(parseTime('--at', '2026-12-24T18:00:00+01:00', NOW)).toBe(Date.parse('2026-12-24T17:00:00Z'));
    expect(() => parseTime('--at', 'next friday', NOW)).toThrow(/not a time/);
    expect(() => parseTime('--at', '+2w', NOW)).toThrow(/not a time/);
  });

  it('schedule changes ignore AWS\'s next-run StartTime of a recurring action', () => {
    const live = { name: 'm', group: 'g', recurrence: '0 9 * * *', startTime: '2026-11-22T09:00:00.000Z', desired: 2 };
    expect(scheduleChanges(live, { name: 'm', group: 'g', recurrence: '0 9 * * *', desired: 2 })).toEqual([]);
    expect(scheduleChanges(live, { name: 'm', group: 'g', recurrence: '0 9 * * *', desired: 2, timeZone: 'Europe/Berlin' })).toEqual(['time zone']);
    expect(scheduleChanges(live, { name: 'm', group: 'g', startTime: Date.parse('2026-11-22T09:00:00Z'), desired: 2 })).toEqual(['recurrence']);
  });

  it('new or changed activities, oldest first', () => {
    const seen = new Map<string, string>();
    const a = (id: string, status: string) => ({ id, status, description: id, cause: '' });
    expect(newOrChanged(seen, [a('2', 'InProgress'), a('1', 'Successful')]).map((x) => x.id)).toEqual(['1', '2']);
    expect(newOrChanged(seen, [a('2', 'InProgress'), a('1', 'Successful')])).toEqual([]);
    expect(newOrChanged(seen, [a('3', 'Pending'), a('2', 'Failed'), a('1', 'Successful')]).map((x) => `${x.id}${x.status}`)).toEqual(['2Failed', '3Pending']);
  });
});
