import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { parseCreateLbFlags, type CreateLbFlags, type CreateLbOptions } from '../../domain/create-lb-options.js';
import { extraPlacement, planLoadBalancer, type DesiredLb, type LiveLb, type ResolvedListener } from '../../domain/lb-plan.js';
import { parseElbv2Flags, parseLbType, refuseV2Flags, type Elbv2Flags, type Elbv2Options } from '../../domain/elbv2-options.js';
import { withStackTag } from '../../domain/stack.js';
import { listenerLabel } from '../../domain/listeners.js';
import { NotFoundError, OperationError, UsageError } from '../../errors.js';
import { changeLine } from '../../output/change-view.js';
import { certificateArnFor } from '../cert-lookup.js';
import { cell, render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { addDryRun, addStack, addTags, contextOf, intArg, listArg } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl create-lb web --listener http:80 --zones us-east-1a,us-east-1b --health-check HTTP:80/health --stack web",
    "scalectl create-lb web --listener http:80 --listener https:443:http:80 --cert site --sticky lb:600 --stack web",
    "scalectl create-lb web --listener http:80 --zones us-east-1a --dry-run",
  ],
  text: [
    "dns-name (the balancer's DNS name, for a CNAME or alias)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [4, 5],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `create-lb` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('create-lb', {
  actions: [
    'ec2:DescribeSubnets',
    'elasticloadbalancing:AddTags',
    'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer',
    'elasticloadbalancing:AttachLoadBalancerToSubnets',
    'elasticloadbalancing:ConfigureHealthCheck',
    'elasticloadbalancing:CreateAppCookieStickinessPolicy',
    'elasticloadbalancing:CreateLBCookieStickinessPolicy',
    'elasticloadbalancing:CreateListener',
    'elasticloadbalancing:CreateLoadBalancer',
    'elasticloadbalancing:CreateLoadBalancerListeners',
    'elasticloadbalancing:CreateTargetGroup',
    'elasticloadbalancing:DeleteListener',
    'elasticloadbalancing:DeleteLoadBalancerListeners',
    'elasticloadbalancing:DeleteTargetGroup',
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
    'elasticloadbalancing:DescribeLoadBalancerPolicies',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTags',
    'elasticloadbalancing:DescribeTargetGroupAttributes',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
    'elasticloadbalancing:EnableAvailabilityZonesForLoadBalancer',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:ModifyLoadBalancerAttributes',
    'elasticloadbalancing:ModifyTargetGroup',
    'elasticloadbalancing:ModifyTargetGroupAttributes',
    'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
    'elasticloadbalancing:RegisterTargets',
    'elasticloadbalancing:SetIpAddressType',
    'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
    'elasticloadbalancing:SetSecurityGroups',
    'elasticloadbalancing:SetSubnets',
    'iam:GetServerCertificate',
    'iam:ListServerCertificates',
  ],
  subject: 'load-balancer',
});

export type { CreateLbOptions };

/** What create-lb reports. `changes` lists what this run did (empty when unchanged). */
export interface CreateLbResult {
  loadBalancer: {
    name: string;
    /** Present for application and network load balancers. */
    type?: 'application' | 'network';
    dnsName: string;
    status: 'created' | 'updated' | 'unchanged';
    changes: Array<{ action: string; resource: string; name: string; detail?: string }>;
  };
}

/** --listener is repeatable; compact specs may also be comma-separated (`http:80,https:443:http:80`). */
const collect = (v: string, prev: string[] = []) => [...prev, ...(v.includes('=') ? [v] : v.split(',').map((x) => x.trim()).filter(Boolean))];

