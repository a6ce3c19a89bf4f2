import {
  CancelInstanceRefreshCommand, DescribeAutoScalingGroupsCommand, DescribeInstanceRefreshesCommand, DescribeScalingActivitiesCommand, StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { webGroup } from '../../helpers/asg-fixtures.js';
import { asMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const input = (cmd: Parameters<typeof asMock.commandCalls>[0], i = 0) => asMock.commandCalls(cmd)[i]!.args[0].input;
const act = (id: string, status: string, progress: number, end?: string) => ({
  ActivityId: id, AutoScalingGroupName: 'web-asg', StatusCode: status as never, Progress: progress, StartTime: new Date('2026-11-21T11:00:00Z'), ...(end ? { EndTime: new Date(end) } : {}),
  Description: `Launching a new EC2 instance: ${id}`, Cause: 'At 2026-11-21T11:00:00Z a user request update of AutoScalingGroup constraints changed the desired capacity.',
});

describe('activities', () => {
  it('lists activities newest first with start, end, status, progress, description, cause', async () => {
    asMock.on(DescribeScalingActivitiesCommand).resolves({ Activities: [act('a2', 'InProgress', 30), act('a1', 'Successful', 100, '2026-11-21T11:02:00Z')] });
    const r = await runCli('activities web-asg --max 5');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '2026-11-21T11:00:00Z\t\tInProgress\t30%\tLaunching a new EC2 instance: a2\tAt 2026-11-21T11:00:00Z a user request update of AutoScalingGroup constraints changed the desired capacity.',
      '2026-11-21T11:00:00Z\t2026-11-21T11:02:00Z\tSuccessful\t100%\tLaunching a new EC2 instance: a1\tAt 2026-11-21T11:00:00Z a user request update of AutoScalingGroup constraints changed the desired capacity.',
      '',
    ]);
    expect(input(DescribeScalingActivitiesCommand)).toEqual({ AutoScalingGroupName: 'web-asg', MaxRecords: 5 });
    const j = await runCli('activities web-asg --output json');
    expect(JSON.parse(j.stdout).activities[1]).toEqual({ id: 'a1', start: '2026-11-21T11:00:00.000Z', end: '2026-11-21T11:02:00.000Z', status: 'Successful', progress: 100, description: 'Launching a new EC2 instance: a1', cause: 'At 2026-11-21T11:00:00Z a user request update of AutoScalingGroup constraints changed the desired capacity.' });
    expect(input(DescribeScalingActivitiesCommand, 1)).toEqual({ AutoScalingGroupName: 'web-asg', MaxRecords: 20 });
  });

  it('exits 4 for a group that does not exist', async () => {
    asMock.on(DescribeScalingActivitiesCommand).resolves({ Activities: [] });
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const r = await runCli('activities nope');
    expect(r.code).toBe(4);
  });

  it('--max is checked locally', async () => {
    const r = await runCli('activities web-asg --max 0');
    expect(r.code).toBe(2);
    expect(asMock.calls()).toHaveLength(0);
  });

  it('--follow prints only new or changed rows, then Ctrl-C ends it with exit 0', async () => {
    asMock.on(DescribeScalingActivitiesCommand)
      .resolvesOnce({ Activities: [act('a2', 'InProgress', 30), act('a1', 'Successful', 100, '2026-11-21T11:02:00Z')] })
      .resolvesOnce({ Activities: [act('a2', 'InProgress', 30), act('a1', 'Successful', 100, '2026-11-21T11:02:00Z')] })
      .resolvesOnce({ Activities: [act('a3', 'PreInService', 10), act('a2', 'Successful', 100, '2026-11-21T12:00:15Z'), act('a1', 'Successful', 100, '2026-11-21T11:02:00Z')] })
      .resolves({ Activities: [act('a3', 'PreInService', 10), act('a2', 'Successful', 100, '2026-11-21T12:00:15Z'), act('a1', 'Successful', 100, '2026-11-21T11:02:00Z')] });
    const r = await runCli('activities web-asg --follow', { interruptAfterMs: 40_000 });
    expect(r.code).toBe(0);
    const ids = r.stdout.trim().split('\n').map((l) => `${l.split('\t')[4]!.slice(-2)} ${l.split('\t')[2]}`);
    // First look oldest first (a1, a2); the second look changes nothing; the third brings a2's end and the new a3, oldest first.
    expect(ids).toEqual(['a1 Successful', 'a2 InProgress', 'a2 Successful', 'a3 PreInService']);
    expect(r.stderr).toBe('');
    expect(r.sleeps).toEqual([10_000, 10_000, 10_000, 10_000]);
  });

  it('--follow in json prints one activity a line', async () => {
    asMock.on(DescribeScalingActivitiesCommand).resolves({ Activities: [act('a1', 'Successful', 100)] });
    const r = await runCli('activities web-asg --follow --output json', { interruptAfterMs: 10_000 });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a1']);
  });
});

