import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachLoadBalancersCommand,
  CreateAutoScalingGroupCommand,
  CreateLaunchConfigurationCommand,
  CreateOrUpdateTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand,
  DescribePoliciesCommand,
  DetachLoadBalancersCommand,
  PutScalingPolicyCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  CreateTagsCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeAvailabilityZonesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSubnetsCommand,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { DescribeInstanceHealthCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { ARN_DOWN, ARN_UP, sdkInstance, webGroup, WEB_LB, WEB_TEMPLATE_DATA } from '../../helpers/asg-fixtures.js';
import { asMock, awsError, cwMock, ec2Mock, elbMock, iamMock } from '../../helpers/aws.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'scalectl-asg-'));
const CREATE = 'create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --lb web --health-check-type ELB --tag Name=web';

function noGroupYet() {
  ec2Mock.on(DescribeLaunchTemplatesCommand).rejects(awsError('InvalidLaunchTemplateName.NotFoundException', "At least one of the launch templates specified in the request does not exist."));
  ec2Mock.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [{ ZoneName: 'us-east-1a' }, { ZoneName: 'us-east-1b' }] });
  ec2Mock.on(CreateLaunchTemplateCommand).resolves({ LaunchTemplate: { LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 1, LatestVersionNumber: 1 } });
  asMock.on(CreateAutoScalingGroupCommand).resolves({});
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [WEB_LB] });
}

/** The group and template already exist exactly as CREATE describes them. */
function existingWeb(group = webGroup(), data: object = WEB_TEMPLATE_DATA) {
  asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
  ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 2, LatestVersionNumber: 2 }] });
  ec2Mock.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ LaunchTemplateName: 'web-asg', VersionNumber: 2, DefaultVersion: true, LaunchTemplateData: data }] });
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [WEB_LB] });
}

function writeCalls() {
  const names = (m: typeof asMock | typeof ec2Mock | typeof elbMock) => m.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name).filter((n) => !/^Describe/.test(n));
  return [...names(asMock), ...names(ec2Mock), ...names(elbMock)];
}

