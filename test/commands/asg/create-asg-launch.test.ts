// create-asg's day-two launch settings (instance profile, IMDSv2, public IP, root volume size) and
// its placement from the --lb balancer's zones or subnets.
import { CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand, DescribeAutoScalingGroupsCommand, DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSubnetsCommand,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { sdkInstance, webGroup, WEB_LB, WEB_TEMPLATE_DATA } from '../../helpers/asg-fixtures.js';
import { asMock, awsError, ec2Mock, elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const BASE = 'create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --lb web';
const IMAGE = { Images: [{ ImageId: 'ami-0abc1234', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, SnapshotId: 'snap-1' } }] }] };

function newGroup(lb: object = WEB_LB) {
  asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
  ec2Mock.on(DescribeLaunchTemplatesCommand).rejects(awsError('InvalidLaunchTemplateName.NotFoundException'));
  ec2Mock.on(CreateLaunchTemplateCommand).resolves({});
  ec2Mock.on(DescribeImagesCommand).resolves(IMAGE);
  asMock.on(CreateAutoScalingGroupCommand).resolves({});
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [lb] });
}

function existing(data: object, group = webGroup()) {
  asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
  ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 2, LatestVersionNumber: 2 }] });
  ec2Mock.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 2, LaunchTemplateData: data }] });
  ec2Mock.on(DescribeImagesCommand).resolves(IMAGE);
  ec2Mock.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: { VersionNumber: 3 } });
  ec2Mock.on(ModifyLaunchTemplateCommand).resolves({});
  elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [WEB_LB] });
}

const ALL = `${BASE} --security-groups sg-0a1b --instance-profile web-role --public-ip --volume-size 20`;
/** What AWS gives back for the template ALL writes. */
const ALL_DATA = {
  ImageId: 'ami-0abc1234', InstanceType: 't3.micro', Monitoring: { Enabled: false }, IamInstanceProfile: { Name: 'web-role' },
  MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
  NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true, DeleteOnTermination: true, Groups: ['sg-0a1b'] }],
  BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20 } }],
};

