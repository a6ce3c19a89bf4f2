// create-lb --type application|network: resolve subnets and certificates, read, plan, apply.
// Split from create-lb.ts (like create-asg.steps.ts); loads the ELBv2 client only when it runs.
import type { Ctx } from '../../deps.js';
import { desiredElbv2 } from '../../domain/elbv2-desired.js';
import { targetGroupName, type Elbv2Options } from '../../domain/elbv2-options.js';
import { planElbv2, unusedTargetGroups, type LiveTargetGroup, type LiveV2, type Ref } from '../../domain/elbv2-plan.js';
import { NotFoundError, OperationError, UsageError } from '../../errors.js';
import { executePlan, placeholder, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import type { CreateLbResult } from './create-lb.js';

type CertLookup = (name: string) => Promise<string>;

export async function createLbV2(opts: Elbv2Options, ctx: Ctx, certificateArn: CertLookup): Promise<CreateLbResult | PlanResult> {
  const [v2, apply] = await Promise.all([import('../../services/elbv2.js'), import('../../services/elbv2-apply.js')]);
  const retry = { sleep: (ms: number) => ctx.clock.sleep(ms, ctx.signal), now: () => ctx.clock.now(), onWait: (m: string) => ctx.log.status(m) };
  const tgNames = [...new Set(opts.listeners.filter((l) => !(opts.redirectHttp && l.port === 80)).map((l) => targetGroupName(opts.name, l.targetPort)))];
  const live = await readLive<{ lb?: LiveV2; targetGroups: LiveTargetGroup[]; classic?: boolean }>(ctx, opts.dryRun, async () => {
    const client = await ctx.aws.elbv2();
    const state = await v2.readV2State(client, { name: opts.name, targetGroups: tgNames });
    if (state.lb) return state;
    // A classic balancer of that name: AWS cannot convert it.
    const elb = await import('../../services/elb.js');
    return { ...state, classic: !!(await elb.findLoadBalancer(await ctx.aws.elb(), opts.name)) };
  }, { targetGroups: [] });
  if (live.classic) throw new OperationError(`load balancer ${opts.name} is a classic load balancer, and AWS cannot convert it to ${opts.type}`, `drop --type to keep it classic, or delete it (scalectl teardown --lb ${opts.name}) and create it again`);
  if (!live.lb && !opts.zones.length && !opts.subnets.length) throw new UsageError(`load balancer ${opts.name} does not exist yet and needs --zones or --subnets to be created`, 'e.g. --zones us-east-1a,us-east-1b or --subnets subnet-…,subnet-…');

  const placement = await resolvePlacement(opts, ctx, live.lb?.vpcId);
  const certificateArns = new Map<string, string>();
  for (const l of opts.listeners) if (l.certificate && !certificateArns.has(l.certificate)) certificateArns.set(l.certificate, l.certificate.startsWith('arn:') ? l.certificate : await certificateArn(l.certificate));
  const want = desiredElbv2(opts, { ...placement, certificateArns });
  const changes = planElbv2(want, live.lb, live.targetGroups);
  const unused = live.lb ? unusedTargetGroups(want, live.targetGroups) : [];
  if (unused.length) ctx.log.warn(`target group${unused.length === 1 ? '' : 's'} ${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} no longer forwarded to by ${opts.name}; left in place (delete with scalectl teardown, or aws elbv2 delete-target-group)`);

  const book: Map<string, string> = new Map();
  if (live.lb) {
    book.set(`lb:${opts.name}`, live.lb.arn);
    for (const l of live.lb.listeners) book.set(`listener:${opts.name}:${l.port}`, l.arn);
  }
  for (const t of live.targetGroups) book.set(`tg:${t.name}`, t.arn);
  const shown = (r: Ref) => book.get(`${r.kind}:${r.name}`) ?? placeholder(`arn of ${r.kind === 'lb' ? 'load balancer' : r.kind === 'tg' ? 'target group' : 'listener'} ${r.name}`);
  let dnsName = live.lb?.dnsName;
  const steps: Step[] = changes.map((c) => ({
    action: c.action, resource: c.resource, name: c.name, ...(c.detail ? { detail: c.detail } : {}),
    request: { service: 'elbv2', operation: c.op.operation, input: apply.elbv2Input(c.op, shown) },
    run: async () => {
      const dns = await apply.applyElbv2Op(await ctx.aws.elbv2(), c.op, book, retry);
      ctx.log.endStatus();
      if (c.op.operation === 'CreateLoadBalancer' && dns) dnsName = dns;
    },
  }));
  if (opts.dryRun) return toPlan(steps.length ? steps : [{ action: 'unchanged', resource: 'load-balancer', name: opts.name, run: async () => {} }]);
  await executePlan(steps, ctx.log);
  dnsName ??= (await v2.findV2LoadBalancer(await ctx.aws.elbv2(), opts.name))?.dnsName;
  return {
    loadBalancer: {
      name: opts.name, type: opts.type, dnsName: dnsName ?? '',
      status: !live.lb ? 'created' : changes.length ? 'updated' : 'unchanged',
      changes: changes.map(({ action, resource, name, detail }) => ({ action, resource, name, ...(detail ? { detail } : {}) })),
    },
  };
}

/** --subnets (their VPC read) or --zones (each zone's default subnet); nothing given: the live balancer's VPC. */
async function resolvePlacement(opts: Elbv2Options, ctx: Ctx, liveVpc: string | undefined): Promise<{ subnets: string[]; vpcId?: string }> {
  if (!opts.zones.length && !opts.subnets.length) return liveVpc ? { subnets: [], vpcId: liveVpc } : { subnets: [] };
  const ec2 = await import('../../services/ec2-subnets.js');
  const offline = opts.zones.length
    ? { subnets: opts.zones.map((z) => placeholder(`default subnet of ${z}`)), vpcId: placeholder('default VPC') }
    : { subnets: opts.subnets, vpcId: placeholder(`VPC of ${opts.subnets[0]}`) };
  return readLive(ctx, opts.dryRun, async () => {
    if (opts.zones.length) {
      const found = await ec2.defaultSubnets(await ctx.aws.ec2(), { zones: opts.zones });
      const missing = opts.zones.filter((z) => !found.some((s) => s.zone === z));
      if (missing.length) throw new NotFoundError(`no default subnet in ${missing.join(', ')}`, 'pass --subnets subnet-…, or create default subnets (aws ec2 create-default-subnet --availability-zone ZONE)');
      const subnets = opts.zones.map((z) => found.find((s) => s.zone === z)!);
      return { subnets: subnets.map((s) => s.id), ...(subnets[0]?.vpcId ? { vpcId: subnets[0].vpcId } : {}) };
    }
    const found = await ec2.describeSubnets(await ctx.aws.ec2(), { ids: opts.subnets });
    const vpcs = [...new Set(found.map((s) => s.vpcId).filter(Boolean))];
    if (vpcs.length > 1) throw new UsageError(`--subnets are in different VPCs (${vpcs.join(', ')})`, 'a load balancer lives in one VPC: pass subnets of one VPC');
    const zones = new Set(found.map((s) => s.zone).filter(Boolean));
    if (opts.type === 'application' && found.length && zones.size < 2) throw new UsageError(`an application load balancer needs subnets in at least two availability zones; ${opts.subnets.join(', ')} ${opts.subnets.length === 1 ? 'is' : 'are'} all in ${[...zones][0]}`, 'add a subnet in another zone');
    return { subnets: opts.subnets, ...(vpcs[0] ? { vpcId: vpcs[0] } : {}) };
  }, offline);
}