describe('create-asg: the done-when scenario', () => {
  it('creates template and group, waits for InService in the group and the load balancer, then two policies give two ARNs; a re-run changes nothing', async () => {
    noGroupYet();
    asMock
      .on(DescribeAutoScalingGroupsCommand)
      .resolvesOnce({ AutoScalingGroups: [] })
      .resolvesOnce({ AutoScalingGroups: [webGroup({ Instances: [] })] })
      .resolvesOnce({ AutoScalingGroups: [webGroup({ Instances: [sdkInstance('i-0aaa', 'Pending', 'Healthy')] })] })
      .resolves({ AutoScalingGroups: [webGroup()] });
    elbMock
      .on(DescribeInstanceHealthCommand)
      .resolvesOnce({ InstanceStates: [] })
      .resolvesOnce({ InstanceStates: [] })
      // In service in the group, not yet in the load balancer: still waiting.
      .resolvesOnce({ InstanceStates: [{ InstanceId: 'i-0aaa', State: 'OutOfService' }] })
      .resolves({ InstanceStates: [{ InstanceId: 'i-0aaa', State: 'InService' }] });

    const r = await runCli(`${CREATE} --wait`);
    expect(r.stderr).toBe(
      [
        'placing web-asg in the zones of load balancer web: us-east-1a, us-east-1b',
        'Creating launch-template web-asg (ami-0abc1234 t3.micro)',
        'Creating auto-scaling-group web-asg (min 1, max 4, load balancer web, health check ELB)',
        'waiting for web-asg: 0 of 1 instances InService (0s)',
        'waiting for web-asg: 0 of 1 instances InService (15s)',
        'waiting for web-asg: 0 of 1 instances InService (30s)',
        'waiting for web-asg: 1 of 1 instances InService (45s)',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('web-asg\tcreated\n');
    expect(r.sleeps).toEqual([15000, 15000, 15000]);
    expect(ec2Mock).toHaveReceivedCommandWith(CreateLaunchTemplateCommand, {
      LaunchTemplateName: 'web-asg',
      VersionDescription: 'scalectl',
      LaunchTemplateData: WEB_TEMPLATE_DATA,
    });
    expect(ec2Mock.commandCalls(CreateLaunchTemplateCommand)[0]!.args[0].input).not.toHaveProperty('TagSpecifications');
    expect(asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input).toEqual({
      AutoScalingGroupName: 'web-asg',
      MinSize: 1,
      MaxSize: 4,
      HealthCheckType: 'ELB',
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      LaunchTemplate: { LaunchTemplateName: 'web-asg', Version: '$Default' },
      LoadBalancerNames: ['web'],
      Tags: [{ ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'Name', Value: 'web', PropagateAtLaunch: true }],
    });
    expect(elbMock).toHaveReceivedCommandWith(DescribeInstanceHealthCommand, { LoadBalancerName: 'web' });

    asMock.reset();
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] });
    asMock.on(PutScalingPolicyCommand, { PolicyName: 'scale-up' }).resolves({ PolicyARN: ARN_UP, Alarms: [] });
    const up = await runCli('put-policy scale-up --asg web-asg --adjust 1');
    expect([up.code, up.stdout, up.stderr]).toEqual([0, `${ARN_UP}\n`, 'Creating scaling-policy scale-up (+1 on web-asg)\n']);
    // A response without PolicyARN: the ARN is read back with DescribePolicies.
    asMock.on(PutScalingPolicyCommand, { PolicyName: 'scale-down' }).resolves({});
    asMock.on(DescribePoliciesCommand, { AutoScalingGroupName: 'web-asg', PolicyNames: ['scale-down'] }).resolvesOnce({ ScalingPolicies: [] }).resolves({ ScalingPolicies: [{ PolicyName: 'scale-down', AutoScalingGroupName: 'web-asg', PolicyARN: ARN_DOWN, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1 }] });
    const down = await runCli('put-policy scale-down --asg web-asg --adjust=-1');
    expect([down.code, down.stdout]).toEqual([0, `${ARN_DOWN}\n`]);
    expect(asMock).toHaveReceivedCommandWith(PutScalingPolicyCommand, { AutoScalingGroupName: 'web-asg', PolicyName: 'scale-down', PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1 });

    // Re-run everything: nothing is written, the same ARNs come out.
    asMock.reset();
    ec2Mock.reset();
    elbMock.reset();
    existingWeb(webGroup(), { ...WEB_TEMPLATE_DATA });
    elbMock.on(DescribeInstanceHealthCommand).resolves({ InstanceStates: [{ InstanceId: 'i-0aaa', State: 'InService' }] });
    asMock.on(DescribePoliciesCommand, { PolicyNames: ['scale-up'] }).resolves({ ScalingPolicies: [{ PolicyName: 'scale-up', AutoScalingGroupName: 'web-asg', PolicyARN: ARN_UP, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: 1 }] });
    asMock.on(DescribePoliciesCommand, { PolicyNames: ['scale-down'] }).resolves({ ScalingPolicies: [{ PolicyName: 'scale-down', AutoScalingGroupName: 'web-asg', PolicyARN: ARN_DOWN, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1 }] });
    const again = await runCli(`${CREATE} --wait`);
    const up2 = await runCli('put-policy scale-up --asg web-asg --adjust +1');
    const down2 = await runCli('put-policy scale-down --auto-scaling-group web-asg --type ChangeInCapacity --adjustment=-1');
    expect([again.code, again.stdout]).toEqual([0, 'web-asg\tunchanged\n']);
    expect([up2.code, up2.stdout, down2.code, down2.stdout]).toEqual([0, `${ARN_UP}\n`, 0, `${ARN_DOWN}\n`]);
    expect(writeCalls()).toEqual([]);
  });
});

