import { DescribeAutoScalingGroupsCommand, ResumeProcessesCommand, SetDesiredCapacityCommand, SuspendProcessesCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { sdkInstance, webGroup } from '../../helpers/asg-fixtures.js';
import { asMock, awsError } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const input = (cmd: Parameters<typeof asMock.commandCalls>[0], i = 0) => asMock.commandCalls(cmd)[i]!.args[0].input;

describe('set-capacity', () => {
  it('sends SetDesiredCapacity with HonorCooldown and reports updated in each format', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(SetDesiredCapacityCommand).resolves({});
    const r = await runCli('set-capacity web-asg 3 --honor-cooldown');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'web-asg\tupdated\n', 'Updating auto-scaling-group web-asg (desired 1 → 3)\n']);
    expect(input(SetDesiredCapacityCommand)).toEqual({ AutoScalingGroupName: 'web-asg', DesiredCapacity: 3, HonorCooldown: true });
    const j = await runCli('set-capacity web-asg 2 --output json');
    expect(JSON.parse(j.stdout)).toEqual({ kind: 'auto-scaling-group', name: 'web-asg', status: 'updated', changes: ['desired 1 → 2'] });
    expect(input(SetDesiredCapacityCommand, 1)).toEqual({ AutoScalingGroupName: 'web-asg', DesiredCapacity: 2 });
    const t = await runCli('set-capacity web-asg 2 --no-color', { tty: true });
    expect(t.stdout).toContain('auto-scaling-group  web-asg  updated  desired 1 → 2');
  });

  it('is unchanged when the group already has that desired capacity', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    const r = await runCli('set-capacity web-asg 1');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'web-asg\tunchanged\n', 'auto-scaling-group web-asg unchanged\n']);
    expect(asMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
    const j = await runCli('set-capacity web-asg 1 --output json');
    expect(JSON.parse(j.stdout)).toEqual({ kind: 'auto-scaling-group', name: 'web-asg', status: 'unchanged', changes: [] });
  });

  it('refuses a desired capacity outside the live range with exit 2 naming it, sending nothing', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    const r = await runCli('set-capacity web-asg 9');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: desired capacity 9 is outside the group's range \[1, 4\]/);
    expect(asMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
  });

  it('exits 4 for a group that does not exist', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const r = await runCli('set-capacity nope 1');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: Auto Scaling group nope does not exist/);
    expect(asMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
  });

  it('--dry-run plans the request and sends no write', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    const r = await runCli('set-capacity web-asg 2 --dry-run --output json');
    expect(JSON.parse(r.stdout).steps).toEqual([{ action: 'update', resource: 'auto-scaling-group', name: 'web-asg', detail: 'desired 1 → 2', request: { service: 'autoscaling', operation: 'SetDesiredCapacity', input: { AutoScalingGroupName: 'web-asg', DesiredCapacity: 2 } } }]);
    expect(asMock).not.toHaveReceivedCommand(SetDesiredCapacityCommand);
  });

  it('--wait polls until the instances are in service', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce({ AutoScalingGroups: [webGroup()] })
      .resolvesOnce({ AutoScalingGroups: [webGroup({ DesiredCapacity: 2, LoadBalancerNames: [], Instances: [sdkInstance('i-0aaa'), sdkInstance('i-0bbb', 'Pending', 'Healthy')] })] })
      .resolves({ AutoScalingGroups: [webGroup({ DesiredCapacity: 2, LoadBalancerNames: [], Instances: [sdkInstance('i-0aaa'), sdkInstance('i-0bbb')] })] });
    asMock.on(SetDesiredCapacityCommand).resolves({});
    const r = await runCli('set-capacity web-asg 2 --wait --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inService).toEqual({ ready: 2, desired: 2, elapsedSeconds: 15 });
    expect(r.stderr).toContain('waiting for web-asg: 1 of 2 instances InService (0s)');
    expect(r.sleeps).toEqual([15_000]);
  });

  it('fails with AWS refusal as one line (ScalingActivityInProgress with --honor-cooldown)', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(SetDesiredCapacityCommand).rejects(awsError('ScalingActivityInProgress', 'Scaling activity is in progress and blocks this action'));
    const r = await runCli('set-capacity web-asg 2 --honor-cooldown');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: AWS refused: ScalingActivityInProgress');
  });
});

