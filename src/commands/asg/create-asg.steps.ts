// The converge logic of create-asg: live state → steps → run → optional wait. Split from
// create-asg.ts to keep each file readable; it loads the services lazily like any command.
import type { Ctx } from '../../deps.js';
import { describeNewGroup, groupChanges, launchDataChanges, loadBalancerChanges, type Group, type GroupSpec, type LaunchData, type LaunchSource } from '../../domain/asg-plan.js';
import { formatElapsed, launchTemplateEquivalent, type CreateAsgOptions, type CreateAsgResult } from '../../domain/asg-options.js';
import { tagsToWrite } from '../../domain/asg-tags.js';
import { STACK_TAG } from '../../domain/stack.js';
import { NotFoundError, OperationError } from '../../errors.js';
import { executePlan, placeholder, readLive, stepLabel, toPlan, type PlanResult, type Step } from '../../plan.js';
import type { BalancerPlacement } from '../../domain/asg-placement.js';
import { defaultPlacement, launchDataOf, readBalancers, resolveRootVolume, warnZoneMismatch } from './create-asg.extras.js';

interface Live {
  group?: Group;
  templateExists: boolean;
  defaultVersion?: number;
  /** Id and tags of our own template when it exists, to add the stack tag a re-run asks for. */
  template?: { id?: string; tags: Array<{ key: string; value: string }> };
  templateData?: LaunchData;
  launchConfigExists?: boolean;
  regionZones?: string[];
  /** The classic balancers of --lb that exist. */
  balancers: BalancerPlacement[];
  /** The launch data with the AMI's root device filled in (--volume-size). */
  data?: LaunchData;
}

/** How often --wait looks at the group. */
const POLL_MS = 15_000;