export function registerCreateLb(program: Command, deps: Deps, run = createLb): void {
  const cmd = addDocs(program.command('create-lb'), docs)
    .description('create or converge a load balancer (classic, application or network): listeners, health check, stickiness, draining')
    .argument('<name>', 'load balancer name')
    .option('--listener <spec>', 'http:80, https:443:http:80, tcp:443, ssl:443:tcp:80 or protocol=…,lb-port=…,instance-port=… (repeatable)', collect)
    .option('--cert <name|arn>', 'server certificate for HTTPS/SSL listeners (a name is looked up)')
    .option('--health-check <target>', 'HTTP:80/health, HTTPS:443/health, TCP:80 or SSL:443')
    .option('--interval <seconds>', 'health check interval, 5-300 (default 30)', intArg('--interval'))
    .option('--timeout <seconds>', 'health check timeout, 2-60 and less than the interval (default 5, or interval-1)', intArg('--timeout'))
    .option('--healthy-threshold <n>', 'passes before healthy, 2-10 (default 10)', intArg('--healthy-threshold'))
    .option('--unhealthy-threshold <n>', 'failures before unhealthy, 2-10 (default 2)', intArg('--unhealthy-threshold'))
    .addOption(new Option('--zones <zones>', 'availability zones (commas or repeat)').argParser(listArg).conflicts('subnets'))
    .addOption(new Option('--subnets <ids>', 'VPC subnets (commas or repeat)').argParser(listArg))
    .option('--security-groups <ids>', 'security groups (VPC)', listArg)
    .option('--internal', 'internal scheme (no public addresses)')
    .option('--sticky <spec>', 'app:COOKIE or lb[:SECONDS], optionally @PORT (default: every HTTP/HTTPS listener)')
    .option('--cross-zone', 'balance across zones (the default)')
    .option('--no-cross-zone', 'balance only within each zone')
    .option('--drain <seconds>', 'connection draining timeout, 1-3600 (default: on, 300)', intArg('--drain', 1, 3600))
    .option('--no-drain', 'no connection draining')
    .option('--idle-timeout <seconds>', 'idle connection timeout, 1-4000', intArg('--idle-timeout', 1, 4000))
    .option('--instances <ids>', 'instances to register (commas or repeat)', listArg)
    .option('--wait-for-cert', 'wait up to 60 s for a --cert name IAM does not list yet (one being uploaded right now)')
    .option('--prune', 'delete listeners of the balancer that --listener does not name (asked on a terminal; required otherwise)')
    .option('--type <type>', 'classic (the default), application or network')
    .option('--target-type <type>', 'ELBv2: target groups take instance (the default) or ip targets')
    .option('--ssl-policy <name>', 'ELBv2: TLS policy of HTTPS/TLS listeners (default ELBSecurityPolicy-TLS13-1-2-2021-06)')
    .option('--matcher <codes>', 'ELBv2: HTTP codes of a healthy target, e.g. 200 or 200-399')
    .option('--redirect-http', 'ALB: an HTTP:80 listener answering 301 to HTTPS:443')
    .option('--ip-address-type <type>', 'ELBv2: ipv4 or dualstack')
    .option('--protect', 'ELBv2: turn deletion protection on')
    .option('--no-protect', 'ELBv2: turn deletion protection off');
  addStack(addTags(addDryRun(cmd))).action(async (name: string, flags: CreateLbFlags & Elbv2Flags, c: Command) => {
    const type = parseLbType(flags.type);
    if (type === 'classic') refuseV2Flags(flags);
    const opts = type === 'classic' ? parseCreateLbFlags(name, flags) : parseElbv2Flags(name, type, flags);
    const ctx = await contextOf(c, deps);
    const result = 'type' in opts ? await createLbV2(opts, ctx) : await run(opts, ctx);
    if ('dryRun' in result) return render(result, planView, ctx, ctx.io);
    await render(result, createLbView, ctx, ctx.io);
    if (ctx.io.stdoutIsTTY && result.loadBalancer.dnsName) {
      ctx.log.progress(`Point a CNAME at ${result.loadBalancer.dnsName} (or a Route 53 alias record at the zone apex); never an A record at its addresses, they change.`);
    }
  });
}

