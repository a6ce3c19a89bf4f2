import { CreateLoadBalancerCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { commandsInPlan } from '../../../src/commands/access/policy-recipe.js';
import { COMMAND_SUMMARIES } from '../../../src/program.js';
import { actionsOf } from '../../../src/commands/permissions.js';
import { asMock, awsError, ec2Mock, elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const doc = async (line: string) => {
  const r = await runCli(line);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout);
};

describe('policy: the document', () => {
  it('un-narrowed: one statement per service on "*", actions sorted (JSON by default, even piped)', async () => {
    expect(await doc('policy instance-health put-policy list-certs')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Autoscaling', Effect: 'Allow', Action: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribePolicies', 'autoscaling:PutScalingPolicy'], Resource: '*' },
        { Sid: 'Elasticloadbalancing', Effect: 'Allow', Action: ['elasticloadbalancing:DescribeInstanceHealth', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'], Resource: '*' },
        { Sid: 'Iam', Effect: 'Allow', Action: ['iam:ListServerCertificates'], Resource: '*' },
      ],
    });
  });

  it('narrowed: the named balancer ARN, the stack tag condition, and reads left on "*"', async () => {
    expect(await doc('policy register-instances --name web-lb --stack web --region eu-west-1 --account 123456789012')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Elasticloadbalancing', Effect: 'Allow', Action: ['elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth'], Resource: '*' },
        {
          Sid: 'ElasticloadbalancingLoadBalancerTagged', Effect: 'Allow', Action: ['elasticloadbalancing:RegisterInstancesWithLoadBalancer'],
          // Classic (loadbalancer/NAME) and ELBv2 (loadbalancer/app|net/NAME/ID) ARNs.
          Resource: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/*/web-lb/*', 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/web-lb'],
          Condition: { StringEquals: { 'aws:ResourceTag/scalectl:stack': 'web' } },
        },
        {
          // An ALB's instances go into its target groups: any of the stack's, in that region and account.
          Sid: 'ElasticloadbalancingTargetGroupTagged', Effect: 'Allow', Action: ['elasticloadbalancing:RegisterTargets'],
          Resource: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/*/*',
          Condition: { StringEquals: { 'aws:ResourceTag/scalectl:stack': 'web' } },
        },
      ],
    });
  });

  it('narrowed ELBv2 actions: target groups and listeners get their own ARNs, not "*"', async () => {
    const d = await doc('policy create-lb --name web --stack s1 --region eu-west-1 --account 123456789012');
    const of = (action: string) => d.Statement.filter((st: { Action: string[] }) => st.Action.includes(action));
    const one = (action: string) => {
      const found = of(action);
      expect(found, action).toHaveLength(1);
      return found[0];
    };
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012';
    expect(one('elasticloadbalancing:CreateTargetGroup')).toMatchObject({ Resource: `${arn}:targetgroup/*/*`, Condition: { StringEquals: { 'aws:RequestTag/scalectl:stack': 's1' } } });
    expect(one('elasticloadbalancing:ModifyTargetGroup')).toMatchObject({ Resource: `${arn}:targetgroup/*/*`, Condition: { StringEquals: { 'aws:ResourceTag/scalectl:stack': 's1' } } });
    // A listener's ARN carries its balancer's name; listeners are not tagged, so no condition.
    const listener = one('elasticloadbalancing:ModifyListener');
    expect(listener).toMatchObject({ Resource: `${arn}:listener/*/web/*` });
    expect(listener.Condition).toBeUndefined();
    expect(listener.Action).toContain('elasticloadbalancing:DeleteListener');
    expect(one('elasticloadbalancing:CreateListener')).toMatchObject({ Resource: [`${arn}:loadbalancer/*/web/*`, `${arn}:loadbalancer/web`] });
    // Tagging reaches the balancer and its target groups.
    expect(one('elasticloadbalancing:AddTags').Resource).toEqual([`${arn}:loadbalancer/*/web/*`, `${arn}:loadbalancer/web`, `${arn}:targetgroup/*/*`]);
    // Only the describes stay on "*".
    const star = d.Statement.filter((st: { Resource: string | string[] }) => st.Resource === '*').flatMap((st: { Action: string[] }) => st.Action).filter((a: string) => a.startsWith('elasticloadbalancing:'));
    expect(star.every((a: string) => /:Describe/.test(a)), star.join(' ')).toBe(true);

    const e = await runCli('policy create-lb --name web --stack s1 --region eu-west-1 --account 123456789012 --explain --output text');
    const rows = e.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
    expect(rows).toContainEqual(['elasticloadbalancing:DeleteListener', `${arn}:listener/*/web/*`, 'the listeners of the load-balancer the command names; no tag condition: listeners carry no stack tag (scalectl tags the balancer and its target groups)']);
    expect(rows.find((r) => r[0] === 'elasticloadbalancing:CreateTargetGroup')?.[2]).toBe('any target-group (a target group ARN ends in an id: not narrowed by name); tagged scalectl:stack=s1 in the create request');
    expect(rows.filter((r) => r[2]?.includes('allows only')).map((r) => r[0]).every((a) => /:Describe|:List|:Get/.test(a!))).toBe(true);
  });

  it('narrowed without a stack: certificate and alarm ARNs by name; a create request tag where it is a create', async () => {
    expect(await doc('policy upload-cert --name web-cert --account 123456789012')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'IamServerCertificate', Effect: 'Allow', Action: ['iam:GetServerCertificate', 'iam:TagServerCertificate', 'iam:UploadServerCertificate'], Resource: 'arn:aws:iam::123456789012:server-certificate/web-cert' }],
    });
    const alarm = await doc('policy set-alarm-state --name web-cpu-low --region us-east-1 --account 123456789012 --stack web');
    expect(alarm.Statement).toEqual([
      { Sid: 'Cloudwatch', Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms'], Resource: '*' },
      { Sid: 'CloudwatchAlarmTagged', Effect: 'Allow', Action: ['cloudwatch:SetAlarmState'], Resource: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-cpu-low', Condition: { StringEquals: { 'aws:ResourceTag/scalectl:stack': 'web' } } },
    ]);
    const lb = await doc('policy create-lb --name web-lb --stack web');
    expect(lb.Statement.find((s: { Action: string[] }) => s.Action.includes('elasticloadbalancing:CreateLoadBalancer'))).toEqual({
      Sid: 'ElasticloadbalancingLoadBalancerTaggedRequest', Effect: 'Allow', Action: ['elasticloadbalancing:CreateLoadBalancer'],
      Resource: ['arn:aws:elasticloadbalancing:*:*:loadbalancer/*/web-lb/*', 'arn:aws:elasticloadbalancing:*:*:loadbalancer/web-lb'], Condition: { StringEquals: { 'aws:RequestTag/scalectl:stack': 'web' } },
    });
  });

  it('the same output twice (stable), and text prints the actions one a line', async () => {
    const a = await runCli('policy teardown create-asg --output json');
    expect((await runCli('policy create-asg teardown --output json')).stdout).toBe(a.stdout);
    const t = await runCli('policy describe-asgs put-policy list-certs --output text');
    expect(t.stdout).toBe('autoscaling:DescribeAutoScalingGroups\nautoscaling:DescribePolicies\nautoscaling:PutScalingPolicy\niam:ListServerCertificates\n');
  });

  it('table shows service, action, resource; --explain says why each resource', async () => {
    const t = await runCli('policy register-instances --name web-lb --output table');
    expect(t.stdout).toMatch(/^SERVICE\s+ACTION\s+RESOURCE\n/);
    expect(t.stdout).toMatch(/elasticloadbalancing\s+RegisterInstancesWithLoadBalancer\s+arn:aws:elasticloadbalancing:\*:\*:loadbalancer\/\*\/web-lb\/\* arn:aws:elasticloadbalancing:\*:\*:loadbalancer\/web-lb/);
    const e = await runCli('policy register-instances --name web-lb --explain --output text');
    const rows = e.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
    expect(rows).toContainEqual(['elasticloadbalancing:DescribeLoadBalancers', '*', 'the action allows only "*" (no resource-level permissions)']);
    expect(rows).toContainEqual(['elasticloadbalancing:RegisterInstancesWithLoadBalancer', 'arn:aws:elasticloadbalancing:*:*:loadbalancer/*/web-lb/* arn:aws:elasticloadbalancing:*:*:loadbalancer/web-lb', 'the load-balancer the command names']);
  });

  it('every command of the program appears in policy --all', async () => {
    const all = new Set((await runCli('policy --all --output text')).stdout.trim().split('\n'));
    for (const e of COMMAND_SUMMARIES) for (const a of (await actionsOf(e.name)) ?? []) expect(all.has(a), `${e.name}: ${a}`).toBe(true);
    for (const a of ['ec2:AssociateAddress', 'route53:ChangeResourceRecordSets']) expect(all.has(a)).toBe(true);
  });

  it('policy boot is the instance role: Elastic IP, balancer, DNS', async () => {
    const r = await runCli('policy boot --output text');
    expect(r.stdout.trim().split('\n')).toEqual([
      'ec2:AssociateAddress', 'ec2:DescribeAddresses', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
      'route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListHostedZones', 'route53:ListHostedZonesByName', 'route53:ListResourceRecordSets',
    ]);
    expect((await runCli('policy dns register --output text')).stdout).toContain('route53:ChangeResourceRecordSets\n');
  });
});