describe('create-asg: what is sent', () => {
  it('maps every flag to the template and group requests', async () => {
    noGroupYet();
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    ec2Mock.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1', AvailabilityZone: 'us-east-1a' }, { SubnetId: 'subnet-2', AvailabilityZone: 'us-east-1b' }] });
    const ud = join(tmp, 'boot.sh');
    writeFileSync(ud, '#!/bin/sh\necho hi\n');
    const r = await runCli(
      `create-asg web-asg --image-id ami-0abc1234 --instance-type t3.small --key-name ops --security-groups sg-0a1b,web-sg --security-groups sg-0c2d --user-data ${ud} --detailed-monitoring ` +
        '--min 2 --max 6 --desired 3 --subnets subnet-1,subnet-2 --lb web --lb api --health-check-type ELB --grace-period 120 --cooldown 60 ' +
        "--termination-policies OldestLaunchTemplate,Default --tag Name=web --tag 'k=team, v=ops, p=false' --stack shop --output json",
    );
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(ec2Mock.commandCalls(CreateLaunchTemplateCommand)[0]!.args[0].input).toEqual({
      LaunchTemplateName: 'web-asg',
      VersionDescription: 'scalectl',
      ClientToken: expect.stringMatching(/^scalectl-[0-9a-f]{54}$/),
      LaunchTemplateData: {
        ImageId: 'ami-0abc1234',
        InstanceType: 't3.small',
        KeyName: 'ops',
        SecurityGroupIds: ['sg-0a1b', 'sg-0c2d'],
        SecurityGroups: ['web-sg'],
        UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
        Monitoring: { Enabled: true },
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'scalectl:stack', Value: 'shop' }] }],
    });
    expect(asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input).toEqual({
      AutoScalingGroupName: 'web-asg',
      MinSize: 2,
      MaxSize: 6,
      DesiredCapacity: 3,
      DefaultCooldown: 60,
      HealthCheckType: 'ELB',
      HealthCheckGracePeriod: 120,
      VPCZoneIdentifier: 'subnet-1,subnet-2',
      TerminationPolicies: ['OldestLaunchTemplate', 'Default'],
      LaunchTemplate: { LaunchTemplateName: 'web-asg', Version: '$Default' },
      LoadBalancerNames: ['web', 'api'],
      Tags: [
        { ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'Name', Value: 'web', PropagateAtLaunch: true },
        { ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'team', Value: 'ops', PropagateAtLaunch: false },
        { ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'scalectl:stack', Value: 'shop', PropagateAtLaunch: true },
      ],
    });
    expect(ec2Mock).not.toHaveReceivedCommand(DescribeAvailabilityZonesCommand);
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'auto-scaling-group',
      name: 'web-asg',
      status: 'created',
      launchTemplate: { name: 'web-asg', version: '$Default' },
      changes: ['create launch-template web-asg', 'create auto-scaling-group web-asg'],
    });
  });

  it('uses an existing --launch-template at the version given, and creates no template', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(CreateAutoScalingGroupCommand).resolves({});
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'shared-web', LaunchTemplateId: 'lt-9', DefaultVersionNumber: 5, LatestVersionNumber: 7 }] });
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateName: 'shared-web', Versions: ['7'] }).resolves({ LaunchTemplateVersions: [{ VersionNumber: 7, LaunchTemplateData: WEB_TEMPLATE_DATA }] });
    const r = await runCli('create-asg web-asg --launch-template shared-web:7 --min 0 --max 2 --zones us-east-1a');
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tcreated\n']);
    expect(ec2Mock).not.toHaveReceivedCommand(CreateLaunchTemplateCommand);
    expect(asMock).toHaveReceivedCommandWith(CreateAutoScalingGroupCommand, { LaunchTemplate: { LaunchTemplateName: 'shared-web', Version: '7' }, AvailabilityZones: ['us-east-1a'], MinSize: 0, MaxSize: 2 });
  });

  it('exits 4 when --launch-template names a template or version that does not exist, sending no write', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    ec2Mock.on(DescribeLaunchTemplatesCommand).rejects(awsError('InvalidLaunchTemplateName.NotFoundException', 'does not exist'));
    const r = await runCli('create-asg web-asg --launch-template nosuch --min 0 --max 2');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: launch template nosuch does not exist; create it, or drop --launch-template and pass --image-id and --instance-type so scalectl makes template "web-asg"\n');
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'shared-web', DefaultVersionNumber: 1, LatestVersionNumber: 3 }] });
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand).rejects(awsError('InvalidLaunchTemplateId.VersionNotFound', 'Could not find launch template version 9'));
    const v = await runCli('create-asg web-asg --launch-template shared-web:9 --min 0 --max 2');
    expect([v.code, v.stderr]).toEqual([4, 'error: launch template shared-web has no version 9; latest is 3; pass shared-web:$Default or an existing version\n']);
    expect(writeCalls()).toEqual([]);
  });
});