describe('create-asg launch-template settings', () => {
  it('maps --instance-profile, IMDSv2, --public-ip (groups onto eth0) and --volume-size (on the AMI root device)', async () => {
    newGroup();
    const r = await runCli(ALL);
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tcreated\n']);
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeImagesCommand, { ImageIds: ['ami-0abc1234'] });
    expect(ec2Mock.commandCalls(CreateLaunchTemplateCommand)[0]!.args[0].input.LaunchTemplateData).toEqual({
      ImageId: 'ami-0abc1234', InstanceType: 't3.micro', Monitoring: { Enabled: false },
      IamInstanceProfile: { Name: 'web-role' },
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true, DeleteOnTermination: true, Groups: ['sg-0a1b'] }],
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20 } }],
    });
  });

  it('an instance-profile ARN goes as Arn; --no-public-ip sends false; --imds-v1 allows optional tokens with a warning', async () => {
    newGroup();
    const arn = 'arn:aws:iam::123456789012:instance-profile/web-role';
    const r = await runCli(`${BASE} --instance-profile ${arn} --no-public-ip --imds-v1`);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: --imds-v1: instances also answer metadata requests without a token/);
    const data = ec2Mock.commandCalls(CreateLaunchTemplateCommand)[0]!.args[0].input.LaunchTemplateData!;
    expect(data.IamInstanceProfile).toEqual({ Arn: arn });
    expect(data.MetadataOptions).toEqual({ HttpTokens: 'optional', HttpEndpoint: 'enabled' });
    expect(data.NetworkInterfaces).toEqual([{ DeviceIndex: 0, AssociatePublicIpAddress: false, DeleteOnTermination: true }]);
    expect(ec2Mock).not.toHaveReceivedCommand(DescribeImagesCommand);
  });

  it('a re-run with the same settings is unchanged: no new version', async () => {
    existing(ALL_DATA);
    const r = await runCli(ALL);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'web-asg\tunchanged\n', '']);
    expect(ec2Mock).not.toHaveReceivedCommand(CreateLaunchTemplateVersionCommand);
  });

  it.each([
    ['--volume-size 30', 'volume-size'],
    ['--instance-profile other-role --volume-size 20', 'instance-profile'],
    ['--no-public-ip --volume-size 20', 'public-ip'],
    ['--imds-v1 --volume-size 20', 'metadata (IMDSv1 allowed)'],
  ])('a changed setting (%s) makes a new default version naming %s', async (flags, what) => {
    existing(ALL_DATA);
    const base = `${BASE} --security-groups sg-0a1b`;
    const withDefaults = flags.includes('instance-profile') ? `${base} --public-ip ${flags}` : flags.includes('public-ip') ? `${base} --instance-profile web-role ${flags}` : `${base} --instance-profile web-role --public-ip ${flags}`;
    const r = await runCli(withDefaults);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Updating launch-template web-asg (new default version: ${what})`);
    expect(ec2Mock).toHaveReceivedCommand(CreateLaunchTemplateVersionCommand);
  });

  it('a template made before metadata options were set gets a version requiring IMDSv2, said in the plan, and the roll hint', async () => {
    const old = { ImageId: 'ami-0abc1234', InstanceType: 't3.micro', Monitoring: { Enabled: false } };
    existing(old, webGroup({ Instances: [sdkInstance('i-0aaa'), sdkInstance('i-0bbb')] }));
    const plan = await runCli(`${BASE} --dry-run`);
    expect(plan.stdout).toBe('update\tlaunch-template\tweb-asg\tec2:CreateLaunchTemplateVersion\tnew default version: metadata (IMDSv2 required); 2 running instances of web-asg keep the version they were launched from; run "scalectl roll web-asg" to replace them\nunchanged\tauto-scaling-group\tweb-asg\t\t\n');
    expect(ec2Mock).not.toHaveReceivedCommand(CreateLaunchTemplateVersionCommand);
    const r = await runCli(BASE);
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tupdated\n']);
    expect(r.stderr).toBe('Updating launch-template web-asg (new default version: metadata (IMDSv2 required))\nwarning: web-asg launches from a new launch template version now: 2 running instances of web-asg keep the version they were launched from; run "scalectl roll web-asg" to replace them\n');
  });

  it('no roll hint when the group has no instances', async () => {
    existing({ ...WEB_TEMPLATE_DATA, ImageId: 'ami-0old0000' }, webGroup({ Instances: [] }));
    const r = await runCli(BASE);
    expect(r.stderr).toBe('Updating launch-template web-asg (new default version: image)\n');
  });

  it.each([
    [`${BASE} --volume-size 0`, `error: option '--volume-size <gb>' argument '0' is invalid. --volume-size must be a whole number from 1 to 16384; run 'scalectl create-asg --help' for usage\n`],
    [`${BASE} --volume-size 16385`, `error: option '--volume-size <gb>' argument '16385' is invalid. --volume-size must be a whole number from 1 to 16384; run 'scalectl create-asg --help' for usage\n`],
    [`${BASE} --instance-profile 'web role'`, 'error: --instance-profile must be an instance-profile name (1-128 of a-z A-Z 0-9 + = , . @ _ -) or its ARN, got "web role".\n'],
    [`${BASE} --instance-profile arn:aws:iam::123:role/web`, 'error: --instance-profile arn:aws:iam::123:role/web is not an instance-profile ARN (arn:aws:iam::ACCOUNT:instance-profile/NAME).\n'],
    [`${BASE} --public-ip --security-groups web-sg`, 'error: --public-ip puts the security groups on the network interface, which takes ids only; give web-sg as sg-… ids.\n'],
    ['create-asg web-asg --launch-template shared --volume-size 20 --min 1 --max 2', 'error: --launch-template uses an existing template; drop --volume-size (or drop --launch-template to have scalectl manage template "web-asg").\n'],
  ])('%s → exit 2, nothing sent', async (line, err) => {
    const r = await runCli(line);
    expect([r.code, r.stderr]).toEqual([2, err]);
    expect([...asMock.calls(), ...ec2Mock.calls(), ...elbMock.calls()]).toHaveLength(0);
  });

  it('a --volume-size below the image snapshot exits 2 before any write', async () => {
    newGroup();
    const r = await runCli(`${BASE} --volume-size 4`);
    expect([r.code, r.stderr]).toEqual([2, "error: --volume-size 4 is smaller than image ami-0abc1234's 8 GiB root snapshot; every launch would fail; pass --volume-size 8 or more; nothing was changed\n"]);
    expect(ec2Mock).not.toHaveReceivedCommand(CreateLaunchTemplateCommand);
    expect(asMock).not.toHaveReceivedCommand(CreateAutoScalingGroupCommand);
  });
});

describe('create-asg launch settings on a legacy launch configuration', () => {
  it('maps them to CreateLaunchConfiguration, and the refusal suggests a command that keeps them', async () => {
    newGroup();
    asMock.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [] });
    asMock.on(CreateLaunchConfigurationCommand).rejects(awsError('UnsupportedOperation', 'The Launch Configuration creation operation is not available in your account.'));
    const r = await runCli('create-asg web-asg --launch-config web-lc --image-id ami-0abc1234 --instance-type t3.micro --instance-profile web-role --no-public-ip --volume-size 20 --imds-v1 --min 1 --max 2 --zones us-east-1a');
    expect(r.code).toBe(1);
    expect(asMock.commandCalls(CreateLaunchConfigurationCommand)[0]!.args[0].input).toEqual({
      LaunchConfigurationName: 'web-lc', ImageId: 'ami-0abc1234', InstanceType: 't3.micro', InstanceMonitoring: { Enabled: false },
      IamInstanceProfile: 'web-role', MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' }, AssociatePublicIpAddress: false,
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20 } }],
    });
    expect(r.stderr).toContain('use a launch template instead: scalectl create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --instance-profile web-role --imds-v1 --no-public-ip --volume-size 20 --min 1 --max 2 --zones us-east-1a\n');
  });
});

describe('create-asg placement from the load balancer', () => {
  it('a new group with --lb and no --zones takes the balancer zones (no DescribeAvailabilityZones)', async () => {
    newGroup();
    const r = await runCli(BASE);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('placing web-asg in the zones of load balancer web: us-east-1a, us-east-1b\n');
    expect(elbMock).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web'] });
    expect(asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input.AvailabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(ec2Mock).not.toHaveReceivedCommand(DescribeAvailabilityZonesCommand);
  });

  it('a VPC balancer gives its subnets; two balancers give what they share', async () => {
    newGroup({ LoadBalancerName: 'web', VPCId: 'vpc-1', AvailabilityZones: ['us-east-1a', 'us-east-1b'], Subnets: ['subnet-a', 'subnet-b'] });
    const r = await runCli(BASE);
    expect(r.code).toBe(0);
    const input = asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input;
    expect([input.VPCZoneIdentifier, input.AvailabilityZones]).toEqual(['subnet-a,subnet-b', undefined]);

    asMock.resetHistory();
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web'] }).resolves({ LoadBalancerDescriptions: [WEB_LB] });
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['api'] }).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'api', AvailabilityZones: ['us-east-1b', 'us-east-1c'], Subnets: [] }] });
    const two = await runCli(`${BASE} --lb api`);
    expect(two.code).toBe(0);
    expect(asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input.AvailabilityZones).toEqual(['us-east-1b']);
  });

  it('balancers with no zone in common → exit 2, nothing created', async () => {
    newGroup();
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['api'] }).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'api', AvailabilityZones: ['us-east-1c'], Subnets: [] }] });
    const r = await runCli(`${BASE} --lb api`);
    expect([r.code, r.stderr]).toEqual([2, 'error: load balancers web, api share no availability zone to place the group in; pass --zones; nothing was changed\n']);
    expect(asMock).not.toHaveReceivedCommand(CreateAutoScalingGroupCommand);
  });

  it('--zones outside the balancer zones: created, with a warning', async () => {
    newGroup();
    const r = await runCli(`${BASE} --zones us-east-1a,us-east-1c --health-check-type ELB`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: web-asg launches instances in us-east-1c, which load balancer web does not serve (it serves us-east-1a, us-east-1b): instances there never come InService in it and, with ELB health checks, are replaced over and over. Add the zone to the balancer, or place the group with --zones us-east-1a,us-east-1b.\n');
  });

  it('an existing group spread over every zone gets the warning on a re-run; subnets are resolved to zones', async () => {
    existing(WEB_TEMPLATE_DATA, webGroup({ AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1d'] }));
    const r = await runCli(BASE);
    expect([r.code, r.stdout]).toEqual([0, 'web-asg\tunchanged\n']);
    expect(r.stderr).toMatch(/^warning: web-asg launches instances in us-east-1d, which load balancer web does not serve/);

    ec2Mock.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1', AvailabilityZone: 'us-east-1a' }, { SubnetId: 'subnet-9', AvailabilityZone: 'us-east-1f' }] });
    const s = await runCli(`${BASE} --subnets subnet-1,subnet-9`);
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeSubnetsCommand, { SubnetIds: ['subnet-1', 'subnet-9'] });
    expect(s.stderr).toContain('warning: web-asg launches instances in us-east-1f, which load balancer web does not serve');
  });
});