describe('roll', () => {
  const refresh = (status: string, pct: number, left: number, reason?: string) => ({ InstanceRefreshes: [{ InstanceRefreshId: 'r-1', AutoScalingGroupName: 'web-asg', Status: status as never, PercentageComplete: pct, InstancesToUpdate: left, ...(reason ? { StatusReason: reason } : {}) }] });
  const setup = () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(DescribeInstanceRefreshesCommand, { AutoScalingGroupName: 'web-asg', MaxRecords: 5 }).resolves({ InstanceRefreshes: [] });
    asMock.on(StartInstanceRefreshCommand).resolves({ InstanceRefreshId: 'r-1' });
  };

  it('starts an instance refresh with every preference', async () => {
    setup();
    const r = await runCli('roll web-asg --min-healthy 50 --warmup 120 --skip-matching --output json');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'instance-refresh', name: 'web-asg', status: 'created', changes: ['refresh r-1 started'], refreshId: 'r-1' });
    expect(input(StartInstanceRefreshCommand)).toEqual({ AutoScalingGroupName: 'web-asg', Strategy: 'Rolling', Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 120, SkipMatching: true } });
    await runCli('roll web-asg');
    expect(input(StartInstanceRefreshCommand, 1)).toEqual({ AutoScalingGroupName: 'web-asg', Strategy: 'Rolling' });
  });

  it('is unchanged while a refresh is already in progress', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(DescribeInstanceRefreshesCommand).resolves(refresh('InProgress', 40, 1));
    const r = await runCli('roll web-asg');
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tunchanged\n']);
    expect(asMock).not.toHaveReceivedCommand(StartInstanceRefreshCommand);
  });

  it('--wait shows percentage and instances left on stderr until it succeeds', async () => {
    setup();
    asMock.on(DescribeInstanceRefreshesCommand, { AutoScalingGroupName: 'web-asg', InstanceRefreshIds: ['r-1'] })
      .resolvesOnce(refresh('Pending', 0, 2)).resolvesOnce(refresh('InProgress', 50, 1)).resolves(refresh('Successful', 100, 0));
    const r = await runCli('roll web-asg --wait');
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tcreated\n']);
    expect(r.stderr.split('\n')).toEqual([
      'start instance-refresh web-asg',
      'rolling web-asg: Pending, 0% done, 2 instances left (0s)',
      'rolling web-asg: InProgress, 50% done, 1 instance left (15s)',
      'rolling web-asg: Successful, 100% done, 0 instances left (30s)',
      '',
    ]);
    expect(r.sleeps).toEqual([15_000, 15_000]);
  });

  it('a failed refresh exits 1 with AWS\'s reason', async () => {
    setup();
    asMock.on(DescribeInstanceRefreshesCommand, { AutoScalingGroupName: 'web-asg', InstanceRefreshIds: ['r-1'] })
      .resolvesOnce(refresh('InProgress', 0, 2)).resolves(refresh('Failed', 0, 2, 'Instances failed to launch: the AMI is not available'));
    const r = await runCli('roll web-asg --wait');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: instance refresh r-1 of web-asg ended Failed: Instances failed to launch: the AMI is not available');
  });

  it('Ctrl-C during --wait asks AWS to cancel the refresh, says so, and exits 130', async () => {
    setup();
    asMock.on(DescribeInstanceRefreshesCommand, { AutoScalingGroupName: 'web-asg', InstanceRefreshIds: ['r-1'] }).resolves(refresh('InProgress', 20, 2));
    asMock.on(CancelInstanceRefreshCommand).resolves({ InstanceRefreshId: 'r-1' });
    const r = await runCli('roll web-asg --wait', { interruptAfterMs: 30_000 });
    expect(r.code).toBe(130);
    expect(input(CancelInstanceRefreshCommand)).toEqual({ AutoScalingGroupName: 'web-asg' });
    expect(r.stderr).toContain('interrupted: asked AWS to cancel instance refresh r-1 of web-asg');
  });

  it('--wait gives up at --timeout with exit 1; the refresh goes on', async () => {
    setup();
    asMock.on(DescribeInstanceRefreshesCommand, { AutoScalingGroupName: 'web-asg', InstanceRefreshIds: ['r-1'] }).resolves(refresh('InProgress', 20, 2));
    const r = await runCli('roll web-asg --wait --timeout 30');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('timed out after 30s waiting for instance refresh r-1 of web-asg (20% done)');
    expect(asMock).not.toHaveReceivedCommand(CancelInstanceRefreshCommand);
  });

  it.each([
    ['roll web-asg --min-healthy 101', "error: option '--min-healthy <percent>' argument '101' is invalid. --min-healthy must be a whole number from 0 to 100; run 'scalectl roll --help' for usage"],
    ['roll web-asg --min-healthy -1', "error: option '--min-healthy <percent>' argument '-1' is invalid. --min-healthy must be a whole number from 0 to 100; run 'scalectl roll --help' for usage"],
    ['roll web-asg --warmup -5', "error: option '--warmup <seconds>' argument '-5' is invalid. --warmup must be a whole number of 0 or more; run 'scalectl roll --help' for usage"],
  ])('%s → exit 2, nothing sent', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, `${err}\n`]);
    expect(asMock.calls()).toHaveLength(0);
  });

  it('--dry-run plans the StartInstanceRefresh request', async () => {
    setup();
    const r = await runCli('roll web-asg --min-healthy 90 --dry-run --output json');
    expect(JSON.parse(r.stdout).steps).toEqual([{ action: 'start', resource: 'instance-refresh', name: 'web-asg', request: { service: 'autoscaling', operation: 'StartInstanceRefresh', input: { AutoScalingGroupName: 'web-asg', Strategy: 'Rolling', Preferences: { MinHealthyPercentage: 90 } } } }]);
    expect(asMock).not.toHaveReceivedCommand(StartInstanceRefreshCommand);
  });
});