describe('create-asg: eventual consistency and state', () => {
  it('retries CreateAutoScalingGroup while the new template is not visible to Auto Scaling yet', async () => {
    noGroupYet();
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock
      .on(CreateAutoScalingGroupCommand)
      .rejectsOnce(awsError('ValidationError', 'You must use a valid fully-formed launch template. The specified launch template, with template name web-asg, does not exist.'))
      .resolves({});
    const r = await runCli(CREATE);
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tcreated\n']);
    expect(r.sleeps).toEqual([2000]);
    expect(asMock).toHaveReceivedCommandTimes(CreateAutoScalingGroupCommand, 2);
  });

  it('other validation errors are not retried: exit 5 after the template was made', async () => {
    noGroupYet();
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(CreateAutoScalingGroupCommand).rejects(awsError('ValidationError', 'Max bound, 4, must be greater than or equal to min bound, 5'));
    const r = await runCli(CREATE);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('error: create auto-scaling-group web-asg failed: AWS refused: ValidationError: Max bound, 4, must be greater than or equal to min bound, 5; re-run the same command to finish\ndone: create launch-template web-asg\nnot done: create auto-scaling-group web-asg\n');
    expect(asMock).toHaveReceivedCommandTimes(CreateAutoScalingGroupCommand, 1);
  });

  it('refuses to converge a group that is being deleted', async () => {
    existingWeb(webGroup({ Status: 'Delete in progress' }));
    const r = await runCli(CREATE);
    expect([r.code, r.stderr]).toEqual([1, 'error: Auto Scaling group web-asg is being deleted (Delete in progress); wait until it is gone, then re-run\n']);
    expect(writeCalls()).toEqual([]);
  });
});

