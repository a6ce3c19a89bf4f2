// One place that checks every command's flags as commander reads them, so no command has to:
// a flag that takes a value refuses an empty one (`--stack ""` from an unset shell variable), and a
// flag that holds one value refuses to be given twice with different values, or together with its
// `--no-` form or its legacy spelling (commander would let the last one win silently).
import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';

/**
 * Legacy spellings kept as hidden flags beside the native ones (attribute names). Giving both with
 * different values is a conflict like `--drain 30 --no-drain`.
 */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['startTime', 'start'], ['endTime', 'end'], ['metricName', 'metric'], ['extendedStatistic', 'statistic'],
  ['comparisonOperator', 'comparison'], ['alarmDescription', 'description'], ['alarmNamePrefix', 'prefix'],
  ['stateValue', 'state'], ['autoScalingGroup', 'asg'],
];

interface Given {
  option: Option;
  value: string | undefined;
}

/** How the user typed it, for the error: `--drain 30`, `--no-drain`. */
const spelled = (g: Given) => {
  const flag = g.option.long ?? g.option.short ?? g.option.flags;
  if (g.value === undefined) return flag;
  return `${flag} ${/^[\w.:/@=,+-]+$/.test(g.value) ? g.value : JSON.stringify(g.value)}`;
};

/** Installs the checks on every command of `program` (call once, after the commands are registered). */
export function guardFlags(program: Command): void {
  const given = new Map<Command, Map<string, Given[]>>();
  const walk = (cmd: Command) => {
    for (const option of cmd.options) {
      cmd.on(`option:${option.name()}`, (value?: string) => {
        if ((option.required || option.optional) && typeof value === 'string' && value.trim() === '') {
          throw new UsageError(`${option.long ?? option.short} was given an empty value`, 'an unset shell variable? give a value or leave the flag out');
        }
        const byAttr = given.get(cmd) ?? new Map<string, Given[]>();
        given.set(cmd, byAttr);
        const list = byAttr.get(option.attributeName()) ?? [];
        list.push({ option, value });
        byAttr.set(option.attributeName(), list);
      });
    }
    cmd.commands.forEach(walk);
  };
  walk(program);
  program.hook('preAction', (_root, action) => {
    for (let cmd: Command | null = action; cmd; cmd = cmd.parent) checkConflicts(cmd, given.get(cmd));
    // Words passed through as typed: a completion request's (the last is often empty) and the
    // legacy tools' (`-p ""` clears a listener's policies), which their own parser checks.
    if (action.name() === 'complete' || action.name() === 'legacy') return;
    for (const arg of action.processedArgs as unknown[]) {
      const values = Array.isArray(arg) ? arg : [arg];
      if (values.some((v) => typeof v === 'string' && v.trim() === '')) {
        throw new UsageError(`${action.name()} was given an empty name`, 'an unset shell variable? give the name');
      }
    }
  });
}

function checkConflicts(cmd: Command, byAttr: Map<string, Given[]> | undefined): void {
  if (!byAttr) return;
  for (const [attr, list] of byAttr) {
    // Repeatable flags collect into a list: every occurrence counts, nothing is lost.
    if (Array.isArray(cmd.getOptionValue(attr))) continue;
    const first = list[0]!;
    const other = list.find((g) => g.option.negate !== first.option.negate || g.value !== first.value);
    if (other) throw new UsageError(`${spelled(first)} and ${spelled(other)} contradict each other`, 'give only one of them');
  }
  for (const [legacy, native] of ALIASES) {
    const a = byAttr.get(legacy)?.[0];
    const b = byAttr.get(native)?.[0];
    if (a && b && a.value !== b.value) throw new UsageError(`${spelled(b)} and ${spelled(a)} contradict each other`, 'give only one of them');
  }
}