export async function convergeGroup(o: CreateAsgOptions, ctx: Ctx): Promise<CreateAsgResult | PlanResult> {
  const as = await import('../../services/autoscaling.js');
  const ec2 = await import('../../services/ec2.js');
  const asc = () => ctx.aws.autoscaling();
  const ec2c = () => ctx.aws.ec2();

  const wanted = launchDataOf(o);
  if (wanted?.imdsTokens === 'optional') ctx.log.warn('--imds-v1: instances also answer metadata requests without a token (IMDSv1), which a request-forgery bug in the application can use to read the instance role\'s credentials; drop --imds-v1 once the software on the image uses IMDSv2');
  const live = await readLive<Live>(ctx, o.dryRun, async () => {
    const out: Live = { templateExists: false, balancers: [] };
    const data = await resolveRootVolume(wanted, ctx);
    if (data) out.data = data;
    const group = await as.findGroup(await asc(), o.name);
    if (group) out.group = group;
    const l = o.launch;
    if (l.kind === 'own-template' || l.kind === 'template') {
      const t = await ec2.findLaunchTemplate(await ec2c(), l.name);
      out.templateExists = t !== undefined;
      if (t) out.template = { ...(t.id ? { id: t.id } : {}), tags: t.tags };
      if (t?.defaultVersion !== undefined) out.defaultVersion = t.defaultVersion;
      if (l.kind === 'template' && !t) throw new NotFoundError(`launch template ${l.name} does not exist`, `create it, or drop --launch-template and pass --image-id and --instance-type so scalectl makes template "${o.name}"`);
      if (l.kind === 'template' && /^\d+$/.test(l.version) && !(await ec2.getLaunchTemplateData(await ec2c(), l))) {
        throw new NotFoundError(`launch template ${l.name} has no version ${l.version}`, `latest is ${t?.latestVersion ?? 'unknown'}; pass ${l.name}:$Default or an existing version`);
      }
      if (l.kind === 'own-template' && t) {
        const data = await ec2.getLaunchTemplateData(await ec2c(), { name: l.name, version: '$Default' });
        if (data) out.templateData = data;
      }
    } else {
      out.launchConfigExists = await as.launchConfigurationExists(await asc(), l.name);
      if (!out.launchConfigExists && !l.data) throw new NotFoundError(`launch configuration ${l.name} does not exist`, 'pass --image-id and --instance-type to create it, or better, drop --launch-config to use a launch template');
    }
    out.balancers = await readBalancers(o, ctx);
    if (!group && !o.zones && !o.subnets && !out.balancers.length) out.regionZones = await ec2.listAvailabilityZones(await ec2c());
    return out;
  }, { templateExists: false, balancers: [] });

  const targets = await (await import('./create-asg.targets.js')).resolveTargets(o, ctx);
  if (live.group?.status) throw new OperationError(`Auto Scaling group ${o.name} is being deleted (${live.group.status})`, 'wait until it is gone, then re-run');
  const steps: Step[] = [];
  const l = live.data && o.launch.kind !== 'template' ? { ...o.launch, data: live.data } : o.launch;
  const running = live.group?.instances.filter((i) => !/^Terminat/.test(i.lifecycleState ?? '')).length ?? 0;
  const rollHint = `${running} running instance${running === 1 ? '' : 's'} of ${o.name} keep${running === 1 ? 's' : ''} the version ${running === 1 ? 'it was' : 'they were'} launched from; run "scalectl roll ${o.name}" to replace ${running === 1 ? 'it' : 'them'}`;
  let newVersion = false;
  let launch: LaunchSource;
  if (l.kind === 'own-template') {
    // The group follows the template's default version ($Default): a new version made default is
    // what the next instances launch, and the group itself needs no change to pick it up.
    launch = { kind: 'template', name: l.name, version: '$Default' };
    const tags = o.stack ? [{ key: STACK_TAG, value: o.stack }] : [];
    if (!live.templateExists) {
      steps.push({ action: 'create', resource: 'launch-template', name: l.name, detail: `${l.data.imageId} ${l.data.instanceType}`, request: { service: 'ec2', operation: 'CreateLaunchTemplate', input: hideUserData(ec2.createLaunchTemplateInput({ name: l.name, data: l.data, tags })) }, run: async () => ec2.createLaunchTemplate(await ec2c(), { name: l.name, data: l.data, tags }) });
    } else {
      const changed = live.templateData ? launchDataChanges(live.templateData, l.data) : ['launch data'];
      if (changed.length) {
        newVersion = true;
        steps.push({ action: 'update', resource: 'launch-template', name: l.name, detail: `new default version: ${changed.join(', ')}${running && o.dryRun ? `; ${rollHint}` : ''}`, request: { service: 'ec2', operation: 'CreateLaunchTemplateVersion', input: hideUserData(ec2.createLaunchTemplateVersionInput({ name: l.name, data: l.data })) }, run: async () => void (await ec2.createDefaultLaunchTemplateVersion(await ec2c(), { name: l.name, data: l.data })) });
      } else steps.push({ action: 'unchanged', resource: 'launch-template', name: l.name, ...(live.defaultVersion !== undefined ? { detail: `default version ${live.defaultVersion}` } : {}), run: async () => {} });
      const id = live.template?.id;
      const missing = tags.filter((t) => !live.template?.tags.some((x) => x.key === t.key && x.value === t.value));
      // A template made before --stack was given: tag it so status and teardown find it.
      if (missing.length && id) {
        steps.push({ action: 'tag', resource: 'launch-template', name: l.name, detail: missing.map((t) => `${t.key}=${t.value}`).join(', '), request: { service: 'ec2', operation: 'CreateTags', input: ec2.tagLaunchTemplateInput({ id, tags: missing }) }, run: async () => ec2.tagLaunchTemplate(await ec2c(), { id, tags: missing }) });
      }
    }
  } else if (l.kind === 'template') {
    launch = { kind: 'template', name: l.name, version: l.version };
  } else {
    launch = { kind: 'config', name: l.name };
    if (!live.launchConfigExists && l.data) {
      const data = l.data;
      steps.push({ action: 'create', resource: 'launch-configuration', name: l.name, detail: `${data.imageId} ${data.instanceType}`, run: async () => {
        try {
          await as.createLaunchConfiguration(await asc(), { name: l.name, data });
        } catch (err) {
          throw launchConfigRefusal(err, o, data) ?? err;
        }
      } });
    }
  }

  const fromBalancers = !o.zones && !o.subnets && !live.group ? defaultPlacement(o, live.balancers, ctx) : undefined;
  const spec: GroupSpec = {
    name: o.name, min: o.min, max: o.max, launch, loadBalancers: targets?.classic ?? o.loadBalancers ?? [], ...(targets?.targetGroupArns.length ? { targetGroupArns: targets.targetGroupArns } : {}), tags: o.tags,
    ...pick(o, ['desired', 'cooldown', 'healthCheckType', 'gracePeriod', 'subnets', 'terminationPolicies']),
    ...(o.zones ? { zones: o.zones } : fromBalancers ?? (!o.subnets && !live.group ? { zones: live.regionZones ?? [placeholder(o.loadBalancers?.length ? `the zones or subnets of load balancer${o.loadBalancers.length > 1 ? 's' : ''} ${o.loadBalancers.join(', ')}` : 'every available zone of the region')] } : {})),
  };
  const g = live.group;
  if (!fromBalancers) await warnZoneMismatch(o, spec, g, live.balancers, ctx);
  if (!g) {
    steps.push({ action: 'create', resource: 'auto-scaling-group', name: o.name, detail: describeNewGroup(spec), request: { service: 'autoscaling', operation: 'CreateAutoScalingGroup', input: as.createGroupInput(spec) }, run: async () => as.createGroup(await asc(), spec, { sleep: (ms) => ctx.clock.sleep(ms, ctx.signal) }) });
  } else {
    const { zones: _z, ...wanted } = spec;
    const { changes, fields } = groupChanges(g, o.zones ? spec : wanted);
    if (fields.length) steps.push({ action: 'update', resource: 'auto-scaling-group', name: o.name, detail: fields.join(', '), request: { service: 'autoscaling', operation: 'UpdateAutoScalingGroup', input: as.updateGroupInput({ name: o.name, settings: changes }) }, run: async () => as.updateGroup(await asc(), { name: o.name, settings: changes }) });
    const lbs = targets?.classic ? loadBalancerChanges(g.loadBalancers, targets.classic) : { attach: [], detach: [] };
    const tgs = targets ? loadBalancerChanges(g.targetGroupArns ?? [], targets.targetGroupArns) : { attach: [], detach: [] };
    if (tgs.attach.length) steps.push({ action: 'attach', resource: 'target-group', name: tgs.attach.map(tgName).join(','), detail: `to ${o.name}`, request: { service: 'autoscaling', operation: 'AttachLoadBalancerTargetGroups', input: { AutoScalingGroupName: o.name, TargetGroupARNs: tgs.attach } }, run: async () => as.attachTargetGroups(await asc(), { name: o.name, arns: tgs.attach }) });
    if (tgs.detach.length) steps.push({ action: 'detach', resource: 'target-group', name: tgs.detach.map(tgName).join(','), detail: `from ${o.name}`, request: { service: 'autoscaling', operation: 'DetachLoadBalancerTargetGroups', input: { AutoScalingGroupName: o.name, TargetGroupARNs: tgs.detach } }, run: async () => as.detachTargetGroups(await asc(), { name: o.name, arns: tgs.detach }) });
    if (lbs.attach.length) steps.push({ action: 'attach', resource: 'load-balancer', name: lbs.attach.join(','), detail: `to ${o.name}`, request: { service: 'autoscaling', operation: 'AttachLoadBalancers', input: { AutoScalingGroupName: o.name, LoadBalancerNames: lbs.attach } }, run: async () => as.attachLoadBalancers(await asc(), { name: o.name, loadBalancers: lbs.attach }) });
    if (lbs.detach.length) steps.push({ action: 'detach', resource: 'load-balancer', name: lbs.detach.join(','), detail: `from ${o.name}`, request: { service: 'autoscaling', operation: 'DetachLoadBalancers', input: { AutoScalingGroupName: o.name, LoadBalancerNames: lbs.detach } }, run: async () => as.detachLoadBalancers(await asc(), { name: o.name, loadBalancers: lbs.detach }) });
    const tags = tagsToWrite(g.tags, o.tags);
    if (tags.length) steps.push({ action: 'tag', resource: 'auto-scaling-group', name: o.name, detail: tags.map((t) => t.key).join(', '), request: { service: 'autoscaling', operation: 'CreateOrUpdateTags', input: as.tagGroupInput({ name: o.name, tags }) }, run: async () => as.tagGroup(await asc(), { name: o.name, tags }) });
    if (!fields.length && !lbs.attach.length && !lbs.detach.length && !tgs.attach.length && !tgs.detach.length && !tags.length) steps.push({ action: 'unchanged', resource: 'auto-scaling-group', name: o.name, run: async () => {} });
  }

  if (o.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  const relaunch = newVersion || steps.some((s) => s.resource === 'auto-scaling-group' && s.action === 'update' && / ?launch\b/.test(s.detail ?? ''));
  if (relaunch && running) ctx.log.warn(`${o.name} launches from a new launch template version now: ${rollHint}`);
  const changes = steps.filter((s) => s.action !== 'unchanged').map(stepLabel);
  const result: CreateAsgResult = {
    name: o.name,
    action: !g ? 'created' : changes.length ? 'updated' : 'unchanged',
    ...(launch.kind === 'template' ? { launchTemplate: { name: launch.name, version: launch.version } } : { launchConfiguration: launch.name }),
    changes,
  };
  if (o.wait) result.inService = await waitInService(o, ctx, as);
  return result;
}

async function waitInService(o: CreateAsgOptions, ctx: Ctx, as: typeof import('../../services/autoscaling.js')): Promise<NonNullable<CreateAsgResult['inService']>> {
  const end = await as.waitForGroupInService(await ctx.aws.autoscaling(), {
    name: o.name, elb: () => ctx.aws.elb(), targetHealth: async (arn) => (await import('../../services/elbv2-targets.js')).targetHealthOf(await ctx.aws.elbv2(), arn), timeoutMs: o.timeoutSeconds * 1000, pollMs: POLL_MS, clock: ctx.clock, signal: ctx.signal,
    onProgress: (p) => ctx.log.status(`waiting for ${o.name}: ${p.ready} of ${p.desired} instances InService (${formatElapsed(p.elapsedMs)})`),
  });
  ctx.log.endStatus();
  if (!end.done) {
    throw new OperationError(
      `timed out after ${formatElapsed(o.timeoutSeconds * 1000)} waiting for ${o.name}: ${end.ready} of ${end.desired} instances InService; still pending: ${end.pending.join(', ')}`,
      `the group exists and keeps launching; re-run with a longer --timeout, or see why with "aws autoscaling describe-scaling-activities --auto-scaling-group-name ${o.name}"`,
    );
  }
  return { ready: end.ready, desired: end.desired, elapsedSeconds: Math.round(end.elapsedMs / 1000) };
}

/** A word as a shell reads it back: quoted when it holds anything but safe characters. */
function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** AWS's launch-configuration retirement refusal, turned into an error that shows the launch-template way. */
function launchConfigRefusal(err: unknown, o: CreateAsgOptions, data: LaunchData): OperationError | undefined {
  const e = err as Error;
  if (!/^UnsupportedOperation/.test(e.name ?? '') && !/launch configuration creation operation is not available/i.test(e.message ?? '')) return undefined;
  const rest = [`--min ${o.min}`, `--max ${o.max}`, o.desired !== undefined && `--desired ${o.desired}`, o.zones && `--zones ${o.zones.join(',')}`, o.subnets && `--subnets ${o.subnets.join(',')}`, o.loadBalancers?.length && `--lb ${o.loadBalancers.join(',')}`, o.healthCheckType && `--health-check-type ${o.healthCheckType}`, o.gracePeriod !== undefined && `--grace-period ${o.gracePeriod}`,
    o.cooldown !== undefined && `--cooldown ${o.cooldown}`, o.terminationPolicies?.length && `--termination-policies ${o.terminationPolicies.join(',')}`,
    ...o.tags.filter((t) => t.key !== STACK_TAG).map((t) => (t.propagate ? `--tag ${shellWord(`${t.key}=${t.value}`)}` : `--tag ${shellWord(`k=${t.key},v=${t.value},p=false`)}`)),
    o.stack && `--stack ${o.stack}`].filter((x): x is string => typeof x === 'string');
  return new OperationError(
    `AWS no longer lets this account create launch configurations (${e.name}: ${e.message})`,
    `use a launch template instead: ${launchTemplateEquivalent(o.name, data, rest)}`,
    { cause: err },
  );
}

/** User data often carries passwords and tokens (base64 hides nothing): a plan shows only its size. */
function hideUserData<T extends { LaunchTemplateData: { UserData?: string } }>(input: T): T {
  const ud = input.LaunchTemplateData.UserData;
  return ud ? { ...input, LaunchTemplateData: { ...input.LaunchTemplateData, UserData: `<user data, ${Buffer.from(ud, 'base64').length} bytes>` } } : input;
}

/** `web-80` from a target group ARN, for plans and progress. */
const tgName = (arn: string) => arn.split('/')[1] ?? arn;

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
