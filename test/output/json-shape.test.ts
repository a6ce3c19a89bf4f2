// ONE JSON shape for every mutating command (issue 16): `{"kind","name","status","changes",…}` or a
// list of them, so `jq '.status'` works everywhere. Table-driven over the whole command list: a
// command with --dry-run is mutating, and a mutating command without a case here fails.
import {
  DeleteScheduledActionCommand, DescribeAutoScalingGroupsCommand, DescribeInstanceRefreshesCommand, DescribeNotificationConfigurationsCommand, DescribePoliciesCommand,
  DescribeScheduledActionsCommand, ExecutePolicyCommand, PutNotificationConfigurationCommand, PutScalingPolicyCommand, PutScheduledUpdateGroupActionCommand,
  ResumeProcessesCommand, SetDesiredCapacityCommand, StartInstanceRefreshCommand, SuspendProcessesCommand, UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DeleteAlarmsCommand, DescribeAlarmsCommand, DisableAlarmActionsCommand, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { DeregisterInstancesFromLoadBalancerCommand, DescribeLoadBalancersCommand, RegisterInstancesWithLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { GetServerCertificateCommand, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/output/io.js';
import { buildProgram, COMMAND_SUMMARIES } from '../../src/program.js';
import { ARN_UP, WEB_LB, WEB_TEMPLATE_DATA, webGroup } from '../helpers/asg-fixtures.js';
import { asMock, awsError, cwMock, ec2Mock, elbMock, iamMock } from '../helpers/aws.js';
import { certFixtures } from '../helpers/certs.js';
import { runCli, TEST_ENV } from '../helpers/run-cli.js';
import { startMetadataServer, type FakeMetadata } from '../helpers/metadata-server.js';
import { builtLb, CERT, mockExisting } from '../commands/lb/lb-fixtures.js';
import { install, webWorld } from '../commands/stack/teardown-world.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops';
const CERT_ARN = 'arn:aws:iam::123456789012:server-certificate/www';
const fx = certFixtures();
const group = () => asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup()] });
const alarm = (name: string, over: Partial<MetricAlarm> = {}): MetricAlarm => ({
  AlarmName: name, StateValue: 'OK', MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Statistic: 'Average', Period: 60, EvaluationPeriods: 2, Threshold: 80,
  ComparisonOperator: 'GreaterThanThreshold', ActionsEnabled: true, ...over,
});
const withInstances = (...ids: string[]) => ({ LoadBalancerDescriptions: [builtLb({ Instances: ids.map((InstanceId) => ({ InstanceId })) })] });

interface Case {
  args: string[];
  /** Extra environment (boot reads the instance metadata service). */
  env?: () => Record<string, string>;
  /** SDK mocks that make the command succeed (every unmocked call rejects). */
  setup: () => void;
  /** Where the change records are, when the document wraps them (teardown's report). */
  records?: (doc: any) => unknown;
}

let imds: FakeMetadata;
beforeAll(async () => {
  imds = await startMetadataServer({ 'meta-data/instance-id': 'i-0123456789abcdef0', 'meta-data/local-ipv4': '10.0.0.7', 'user-data': '#scalectl lb=web\n' });
});
afterAll(() => imds.close());

