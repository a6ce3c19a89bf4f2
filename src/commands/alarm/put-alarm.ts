import { nameProblem, namespaceProblem } from '../../domain/aws-names.js';
import { Option, type Command } from 'commander';
import type { Ctx, Deps } from '../../deps.js';
import { actionLabel, alarmDifferences, alarmProblems, conditionText, type AlarmSettings } from '../../domain/alarm.js';
import { withStackTag, type Tag } from '../../domain/stack.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { render, type View } from '../../output/render.js';
import { executePlan, placeholder, planView, readLive, toPlan, type PlanResult, type Step } from '../../plan.js';
import { alarmFlags, addAlarmFlags, type AlarmFlags } from './alarm-options.js';
import { addDryRun, addStack, addTags, contextOf } from '../options.js';
import { addDocs, type CommandDocs } from '../docs.js';

const docs: CommandDocs = {
  examples: [
    "scalectl put-alarm cpu-high --metric CPUUtilization --namespace AWS/EC2 --statistic Average --period 300 --threshold 70 --comparison gt --evaluation-periods 2 --dimension AutoScalingGroupName=web-asg --scale-policy scale-up --asg web-asg",
    "scalectl put-alarm web-5xx --metric HTTPCode_Backend_5XX --namespace AWS/ELB --statistic Sum --period 60 --threshold 10 --comparison ge --evaluation-periods 1 --dimension LoadBalancerName=web --action arn:aws:sns:us-east-1:123456789012:ops",
  ],
  text: [
    "name, status (created, updated or unchanged)",
    "with --dry-run, the plan: action, resource, name, request, detail",
  ],
  exitCodes: [3, 4],
};
import { declarePermissions } from '../permissions.js';

/** The AWS actions `put-alarm` can send (read by `scalectl policy` and the drift test). */
export const permissions = declarePermissions('put-alarm', {
  actions: [
    'autoscaling:DescribePolicies',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:ListTagsForResource',
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:TagResource',
  ],
  subject: 'alarm',
});

/** Parsed flags of `put-alarm`. */
export interface PutAlarmOptions {
  alarm: AlarmSettings;
  /** Scaling policies whose ARNs become alarm actions, looked up by name in their group. */
  scalePolicies: Array<{ group: string; policy: string }>;
  tags: Tag[];
  dryRun: boolean;
}

/** What put-alarm did. */
export interface PutAlarmResult {
  name: string;
  /** `created`, `updated` or `unchanged`. */
  result: 'created' | 'updated' | 'unchanged';
  /** Settings that differed, for an update. */
  changed: string[];
  alarmActions: string[];
}

export function registerPutAlarm(program: Command, deps: Deps, run = putAlarm): void {
  const cmd = addDocs(program.command('put-alarm'), docs)
    .description('create or update a CloudWatch metric alarm; wire it to scaling policies by name')
    .argument('[name]', 'alarm name (the legacy --alarm-name works too)');
  addAlarmFlags(cmd);
  addTags(cmd);
  addStack(cmd);
  addDryRun(cmd);
  cmd.addOption(new Option('--actions-enabled <bool>', 'legacy: false to create the alarm with its actions off').choices(['true', 'false']).hideHelp());
  cmd.addOption(new Option('--alarm-name <name>').hideHelp());
  cmd.action(async (arg: string | undefined, flags: AlarmFlags & { alarmName?: string; tag?: Tag[]; stack?: string; dryRun?: boolean }, c: Command) => {
    if (arg && flags.alarmName && arg !== flags.alarmName) throw new UsageError(`two alarm names given: ${arg} and --alarm-name ${flags.alarmName}`, 'give the name once');
    const name = arg ?? flags.alarmName;
    if (!name) throw new UsageError('put-alarm needs an alarm name', 'e.g. scalectl put-alarm cpu-high --metric CPUUtilization …');
    const opts: PutAlarmOptions = { ...alarmFlags(name, flags), tags: withStackTag(flags.tag ?? [], flags.stack), dryRun: flags.dryRun === true };
    // Policies become alarm actions, so they count towards the five-per-state limit.
    const problems = [nameProblem('alarm name', name), nameProblem('--metric', opts.alarm.metric), namespaceProblem(opts.alarm.namespace)].filter((p): p is string => p !== undefined);
    problems.push(...alarmProblems({ ...opts.alarm, alarmActions: [...opts.alarm.alarmActions, ...opts.scalePolicies.map((p) => p.policy)] }));
    if (problems.length) throw new UsageError(problems.join('; '), 'nothing was sent to AWS');
    const ctx = await contextOf(c, deps);
    const result = await run(opts, ctx);
    if ('dryRun' in result) await render(result, planView, ctx, ctx.io);
    else await render(result, putAlarmView, ctx, ctx.io);
  });
}

