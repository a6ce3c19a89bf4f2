import { DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { cwMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

describe('alarm-history', () => {
  it('prints time, type and summary across pages, filtered by --type', async () => {
    cwMock
      .on(DescribeAlarmHistoryCommand)
      .resolvesOnce({ AlarmHistoryItems: [{ Timestamp: new Date('2026-11-21T11:58:00Z'), HistoryItemType: 'StateUpdate', HistorySummary: 'Alarm updated from OK to ALARM' }], NextToken: 'n1' })
      .resolvesOnce({ AlarmHistoryItems: [{ Timestamp: new Date('2026-11-21T10:00:00Z'), HistoryItemType: 'StateUpdate', HistorySummary: 'Alarm updated from INSUFFICIENT_DATA to OK' }] });
    const r = await runCli('alarm-history cpu-high --type StateUpdate');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2026-11-21T11:58:00.000Z\tStateUpdate\tAlarm updated from OK to ALARM\n2026-11-21T10:00:00.000Z\tStateUpdate\tAlarm updated from INSUFFICIENT_DATA to OK\n');
    expect(cwMock).toHaveReceivedNthCommandWith(DescribeAlarmHistoryCommand, 1, { AlarmName: 'cpu-high', HistoryItemType: 'StateUpdate' });
    expect(cwMock.commandCalls(DescribeAlarmHistoryCommand)[1]!.args[0].input).toEqual({ AlarmName: 'cpu-high', HistoryItemType: 'StateUpdate', NextToken: 'n1' });
  });

  it('warns when there is no history and gives an empty json list', async () => {
    cwMock.on(DescribeAlarmHistoryCommand).resolves({});
    const r = await runCli('alarm-history nope --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ name: 'nope', entries: [] });
    expect(r.stderr).toContain('warning: no history for alarm nope');
  });

  it('rejects an unknown --type', async () => {
    expect((await runCli('alarm-history a --type State')).code).toBe(2);
    expect(cwMock.calls()).toHaveLength(0);
  });
});

