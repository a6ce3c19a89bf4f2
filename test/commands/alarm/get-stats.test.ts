import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { cwMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

// runCli's fake clock stands at 2026-11-21T12:00:00Z.
const at = (hhmm: string) => new Date(`2026-11-21T${hhmm}:00Z`);
const inputs = () => cwMock.commandCalls(GetMetricStatisticsCommand).map((c) => c.args[0].input);

describe('get-stats', () => {
  it('shows the last hour at 60 s on a terminal as numbers and a chart with gaps', async () => {
    cwMock.on(GetMetricStatisticsCommand).resolves({
      Datapoints: [
        { Timestamp: at('11:02'), Average: 80, Unit: 'Percent' },
        { Timestamp: at('11:00'), Average: 20, Unit: 'Percent' },
        { Timestamp: at('11:01'), Average: 50, Unit: 'Percent' },
      ],
    });
    const r = await runCli('get-stats CPUUtilization --namespace AWS/EC2 --dimension AutoScalingGroupName=web-asg', { tty: true, env: { ...(await import('../../helpers/run-cli.js')).TEST_ENV, NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(inputs()).toEqual([{
      Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }],
      StartTime: at('11:00'), EndTime: at('12:00'), Period: 60, Statistics: ['Average'],
    }]);
    expect(r.stdout).toBe(
      [
        'TIME                      AVERAGE  UNIT',
        '2026-11-21T11:00:00.000Z  20       Percent',
        '2026-11-21T11:01:00.000Z  50       Percent',
        '2026-11-21T11:02:00.000Z  80       Percent',
        '',
        'Average of CPUUtilization, 60 × 60s from 2026-11-21T11:00:00.000Z',
        `min 20 ▁▅█${'·'.repeat(57)} max 80`,
        '',
      ].join('\n'),
    );
  });

  it('charts datapoints that an endpoint does not align to the period in the period they fall in', async () => {
    const mid = (hhmm: string) => new Date(`2026-11-21T${hhmm}:30Z`);
    cwMock.on(GetMetricStatisticsCommand).resolves({
      Datapoints: [{ Timestamp: mid('11:00'), Average: 20 }, { Timestamp: mid('11:01'), Average: 50 }, { Timestamp: mid('11:02'), Average: 80 }],
    });
    const r = await runCli('get-stats CPUUtilization --namespace AWS/EC2', { tty: true, env: { ...(await import('../../helpers/run-cli.js')).TEST_ENV, NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`min 20 ▁▅█${'·'.repeat(57)} max 80`);
  });

  it('prints text rows with values in --statistics order, asking for percentiles in a separate request', async () => {
    cwMock
      .on(GetMetricStatisticsCommand, { Statistics: ['Maximum', 'Average'] })
      .resolves({ Datapoints: [{ Timestamp: at('11:30'), Average: 41.5, Maximum: 97, Unit: 'Percent' }, { Timestamp: at('11:35'), Average: 40, Maximum: 60, Unit: 'Percent' }] })
      .on(GetMetricStatisticsCommand, { ExtendedStatistics: ['p99'] })
      .resolves({ Datapoints: [{ Timestamp: at('11:30'), ExtendedStatistics: { p99: 95.25 }, Unit: 'Percent' }] });
    const r = await runCli('get-stats CPUUtilization --namespace AWS/EC2 --statistics Maximum,p99 --statistics avg --period 5m --start 2026-11-21T11:00:00Z --end 2026-11-21T11:45:00Z --unit percent');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2026-11-21T11:30:00.000Z\t97\t95.25\t41.5\n2026-11-21T11:35:00.000Z\t60\t\t40\n');
    const common = { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', StartTime: at('11:00'), EndTime: at('11:45'), Period: 300, Unit: 'Percent' };
    expect(inputs()).toEqual([{ ...common, Statistics: ['Maximum', 'Average'] }, { ...common, ExtendedStatistics: ['p99'] }]);
  });

  it('gives json with the datapoints list', async () => {
    cwMock.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ Timestamp: at('11:59'), Sum: 3, Unit: 'Count' }] });
    const r = await runCli('get-stats RequestCount --namespace AWS/ELB --statistics Sum --start -30m --output json');
    expect(JSON.parse(r.stdout)).toEqual({
      metric: 'RequestCount', namespace: 'AWS/ELB', period: 60, start: '2026-11-21T11:30:00.000Z', end: '2026-11-21T12:00:00.000Z', statistics: ['Sum'],
      datapoints: [{ time: '2026-11-21T11:59:00.000Z', values: { Sum: 3 }, unit: 'Count' }],
    });
  });

  it('splits a range of more than 1,440 periods into requests and merges them sorted by time', async () => {
    cwMock
      .on(GetMetricStatisticsCommand)
      .resolvesOnce({ Datapoints: [{ Timestamp: new Date('2026-11-19T13:00:00Z'), Average: 2 }, { Timestamp: new Date('2026-11-18T12:00:00Z'), Average: 1 }] })
      .resolvesOnce({ Datapoints: [{ Timestamp: new Date('2026-11-20T12:00:00Z'), Average: 3 }] })
      .resolvesOnce({ Datapoints: [{ Timestamp: new Date('2026-11-21T11:59:00Z'), Average: 5 }, { Timestamp: new Date('2026-11-21T11:00:00Z'), Average: 4 }] });
    const r = await runCli('get-stats CPUUtilization --namespace AWS/EC2 --start -3d');
    expect(r.code).toBe(0);
    expect(inputs().map((i) => [i.StartTime, i.EndTime])).toEqual([
      [new Date('2026-11-18T12:00:00Z'), new Date('2026-11-19T12:00:00Z')],
      [new Date('2026-11-19T12:00:00Z'), new Date('2026-11-20T12:00:00Z')],
      [new Date('2026-11-20T12:00:00Z'), new Date('2026-11-21T12:00:00Z')],
    ]);
    expect(r.stdout).toBe(
      ['2026-11-18T12:00:00.000Z\t1', '2026-11-19T13:00:00.000Z\t2', '2026-11-20T12:00:00.000Z\t3', '2026-11-21T11:00:00.000Z\t4', '2026-11-21T11:59:00.000Z\t5', ''].join('\n'),
    );
    expect(r.stderr).toBe('Asking CloudWatch in 3 requests (at most 1,440 datapoints each)\n');
  });

  it('ends the last piece exactly at --end when the range does not divide evenly', async () => {
    cwMock.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    const r = await runCli('get-stats CPUUtilization --namespace AWS/EC2 --start -25h --end -30m');
    expect(r.code).toBe(0);
    expect(inputs().map((i) => [i.StartTime, i.EndTime])).toEqual([
      [new Date('2026-11-20T11:00:00Z'), new Date('2026-11-21T11:00:00Z')],
      [new Date('2026-11-21T11:00:00Z'), new Date('2026-11-21T11:30:00Z')],
    ]);
    expect(r.stdout).toBe('');
  });

  it('accepts the legacy --dimensions, --start-time and --end-time', async () => {
    cwMock.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    const r = await runCli('get-stats WaitingTime --namespace Custom --statistics Average --dimensions "Queue=jobs,Env=prod" --start-time 2026-11-21T10:00:00Z --end-time 2026-11-21T10:30:00Z --period 60');
    expect(r.code).toBe(0);
    expect(inputs()[0]).toEqual({ Namespace: 'Custom', MetricName: 'WaitingTime', Dimensions: [{ Name: 'Queue', Value: 'jobs' }, { Name: 'Env', Value: 'prod' }], StartTime: at('10:00'), EndTime: at('10:30'), Period: 60, Statistics: ['Average'] });
  });

  it.each([
    ['get-stats CPUUtilization --namespace AWS/EC2 --start yesterday', 'error: --start "yesterday" is not a time; use ISO 8601 (2026-11-21T10:00:00Z) or a relative time such as -3h, -30m or now\n'],
    ['get-stats CPUUtilization --namespace AWS/EC2 --start -1h --end -2h', 'error: --start -1h is not before --end -2h; give an earlier --start or a later --end\n'],
    ['get-stats CPUUtilization --namespace AWS/EC2 --period 45', 'error: --period 45 is not allowed; use 60 or a multiple of 60 seconds (1, 5, 10 or 30 for high-resolution metrics)\n'],
    ['get-stats CPUUtilization --namespace AWS/EC2 --statistics Mean', expect.stringContaining('--statistics: "Mean" is not Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99; run \'scalectl get-stats --help\' for usage')],
    ['get-stats CPUUtilization', expect.stringContaining("error: required option '--namespace <ns>' not specified")],
  ])('%s → exit 2 before any request', async (line, stderr) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n(run')[0]!.replace(/\n?$/, '\n')).toEqual(stderr);
    expect(cwMock.calls()).toHaveLength(0);
  });
});