/** Pauses before looking a missing policy up again (eventual consistency right after put-policy). */
const POLICY_RETRY_MS = [2000, 4000];

export async function putAlarm(opts: PutAlarmOptions, ctx: Ctx): Promise<PutAlarmResult | PlanResult> {
  const want: AlarmSettings = { ...opts.alarm, alarmActions: [...opts.alarm.alarmActions] };
  if (opts.scalePolicies.length) {
    const as = await import('../../services/autoscaling-policies.js');
    for (const p of opts.scalePolicies) {
      let arn = await readLive(ctx, opts.dryRun, async () => as.findPolicyArn(await ctx.aws.autoscaling(), p), undefined);
      // A policy made a moment ago by put-policy may not be listed yet: look again briefly before giving up.
      for (const wait of opts.dryRun ? [] : POLICY_RETRY_MS) {
        if (arn) break;
        ctx.log.status(`waiting for scaling policy ${p.policy} in ${p.group} to be listed`);
        await ctx.clock.sleep(wait, ctx.signal);
        arn = await as.findPolicyArn(await ctx.aws.autoscaling(), p);
      }
      ctx.log.endStatus();
      if (arn) want.alarmActions.push(arn);
      else if (opts.dryRun) want.alarmActions.push(placeholder(`arn of policy ${p.policy} in ${p.group}`));
      else throw new NotFoundError(`scaling policy ${p.policy} not found in Auto Scaling group ${p.group}`, `create it with "scalectl put-policy ${p.policy} --asg ${p.group} …" or check the names with "scalectl describe-policies --asg ${p.group}"`);
    }
  }
  const cw = await import('../../services/cloudwatch.js');
  const live = await readLive(ctx, opts.dryRun, async () => cw.findAlarm(await ctx.aws.cloudwatch(), want.name), undefined);
  const steps: Step[] = [];
  const put = (input: ReturnType<typeof cw.putAlarmInput>) => async () => cw.putAlarm(await ctx.aws.cloudwatch(), input);
  let changed: string[] = [];
  if (!live) {
    const input = cw.putAlarmInput(want, opts.tags);
    const actions = want.alarmActions.length ? ` → ${want.alarmActions.map(actionLabel).join(', ')}` : '';
    steps.push({ action: 'create', resource: 'alarm', name: want.name, detail: `${conditionText(want)} on ${[want.namespace, ...want.dimensions.map((d) => `${d.name}=${d.value}`)].join(' ')}${actions}`, request: { service: 'cloudwatch', operation: 'PutMetricAlarm', input }, run: put(input) });
  } else {
    changed = alarmDifferences(want, live);
    if (changed.length) {
      const input = cw.putAlarmInput(want);
      steps.push({ action: 'update', resource: 'alarm', name: want.name, detail: changed.join(', '), request: { service: 'cloudwatch', operation: 'PutMetricAlarm', input }, run: put(input) });
    }
    if (opts.tags.length) {
      const arn = live.arn;
      if (!arn) ctx.log.warn(`alarm ${want.name} has no ARN in the DescribeAlarms answer; its tags were not checked`);
      else {
        const have = await cw.listAlarmTags(await ctx.aws.cloudwatch(), arn);
        const missing = opts.tags.filter((t) => !have.some((h) => h.key === t.key && h.value === t.value));
        if (missing.length) {
          changed.push('tags');
          steps.push({
            action: 'tag', resource: 'alarm', name: want.name, detail: missing.map((t) => `${t.key}=${t.value}`).join(', '),
            request: { service: 'cloudwatch', operation: 'TagResource', input: { ResourceARN: arn, Tags: missing.map((t) => ({ Key: t.key, Value: t.value })) } },
            run: async () => cw.tagAlarm(await ctx.aws.cloudwatch(), { arn, tags: missing }),
          });
        }
      }
    }
    if (steps.length === 0) steps.push({ action: 'unchanged', resource: 'alarm', name: want.name, run: async () => {} });
  }
  if (opts.dryRun) return toPlan(steps);
  await executePlan(steps, ctx.log);
  const result = !live ? 'created' : steps.some((s) => s.action !== 'unchanged') ? 'updated' : 'unchanged';
  return { name: want.name, result, changed, alarmActions: want.alarmActions };
}

const putAlarmView: View<PutAlarmResult> = {
  table: (r, st) => ({ head: ['ALARM', 'RESULT', 'CHANGED'], rows: [[r.name, r.result === 'unchanged' ? st.dim(r.result) : st.green(r.result), r.changed.join(', ') || '-']] }),
  text: (r) => [[r.name, r.result]],
  json: (r) => ({ kind: 'alarm', name: r.name, status: r.result, changes: r.result === 'created' ? ['create alarm'] : r.changed.map((c) => `set ${c}`), alarmActions: r.alarmActions }),
};
