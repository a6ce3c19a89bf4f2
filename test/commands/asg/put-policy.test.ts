import { DescribeAutoScalingGroupsCommand, DescribePoliciesCommand, PutScalingPolicyCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { ARN_DOWN, ARN_UP, webGroup } from '../../helpers/asg-fixtures.js';
import { asMock, awsError, cwMock, ec2Mock, elbMock } from '../../helpers/aws.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

function groupExists(policies: object[] = []) {
  asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
  asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: policies });
  asMock.on(PutScalingPolicyCommand).resolves({ PolicyARN: ARN_UP, Alarms: [] });
}

const put = () => asMock.commandCalls(PutScalingPolicyCommand).map((c) => c.args[0].input);

describe('put-policy: what is sent', () => {
  it.each<[string, object]>([
    ['--adjust 1', { PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 1 }],
    ['--adjust -1', { PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1 }],
    ['--adjust=-1', { PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1 }],
    ['--adjust +2 --cooldown 120', { PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 2, Cooldown: 120 }],
    ['--exact 0', { PolicyType: 'SimpleScaling', AdjustmentType: 'ExactCapacity', ScalingAdjustment: 0 }],
    ['--percent 50 --min-step 2', { PolicyType: 'SimpleScaling', AdjustmentType: 'PercentChangeInCapacity', ScalingAdjustment: 50, MinAdjustmentMagnitude: 2 }],
    ['--percent=-25', { PolicyType: 'SimpleScaling', AdjustmentType: 'PercentChangeInCapacity', ScalingAdjustment: -25 }],
    ['--type ExactCapacity --adjustment 3', { PolicyType: 'SimpleScaling', AdjustmentType: 'ExactCapacity', ScalingAdjustment: 3 }],
    ['--adjustment=-1', { PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1 }],
    ['--target-cpu 50', { PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' }, TargetValue: 50 } }],
    ['--target-metric ASGAverageNetworkIn --target-value 1000000', { PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageNetworkIn' }, TargetValue: 1000000 } }],
    [
      '--target-metric ALBRequestCountPerTarget --target-value 100 --resource-label app/web/1/targetgroup/tg/2',
      { PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/web/1/targetgroup/tg/2' }, TargetValue: 100 } },
    ],
  ])('%s', async (flags, expected) => {
    groupExists();
    const r = await runCli(`put-policy p1 --asg web-asg ${flags}`);
    expect([r.code, r.stdout]).toEqual([0, `${ARN_UP}\n`]);
    expect(put()).toEqual([{ AutoScalingGroupName: 'web-asg', PolicyName: 'p1', ...expected }]);
  });

  it('accepts the legacy --auto-scaling-group', async () => {
    groupExists();
    const r = await runCli('put-policy p1 --auto-scaling-group web-asg --adjust 1');
    expect(r.code).toBe(0);
    expect(put()[0]).toMatchObject({ AutoScalingGroupName: 'web-asg' });
  });
});

describe('put-policy: re-runs and results', () => {
  const live = { PolicyName: 'scale-up', AutoScalingGroupName: 'web-asg', PolicyARN: ARN_UP, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 1, Cooldown: 300, Alarms: [] };

  it('same settings: unchanged, exit 0, still prints the ARN, no PutScalingPolicy', async () => {
    groupExists([live]);
    const r = await runCli('put-policy scale-up --asg web-asg --adjust 1 --cooldown 300');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${ARN_UP}\n`, 'scaling-policy scale-up: unchanged\n']);
    expect(asMock).toHaveReceivedCommandWith(DescribePoliciesCommand, { AutoScalingGroupName: 'web-asg', PolicyNames: ['scale-up'] });
    expect(asMock).not.toHaveReceivedCommand(PutScalingPolicyCommand);
  });

  it('without --cooldown, the cooldown an endpoint reports (its default) is not a difference', async () => {
    groupExists([live]);
    const r = await runCli('put-policy scale-up --asg web-asg --adjust 1');
    expect([r.code, r.stdout]).toEqual([0, `${ARN_UP}\n`]);
    expect(asMock).not.toHaveReceivedCommand(PutScalingPolicyCommand);
  });

  it('different settings: updated, json result', async () => {
    groupExists([live]);
    const r = await runCli('put-policy scale-up --asg web-asg --adjust 2 --cooldown 300 --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'scaling-policy', name: 'scale-up', status: 'updated', changes: ['update SimpleScaling policy on web-asg'], group: 'web-asg', arn: ARN_UP, type: 'SimpleScaling' });
    expect(put()).toHaveLength(1);
  });

  it('table on a terminal', async () => {
    groupExists();
    const r = await runCli('put-policy scale-up --asg web-asg --adjust 1 --no-color', { tty: true });
    expect(r.stdout).toBe(`POLICY    GROUP    TYPE           RESULT   ARN\nscale-up  web-asg  SimpleScaling  created  ${ARN_UP}\n`);
  });

  it('looks the ARN up, retrying on the fake clock, when the response has none', async () => {
    groupExists();
    asMock.on(PutScalingPolicyCommand).resolves({});
    asMock.on(DescribePoliciesCommand).resolvesOnce({ ScalingPolicies: [] }).resolvesOnce({ ScalingPolicies: [] }).resolvesOnce({ ScalingPolicies: [] }).resolves({ ScalingPolicies: [{ ...live, PolicyName: 'scale-down', PolicyARN: ARN_DOWN }] });
    const r = await runCli('put-policy scale-down --asg web-asg --adjust=-1');
    expect([r.code, r.stdout]).toEqual([0, `${ARN_DOWN}\n`]);
    expect(r.sleeps).toEqual([1000, 2000]);
  });

  it('exits 1 when the ARN never shows up', async () => {
    groupExists();
    asMock.on(PutScalingPolicyCommand).resolves({});
    const r = await runCli('put-policy scale-down --asg web-asg --adjust=-1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: policy scale-down on web-asg was put, but AWS did not say its ARN; read it with "scalectl describe-policies --asg web-asg"\n');
  });

  it('exits 4 for a missing group and sends no write', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const r = await runCli('put-policy scale-up --asg nosuch --adjust 1');
    expect([r.code, r.stderr]).toEqual([4, 'error: Auto Scaling group nosuch does not exist; check the name with "scalectl describe-asgs", or create it with "scalectl create-asg"\n']);
    expect(asMock).not.toHaveReceivedCommand(PutScalingPolicyCommand);
  });

  it('AWS refusing is exit 1 with its message', async () => {
    groupExists();
    asMock.on(PutScalingPolicyCommand).rejects(awsError('ValidationError', 'bad'));
    const r = await runCli('put-policy scale-up --asg web-asg --adjust 1');
    expect([r.code, r.stderr.split('\n').at(-2)]).toEqual([1, 'error: AWS refused: ValidationError: bad']);
  });

  it('--dry-run without credentials shows the request', async () => {
    const r = await runCli('put-policy scale-up --asg web-asg --adjust 1 --dry-run', { env: { ...TEST_ENV, AWS_REGION: undefined } });
    expect([r.code, r.stdout]).toEqual([0, 'create\tscaling-policy\tscale-up\tautoscaling:PutScalingPolicy\t+1 on web-asg\n']);
  });
});

describe('put-policy: bad input exits 2 and sends nothing', () => {
  it.each<[string, string]>([
    ['--adjust 0', '--adjust must not be 0'],
    ['--adjust=0', '--adjust must not be 0'],
    ['--adjust two', "argument 'two' is invalid. --adjust must be a whole number; run 'scalectl put-policy --help' for usage"],
    ['--adjust 1.5', "--adjust must be a whole number; run 'scalectl put-policy --help' for usage"],
    ['--adjustment=0', '--adjustment must not be 0'],
    ['--percent 0', '--percent must not be 0'],
    ['--exact -1', '--exact must be 0 or more.'],
    ['--adjust 1 --exact 2', 'choose one policy type, not --adjust and --exact.'],
    ['--adjust 1 --target-cpu 50', 'choose one policy type, not --adjust and --target-cpu.'],
    ['--target-cpu 50 --target-metric ASGAverageNetworkIn --target-value 5', 'choose one policy type, not --target-cpu and --target-metric.'],
    ['--target-cpu 50 --cooldown 60', 'a target-tracking policy takes no --cooldown'],
    ['--target-metric ASGAverageCPUUtilization', '--target-metric ASGAverageCPUUtilization needs --target-value.'],
    ['--target-metric Requests --target-value 5', '--target-metric must be one of ASGAverageCPUUtilization, ASGAverageNetworkIn, ASGAverageNetworkOut, ALBRequestCountPerTarget, got "Requests".'],
    ['--target-metric ALBRequestCountPerTarget --target-value 5', 'ALBRequestCountPerTarget needs --resource-label'],
    ['--target-cpu 0', '--target-cpu must be a percentage above 0 and at most 100.'],
    ['--type Bogus --adjustment 1', '--type must be one of ChangeInCapacity, ExactCapacity, PercentChangeInCapacity, got "Bogus".'],
    ['--type ExactCapacity --adjust 1', '--type goes with the legacy --adjustment; use --adjust alone.'],
    ['--adjust 1 --min-step 2', '--min-step goes with --percent only.'],
    ['', 'say what the policy does'],
  ])('%s', async (flags, msg) => {
    const r = await runCli(`put-policy p1 --asg web-asg ${flags}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
    expect(r.stderr.startsWith('error: ')).toBe(true);
    for (const m of [asMock, ec2Mock, elbMock, cwMock]) expect(m.calls()).toHaveLength(0);
  });

  it('needs a group', async () => {
    const r = await runCli('put-policy p1 --adjust 1');
    expect([r.code, r.stderr]).toEqual([2, 'error: which group? pass --asg GROUP\n']);
  });
});
