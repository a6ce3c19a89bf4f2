import {
  CreateAutoScalingGroupCommand, CreateOrUpdateTagsCommand, DeleteAutoScalingGroupCommand, DeleteLaunchConfigurationCommand, DeletePolicyCommand, DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand, DescribeLaunchConfigurationsCommand, DescribePoliciesCommand, PutScalingPolicyCommand, TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DeleteLaunchTemplateCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { awsError, asMock, ec2Mock, elbMock } from '../helpers/aws.js';
import { webGroup } from '../helpers/asg-fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const legacy = (line: string, opts: Parameters<typeof runCli>[1] = {}) => runCli(`legacy ${line}`, opts);
const ARN = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1111:autoScalingGroupName/web-asg:policyName/down';
const noTemplate = () => awsError('InvalidLaunchTemplateName.NotFoundException', 'not found');

describe('launch configurations become launch templates', () => {
  it('as-create-launch-config creates launch template NAME from the settings (user data file base64) and says so once on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'legacy-ud-'));
    writeFileSync(join(dir, 'ud.sh'), '#!/bin/sh\necho hi\n');
    ec2Mock.on(CreateLaunchTemplateCommand).resolves({});
    const r = await legacy(`as-create-launch-config web-lc --image-id ami-0abc1234 --instance-type m1.small --key k --group "sg-0123abcd, web" --user-data-file ${join(dir, 'ud.sh')}`);
    expect([r.code, r.stdout]).toEqual([0, 'OK-Created launch config\n']);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(['as-create-launch-config: creating launch template web-lc instead of a launch configuration (AWS no longer lets new accounts create those); the as-* commands find it by that name']);
    expect(ec2Mock.commandCalls(CreateLaunchTemplateCommand)[0]!.args[0].input).toEqual({
      LaunchTemplateName: 'web-lc', VersionDescription: 'scalectl', ClientToken: expect.stringMatching(/^scalectl-/),
      LaunchTemplateData: { ImageId: 'ami-0abc1234', InstanceType: 'm1.small', KeyName: 'k', SecurityGroupIds: ['sg-0123abcd'], SecurityGroups: ['web'], UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'), Monitoring: { Enabled: true } },
    });
    await legacy('as-create-launch-config web-lc --image-id ami-0abc1234 --instance-type m1.small --user-data "echo hi" --monitoring-disabled');
    expect(ec2Mock.commandCalls(CreateLaunchTemplateCommand)[1]!.args[0].input.LaunchTemplateData).toEqual({ ImageId: 'ami-0abc1234', InstanceType: 'm1.small', UserData: Buffer.from('echo hi').toString('base64'), Monitoring: { Enabled: false } });
  });

  it('refuses what templates do not carry yet, and a bad AMI, before any request', async () => {
    const r = await legacy('as-create-launch-config web-lc --image-id ami-0abc1234 --instance-type m1.small --spot-price 0.01');
    expect([r.code, r.stderr]).toEqual([2, "as-create-launch-config:  --spot-price is not supported yet by scalectl's launch templates; drop it, or create the launch template yourself and pass its name\n"]);
    expect((await legacy('as-create-launch-config web-lc --image-id nope --instance-type m1.small')).code).toBe(2);
    expect(ec2Mock.calls()).toEqual([]);
  });

  it('as-describe-launch-configs lists templates and real launch configurations alike', async () => {
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-lc', LaunchTemplateId: 'lt-1', CreateTime: new Date('2026-01-01T00:00:00Z') }] });
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 1, LaunchTemplateData: { ImageId: 'ami-0abc1234', InstanceType: 'm1.small', KeyName: 'k' } }] });
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [{ LaunchConfigurationName: 'old-lc', ImageId: 'ami-0def5678', InstanceType: 'm1.large', SecurityGroups: ['web'], CreatedTime: new Date('2012-01-01T00:00:00Z') }] });
    const r = await legacy('as-describe-launch-configs');
    expect(r.stdout).toBe('LAUNCH-CONFIG  old-lc  ami-0def5678  m1.large\nLAUNCH-CONFIG  web-lc  ami-0abc1234  m1.small\n');
    expect((await legacy('as-describe-launch-configs --show-long')).stdout).toBe(
      'LAUNCH-CONFIG,old-lc,ami-0def5678,m1.large,,web,2012-01-01T00:00:00.000Z,launch-configuration\nLAUNCH-CONFIG,web-lc,ami-0abc1234,m1.small,k,,2026-01-01T00:00:00.000Z,launch-template\n',
    );
    expect((await legacy('as-describe-launch-configs --headers')).stdout.split('\n')[0]).toBe('LAUNCH-CONFIG  NAME    IMAGE-ID      TYPE');
  });

  it('as-delete-launch-config -f deletes the template, else the launch configuration; it prompts otherwise', async () => {
    ec2Mock.on(DeleteLaunchTemplateCommand).resolves({});
    expect((await legacy('as-delete-launch-config web-lc -f')).stdout).toBe('OK-Deleted launch configuration\n');
    expect(ec2Mock.commandCalls(DeleteLaunchTemplateCommand)[0]!.args[0].input).toEqual({ LaunchTemplateName: 'web-lc' });
    ec2Mock.on(DeleteLaunchTemplateCommand).rejects(noTemplate());
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [{ LaunchConfigurationName: 'old-lc', CreatedTime: new Date() } as never] });
    asMock.on(DeleteLaunchConfigurationCommand).resolves({});
    const asked = await legacy('as-delete-launch-config old-lc', { tty: true, answers: [true] });
    expect([asked.code, asked.stdout, asked.prompts]).toEqual([0, 'OK-Deleted launch configuration\n', ['Are you sure you want to delete this launch configuration?']]);
    expect(asMock.commandCalls(DeleteLaunchConfigurationCommand)[0]!.args[0].input).toEqual({ LaunchConfigurationName: 'old-lc' });
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [] });
    const gone = await legacy('as-delete-launch-config nope -f');
    expect([gone.code, gone.stderr]).toEqual([4, 'as-delete-launch-config:  Launch configuration name not found - nope\n']);
  });
});

