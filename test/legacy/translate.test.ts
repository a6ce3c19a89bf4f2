// `legacy translate` round trip: the printed native command line, run, sends the same requests as
// the legacy command did (compared on the recorded SDK calls of every mocked client).
import { CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand, DescribePoliciesCommand, PutScalingPolicyCommand, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, GetMetricStatisticsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, DescribeLoadBalancersCommand, ModifyLoadBalancerAttributesCommand, SetLoadBalancerListenerSSLCertificateCommand } from '@aws-sdk/client-elastic-load-balancing';
import { GetServerCertificateCommand, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { asMock, awsError, cwMock, ec2Mock, elbMock, iamMock } from '../helpers/aws.js';
import { webGroup } from '../helpers/asg-fixtures.js';
import { certFixtures } from '../helpers/certs.js';
import { runCli, splitArgs } from '../helpers/run-cli.js';

const mocks = [elbMock, iamMock, asMock, cwMock, ec2Mock];
const CERT = 'arn:aws:iam::123456789012:server-certificate/web-cert';
const fx = certFixtures();

function calls(writesOnly = false) {
  const all = mocks.flatMap((m) => m.calls().map((c) => ({ op: (c.args[0] as object).constructor.name, input: (c.args[0] as { input: unknown }).input })));
  return writesOnly ? all.filter((c) => !/^(Describe|Get|List)/.test(c.op)) : all;
}

/** Runs the legacy line, then its translation; returns both runs' requests and the printed line. */
async function roundTrip(legacy: string[], writesOnly = false) {
  for (const m of mocks) m.resetHistory();
  const l = await runCli(['legacy', ...legacy]);
  expect(l.code, l.stderr).toBe(0);
  const legacyCalls = calls(writesOnly);
  for (const m of mocks) m.resetHistory();
  const t = await runCli(['legacy', 'translate', ...legacy]);
  expect(t.code, t.stderr).toBe(0);
  expect(t.stdout).toMatch(/^scalectl /);
  const native = await runCli(splitArgs(t.stdout.trim()).slice(1));
  expect(native.code, native.stderr).toBe(0);
  return { legacyCalls, nativeCalls: calls(writesOnly), line: t.stdout.trim() };
}

describe('legacy translate', () => {
  it('as-put-scaling-policy --adjustment=-1 → put-policy --adjust=-1, the same PutScalingPolicy', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] });
    asMock.on(PutScalingPolicyCommand).resolves({ PolicyARN: 'arn:aws:autoscaling:us-east-1:1:scalingPolicy:1:autoScalingGroupName/web-asg:policyName/down' });
    const r = await roundTrip(['as-put-scaling-policy', 'down', '--auto-scaling-group', 'web-asg', '--adjustment=-1', '--type', 'ChangeInCapacity', '--cooldown', '300', '--region', 'eu-west-1']);
    expect(r.line).toBe('scalectl --region eu-west-1 put-policy down --asg web-asg --adjust=-1 --cooldown 300');
    expect(r.nativeCalls).toEqual(r.legacyCalls);
    expect(r.legacyCalls.map((c) => c.op)).toContain('PutScalingPolicyCommand');
  });

  it('mon-put-metric-alarm → put-alarm, the same PutMetricAlarm', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    cwMock.on(PutMetricAlarmCommand).resolves({});
    const up = 'arn:aws:autoscaling:us-east-1:1:scalingPolicy:1:autoScalingGroupName/web-asg:policyName/up';
    const r = await roundTrip(['mon-put-metric-alarm', 'web-cpu-high', '--metric-name', 'CPUUtilization', '--namespace', 'AWS/EC2', '--statistic', 'Average', '--period', '300', '--evaluation-periods', '2',
      '--threshold', '70', '--comparison-operator', 'GreaterThanThreshold', '--dimensions', 'AutoScalingGroupName=web-asg, Role=web', '--alarm-actions', up, '--alarm-description', 'CPU above 70%'], false);
    expect(r.line).toBe(`scalectl put-alarm web-cpu-high --metric CPUUtilization --namespace AWS/EC2 --statistic Average --period 300 --threshold 70 --comparison GreaterThanThreshold --evaluation-periods 2 --dimension AutoScalingGroupName=web-asg --dimension Role=web --description 'CPU above 70%' --action ${up}`);
    expect(r.nativeCalls).toEqual(r.legacyCalls);
  });

  it('elb-create-lb with HTTP and HTTPS listeners → create-lb with the legacy listener specs', async () => {
    const notFound = awsError('AccessPointNotFoundException', 'no');
    const describe = () => elbMock.on(DescribeLoadBalancersCommand).rejectsOnce(notFound).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'web', DNSName: 'web.elb.amazonaws.com' }] });
    describe();
    elbMock.on(CreateLoadBalancerCommand).resolves({ DNSName: 'web.elb.amazonaws.com' });
    elbMock.on(ModifyLoadBalancerAttributesCommand).resolves({});
    const l = await runCli(['legacy', 'elb-create-lb', 'web', '--availability-zones', 'us-east-1a,us-east-1b', '--listener', 'protocol=http, lb-port=80, instance-port=80', '--listener', `protocol=https,lb-port=443,instance-port=80,cert-id=${CERT}`]);
    expect(l.code, l.stderr).toBe(0);
    const legacyCalls = calls();
    for (const m of mocks) m.resetHistory();
    describe();
    const t = await runCli(['legacy', 'translate', 'elb-create-lb', 'web', '--availability-zones', 'us-east-1a,us-east-1b', '--listener', 'protocol=http, lb-port=80, instance-port=80', '--listener', `protocol=https,lb-port=443,instance-port=80,cert-id=${CERT}`]);
    expect(t.stdout).toBe(`scalectl create-lb web --listener 'protocol=http, lb-port=80, instance-port=80' --listener protocol=https,lb-port=443,instance-port=80,cert-id=${CERT} --zones us-east-1a,us-east-1b\n`);
    expect((await runCli(splitArgs(t.stdout.trim()).slice(1))).code).toBe(0);
    expect(calls()).toEqual(legacyCalls);
  });

  it('as-create-auto-scaling-group → create-asg --launch-template, the same CreateAutoScalingGroup', async () => {
    ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-lc', LaunchTemplateId: 'lt-1', DefaultVersionNumber: 1 }] });
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    asMock.on(CreateAutoScalingGroupCommand).resolves({});
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'web', AvailabilityZones: ['us-east-1a'] }] });
    const r = await roundTrip(['as-create-auto-scaling-group', 'web-asg', '--launch-configuration', 'web-lc', '--availability-zones', 'us-east-1a', '--min-size', '2', '--max-size', '8', '--load-balancers', 'web', '--grace-period', '300', '--tag', 'k=Name, v=web, p=true'], true);
    expect(r.line).toBe("scalectl create-asg web-asg --launch-template web-lc --min 2 --max 8 --zones us-east-1a --lb web --health-check-type EC2 --grace-period 300 --tag k=Name,v=web,p=true");
    expect(r.nativeCalls).toEqual(r.legacyCalls);
    expect(r.legacyCalls.map((c) => c.op)).toEqual(['CreateAutoScalingGroupCommand']);
  });

  it('as-update-auto-scaling-group, elb-set-lb-listener-ssl-cert, mon-get-stats and iam-servercertupload', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
    asMock.on(UpdateAutoScalingGroupCommand).resolves({});
    const u = await roundTrip(['as-update-auto-scaling-group', 'web-asg', '--min-size', '0', '--max-size', '0', '--desired-capacity', '0']);
    expect(u.line).toBe('scalectl update-asg web-asg --min 0 --max 0 --desired 0');
    expect(u.nativeCalls).toEqual(u.legacyCalls);

    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'web', ListenerDescriptions: [{ Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: 'arn:old' } }] }] });
    elbMock.on(SetLoadBalancerListenerSSLCertificateCommand).resolves({});
    const s = await roundTrip(['elb-set-lb-listener-ssl-cert', 'web', '-l', '443', '-c', CERT]);
    expect(s.nativeCalls).toEqual(s.legacyCalls);

    cwMock.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    const g = await roundTrip(['mon-get-stats', 'Latency', '-n', 'AWS/ELB', '-s', 'Average,Maximum', '-d', 'LoadBalancerName=web', '--period', '300']);
    expect(g.line).toBe('scalectl get-stats Latency --namespace AWS/ELB --statistics Average,Maximum --dimension LoadBalancerName=web --period 300 --start -1h --end now');
    expect(g.nativeCalls).toEqual(g.legacyCalls);

    iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'no', 404));
    iamMock.on(UploadServerCertificateCommand).resolves({ ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'web-cert', ServerCertificateId: 'A1', Arn: CERT } });
    const c = await roundTrip(['iam-servercertupload', '-b', fx.path('leaf.crt'), '-k', fx.path('leaf.key'), '-c', fx.path('chain.pem'), '-s', 'web-cert']);
    expect(c.line).toBe(`scalectl upload-cert web-cert --cert ${fx.path('leaf.crt')} --key ${fx.path('leaf.key')} --chain ${fx.path('chain.pem')}`);
    expect(c.nativeCalls).toEqual(c.legacyCalls);
  });

  it('says when there is no single native command, and that credentials are not carried over', async () => {
    const none = await runCli(['legacy', 'translate', 'elb-disable-zones-for-lb', 'web', '-z', 'us-east-1a']);
    expect([none.code, none.stdout, none.stderr]).toEqual([1, '', 'note: no native command removes zones (create-lb leaves extra zones in place)\nelb-disable-zones-for-lb:  no native command line does the same\n']);
    const creds = await runCli(['legacy', 'translate', 'as-describe-auto-scaling-groups', '-I', 'AKID', '-S', 'secret-value-1234']);
    expect(creds.stdout).toBe('scalectl describe-asgs\n');
    expect(creds.stderr).not.toContain('secret-value-1234');
    expect(creds.stderr).toContain('credentials are not carried over');
    expect((await runCli(['legacy', 'translate', 'as-set-desired-capacity', 'web-asg', '-c', '3'])).stdout).toBe('scalectl set-capacity web-asg 3\n');
  });
});

describe('legacy translate: mon-delete-alarms', () => {
  it('→ delete-alarms NAME… -y, the same DeleteAlarms', async () => {
    const { DeleteAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'a' }, { AlarmName: 'b' }] as never });
    cwMock.on(DeleteAlarmsCommand).resolves({});
    const r = await roundTrip(['mon-delete-alarms', 'a', 'b', '-f'], true);
    expect(r.line).toBe('scalectl delete-alarms a b -y');
    expect(r.nativeCalls).toEqual(r.legacyCalls);
    expect(r.legacyCalls).toEqual([{ op: 'DeleteAlarmsCommand', input: { AlarmNames: ['a', 'b'] } }]);
  });
});