describe('create-asg: legacy launch configurations', () => {
  it('uses an existing launch configuration', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [{ LaunchConfigurationName: 'old-lc', ImageId: 'ami-1', InstanceType: 'm1.small', CreatedTime: new Date() }] });
    asMock.on(CreateAutoScalingGroupCommand).resolves({});
    const r = await runCli('create-asg web-asg --launch-config old-lc --min 1 --max 1 --zones us-east-1a');
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tcreated\n']);
    expect(asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupName: 'web-asg', MinSize: 1, MaxSize: 1, AvailabilityZones: ['us-east-1a'], LaunchConfigurationName: 'old-lc' });
    expect(asMock).not.toHaveReceivedCommand(CreateLaunchConfigurationCommand);
  });

  it('creates a missing one from the launch flags', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [] });
    asMock.on(CreateLaunchConfigurationCommand).resolves({});
    asMock.on(CreateAutoScalingGroupCommand).resolves({});
    const r = await runCli('create-asg web-asg --launch-config web-lc --image-id ami-0abc1234 --instance-type m5.large --key-name ops --security-groups sg-1 --min 1 --max 1 --zones us-east-1a');
    expect(r.code).toBe(0);
    expect(asMock.commandCalls(CreateLaunchConfigurationCommand)[0]!.args[0].input).toEqual({ LaunchConfigurationName: 'web-lc', ImageId: 'ami-0abc1234', InstanceType: 'm5.large', KeyName: 'ops', SecurityGroups: ['sg-1'], InstanceMonitoring: { Enabled: false }, MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' } });
  });

  it('the launch-template command it suggests repeats every group setting given, tags included', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [] });
    asMock.on(CreateLaunchConfigurationCommand).rejects(awsError('UnsupportedOperation', 'The Launch Configuration creation operation is not available in your account.'));
    const r = await runCli("create-asg web-asg --launch-config web-lc --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --zones us-east-1a --health-check-type ELB --grace-period 120 --cooldown 60 --termination-policies OldestInstance --tag Name=web --tag 'k=Team,v=a b,p=false' --stack prod");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "use a launch template instead: scalectl create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --zones us-east-1a --health-check-type ELB --grace-period 120 --cooldown 60 --termination-policies OldestInstance --tag Name=web --tag 'k=Team,v=a b,p=false' --stack prod\n",
    );
  });

  it('explains the retirement refusal and shows the launch-template command, exit 1, no group created', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [] });
    asMock.on(CreateLaunchConfigurationCommand).rejects(awsError('UnsupportedOperation', 'The Launch Configuration creation operation is not available in your account. Use launch templates to create configuration templates for your Auto Scaling groups.'));
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [WEB_LB] });
    const r = await runCli('create-asg web-asg --launch-config web-lc --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --lb web --zones us-east-1a');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Creating launch-configuration web-lc (ami-0abc1234 t3.micro)\n' +
        'error: AWS no longer lets this account create launch configurations (UnsupportedOperation: The Launch Configuration creation operation is not available in your account. Use launch templates to create configuration templates for your Auto Scaling groups.); ' +
        'use a launch template instead: scalectl create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --zones us-east-1a --lb web\n',
    );
    expect(asMock).not.toHaveReceivedCommand(CreateAutoScalingGroupCommand);
  });

  it('exits 4 for a missing launch configuration with nothing to create it from', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [] });
    const r = await runCli('create-asg web-asg --launch-config nosuch --min 1 --max 1');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: launch configuration nosuch does not exist; /);
  });
});