describe('policy: bad input (exit 2, nothing sent)', () => {
  it.each([
    ['policy crate-lb', "error: unknown command 'crate-lb'; did you mean create-lb?\n"],
    ['policy create-lb frobnicate', "error: unknown command 'frobnicate'; run 'scalectl policy --all' for every command\n"],
    ['policy', 'error: policy needs commands, --recipe DIR or --all; e.g. scalectl policy create-lb create-asg\n'],
    ['policy create-lb --account 12', 'error: --account must be a 12-digit AWS account id, not "12"\n'],
    ['policy --recipe /nonexistent/recipe', 'error: --recipe /nonexistent/recipe: no Makefile there; point --recipe at a recipe directory such as examples/web-tier\n'],
  ])('%s', async (line, stderr) => {
    const r = await runCli(line);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });
});

describe('policy --recipe', () => {
  it('reads the scalectl commands of a make -n plan, after global options, inside $(…) and continued lines', () => {
    const plan = [
      '__scalectl_policy__ --region us-east-1  upload-cert web-cert --cert x',
      'dns=$(__scalectl_policy__ --region us-east-1 --endpoint-url http://x create-lb web-lb --output text \\',
      '  --listener http:80) && echo "$dns"',
      'up=$(__scalectl_policy__ --region us-east-1  put-policy scale-up --asg web-asg) && echo "$up"',
      '__scalectl_policy__ -q dns register --zone z',
      '__scalectl_policy__ --region us-east-1  put-policy scale-down',
    ].join('\n');
    expect(commandsInPlan(plan)).toEqual(['upload-cert', 'create-lb', 'put-policy', 'dns register']);
  });

  it('examples/web-tier: the union of upload-cert, create-lb, create-asg, put-policy, put-alarm and teardown', async () => {
    const recipe = (await runCli('policy --recipe examples/web-tier --output text')).stdout;
    const union = (await runCli('policy upload-cert create-lb create-asg put-policy put-alarm teardown --output text')).stdout;
    expect(recipe).toBe(union);
    expect(recipe).toContain('iam:UploadServerCertificate\n');
  });

  it('examples/root-domain: no certificate', async () => {
    const r = await runCli('policy --recipe examples/root-domain --output text');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('iam:UploadServerCertificate');
    expect(r.stdout).toContain('autoscaling:CreateAutoScalingGroup\n');
  });
});

