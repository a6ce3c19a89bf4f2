import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { USER_DATA_LIMIT } from '../../domain/asg-plan.js';
import { AWS_INT_MAX, tagProblem } from '../../domain/aws-names.js';
import { InputFileError, readInputFile } from '../../input-file.js';
import { MAX_VOLUME_GB, checkSizes, checkTerminationPolicies, launchPlanFrom, type CreateAsgOptions, type CreateAsgResult, type LaunchFlags, type LaunchPlan } from '../../domain/asg-options.js';
import { groupTags, parseAsgTag, type AsgTag } from '../../domain/asg-tags.js';
import { UsageError } from '../../errors.js';
import { cell, render, type View } from '../../output/render.js';
import { planView, type PlanResult } from '../../plan.js';
import { addDryRun, addStack, contextOf, durationArg, intArg, listArg } from '../options.js';
import { convergeGroup } from './create-asg.steps.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 2 --max 4 --lb web --health-check-type ELB --stack web",
    "scalectl create-asg web-asg --launch-template web-lt:3 --min 1 --max 4 --zones us-east-1a,us-east-1b --wait",
    "scalectl create-asg web-asg --image-id ami-0abc1234 --instance-type t3.micro --min 2 --max 4 --dry-run",
  ],
  text: [
    "name, status (created, updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4, 5],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `create-asg` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('create-asg', {
  actions: [
    'autoscaling:AttachLoadBalancerTargetGroups',
    'autoscaling:AttachLoadBalancers',
    'autoscaling:CreateAutoScalingGroup',
    'autoscaling:CreateLaunchConfiguration',
    'autoscaling:CreateOrUpdateTags',
    'autoscaling:DescribeAutoScalingGroups',
    'autoscaling:DescribeLaunchConfigurations',
    'autoscaling:DetachLoadBalancerTargetGroups',
    'autoscaling:DetachLoadBalancers',
    'autoscaling:UpdateAutoScalingGroup',
    'ec2:CreateLaunchTemplate',
    'ec2:CreateLaunchTemplateVersion',
    'ec2:CreateTags',
    'ec2:DescribeAvailabilityZones',
    'ec2:DescribeImages',
    'ec2:DescribeLaunchTemplateVersions',
    'ec2:DescribeLaunchTemplates',
    'ec2:DescribeSubnets',
    'ec2:ModifyLaunchTemplate',
    'elasticloadbalancing:DescribeInstanceHealth',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
  ],
  subject: 'auto-scaling-group',
  implied: {
    'ec2:RunInstances': 'Auto Scaling checks that the caller may launch from the launch template',
    'iam:PassRole': 'only with --instance-profile: Auto Scaling checks that the caller may pass the role',
  },
});

export type { CreateAsgOptions, CreateAsgResult };

interface Flags extends Omit<LaunchFlags, 'userData'> {
  userData?: string;
  min: number;
  max: number;
  desired?: number;
  zones?: string[];
  subnets?: string[];
  lb?: string[];
  targetGroup?: string[];
  healthCheckType?: 'EC2' | 'ELB';
  gracePeriod?: number;
  cooldown?: number;
  terminationPolicies?: string[];
  tag?: AsgTag[];
  stack?: string;
  dryRun?: boolean;
  wait?: boolean;
  timeout: number;
}