describe('create-asg: converging an existing group', () => {
  it('tags a template made before --stack, so status and teardown find it; already tagged → unchanged', async () => {
    const stackTag = { Key: 'scalectl:stack', Value: 'web' };
    existingWeb(webGroup({ Tags: [...webGroup().Tags!, { ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', ...stackTag, PropagateAtLaunch: true }] }));
    ec2Mock.on(CreateTagsCommand).resolves({});
    const r = await runCli(`${CREATE} --stack web`);
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tupdated\n']);
    expect(r.stderr).toBe('Tagging launch-template web-asg (scalectl:stack=web)\n');
    expect(ec2Mock.commandCalls(CreateTagsCommand).map((c) => c.args[0].input)).toEqual([{ Resources: ['lt-0123'], Tags: [stackTag] }]);
    expect(writeCalls()).toEqual(['CreateTagsCommand']);

    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 2, LatestVersionNumber: 2, Tags: [stackTag] }] });
    ec2Mock.resetHistory();
    const again = await runCli(`${CREATE} --stack web`);
    expect([again.code, again.stdout]).toEqual([0, 'web-asg\tunchanged\n']);
    expect(ec2Mock).not.toHaveReceivedCommand(CreateTagsCommand);
  });

  it('changed launch parameters: a new template version made default; the group already follows $Default', async () => {
    existingWeb(webGroup(), { ...WEB_TEMPLATE_DATA, ImageId: 'ami-0old0000' });
    ec2Mock.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: { VersionNumber: 3 } });
    ec2Mock.on(ModifyLaunchTemplateCommand).resolves({});
    const r = await runCli(CREATE);
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tupdated\n']);
    expect(r.stderr).toBe('Updating launch-template web-asg (new default version: image)\nwarning: web-asg launches from a new launch template version now: 1 running instance of web-asg keeps the version it was launched from; run "scalectl roll web-asg" to replace it\n');
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeLaunchTemplateVersionsCommand, { LaunchTemplateName: 'web-asg', Versions: ['$Default'] });
    expect(ec2Mock.commandCalls(CreateLaunchTemplateVersionCommand)[0]!.args[0].input).toEqual({ LaunchTemplateName: 'web-asg', VersionDescription: 'scalectl', LaunchTemplateData: WEB_TEMPLATE_DATA, ClientToken: expect.stringMatching(/^scalectl-[0-9a-f]{54}$/) });
    expect(ec2Mock.commandCalls(ModifyLaunchTemplateCommand)[0]!.args[0].input).toEqual({ LaunchTemplateName: 'web-asg', DefaultVersion: '3' });
    expect(asMock).not.toHaveReceivedCommand(UpdateAutoScalingGroupCommand);
  });

  it('reads the latest version number back when CreateLaunchTemplateVersion leaves it out', async () => {
    existingWeb(webGroup(), { ...WEB_TEMPLATE_DATA, InstanceType: 't3.nano' });
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolvesOnce({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', DefaultVersionNumber: 2, LatestVersionNumber: 2 }] }).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', DefaultVersionNumber: 2, LatestVersionNumber: 3 }] });
    ec2Mock.on(CreateLaunchTemplateVersionCommand).resolves({});
    ec2Mock.on(ModifyLaunchTemplateCommand).resolves({});
    const r = await runCli(CREATE);
    expect(r.code).toBe(0);
    expect(ec2Mock).toHaveReceivedCommandWith(ModifyLaunchTemplateCommand, { LaunchTemplateName: 'web-asg', DefaultVersion: '3' });
  });

  it('changed sizes and settings: one UpdateAutoScalingGroup with only what differs, load balancers and tags brought in line', async () => {
    existingWeb(webGroup({ LaunchTemplate: { LaunchTemplateName: 'web-asg', Version: '1' }, LoadBalancerNames: ['old'], Tags: [{ Key: 'Name', Value: 'old', PropagateAtLaunch: true }, { Key: 'keep', Value: 'me', PropagateAtLaunch: false }] }));
    asMock.on(UpdateAutoScalingGroupCommand).resolves({});
    asMock.on(AttachLoadBalancersCommand).resolves({});
    asMock.on(DetachLoadBalancersCommand).resolves({});
    asMock.on(CreateOrUpdateTagsCommand).resolves({});
    const r = await runCli('create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 2 --max 4 --desired 2 --lb web --health-check-type ELB --cooldown 300 --tag Name=web --output json');
    expect(r.code).toBe(0);
    expect(asMock.commandCalls(UpdateAutoScalingGroupCommand)[0]!.args[0].input).toEqual({ AutoScalingGroupName: 'web-asg', MinSize: 2, DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateName: 'web-asg', Version: '$Default' } });
    expect(asMock).toHaveReceivedCommandWith(AttachLoadBalancersCommand, { AutoScalingGroupName: 'web-asg', LoadBalancerNames: ['web'] });
    expect(asMock).toHaveReceivedCommandWith(DetachLoadBalancersCommand, { AutoScalingGroupName: 'web-asg', LoadBalancerNames: ['old'] });
    expect(asMock.commandCalls(CreateOrUpdateTagsCommand)[0]!.args[0].input).toEqual({ Tags: [{ ResourceId: 'web-asg', ResourceType: 'auto-scaling-group', Key: 'Name', Value: 'web', PropagateAtLaunch: true }] });
    expect(JSON.parse(r.stdout).changes).toEqual(['update auto-scaling-group web-asg', 'attach load-balancer web', 'detach load-balancer old', 'tag auto-scaling-group web-asg']);
  });

  it('table result on a terminal', async () => {
    existingWeb();
    const r = await runCli(`${CREATE} --no-color`, { tty: true });
    expect(r.stdout).toBe('GROUP    RESULT     LAUNCHES FROM              IN SERVICE  CHANGES\nweb-asg  unchanged  template web-asg:$Default  -           -\n');
  });

  it('a failure after a done step exits 5 naming done and not done', async () => {
    existingWeb(webGroup({ MinSize: 0 }), { ...WEB_TEMPLATE_DATA, ImageId: 'ami-0old0000' });
    ec2Mock.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: { VersionNumber: 3 } });
    ec2Mock.on(ModifyLaunchTemplateCommand).resolves({});
    asMock.on(UpdateAutoScalingGroupCommand).rejects(awsError('ValidationError', 'boom'));
    const r = await runCli(CREATE);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('done: update launch-template web-asg\nnot done: update auto-scaling-group web-asg\n');
  });

  it('--dry-run with live state prints update steps and sends no write', async () => {
    existingWeb(webGroup({ MaxSize: 2 }));
    const r = await runCli(`${CREATE} --dry-run`);
    expect([r.code, r.stdout]).toEqual([0, 'unchanged\tlaunch-template\tweb-asg\t\tdefault version 2\nupdate\tauto-scaling-group\tweb-asg\tautoscaling:UpdateAutoScalingGroup\tmax\n']);
    expect(writeCalls()).toEqual([]);
  });

  it('--dry-run shows the size of the user data, never its content', async () => {
    const ud = join(tmp, 'secret.sh');
    writeFileSync(ud, 'DB_PASSWORD=hunter2hunter2\n');
    const r = await runCli(`${CREATE} --user-data ${ud} --dry-run --output json`, { env: { ...TEST_ENV, AWS_REGION: undefined } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).steps[0].request.input.LaunchTemplateData).toEqual({ ImageId: 'ami-0abc1234', InstanceType: 't3.micro', UserData: '<user data, 27 bytes>', Monitoring: { Enabled: false }, MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' } });
    expect(r.stdout).not.toContain(Buffer.from('DB_PASSWORD=hunter2hunter2\n').toString('base64'));
  });

  it('--dry-run without credentials plans everything as create', async () => {
    const r = await runCli(`${CREATE} --dry-run --output json`, { env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.steps.map((s: { action: string; resource: string }) => `${s.action} ${s.resource}`)).toEqual(['create launch-template', 'create auto-scaling-group']);
    expect(plan.steps[1].request.input.AvailabilityZones).toEqual(['<the zones or subnets of load balancer web>']);
    expect(r.stderr).toMatch(/^warning: no AWS credentials found: planning without reading AWS/);
  });
});

describe('create-asg --wait timeout', () => {
  it('exits 1 after --timeout on the fake clock, saying what is still pending', async () => {
    existingWeb(webGroup({ DesiredCapacity: 2, Instances: [sdkInstance('i-0aaa'), sdkInstance('i-0bbb', 'Pending', 'Healthy')] }));
    elbMock.on(DescribeInstanceHealthCommand).resolves({ InstanceStates: [{ InstanceId: 'i-0aaa', State: 'InService' }] });
    const r = await runCli(`${CREATE} --wait --timeout 1m`);
    expect(r.code).toBe(1);
    expect(r.sleeps).toEqual([15000, 15000, 15000, 15000]);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').slice(-2)).toEqual([
      'error: timed out after 1m00s waiting for web-asg: 1 of 2 instances InService; still pending: i-0bbb Pending/Healthy; the group exists and keeps launching; re-run with a longer --timeout, or see why with "aws autoscaling describe-scaling-activities --auto-scaling-group-name web-asg"',
      '',
    ]);
    expect(r.stderr).toContain('waiting for web-asg: 1 of 2 instances InService (1m00s)\n');
  });

  it('Ctrl-C during the wait exits 130', async () => {
    existingWeb(webGroup({ Instances: [sdkInstance('i-0aaa', 'Pending', 'Healthy')] }));
    elbMock.on(DescribeInstanceHealthCommand).resolves({ InstanceStates: [] });
    const r = await runCli(`${CREATE} --wait`, { interruptAfterMs: 30000 });
    expect(r.code).toBe(130);
    expect(r.sleeps).toEqual([15000, 15000]);
    expect(r.stderr.endsWith('error: interrupted\n')).toBe(true);
  });

  it('on a terminal, Ctrl-C ends the progress line before the error', async () => {
    existingWeb(webGroup({ Instances: [sdkInstance('i-0aaa', 'Pending', 'Healthy')] }));
    elbMock.on(DescribeInstanceHealthCommand).resolves({ InstanceStates: [] });
    const r = await runCli(`${CREATE} --wait --no-color`, { tty: true, interruptAfterMs: 30000 });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/\r\x1b\[2Kwaiting for web-asg: 0 of 1 instances InService \(\d+s\)\nerror: interrupted\n$/);
  });

  it('on a terminal the progress line rewrites itself', async () => {
    existingWeb();
    elbMock.on(DescribeInstanceHealthCommand).resolves({ InstanceStates: [{ InstanceId: 'i-0aaa', State: 'InService' }] });
    const r = await runCli(`${CREATE} --wait`, { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('\r\x1b[2Kwaiting for web-asg: 1 of 1 instances InService (0s)\n');
  });
});

describe('create-asg: bad input exits 2 and sends nothing', () => {
  const big = join(tmp, 'big.sh');
  writeFileSync(big, 'x'.repeat(16 * 1024 + 1));
  const cases: Array<[string, string]> = [
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 3 --max 2', 'error: --min (3) must not be more than --max (2).\n'],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --desired 5', 'error: --desired (5) must be at most the maximum size (2).\n'],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 2 --max 4 --desired 1', 'error: --desired (1) must be at least the minimum size (2).\n'],
    ['create-asg web-asg --min 1 --max 2', 'error: say what to launch: --image-id AMI --instance-type TYPE (a launch template is made for you), --launch-template NAME[:VERSION], or --launch-config NAME.\n'],
    ['create-asg web-asg --image-id ami-0abc1234 --min 1 --max 2', 'error: --image-id and --instance-type are both needed to describe what to launch; add --instance-type (e.g. t3.micro).\n'],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --user-data /nonexistent/boot.sh', 'error: cannot read --user-data file /nonexistent/boot.sh (ENOENT); check the path\n'],
    [`create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --user-data ${big}`, `error: --user-data file ${big} is 16385 bytes; AWS allows at most 16384 (16 KB) before base64 encoding; keep a small bootstrap script in user data and fetch the rest (e.g. from S3)\n`],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --termination-policies Oldest,Default', 'error: unknown termination policy Oldest; choose from OldestInstance, NewestInstance, OldestLaunchConfiguration, ClosestToNextInstanceHour, Default, OldestLaunchTemplate, AllocationStrategy.\n'],
    ['create-asg web-asg --launch-template shared --image-id ami-0abc1234 --min 1 --max 2', 'error: --launch-template uses an existing template; drop --image-id (or drop --launch-template to have scalectl manage template "web-asg").\n'],
    ['create-asg web-asg --image-id web --instance-type t3.micro --min 1 --max 2', 'error: --image-id must be an AMI id such as ami-0abc1234, got "web".\n'],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --tag novalue', 'error: option \'--tag <k=v>\' argument \'novalue\' is invalid. --tag must be KEY=VALUE or k=KEY,v=VALUE,p=true, got "novalue"; run \'scalectl create-asg --help\' for usage\n'],
  ];
  it.each(cases)('%s', async (line, err) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(err);
    for (const m of [asMock, ec2Mock, elbMock, cwMock, iamMock]) expect(m.calls()).toHaveLength(0);
  });

  it.each([
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --zones us-east-1a --subnets subnet-1', /cannot be used with option '--subnets/],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --health-check-type HTTP', /Allowed choices are EC2, ELB/],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --max 2', /required option '--min <n>' not specified/],
    ['create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min -1 --max 2', /--min must be a whole number of 0 or more/],
    ['create-asg web-asg --launch-template a --launch-config b --min 1 --max 2', /cannot be used with option '--launch-config/],
  ])('%s', async (line, err) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(err);
    expect(asMock.calls()).toHaveLength(0);
  });
});