describe('AccessDenied names the refused action', () => {
  it('from the SDK: one line with the action and the policy command to run (exit 1)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied', 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers', 403));
    const r = await runCli('describe-lbs');
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'error: AWS refused elasticloadbalancing:DescribeLoadBalancers (AccessDenied): User: arn:aws:iam::123456789012:user/ci is not authorized to perform: elasticloadbalancing:DescribeLoadBalancers; run "scalectl policy describe-lbs" for the IAM policy it needs\n']);
  });

  it("EC2's UnauthorizedOperation too, without its encoded message", async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    ec2Mock.on(DescribeLaunchTemplatesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation. Encoded authorization failure message: AAAA', 403));
    const r = await runCli('create-asg web --image-id ami-0123456789abcdef0 --instance-type t3.micro --min 1 --max 2 --zones us-east-1a');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AWS refused ec2:DescribeLaunchTemplates (UnauthorizedOperation)');
    expect(r.stderr).toContain('run "scalectl policy create-asg" for the IAM policy it needs');
    expect(r.stderr).not.toContain('AAAA');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a 403 whose body is not an AWS error document (moto on CloudWatch) counts as a refusal', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(Object.assign(new Error("Unexpected token '<' is not valid JSON\n  Deserialization error: to see the raw response…"), { name: 'SyntaxError', $metadata: { httpStatusCode: 403 } }));
    const r = await runCli('describe-lbs web-lb');
    expect([r.code, r.stderr]).toEqual([1, 'error: AWS refused elasticloadbalancing:DescribeLoadBalancers (HTTP 403): the credentials in use are not allowed this action; run "scalectl policy describe-lbs" for the IAM policy it needs\n']);
  });

  it('a plain failure keeps its own wording', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [] });
    elbMock.on(CreateLoadBalancerCommand).rejects(awsError('TooManyLoadBalancers', 'limit', 400));
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a');
    expect(r.stderr).not.toContain('scalectl policy');
  });
});