describe('suspend and resume', () => {
  it('suspends the named processes, case-insensitively, in AWS spelling', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(SuspendProcessesCommand).resolves({});
    const r = await runCli('suspend web-asg launch AZREBALANCE,healthcheck');
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tupdated\n']);
    expect(input(SuspendProcessesCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScalingProcesses: ['Launch', 'AZRebalance', 'HealthCheck'] });
  });

  it('sends only what is not suspended yet, and is unchanged on a re-run', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ SuspendedProcesses: [{ ProcessName: 'Launch' }] })] });
    asMock.on(SuspendProcessesCommand).resolves({});
    const r = await runCli('suspend web-asg Launch Terminate --output json');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'auto-scaling-group', name: 'web-asg', status: 'updated', changes: ['Terminate suspended'] });
    expect(input(SuspendProcessesCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScalingProcesses: ['Terminate'] });
    const again = await runCli('suspend web-asg Launch');
    expect([again.code, again.stdout, again.stderr]).toEqual([0, 'web-asg\tunchanged\n', 'auto-scaling-group web-asg unchanged\n']);
    expect(asMock.commandCalls(SuspendProcessesCommand)).toHaveLength(1);
  });

  it('no process named = all nine', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(SuspendProcessesCommand).resolves({});
    await runCli('suspend web-asg');
    expect(input(SuspendProcessesCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScalingProcesses: ['Launch', 'Terminate', 'AddToLoadBalancer', 'AlarmNotification', 'AZRebalance', 'HealthCheck', 'InstanceRefresh', 'ReplaceUnhealthy', 'ScheduledActions'] });
  });

  it('resumes only what is suspended; all of them when none is named; unchanged when nothing is', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolvesOnce({ AutoScalingGroups: [webGroup({ SuspendedProcesses: [{ ProcessName: 'Launch' }, { ProcessName: 'AZRebalance' }] })] }).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(ResumeProcessesCommand).resolves({});
    const r = await runCli('resume web-asg');
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tupdated\n']);
    expect(input(ResumeProcessesCommand)).toEqual({ AutoScalingGroupName: 'web-asg', ScalingProcesses: ['Launch', 'AZRebalance'] });
    const again = await runCli('resume web-asg --output json');
    expect(JSON.parse(again.stdout).status).toBe('unchanged');
    expect(asMock.commandCalls(ResumeProcessesCommand)).toHaveLength(1);
  });

  it('refuses an unknown process with exit 2 before any request', async () => {
    const r = await runCli('suspend web-asg Launch Lunch');
    expect([r.code, r.stderr]).toEqual([2, 'error: unknown process Lunch; choose from Launch, Terminate, AddToLoadBalancer, AlarmNotification, AZRebalance, HealthCheck, InstanceRefresh, ReplaceUnhealthy, ScheduledActions\n']);
    expect(asMock.calls()).toHaveLength(0);
  });

  it('--dry-run without credentials plans every process', async () => {
    const r = await runCli('resume web-asg Terminate --dry-run', { env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' } });
    expect([r.code, r.stdout]).toEqual([0, 'resume\tauto-scaling-group\tweb-asg\tautoscaling:ResumeProcesses\tTerminate\n']);
    expect(asMock.calls()).toHaveLength(0);
  });

  it('describe-asgs shows suspended processes', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ SuspendedProcesses: [{ ProcessName: 'Launch' }, { ProcessName: 'Terminate' }] })] });
    const r = await runCli('describe-asgs web-asg --output json');
    expect(JSON.parse(r.stdout).groups[0].suspendedProcesses).toEqual(['Launch', 'Terminate']);
    const t = await runCli('describe-asgs web-asg');
    expect(t.stdout.split('\n')[0]!.split('\t').at(-1)).toBe('Launch,Terminate');
  });
});