/** create-lb --type application|network. */
export async function createLbV2(opts: Elbv2Options, ctx: Ctx): Promise<CreateLbResult | PlanResult> {
  const waitForCert = (opts as { waitForCert?: boolean }).waitForCert === true;
  return (await import('./create-lb.elbv2.js')).createLbV2(opts, ctx, (name) => certificateArnFor(name, { dryRun: opts.dryRun, waitForCert }, ctx));
}

export async function createLb(opts: CreateLbOptions, ctx: Ctx): Promise<CreateLbResult | PlanResult> {
  const [elb, elbApply] = await Promise.all([import('../../services/elb.js'), import('../../services/elb-apply.js')]);
  const retry = { sleep: (ms: number) => ctx.clock.sleep(ms, ctx.signal), now: () => ctx.clock.now(), onWait: (m: string) => ctx.log.status(m) };
  const live = await readLive<LiveLb | undefined>(ctx, opts.dryRun, async () => elb.readLoadBalancerState(await ctx.aws.elb(), opts.name), undefined);
  if (!live && !opts.zones.length && !opts.subnets.length) throw new UsageError(`load balancer ${opts.name} does not exist yet and needs --zones or --subnets to be created`, 'e.g. --zones us-east-1a,us-east-1b or --subnets subnet-…');
  if (!live && !opts.dryRun) await refuseV2OfSameName(opts.name, ctx);
  const listeners: ResolvedListener[] = [];
  const arns = new Map<string, string>();
  for (const { certificate, ...l } of opts.listeners) {
    if (certificate && !arns.has(certificate)) arns.set(certificate, certificate.startsWith('arn:') ? certificate : await certificateArnFor(certificate, { dryRun: opts.dryRun, waitForCert: opts.waitForCert }, ctx));
    listeners.push({ ...l, ...(certificate ? { certificateArn: arns.get(certificate)! } : {}) });
  }
  const want: DesiredLb = {
    name: opts.name, listeners, zones: opts.zones, subnets: opts.subnets, securityGroups: opts.securityGroups, internal: opts.internal,
    ...(opts.healthCheck ? { healthCheck: opts.healthCheck } : {}),
    ...(opts.sticky ? { sticky: opts.sticky } : {}),
    attributes: { crossZone: opts.crossZone, draining: opts.drain, ...(opts.idleTimeout !== undefined ? { idleTimeout: opts.idleTimeout } : {}) },
    instances: opts.instances,
    tags: withStackTag(opts.tags, opts.stack),
  };
  const compatibleEndpoint = !!(await ctx.settings()).endpoint || !!ctx.env.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING;
  const changes = planLoadBalancer(want, live, { compatibleEndpoint });
  await confirmPrune(opts, live, ctx);
  const extra = extraPlacement(want, live);
  if (extra.length) ctx.log.warn(`load balancer ${opts.name} also uses ${extra.join(', ')}; left in place (scalectl does not remove zones or subnets)`);
  let dnsName = live?.dnsName;
  const steps: Step[] = changes.map((c) => ({
    action: c.action, resource: c.resource, name: c.name, ...(c.detail ? { detail: c.detail } : {}),
    request: { service: 'elb', operation: c.op.operation, input: c.op.input },
    run: async () => {
      const dns = await elbApply.applyElbOp(await ctx.aws.elb(), c.op, retry);
      ctx.log.endStatus();
      if (c.op.operation === 'CreateLoadBalancer') dnsName = dns;
    },
  }));
  if (opts.dryRun) return toPlan(steps.length ? steps : [{ action: 'unchanged', resource: 'load-balancer', name: opts.name, run: async () => {} }]);
  await executePlan(steps, ctx.log);
  if (!dnsName) {
    const found = await elb.findLoadBalancer(await ctx.aws.elb(), opts.name);
    // Accepted but not there when read back: nothing shows it exists, so it is not reported created.
    if (!found && !live) throw new OperationError(`the endpoint accepted load balancer ${opts.name} but does not show it when asked`, `check --endpoint-url and run "scalectl describe-lbs ${opts.name}"; re-running create-lb finishes the job`);
    dnsName = found?.dnsName;
  }
  return {
    loadBalancer: {
      name: opts.name,
      dnsName: dnsName ?? '',
      status: !live ? 'created' : changes.length ? 'updated' : 'unchanged',
      changes: changes.map(({ action, resource, name, detail }) => ({ action, resource, name, ...(detail ? { detail } : {}) })),
    },
  };
}

