// as-put-scaling-policy (prints the bare ARN), as-describe-policies, as-delete-policy.
import { describePolicies } from '../../commands/asg/describe-policies.js';
import { putPolicy, putPolicyOptions } from '../../commands/asg/put-policy.js';
import { parsePolicyArn } from '../../domain/alarm.js';
import { NotFoundError, UsageError } from '../../errors.js';
import type { Parsed } from '../argv.js';
import { int, nameArg, need, val, type LegacyCommand } from '../framework.js';
import type { RecordType } from '../output.js';

const GROUP = { long: 'auto-scaling-group', short: 'g', kind: 'value' } as const;

function policyFlags(p: Parsed) {
  const adjustment = int(p, 'adjustment');
  const minStep = int(p, 'min-adjustment-step');
  const cooldown = int(p, 'cooldown', 0);
  return {
    autoScalingGroup: need(p, 'auto-scaling-group'), ...(val(p, 'type') !== undefined ? { type: val(p, 'type')! } : {}),
    ...(adjustment !== undefined ? { adjustment } : {}), ...(minStep !== undefined ? { minStep } : {}), ...(cooldown !== undefined ? { cooldown } : {}),
  };
}

export const asPutScalingPolicy: LegacyCommand = {
  name: 'as-put-scaling-policy',
  usage: 'as-put-scaling-policy PolicyName --type value --auto-scaling-group value --adjustment value [--cooldown value] [--min-adjustment-step value] [General Options]',
  options: [{ long: 'name', kind: 'value' }, { long: 'type', short: 't', kind: 'value' }, GROUP, { long: 'adjustment', short: 'a', kind: 'value' }, { long: 'cooldown', kind: 'value' }, { long: 'min-adjustment-step', short: 's', kind: 'value' }],
  translate: (p) => {
    const f = policyFlags(p);
    const amount = f.adjustment === undefined ? [] : [f.type === 'ExactCapacity' ? '--exact' : f.type === 'PercentChangeInCapacity' ? '--percent' : '--adjust', String(f.adjustment)];
    // `--adjust=-1` keeps the negative value attached, as the legacy habit did.
    const joined = amount.length ? [`${amount[0]}=${amount[1]}`] : [];
    return { args: ['put-policy', nameArg(p, 'PolicyName', 'name'), '--asg', f.autoScalingGroup, ...joined, ...(f.minStep !== undefined ? ['--min-step', String(f.minStep)] : []), ...(f.cooldown !== undefined ? ['--cooldown', String(f.cooldown)] : [])] };
  },
  run: async (p, ctx) => {
    if (!p.values.has('adjustment')) throw new UsageError('--adjustment is required (write a negative one as --adjustment=-1 or -a -1)');
    const r = await putPolicy(putPolicyOptions(nameArg(p, 'PolicyName', 'name'), policyFlags(p)), ctx);
    if ('dryRun' in r) throw new Error('unexpected plan');
    return { lines: [r.arn] };
  },
};

const POLICY: RecordType = { type: 'SCALING-POLICY', columns: [{ head: 'GROUP-NAME' }, { head: 'POLICY-NAME' }, { head: 'SCALING-ADJUSTMENT' }, { head: 'MIN-ADJ-STEP' }, { head: 'ADJUSTMENT-TYPE' }, { head: 'COOLDOWN' }, { head: 'POLICY-ARN' }, { head: 'ALARMS', long: true }] };

export const asDescribePolicies: LegacyCommand = {
  name: 'as-describe-policies',
  usage: 'as-describe-policies [PolicyNames...] [--auto-scaling-group value] [--max-records value] [General Options]',
  options: [GROUP, { long: 'max-records', kind: 'value' }],
  translate: (p) => ({ args: ['describe-policies', ...(val(p, 'auto-scaling-group') ? ['--asg', val(p, 'auto-scaling-group')!] : [])] }),
  run: async (p, ctx) => {
    const group = val(p, 'auto-scaling-group');
    const r = await describePolicies(group ? { group } : {}, ctx);
    const wanted = p.positional;
    const rows = r.policies.filter((x) => !wanted.length || wanted.includes(x.name) || (x.arn !== null && wanted.includes(x.arn)));
    return { records: rows.map((x) => ({ of: POLICY, cells: [x.group, x.name, x.adjustment, x.minStep, x.adjustmentType, x.cooldown, x.arn, x.alarms.join(',')] })) };
  },
};

export const asDeletePolicy: LegacyCommand = {
  name: 'as-delete-policy',
  usage: 'as-delete-policy PolicyName [--auto-scaling-group value] [-f/--force] [General Options]',
  options: [{ long: 'name', kind: 'value' }, GROUP, { long: 'force', short: 'f', kind: 'flag' }],
  prompt: () => ['Are you sure you want to delete this policy?'],
  translate: () => ({ args: [], notes: ['teardown --asg GROUP deletes a group with its policies; no native command deletes one policy yet'] }),
  run: async (p, ctx) => {
    const { group, name } = policyRef(p);
    const { deletePolicyIfExists } = await import('../../services/autoscaling-policies.js');
    if ((await deletePolicyIfExists(await ctx.aws.autoscaling(), { group, name })) === 'already gone') throw new NotFoundError(`policy ${name} not found in group ${group}`);
    return { lines: ['OK-Deleted Policy'] };
  },
};

/** A policy name with -g GROUP, or its ARN (which names the group). */
export function policyRef(p: Parsed): { group: string; name: string } {
  const ref = nameArg(p, 'PolicyName', 'name');
  const fromArn = ref.startsWith('arn:') ? parsePolicyArn(ref) : undefined;
  if (ref.startsWith('arn:') && !fromArn) throw new UsageError(`"${ref}" is not a scaling policy ARN`);
  const group = fromArn?.group ?? val(p, 'auto-scaling-group');
  if (!group) throw new UsageError('--auto-scaling-group is required unless the policy is given by its ARN');
  return { group, name: fromArn?.policy ?? ref };
}