const CASES: Record<string, Case> = {
  boot: {
    args: ['boot'],
    env: () => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }),
    setup: () => {
      elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
      elbMock.on(RegisterInstancesWithLoadBalancerCommand).resolves({ Instances: [{ InstanceId: 'i-0123456789abcdef0' }] });
    },
  },
  'create-lb': { args: ['create-lb', 'web', '--listener', 'http:80', '--listener', 'https:443:http:80', '--cert', CERT, '--health-check', 'HTTP:80/health', '--sticky', 'app:JSESSIONID', '--zones', 'us-east-1a,us-east-1b', '--stack', 'prod'], setup: () => mockExisting() },
  'set-lb-cert': { args: ['set-lb-cert', 'web', '--port', '443', '--cert', CERT], setup: () => elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] }) },
  'register-instances': {
    args: ['register-instances', 'web', 'i-11111111', 'i-22222222'],
    setup: () => {
      elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-11111111'));
      elbMock.on(RegisterInstancesWithLoadBalancerCommand).resolves({ Instances: [{ InstanceId: 'i-11111111' }, { InstanceId: 'i-22222222' }] });
    },
  },
  'deregister-instances': {
    args: ['deregister-instances', 'web', 'i-11111111'],
    setup: () => {
      elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-11111111', 'i-22222222'));
      elbMock.on(DeregisterInstancesFromLoadBalancerCommand).resolves({ Instances: [{ InstanceId: 'i-22222222' }] });
    },
  },
  'upload-cert': {
    args: ['upload-cert', 'www', '--cert', fx.path('fullchain.pem'), '--key', fx.path('leaf.key')],
    setup: () => {
      iamMock.on(GetServerCertificateCommand).rejectsOnce(awsError('NoSuchEntityException', 'not found', 404))
        .resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'ASCALOOKED', Arn: CERT_ARN }, CertificateBody: fx.read('leaf.crt') } });
      iamMock.on(UploadServerCertificateCommand).resolves({});
    },
  },
  'create-asg': {
    args: ['create-asg', 'web-asg', '--image-id', 'ami-0abc1234', '--instance-type', 't3.micro', '--min', '1', '--max', '4', '--lb', 'web', '--health-check-type', 'ELB', '--tag', 'Name=web'],
    setup: () => {
      asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ LaunchTemplate: { LaunchTemplateName: 'web-asg', Version: '$Default' } })] });
      ec2Mock.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateName: 'web-asg', LaunchTemplateId: 'lt-0123', DefaultVersionNumber: 2, LatestVersionNumber: 2 }] });
      ec2Mock.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ LaunchTemplateName: 'web-asg', VersionNumber: 2, DefaultVersion: true, LaunchTemplateData: WEB_TEMPLATE_DATA }] });
      elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [WEB_LB] });
      asMock.on(UpdateAutoScalingGroupCommand).resolves({});
    },
  },
  'update-asg': { args: ['update-asg', 'web-asg', '--max', '8'], setup: () => { group(); asMock.on(UpdateAutoScalingGroupCommand).resolves({}); } },
  'put-policy': {
    args: ['put-policy', 'scale-up', '--asg', 'web-asg', '--adjust', '1'],
    setup: () => { group(); asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] }); asMock.on(PutScalingPolicyCommand).resolves({ PolicyARN: ARN_UP, Alarms: [] }); },
  },
  'set-capacity': { args: ['set-capacity', 'web-asg', '3'], setup: () => { group(); asMock.on(SetDesiredCapacityCommand).resolves({}); } },
  suspend: { args: ['suspend', 'web-asg', 'Launch'], setup: () => { group(); asMock.on(SuspendProcessesCommand).resolves({}); } },
  resume: { args: ['resume', 'web-asg'], setup: () => { asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup({ SuspendedProcesses: [{ ProcessName: 'Launch' }] })] }); asMock.on(ResumeProcessesCommand).resolves({}); } },
  'execute-policy': {
    args: ['execute-policy', 'scale-up', '--asg', 'web-asg'],
    setup: () => {
      group();
      asMock.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [{ AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up', PolicyARN: ARN_UP, PolicyType: 'SimpleScaling' }] });
      asMock.on(ExecutePolicyCommand).resolves({});
    },
  },
  schedule: {
    args: ['schedule', 'mornings', '--asg', 'web-asg', '--recurrence', '0 9 * * 1-5', '--desired', '3'],
    setup: () => { group(); asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [] }); asMock.on(PutScheduledUpdateGroupActionCommand).resolves({}); },
  },
  unschedule: {
    args: ['unschedule', 'mornings', '--asg', 'web-asg'],
    setup: () => { asMock.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [{ AutoScalingGroupName: 'web-asg', ScheduledActionName: 'mornings' }] }); asMock.on(DeleteScheduledActionCommand).resolves({}); },
  },
  notify: {
    args: ['notify', 'web-asg', '--topic', TOPIC],
    setup: () => { group(); asMock.on(DescribeNotificationConfigurationsCommand).resolves({ NotificationConfigurations: [] }); asMock.on(PutNotificationConfigurationCommand).resolves({}); },
  },
  roll: {
    args: ['roll', 'web-asg'],
    setup: () => { group(); asMock.on(DescribeInstanceRefreshesCommand).resolves({ InstanceRefreshes: [] }); asMock.on(StartInstanceRefreshCommand).resolves({ InstanceRefreshId: 'r-1' }); },
  },
  'put-alarm': {
    args: ['put-alarm', 'cpu-high', '--metric', 'CPUUtilization', '--namespace', 'AWS/EC2', '--statistic', 'Average', '--period', '60', '--threshold', '80', '--comparison', 'gt', '--evaluation-periods', '2'],
    setup: () => { cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] }); cwMock.on(PutMetricAlarmCommand).resolves({}); },
  },
  'put-metric': { args: ['put-metric', 'QueueDepth', '--namespace', 'MyApp', '--value', '42'], setup: () => cwMock.on(PutMetricDataCommand).resolves({}) },
  'set-alarm-state': {
    args: ['set-alarm-state', 'cpu-high', '--state', 'ALARM', '--reason', 'testing'],
    setup: () => { cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high')] }); cwMock.on(SetAlarmStateCommand).resolves({}); },
  },
  'alarm-actions': {
    args: ['alarm-actions', 'disable', 'cpu-high', 'cpu-low'],
    setup: () => { cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-high'), alarm('cpu-low', { ActionsEnabled: false })] }); cwMock.on(DisableAlarmActionsCommand).resolves({}); },
  },
  'delete-alarms': {
    args: ['delete-alarms', 'cpu-old', 'cpu-gone', '--yes'],
    setup: () => { cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('cpu-old')] }); cwMock.on(DeleteAlarmsCommand).resolves({}); },
  },
  // The stack is the record (`kind` teardown); `resources` has each resource's own status.
  teardown: { args: ['teardown', '--stack', 'web', '--yes'], setup: () => { install(webWorld()); } },
};