/**
 * Listeners of the live balancer that --listener does not name go only with consent: asked on a
 * terminal, `--prune` otherwise (a re-run with a shorter list must not silently cut traffic).
 */
async function confirmPrune(opts: CreateLbOptions, live: LiveLb | undefined, ctx: Ctx): Promise<void> {
  const unnamed = (live?.listeners ?? []).filter((cur) => !opts.listeners.some((l) => l.port === cur.port));
  if (!unnamed.length || opts.prune) return;
  const what = `listener${unnamed.length === 1 ? '' : 's'} ${unnamed.map((l) => `${opts.name}:${l.port} (${listenerLabel(l)})`).join(', ')}`;
  const keep = unnamed.map((l) => `--listener ${listenerLabel(l)}`).join(' ');
  if (opts.dryRun) return ctx.log.warn(`${what} not named by --listener would be deleted; the run needs --prune (or a yes on a terminal)`);
  if (!ctx.io.stdinIsTTY) throw new UsageError(`create-lb would delete ${what}, which --listener does not name`, `pass --prune to delete ${unnamed.length === 1 ? 'it' : 'them'}, or add ${keep} to keep ${unnamed.length === 1 ? 'it' : 'them'}`);
  if (!(await ctx.confirm(`Delete ${what}, not named by --listener?`))) {
    throw new OperationError('create-lb cancelled; nothing was changed', `add ${keep} to keep ${unnamed.length === 1 ? 'it' : 'them'}, or pass --prune`);
  }
}

/** Creating a classic balancer where an ELBv2 one has the name: AWS cannot convert, so say so (exit 1). */
async function refuseV2OfSameName(name: string, ctx: Ctx): Promise<void> {
  const v2 = await import('../../services/elbv2.js');
  const found = await v2.findV2LoadBalancer(await ctx.aws.elbv2(), name);
  if (found) throw new OperationError(`load balancer ${name} is ${found.type === 'application' ? 'an application' : `a ${found.type}`} load balancer, and AWS cannot convert it to classic`, `add --type ${found.type}, or delete it (scalectl teardown --lb ${name}) and create it again`);
}


const createLbView: View<CreateLbResult> = {
  table: ({ loadBalancer: lb }, st) => [
    lb.type
      ? { head: ['NAME', 'TYPE', 'DNS NAME', 'STATUS'], rows: [[lb.name, lb.type, cell(lb.dnsName), lb.status === 'unchanged' ? st.dim(lb.status) : st.green(lb.status)]] }
      : { head: ['NAME', 'DNS NAME', 'STATUS'], rows: [[lb.name, cell(lb.dnsName), lb.status === 'unchanged' ? st.dim(lb.status) : st.green(lb.status)]] },
    ...(lb.changes.length ? [{ head: ['ACTION', 'RESOURCE', 'NAME', 'DETAIL'], rows: lb.changes.map((c) => [c.action, c.resource, c.name, cell(c.detail)]) }] : []),
  ],
  text: ({ loadBalancer: lb }) => [[lb.dnsName]],
  json: ({ loadBalancer: lb }) => ({ kind: 'load-balancer', name: lb.name, status: lb.status, changes: lb.changes.map(changeLine), ...(lb.type ? { type: lb.type } : {}), dnsName: lb.dnsName }),
};
