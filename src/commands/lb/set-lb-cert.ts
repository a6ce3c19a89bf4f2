import type { Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { checkCertificateRef, checkLbName, isSecure } from '../../domain/listeners.js';
import { NotFoundError, OperationError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { executePlan, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import type { LoadBalancerSummary } from '../../services/elb.js';
import { certificateArnFor } from '../cert-lookup.js';
import { addDryRun, contextOf, intArg } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl set-lb-cert web --port 443 --cert site-2027",
    "scalectl set-lb-cert web --port 443 --cert arn:aws:iam::123456789012:server-certificate/site --dry-run",
  ],
  text: [
    "load-balancer, port, certificate-arn, status",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `set-lb-cert` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('set-lb-cert', {
  actions: [
    'elasticloadbalancing:DescribeListeners',
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeTargetGroups',
    'elasticloadbalancing:DescribeTargetHealth',
    'elasticloadbalancing:ModifyListener',
    'elasticloadbalancing:SetLoadBalancerListenerSSLCertificate',
    'iam:GetServerCertificate',
    'iam:ListServerCertificates',
  ],
  subject: 'load-balancer',
});

/** Parsed flags of `set-lb-cert`. */
export interface SetLbCertOptions {
  name: string;
  port: number;
  /** Server certificate name or ARN. */
  cert: string;
  dryRun: boolean;
  /** Wait for a --cert name that IAM does not list yet. */
  waitForCert?: boolean;
}

export interface SetLbCertResult {
  loadBalancer: string;
  port: number;
  certificateArn: string;
  status: 'updated' | 'unchanged';
}

export function registerSetLbCert(program: Command, deps: Deps, run = setLbCert): void {
  const cmd = addDocs(program.command('set-lb-cert'), docs)
    .description('put a server certificate on an HTTPS or SSL listener')
    .argument('<name>', 'load balancer name')
    .requiredOption('--port <port>', 'balancer port of the HTTPS/SSL listener', intArg('--port', 1, 65535))
    .requiredOption('--cert <name|arn>', 'server certificate name (looked up) or ARN')
    .option('--wait-for-cert', 'wait up to 60 s for a --cert name IAM does not list yet (one being uploaded right now)');
  addDryRun(cmd).action(async (name: string, flags: { port: number; cert: string; dryRun?: boolean; waitForCert?: boolean }, c: Command) => {
    const ctx = await contextOf(c, deps);
    const result = await run({ name: checkLbName(name), port: flags.port, cert: checkCertificateRef(flags.cert), dryRun: flags.dryRun === true, waitForCert: flags.waitForCert === true }, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, setLbCertView, ctx, ctx.io);
  });
}

export async function setLbCert(opts: SetLbCertOptions, ctx: Ctx): Promise<SetLbCertResult | PlanResult> {
  const [elb, elbApply] = await Promise.all([import('../../services/elb.js'), import('../../services/elb-apply.js')]);
  const retry = { sleep: (ms: number) => ctx.clock.sleep(ms, ctx.signal), now: () => ctx.clock.now(), onWait: (m: string) => ctx.log.status(m) };
  const offline = Symbol('offline');
  const lb = await readLive<(LoadBalancerSummary & { listenerArns?: Record<number, string> }) | undefined | typeof offline>(ctx, opts.dryRun, async () =>
    (await elb.findLoadBalancer(await ctx.aws.elb(), opts.name)) ?? (await import('../../services/elbv2-describe.js')).findV2Described(await ctx.aws.elbv2(), opts.name), offline);
  if (lb === undefined) throw new NotFoundError(`load balancer ${opts.name} not found in this region`, 'run "scalectl describe-lbs" to list them');
  // The balancer and listener first: a typo there should not wait out the certificate look-up.
  let l: LoadBalancerSummary['listeners'][number] | undefined;
  if (lb !== offline) {
    l = lb.listeners.find((x) => x.port === opts.port);
    if (!l) throw new NotFoundError(`load balancer ${opts.name} has no listener on port ${opts.port}`, `its listeners are on ${lb.listeners.map((x) => x.port).join(', ') || 'no ports'}`);
    if (!isSecure(l.protocol) && (l.protocol as string) !== 'TLS') throw new OperationError(`the listener on ${opts.name}:${opts.port} is ${l.protocol}; only HTTPS and SSL listeners take a certificate`, 'add an HTTPS listener with create-lb --listener https:443:http:80 --cert …');
  }
  let arn = opts.cert;
  if (!opts.cert.startsWith('arn:')) {
    arn = await certificateArnFor(opts.cert, { dryRun: opts.dryRun, waitForCert: opts.waitForCert === true }, ctx);
  }
  if (l?.certificateArn === arn) return { loadBalancer: opts.name, port: opts.port, certificateArn: arn, status: 'unchanged' };
  const input = { name: opts.name, port: opts.port, certificateArn: arn };
  const listenerArn = lb !== offline ? lb.listenerArns?.[opts.port] : undefined;
  const steps: Step[] = listenerArn ? [{
    action: 'update', resource: 'listener', name: `${opts.name}:${opts.port}`, detail: `certificate ${arn}`,
    request: { service: 'elbv2', operation: 'ModifyListener', input: { ListenerArn: listenerArn, Certificates: [{ CertificateArn: arn }] } },
    run: async () => {
      await (await import('../../services/elbv2-describe.js')).setV2ListenerCertificate(await ctx.aws.elbv2(), { listenerArn, certificateArn: arn }, retry);
      ctx.log.endStatus();
    },
  }] : [{
    action: 'update', resource: 'listener', name: `${opts.name}:${opts.port}`, detail: `certificate ${arn}`,
    request: { service: 'elb', operation: 'SetLoadBalancerListenerSSLCertificate', input },
    run: async () => {
      await elbApply.setListenerCertificate(await ctx.aws.elb(), input, retry);
      ctx.log.endStatus();
    },
  }];
  if (opts.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  return { loadBalancer: opts.name, port: opts.port, certificateArn: arn, status: 'updated' };
}

/** text columns: load balancer, port, certificate ARN, status. */
const setLbCertView: View<SetLbCertResult> = {
  table: (r) => ({ head: ['LOAD BALANCER', 'PORT', 'CERTIFICATE', 'STATUS'], rows: [[r.loadBalancer, String(r.port), r.certificateArn, r.status]] }),
  text: (r) => [[r.loadBalancer, r.port, r.certificateArn, r.status]],
  json: (r) => ({ kind: 'listener', name: `${r.loadBalancer}:${r.port}`, status: r.status, changes: r.status === 'updated' ? [`set certificate ${r.certificateArn}`] : [], loadBalancer: r.loadBalancer, port: r.port, certificateArn: r.certificateArn }),
};