describe('groups', () => {
  it('as-create-auto-scaling-group uses the template of that name, with k/v/p tags (spaces after commas) and --grace-period', async () => {
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-lc', LaunchTemplateId: 'lt-1', DefaultVersionNumber: 1, LatestVersionNumber: 1 }] });
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(CreateAutoScalingGroupCommand).resolves({});
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'web', AvailabilityZones: ['us-east-1a', 'us-east-1b'] }] });
    const r = await legacy('as-create-auto-scaling-group web-asg --launch-configuration web-lc --availability-zones "us-east-1a, us-east-1b" --min-size 2 --max-size 8 --load-balancers web --health-check-type ELB --grace-period 300 --tag "k=role, v=web, p=true" --tag k=env,v=prod,p=false --termination-policies "ClosestToNextInstanceHour"');
    expect(r.stderr).toBe('');
    expect([r.code, r.stdout]).toEqual([0, 'OK-Created AutoScalingGroup\n']);
    expect(asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input).toEqual({
      AutoScalingGroupName: 'web-asg', LaunchTemplate: { LaunchTemplateName: 'web-lc', Version: '$Default' }, MinSize: 2, MaxSize: 8, AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      LoadBalancerNames: ['web'], HealthCheckType: 'ELB', HealthCheckGracePeriod: 300, TerminationPolicies: ['ClosestToNextInstanceHour'],
      Tags: [
        { ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'role', Value: 'web', PropagateAtLaunch: true },
        { ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'prod', PropagateAtLaunch: false },
      ],
    });
  });

  it('as-create-auto-scaling-group falls back to the real launch configuration when there is no template', async () => {
    ec2Mock.on(DescribeLaunchTemplatesCommand).rejects(noTemplate());
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [{ LaunchConfigurationName: 'old-lc' } as never] });
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(CreateAutoScalingGroupCommand).resolves({});
    expect((await legacy('as-create-auto-scaling-group web-asg --launch-configuration old-lc -z us-east-1a --min-size 0 --max-size 1')).code).toBe(0);
    expect(asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input).toMatchObject({ LaunchConfigurationName: 'old-lc', MinSize: 0, MaxSize: 1, AvailabilityZones: ['us-east-1a'] });
  });

  it('bad sizes are one line, exit 2, and nothing is sent', async () => {
    const r = await legacy('as-create-auto-scaling-group web-asg --launch-configuration web-lc -z us-east-1a --min-size 5 --max-size 2');
    expect([r.code, r.stderr]).toEqual([2, 'as-create-auto-scaling-group:  --min (5) must not be more than --max (2).\n']);
    expect([...asMock.calls(), ...ec2Mock.calls()]).toEqual([]);
    expect((await legacy('as-create-auto-scaling-group web-asg -z a --min-size 1 --max-size 2')).stderr).toBe('as-create-auto-scaling-group:  --launch-configuration is required\n');
  });

  it('as-update-auto-scaling-group --min-size 0 --max-size 0 (the teardown idiom)', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(UpdateAutoScalingGroupCommand).resolves({});
    const r = await legacy('as-update-auto-scaling-group web-asg --min-size 0 --max-size 0 --desired-capacity 0');
    expect([r.code, r.stdout]).toEqual([0, 'OK-Updated AutoScalingGroup\n']);
    expect(asMock.commandCalls(UpdateAutoScalingGroupCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupName: 'web-asg', MinSize: 0, MaxSize: 0, DesiredCapacity: 0 });
  });

  it('as-delete-auto-scaling-group: -d is --force-delete, -f only skips the prompt', async () => {
    asMock.on(DeleteAutoScalingGroupCommand).resolves({});
    expect((await legacy('as-delete-auto-scaling-group web-asg -f')).stdout).toBe('OK-Deleted AutoScalingGroup\n');
    expect((await legacy('as-delete-auto-scaling-group web-asg --force-delete -f')).code).toBe(0);
    expect((await legacy('as-delete-auto-scaling-group web-asg -d', { tty: true, answers: [true] })).prompts).toEqual(['Are you sure you want to delete this AutoScalingGroup?']);
    expect(asMock.commandCalls(DeleteAutoScalingGroupCommand).map((c) => c.args[0].input)).toEqual([
      { AutoScalingGroupName: 'web-asg' }, { AutoScalingGroupName: 'web-asg', ForceDelete: true }, { AutoScalingGroupName: 'web-asg', ForceDelete: true },
    ]);
    const script = await legacy('as-delete-auto-scaling-group web-asg -d');
    expect(script.code).toBe(2);
    expect(script.stderr).toBe('as-delete-auto-scaling-group:  not deleting without confirmation: there is no terminal to ask "Are you sure you want to delete this AutoScalingGroup?"; pass -f/--force\n');
    expect(asMock.commandCalls(DeleteAutoScalingGroupCommand)).toHaveLength(3);
    asMock.on(DeleteAutoScalingGroupCommand).rejects(awsError('ResourceInUse', 'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.'));
    const busy = await legacy('as-delete-auto-scaling-group web-asg -f');
    expect([busy.code, busy.stderr]).toEqual([1, 'as-delete-auto-scaling-group:  AWS refused: ResourceInUse: You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.\n']);
  });

  it('as-describe-auto-scaling-instances and as-terminate-instance-in-auto-scaling-group', async () => {
    asMock.on(DescribeAutoScalingInstancesCommand).resolves({ AutoScalingInstances: [{ InstanceId: 'i-0aaa1111', AutoScalingGroupName: 'web-asg', AvailabilityZone: 'us-east-1a', LifecycleState: 'InService', HealthStatus: 'HEALTHY', LaunchTemplate: { LaunchTemplateName: 'web-lc' }, ProtectedFromScaleIn: false }] });
    expect((await legacy('as-describe-auto-scaling-instances')).stdout).toBe('INSTANCE  i-0aaa1111  web-asg  us-east-1a  InService  HEALTHY  web-lc\n');
    asMock.on(TerminateInstanceInAutoScalingGroupCommand).resolves({ Activity: { ActivityId: 'act-1', AutoScalingGroupName: 'web-asg', Cause: 'c', StartTime: new Date(), StatusCode: 'InProgress', Description: 'Terminating EC2 instance: i-0aaa1111' } });
    const r = await legacy('as-terminate-instance-in-auto-scaling-group i-0aaa1111 -D -f');
    expect(r.stdout).toBe('INSTANCE  act-1  InProgress  Terminating EC2 instance: i-0aaa1111\n');
    expect(asMock.commandCalls(TerminateInstanceInAutoScalingGroupCommand)[0]!.args[0].input).toEqual({ InstanceId: 'i-0aaa1111', ShouldDecrementDesiredCapacity: false });
    expect((await legacy('as-terminate-instance-in-auto-scaling-group i-0aaa1111 -f')).stderr).toBe('as-terminate-instance-in-auto-scaling-group:  give one of -d/--decrement-desired-capacity and -D/--no-decrement-desired-capacity\n');
  });

  it('as-create-or-update-tags sends each tag with its group', async () => {
    asMock.on(CreateOrUpdateTagsCommand).resolves({});
    expect((await legacy('as-create-or-update-tags --tag "id=web-asg, t=auto-scaling-group, k=env, v=prod, p=true"')).stdout).toBe('OK-Created/Updated tags\n');
    expect(asMock.commandCalls(CreateOrUpdateTagsCommand)[0]!.args[0].input).toEqual({ Tags: [{ ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'prod', PropagateAtLaunch: true }] });
  });
});