async function isMutating(name: string): Promise<boolean> {
  const deps = { io: memoryIo(), env: {}, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: () => { throw new Error('no AWS here'); } };
  const program = await buildProgram(deps as never, [name]);
  const cmd = program.commands.find((c) => c.name() === name)!;
  return cmd.options.some((o) => o.long === '--dry-run');
}

const STATUSES = ['created', 'updated', 'unchanged', 'deleted'];

describe.each(COMMAND_SUMMARIES.map((e) => e.name))('%s', (name) => {
  it('prints the one JSON shape when it mutates', async () => {
    if (!(await isMutating(name))) return;
    const c = CASES[name];
    if (!c) throw new Error(`add a JSON-shape case for ${name} to test/output/json-shape.test.ts`);
    c.setup();
    const r = await runCli([...c.args, '--output', 'json'], c.env ? { env: { ...TEST_ENV, ...c.env() } } : {});
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    const doc = JSON.parse(r.stdout);
    const records = c.records ? c.records(doc) : doc;
    const list = Array.isArray(records) ? records : [records];
    expect(list.length).toBeGreaterThan(0);
    for (const rec of list) {
      expect(rec, JSON.stringify(rec)).toEqual(expect.objectContaining({ kind: expect.any(String), name: expect.any(String), changes: expect.any(Array) }));
      expect(STATUSES, JSON.stringify(rec)).toContain(rec.status);
    }
  });
});

it('every case is a registered mutating command (no stale cases)', async () => {
  for (const name of Object.keys(CASES)) {
    expect(COMMAND_SUMMARIES.some((e) => e.name === name), name).toBe(true);
    expect(await isMutating(name), name).toBe(true);
  }
});