const tagArg = (raw: string, prev: AsgTag[] = []) => {
  try {
    const tag = parseAsgTag(raw);
    const problem = tagProblem(tag.key, tag.value);
    if (problem) throw new Error(`${problem}.`);
    return [...prev, tag];
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

export function registerCreateAsg(program: Command, deps: Deps, run: (o: CreateAsgOptions, ctx: Ctx) => Promise<CreateAsgResult | PlanResult> = createAsg): void {
  const cmd = addDocs(program.command('create-asg'), docs)
    .description('create an Auto Scaling group (and its launch template), or bring an existing one in line')
    .argument('<name>', 'group name')
    .option('--image-id <ami>', 'AMI of the launch template scalectl manages (named after the group)')
    .option('--instance-type <type>', 'instance type, e.g. t3.micro')
    .option('--key-name <name>', 'key pair for SSH')
    .option('--security-groups <ids>', 'security group ids (sg-…) or names (repeatable, commas)', listArg)
    .option('--user-data <file>', 'user data file (at most 16 KB; base64-encoded for you)')
    .option('--detailed-monitoring', '1-minute CloudWatch instance metrics')
    .option('--instance-profile <name|arn>', 'IAM instance profile (name or ARN) giving the instances a role')
    .option('--imds-v1', 'also allow the old instance metadata service (default: IMDSv2 tokens required)')
    .option('--public-ip', 'give each instance a public IPv4 address (eth0; the security groups move onto it)')
    .option('--no-public-ip', 'no public IPv4 address, whatever the subnet says (default: the subnet decides)')
    .option('--volume-size <gb>', `root volume size in GiB, 1-${MAX_VOLUME_GB} (on the AMI's root device)`, intArg('--volume-size', 1, MAX_VOLUME_GB))
    .addOption(new Option('--launch-template <name[:version]>', 'use an existing launch template instead (version: number, $Default, $Latest)').conflicts('launchConfig'))
    .option('--launch-config <name>', 'legacy: use (or create from the flags above) a launch configuration')
    .requiredOption('--min <n>', 'minimum size', intArg('--min', 0))
    .requiredOption('--max <n>', 'maximum size', intArg('--max', 0))
    .option('--desired <n>', 'desired capacity (default: AWS sets it to --min on create)', intArg('--desired', 0))
    .addOption(new Option('--zones <zones>', "availability zones (default for a new group: the --lb balancer's zones or subnets, else every zone of the region)").argParser(listArg).conflicts('subnets'))
    .option('--subnets <ids>', 'VPC subnets (VPCZoneIdentifier)', listArg)
    .option('--lb <names>', 'load balancers to attach: classic, or ELBv2 (its target groups) (repeatable, commas)', listArg)
    .option('--target-group <names>', 'ELBv2 target groups to attach, by name or ARN (repeatable, commas)', listArg)
    .addOption(new Option('--health-check-type <type>', 'what decides an instance is unhealthy').choices(['EC2', 'ELB']))
    .option('--grace-period <seconds>', 'health check grace period', intArg('--grace-period', 0, AWS_INT_MAX))
    .option('--cooldown <seconds>', 'default cooldown', intArg('--cooldown', 0))
    .option('--termination-policies <list>', 'e.g. OldestInstance,Default', listArg)
    .option('--tag <k=v>', 'group tag propagated to instances (repeatable; legacy "k=K,v=V,p=true" accepted)', tagArg)
    .option('--wait', 'wait until the desired instances are InService and healthy (and InService in the load balancers)')
    .addOption(new Option('--timeout <duration>', 'how long --wait waits').argParser(durationArg('--timeout')).default(600, '10m'));
  addStack(cmd);
  addDryRun(cmd);
  cmd.action(async (name: string, f: Flags, c: Command) => {
    const opts = createAsgOptions(name, f);
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, createAsgView, ctx, ctx.io);
  });
}

/** Flags → options; every usage error is raised here, before any request. */
export function createAsgOptions(name: string, f: Flags): CreateAsgOptions {
  const usage = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  };
  let userData: string | undefined;
  if (f.userData !== undefined) userData = readUserData(f.userData);
  let launch!: LaunchPlan;
  usage(() => (launch = launchPlanFrom(name, { ...f, ...(userData !== undefined ? { userData } : {}) })));
  usage(() => checkSizes(f));
  if (f.terminationPolicies) usage(() => checkTerminationPolicies(f.terminationPolicies!));
  if (f.gracePeriod !== undefined && f.healthCheckType === undefined) throw new UsageError('--grace-period goes with --health-check-type (EC2 or ELB).');
  return {
    name,
    launch,
    min: f.min,
    max: f.max,
    ...(f.desired !== undefined ? { desired: f.desired } : {}),
    ...(f.zones ? { zones: f.zones } : {}),
    ...(f.subnets ? { subnets: f.subnets } : {}),
    ...(f.lb ? { loadBalancers: f.lb } : {}),
    ...(f.targetGroup ? { targetGroups: f.targetGroup } : {}),
    ...(f.healthCheckType ? { healthCheckType: f.healthCheckType } : {}),
    ...(f.gracePeriod !== undefined ? { gracePeriod: f.gracePeriod } : {}),
    ...(f.cooldown !== undefined ? { cooldown: f.cooldown } : {}),
    ...(f.terminationPolicies ? { terminationPolicies: f.terminationPolicies } : {}),
    tags: groupTags(f.tag ?? [], f.stack),
    ...(f.stack ? { stack: f.stack } : {}),
    dryRun: f.dryRun === true,
    wait: f.wait === true,
    timeoutSeconds: f.timeout,
  };
}

function readUserData(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file, { label: '--user-data file', limit: USER_DATA_LIMIT, limitText: `AWS allows at most ${USER_DATA_LIMIT} (16 KB) before base64 encoding`, hint: 'keep a small bootstrap script in user data and fetch the rest (e.g. from S3)' });
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new UsageError(`cannot read --user-data file ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path');
  }
  return bytes.toString('base64');
}

export async function createAsg(o: CreateAsgOptions, ctx: Ctx): Promise<CreateAsgResult | PlanResult> {
  return convergeGroup(o, ctx);
}

const createAsgView: View<CreateAsgResult> = {
  table: (r, st) => ({
    head: ['GROUP', 'RESULT', 'LAUNCHES FROM', 'IN SERVICE', 'CHANGES'],
    rows: [[r.name, r.action === 'unchanged' ? st.dim(r.action) : st.green(r.action), launchLabel(r), r.inService ? `${r.inService.ready}/${r.inService.desired}` : '-', cell(r.changes.join(', '))]],
  }),
  text: (r) => [[r.name, r.action]],
  json: ({ action, name, ...r }) => ({ kind: 'auto-scaling-group', name, status: action, ...r }),
};

function launchLabel(r: CreateAsgResult): string {
  if (r.launchTemplate) return `template ${r.launchTemplate.name}:${r.launchTemplate.version}`;
  return r.launchConfiguration ? `config ${r.launchConfiguration}` : '-';
}