describe('policies', () => {
  it('as-put-scaling-policy prints the bare ARN, whichever way the negative adjustment is written', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] });
    asMock.on(PutScalingPolicyCommand).resolves({ PolicyARN: ARN });
    for (const form of [['--adjustment=-1'], ['-a', '-1'], ['--adjustment', '-1']]) {
      const r = await runCli(['legacy', 'as-put-scaling-policy', 'down', '--auto-scaling-group', 'web-asg', ...form, '--type', 'ChangeInCapacity', '--cooldown', '300']);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, `${ARN}\n`, '']);
    }
    expect(asMock.commandCalls(PutScalingPolicyCommand).map((c) => c.args[0].input)).toEqual(Array(3).fill({ AutoScalingGroupName: 'web-asg', PolicyName: 'down', PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1, Cooldown: 300 }));
    const r = await legacy('as-put-scaling-policy --name pct -g web-asg -t PercentChangeInCapacity -a 20 -s 2');
    expect(r.code).toBe(0);
    expect(asMock.commandCalls(PutScalingPolicyCommand)[3]!.args[0].input).toMatchObject({ PolicyName: 'pct', AdjustmentType: 'PercentChangeInCapacity', ScalingAdjustment: 20, MinAdjustmentMagnitude: 2 });
    const missing = await legacy('as-put-scaling-policy down -g web-asg --type ChangeInCapacity');
    expect([missing.code, missing.stderr]).toEqual([2, 'as-put-scaling-policy:  --adjustment is required (write a negative one as --adjustment=-1 or -a -1)\n']);
  });

  it('as-describe-policies: SCALING-POLICY records; as-delete-policy by name with -g, or by ARN', async () => {
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [{ AutoScalingGroupName: 'web-asg', PolicyName: 'down', PolicyARN: ARN, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1, Cooldown: 300, Alarms: [] }] });
    expect((await legacy('as-describe-policies -g web-asg')).stdout).toBe(`SCALING-POLICY  web-asg  down  -1  ChangeInCapacity  300  ${ARN}\n`);
    expect((await legacy('as-describe-policies --headers')).stdout).toBe(`SCALING-POLICY  GROUP-NAME  POLICY-NAME  SCALING-ADJUSTMENT  ADJUSTMENT-TYPE   COOLDOWN  POLICY-ARN\nSCALING-POLICY  web-asg     down         -1                  ChangeInCapacity  300       ${ARN}\n`);
    asMock.on(DeletePolicyCommand).resolves({});
    expect((await legacy('as-delete-policy down -g web-asg -f')).stdout).toBe('OK-Deleted Policy\n');
    expect((await legacy(`as-delete-policy ${ARN} -f`)).code).toBe(0);
    expect(asMock.commandCalls(DeletePolicyCommand).map((c) => c.args[0].input)).toEqual(Array(2).fill({ AutoScalingGroupName: 'web-asg', PolicyName: 'down' }));
    expect((await legacy('as-delete-policy down -f')).stderr).toBe('as-delete-policy:  --auto-scaling-group is required unless the policy is given by its ARN\n');
  });
});
