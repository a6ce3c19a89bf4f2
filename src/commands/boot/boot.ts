import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { parseBootConfig, systemdUnit, userDataScript, type BootConfig } from '../../domain/boot.js';
import { classifyError, OperationError, PartialError, UsageError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { planView, toPlan, type PlanResult } from '../../plan.js';
import { VERSION } from '../../program.js';
import { addDryRun, contextOf, durationArg } from '../options.js';
import { prepareDns, prepareEip, prepareLb, type BootStepName, type Me, type PreparedStep } from './boot-steps.js';
import { addDocs } from '../docs.js';
import { declarePermissions } from '../permissions.js';

/** The AWS actions `boot` can send: the instance role's whole policy (`scalectl policy boot`). */
export const permissions = declarePermissions('boot', {
  actions: [
    'ec2:AssociateAddress', 'ec2:DescribeAddresses',
    'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
    'route53:ChangeResourceRecordSets', 'route53:GetChange', 'route53:ListHostedZones', 'route53:ListHostedZonesByName', 'route53:ListResourceRecordSets',
  ],
  subject: 'elastic-ip',
});

/** Parsed flags of `boot`. */
export interface BootOptions {
  /** Read the #scalectl block from this file instead of the instance's user data. */
  config?: string;
  print?: 'systemd' | 'user-data';
  dryRun: boolean;
  /** Seconds for the whole run, retries included. */
  timeout: number;
}

/** One step's outcome. */
export interface BootStepResult {
  step: BootStepName;
  target: string;
  status: 'done' | 'unchanged' | 'failed';
  detail?: string;
  reason?: string;
}

/** The JSON contract of `boot`. */
export interface BootResult {
  kind: 'boot';
  instanceId: string;
  steps: BootStepResult[];
}

export function registerBoot(program: Command, deps: Deps, run = boot): void {
  const cmd = addDocs(program.command('boot'), {
    examples: ['scalectl boot', 'scalectl boot --config /etc/scalectl/boot.conf --output text', 'scalectl boot --print-systemd > /etc/systemd/system/scalectl-boot.service', 'scalectl boot --print-user-data > user-data.sh'],
    text: ['step (eip, lb, dns), target, status (done, unchanged, failed), detail or reason', 'with --dry-run, the plan: action, resource, name, request, detail'],
    exitCodes: [3, 5],
  })
    .description('the instance boot hook: take the Elastic IP, join the load balancer, register DNS, as the #scalectl user-data block says')
    .option('--user-data', 'read the #scalectl block from the instance\'s user data (the default)')
    .option('--config <file>', 'read the #scalectl block from FILE instead of the instance\'s user data')
    .option('--print-systemd', 'print a systemd unit that runs "scalectl boot" once the network is up (and "dns deregister" at stop)')
    .option('--print-user-data', 'print a cloud-init user-data script: installs scalectl, enables that unit, carries the #scalectl block')
    .addOption(new Option('--timeout <duration>', 'give up retrying after this long, for the whole run').argParser(durationArg('--timeout')).default(300, '5m'));
  addDryRun(cmd).action(async (f: Record<string, unknown>, c: Command) => {
    if (f.userData && f.config) throw new UsageError('--user-data and --config name two different sources of the #scalectl block', 'pass one of them');
    if (f.printSystemd && f.printUserData) throw new UsageError('--print-systemd and --print-user-data print different things', 'pass one of them');
    const opts: BootOptions = {
      ...(f.config ? { config: f.config as string } : {}),
      ...(f.printSystemd ? { print: 'systemd' as const } : f.printUserData ? { print: 'user-data' as const } : {}),
      dryRun: f.dryRun === true, timeout: f.timeout as number,
    };
    const ctx = await contextOf(c, deps);
    const cfg = await readConfig(opts, ctx);
    if (opts.print) {
      const region = ctx.globals.region ?? (await ctx.settings().catch(() => undefined))?.region;
      const o = region ? { region } : {};
      ctx.io.out(opts.print === 'systemd' ? systemdUnit(cfg, o) : userDataScript(cfg, { ...o, version: VERSION }));
      return;
    }
    const result = await run({ ...opts, cfg }, ctx);
    if ('dryRun' in result) return render(result, planView, ctx, ctx.io);
    await render(result, bootView, ctx, ctx.io);
    const done = result.steps.filter((s) => s.status !== 'failed');
    const failed = result.steps.filter((s) => s.status === 'failed');
    if (failed.length === 0) return;
    const first = `${failed[0]!.step} ${failed[0]!.target} failed: ${failed[0]!.reason}`;
    if (done.length === 0) throw new OperationError(`boot did nothing: ${first}`, 're-run "scalectl boot" once the cause is fixed');
    throw new PartialError(`boot is not complete: ${first}`, done.map(label), failed.map(label), 're-run "scalectl boot": what is done stays done');
  });
}

const label = (s: BootStepResult) => `${s.step} ${s.target}`;

/** The block from --config FILE, else from the instance's user data. Exit 2 when there is none. */
async function readConfig(opts: BootOptions, ctx: Ctx): Promise<BootConfig> {
  if (opts.config) {
    const text = await readFile(opts.config, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read --config ${opts.config}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    return parseBootConfig(text, opts.config);
  }
  const { md, client } = await (await import('../dns/dns-common.js')).metadataOf(ctx);
  const text = await md.readUserData(client);
  if (text === undefined) throw new UsageError('this instance has no user data, so no #scalectl block', 'give the block in the user data, or pass --config FILE');
  return parseBootConfig(text, 'the user data');
}

/** Each step in turn, each on its own: a failure is reported and the next step still runs. */
export async function boot(opts: BootOptions & { cfg: BootConfig }, ctx: Ctx): Promise<BootResult | PlanResult> {
  const { timingOf, metadataOf } = await import('../dns/dns-common.js');
  const timing = timingOf(ctx, opts.timeout);
  const { md, client } = await metadataOf(ctx);
  const id = await md.readInstanceIdentity(client);
  const me: Me = { instanceId: id.instanceId };
  const fallbackIp = id.publicIpv4 ?? id.privateIpv4;
  const cfg = opts.cfg;
  const todo: Array<[BootStepName, string, () => Promise<PreparedStep>]> = [
    ...(cfg.eip ? [['eip', 'allocationId' in cfg.eip ? cfg.eip.allocationId : cfg.eip.publicIp, () => prepareEip(ctx, cfg.eip!, me, timing)] as [BootStepName, string, () => Promise<PreparedStep>]] : []),
    ...(cfg.lb ? [['lb', cfg.lb, () => prepareLb(ctx, cfg.lb!, me, timing)] as [BootStepName, string, () => Promise<PreparedStep>]] : []),
    ...(cfg.dns ? [['dns', cfg.dns.name, () => prepareDns(ctx, cfg.dns!, me, fallbackIp, timing)] as [BootStepName, string, () => Promise<PreparedStep>]] : []),
  ];
  if (opts.dryRun) {
    const planned = [];
    // In a plan the Elastic IP is taken to be on the instance, so the DNS step shows that address.
    for (const [, , prepare] of todo) {
      const p = await prepare();
      if (p.step === 'eip' && p.action !== 'unchanged') me.ip = /^([\d.]+) /.exec(p.detail ?? '')?.[1];
      planned.push(p);
    }
    return toPlan(planned);
  }
  const steps: BootStepResult[] = [];
  for (const [step, target, prepare] of todo) {
    try {
      const p = await prepare();
      const detail = p.run ? await p.run() : p.detail;
      steps.push({ step, target, status: p.run ? 'done' : 'unchanged', ...(detail ? { detail } : {}) });
      ctx.log.progress(`${step} ${target}: ${p.run ? detail : `unchanged (${detail})`}`);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      const reason = classifyError(err).message;
      steps.push({ step, target, status: 'failed', reason });
      ctx.log.progress(`${step} ${target}: failed: ${reason}`);
    }
  }
  return { kind: 'boot', instanceId: me.instanceId, steps };
}

/** text: step, target, status (done, unchanged, failed), detail or reason. */
const bootView: View<BootResult> = {
  table: (r) => ({ head: ['STEP', 'TARGET', 'STATUS', 'DETAIL'], rows: r.steps.map((s) => [s.step, s.target, s.status, s.reason ?? s.detail ?? '']) }),
  text: (r) => r.steps.map((s) => [s.step, s.target, s.status, s.reason ?? s.detail ?? '']),
  json: ({ kind: _kind, ...r }) => {
    const done = r.steps.filter((s) => s.status === 'done');
    return { kind: 'instance', name: r.instanceId, status: done.length ? 'updated' : 'unchanged', changes: done.map((s) => `${s.step} ${s.target}: ${s.detail ?? 'done'}`), ...r };
  },
};
