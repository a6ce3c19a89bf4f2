import { AttachLoadBalancerTargetGroupsCommand, CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand, DetachLoadBalancerTargetGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeAvailabilityZonesCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { sdkInstance, webGroup, WEB_TEMPLATE_DATA } from '../../helpers/asg-fixtures.js';
import { asMock, awsError, ec2Mock, elbMock, elbv2Mock } from '../../helpers/aws.js';
import { DescribeLoadBalancersCommand as DescribeClassic } from '@aws-sdk/client-elastic-load-balancing';
import { runCli } from '../../helpers/run-cli.js';

const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-80/2';
const OLD = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/old-80/3';
const CREATE = 'create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --lb web --health-check-type ELB';

function alb(): void {
  elbMock.on(DescribeClassic).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'"));
  elbv2Mock.on(DescribeLoadBalancersCommand, { Names: ['web'] }).resolves({ LoadBalancers: [{ LoadBalancerArn: LB, LoadBalancerName: 'web', Type: 'application' }] });
  elbv2Mock.on(DescribeTargetGroupsCommand, { LoadBalancerArn: LB }).resolves({ TargetGroups: [{ TargetGroupArn: TG, TargetGroupName: 'web-80' }] });
}

describe('create-asg --lb NAME of an application load balancer', () => {
  it('creates the group with the balancer\'s target groups (TargetGroupARNs, no LoadBalancerNames) and --wait waits for healthy targets', async () => {
    alb();
    ec2Mock.on(DescribeLaunchTemplatesCommand).rejects(awsError('InvalidLaunchTemplateName.NotFoundException', 'not found'));
    ec2Mock.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [{ ZoneName: 'us-east-1a' }, { ZoneName: 'us-east-1b' }] });
    ec2Mock.on(CreateLaunchTemplateCommand).resolves({ LaunchTemplate: { LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 1 } });
    asMock.on(CreateAutoScalingGroupCommand).resolves({});
    asMock.on(DescribeAutoScalingGroupsCommand).resolvesOnce({ AutoScalingGroups: [] }).resolves({ AutoScalingGroups: [webGroup({ LoadBalancerNames: [], TargetGroupARNs: [TG], Instances: [sdkInstance('i-0aaa')] })] });
    elbv2Mock.on(DescribeTargetHealthCommand, { TargetGroupArn: TG })
      .resolvesOnce({ TargetHealthDescriptions: [{ Target: { Id: 'i-0aaa' }, TargetHealth: { State: 'initial' } }] })
      .resolves({ TargetHealthDescriptions: [{ Target: { Id: 'i-0aaa' }, TargetHealth: { State: 'healthy' } }] });
    const r = await runCli(`${CREATE} --wait`);
    expect(r.code).toBe(0);
    const input = asMock.commandCalls(CreateAutoScalingGroupCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ AutoScalingGroupName: 'web-asg', HealthCheckType: 'ELB', TargetGroupARNs: [TG] });
    expect(input).not.toHaveProperty('LoadBalancerNames');
    expect(r.stderr).toContain('target group web-80');
    expect(r.sleeps).toEqual([15000]);
  });

  it('an existing group: attaches the missing target group and detaches one no longer named; a re-run is unchanged', async () => {
    alb();
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ LoadBalancerNames: [], TargetGroupARNs: [OLD] })] });
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 2 }] });
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 2, LaunchTemplateData: WEB_TEMPLATE_DATA }] });
    asMock.on(AttachLoadBalancerTargetGroupsCommand).resolves({});
    asMock.on(DetachLoadBalancerTargetGroupsCommand).resolves({});
    const r = await runCli(`${CREATE} --output json`);
    expect(r.code).toBe(0);
    expect(asMock).toHaveReceivedCommandWith(AttachLoadBalancerTargetGroupsCommand, { AutoScalingGroupName: 'web-asg', TargetGroupARNs: [TG] });
    expect(asMock).toHaveReceivedCommandWith(DetachLoadBalancerTargetGroupsCommand, { AutoScalingGroupName: 'web-asg', TargetGroupARNs: [OLD] });
    expect(JSON.parse(r.stdout).changes).toContain('attach target-group web-80');

    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ LoadBalancerNames: [], TargetGroupARNs: [TG] })] });
    asMock.resetHistory();
    const again = await runCli(CREATE);
    expect(again.stdout).toBe('web-asg\tunchanged\n');
    expect(asMock.commandCalls(AttachLoadBalancerTargetGroupsCommand)).toHaveLength(0);
  });

  it('--target-group NAME is looked up; an unknown one is "not found" before anything is written', async () => {
    elbv2Mock.on(DescribeTargetGroupsCommand, { Names: ['nope'] }).rejects(awsError('TargetGroupNotFoundException', 'One or more target groups not found'));
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 2 }] });
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ VersionNumber: 2, LaunchTemplateData: WEB_TEMPLATE_DATA }] });
    const r = await runCli('create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 4 --target-group nope');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('target group nope not found');
  });
});
