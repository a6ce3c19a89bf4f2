// as-set-desired-capacity, as-execute-policy, as-suspend-processes, as-resume-processes and
// as-describe-scaling-activities: translated onto the native day-two run functions.
import { listActivities } from '../../commands/asg/activities.js';
import { shortTime } from '../../commands/asg/common.js';
import { executePolicy } from '../../commands/asg/execute-policy.js';
import { processesOptions } from '../../commands/asg/processes.js';
import { resume } from '../../commands/asg/resume.js';
import { setCapacity } from '../../commands/asg/set-capacity.js';
import { suspend } from '../../commands/asg/suspend.js';
import { UsageError } from '../../errors.js';
import type { Parsed } from '../argv.js';
import { int, list, nameArg, val, type LegacyCommand } from '../framework.js';
import type { RecordType } from '../output.js';
import { done, OK } from '../ok.js';
import { policyRef } from './policy.js';

const ASG = { long: 'auto-scaling-group', kind: 'value' } as const;
const COOLDOWN = [{ long: 'honor-cooldown', short: 'h', kind: 'flag' }, { long: 'no-honor-cooldown', short: 'H', kind: 'flag' }] as const;

/** -h/--honor-cooldown or -H/--no-honor-cooldown (the default, as in the API). */
function honorCooldown(p: Parsed): boolean {
  if (p.flags.has('honor-cooldown') && p.flags.has('no-honor-cooldown')) throw new UsageError('--honor-cooldown and --no-honor-cooldown contradict each other');
  return p.flags.has('honor-cooldown');
}

function capacityArgs(p: Parsed) {
  const group = nameArg(p, 'AutoScalingGroupName', 'auto-scaling-group');
  const desired = int(p, 'desired-capacity', 0);
  if (desired === undefined) throw new UsageError('--desired-capacity is required');
  return { group, desired, honorCooldown: honorCooldown(p) };
}

export const asSetDesiredCapacity: LegacyCommand = {
  name: 'as-set-desired-capacity',
  usage: 'as-set-desired-capacity AutoScalingGroupName --desired-capacity value [-h/--honor-cooldown | -H/--no-honor-cooldown] [General Options]',
  options: [ASG, { long: 'desired-capacity', short: 'c', kind: 'value' }, ...COOLDOWN],
  translate: (p) => {
    const a = capacityArgs(p);
    return { args: ['set-capacity', a.group, String(a.desired), ...(a.honorCooldown ? ['--honor-cooldown'] : [])] };
  },
  run: async (p, ctx) => {
    const r = done(await setCapacity({ ...capacityArgs(p), wait: false, timeoutSeconds: 600, dryRun: false }, ctx));
    return { lines: [OK.setDesiredCapacity] };
  },
};

export const asExecutePolicy: LegacyCommand = {
  name: 'as-execute-policy',
  usage: 'as-execute-policy PolicyName [--auto-scaling-group value] [-h/--honor-cooldown | -H/--no-honor-cooldown] [General Options]',
  options: [{ long: 'name', kind: 'value' }, { long: 'auto-scaling-group', short: 'g', kind: 'value' }, ...COOLDOWN],
  translate: (p) => {
    const { group, name } = policyRef(p);
    return { args: ['execute-policy', name, '--asg', group, ...(honorCooldown(p) ? ['--honor-cooldown'] : [])] };
  },
  run: async (p, ctx) => {
    const { group, name } = policyRef(p);
    const r = done(await executePolicy({ policy: name, group, honorCooldown: honorCooldown(p), dryRun: false }, ctx));
    return { lines: [OK.executePolicy] };
  },
};

function processesCommand(mode: 'suspend' | 'resume'): LegacyCommand {
  const name = `as-${mode}-processes`;
  const opts = (p: Parsed) => processesOptions(nameArg(p, 'AutoScalingGroupName', 'auto-scaling-group'), list(p, 'processes') ?? [], {});
  return {
    name,
    usage: `${name} AutoScalingGroupName [--processes value[,value...]] [General Options]`,
    options: [ASG, { long: 'processes', kind: 'list' }],
    translate: (p) => {
      const o = opts(p);
      return { args: [mode, o.group, ...o.processes] };
    },
    run: async (p, ctx) => {
      const o = opts(p);
      const r = done(await (mode === 'suspend' ? suspend : resume)(o, ctx));
      return { lines: [mode === 'suspend' ? OK.suspendProcesses : OK.resumeProcesses] };
    },
  };
}

export const asSuspendProcesses = processesCommand('suspend');
export const asResumeProcesses = processesCommand('resume');

/** The old tool's ACTIVITY line: id, end time, group, status code, message; --show-long adds the rest. */
const ACTIVITY: RecordType = {
  type: 'ACTIVITY',
  columns: [{ head: 'ACTIVITY-ID' }, { head: 'END-TIME' }, { head: 'GROUP-NAME' }, { head: 'CODE' }, { head: 'MESSAGE' }, { head: 'START-TIME', long: true }, { head: 'PROGRESS', long: true }, { head: 'DESCRIPTION', long: true }, { head: 'CAUSE', long: true }],
};

function activitiesArgs(p: Parsed) {
  const group = val(p, 'auto-scaling-group');
  if (!group) throw new UsageError('--auto-scaling-group is required: scalectl reads the activities of one group');
  const max = int(p, 'max-records', 1) ?? 20;
  if (max > 1000) throw new UsageError(`--max-records is at most 1000, got ${max}`);
  return { group, max, ids: [...p.positional.flatMap((x) => x.split(',')), ...(list(p, 'activity-ids') ?? [])].map((x) => x.trim()).filter(Boolean) };
}

export const asDescribeScalingActivities: LegacyCommand = {
  name: 'as-describe-scaling-activities',
  usage: 'as-describe-scaling-activities [ActivityIds...] --auto-scaling-group value [--max-records value] [General Options]',
  options: [{ long: 'auto-scaling-group', short: 'g', kind: 'value' }, { long: 'activity-ids', kind: 'list' }, { long: 'max-records', kind: 'value' }],
  translate: (p) => {
    const a = activitiesArgs(p);
    return { args: ['activities', a.group, '--max', String(a.max)], ...(a.ids.length ? { notes: ['activities lists the latest ones; pick the ids wanted from its output'] } : {}) };
  },
  run: async (p, ctx) => {
    const a = activitiesArgs(p);
    const r = await listActivities({ group: a.group, max: a.max }, ctx);
    const rows = a.ids.length ? r.activities.filter((x) => a.ids.includes(x.id)) : r.activities;
    return {
      records: rows.map((x) => ({ of: ACTIVITY, cells: [x.id, shortTime(x.end), a.group, x.status, x.statusMessage, shortTime(x.start), x.progress, x.description, x.cause] })),
    };
  },
};
