// The flags of put-alarm, modern and legacy (mon-put-metric-alarm) spellings, and their merge into
// AlarmSettings. Kept apart from put-alarm.ts only for size.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseComparison, parseStatistic, TREAT_MISSING_DATA, type AlarmSettings, type Comparison, type StatisticChoice, type TreatMissingData, type Unit } from '../../domain/alarm.js';
import { dimensionArg, dimensionsListArg, unitArg, type Dimension } from '../../domain/metric-args.js';
import { UsageError } from '../../errors.js';
import { durationArg, intArg, listArg, numberArg } from '../options.js';

/** Raw flags as commander hands them over. */
export interface AlarmFlags {
  metric?: string;
  metricName?: string;
  namespace?: string;
  statistic?: StatisticChoice;
  extendedStatistic?: StatisticChoice;
  extendedstatistic?: StatisticChoice;
  period?: number;
  threshold?: number;
  comparison?: Comparison;
  comparisonOperator?: Comparison;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  treatMissingData?: TreatMissingData;
  dimension?: Dimension[];
  dimensions?: Dimension[];
  unit?: Unit;
  description?: string;
  alarmDescription?: string;
  scalePolicy?: string[];
  asg?: string[];
  action?: string[];
  alarmActions?: string[];
  okAction?: string[];
  okActions?: string[];
  insufficientDataAction?: string[];
  insufficientDataActions?: string[];
  actionsEnabled?: 'true' | 'false';
}

function comparisonArg(value: string): Comparison {
  const c = parseComparison(value);
  if (!c) throw new InvalidArgumentError(`--comparison must be gt, ge, lt, le (or >, >=, <, <= quoted, or GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold), got "${value}".`);
  return c;
}

function statisticArg(value: string): StatisticChoice {
  const s = parseStatistic(value);
  if (!s) throw new InvalidArgumentError(`--statistic must be Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99 or p99.9, got "${value}".`);
  return s;
}


const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addAlarmFlags(cmd: Command): Command {
  const hidden = (flags: string, parse?: (v: string, p?: never) => unknown) => {
    const o = new Option(flags).hideHelp();
    if (parse) o.argParser(parse as (v: string, p: unknown) => unknown);
    cmd.addOption(o);
  };
  cmd
    .option('--metric <name>', 'metric name, e.g. CPUUtilization')
    .option('--namespace <ns>', 'metric namespace, e.g. AWS/EC2')
    .option('--statistic <stat>', 'Average | Sum | Minimum | Maximum | SampleCount, or a percentile such as p99', statisticArg)
    .option('--period <seconds>', 'seconds per datapoint: 10, 20, 30 or a multiple of 60 (60, 5m, 1h)', durationArg('--period'))
    .option('--threshold <n>', 'the value compared with the statistic', numberArg('--threshold'))
    .option('--comparison <op>', 'gt | ge | lt | le (or ">", ">=", "<", "<=", or the AWS names)', comparisonArg)
    .option('--evaluation-periods <n>', 'periods to evaluate', intArg('--evaluation-periods', 1))
    .option('--datapoints-to-alarm <n>', 'breaching periods among them that fire the alarm (default: all)', intArg('--datapoints-to-alarm', 1))
    .addOption(new Option('--treat-missing-data <how>', 'how periods with no data count').choices([...TREAT_MISSING_DATA]))
    .option('--dimension <name=value>', 'metric dimension (repeatable), e.g. AutoScalingGroupName=web-asg', dimensionArg())
    .option('--unit <unit>', 'metric unit, e.g. Percent, Count, Bytes', unitArg)
    .option('--description <text>', 'alarm description')
    .option('--scale-policy <name>', 'scaling policy to run in ALARM state, found by name in --asg (repeatable)', collect)
    .option('--asg <group>', 'Auto Scaling group of --scale-policy (one for all, or one per policy)', collect)
    .option('--action <arn>', 'ARN to notify or run in ALARM state (repeatable; SNS topic, policy ARN)', listArg)
    .option('--ok-action <arn>', 'ARN for the OK state (repeatable)', listArg)
    .option('--insufficient-data-action <arn>', 'ARN for the INSUFFICIENT_DATA state (repeatable)', listArg);
  // mon-put-metric-alarm spellings, accepted so old scripts run almost unchanged.
  hidden('--metric-name <name>');
  hidden('--comparison-operator <op>', comparisonArg);
  hidden('--extended-statistic <stat>', statisticArg);
  hidden('--extendedstatistic <stat>', statisticArg);
  hidden('--dimensions <list>', dimensionsListArg());
  hidden('--alarm-description <text>');
  hidden('--alarm-actions <arns>', listArg);
  hidden('--ok-actions <arns>', listArg);
  hidden('--insufficient-data-actions <arns>', listArg);
  return cmd;
}

/** Merges modern and legacy spellings into settings; throws UsageError for what is missing or contradictory. */
export function alarmFlags(name: string, f: AlarmFlags): { alarm: AlarmSettings; scalePolicies: Array<{ group: string; policy: string }> } {
  const metric = f.metric ?? f.metricName;
  const stat = f.statistic ?? f.extendedStatistic ?? f.extendedstatistic;
  const comparison = f.comparison ?? f.comparisonOperator;
  const missing = [
    [metric, '--metric'], [f.namespace, '--namespace'], [stat, '--statistic'], [f.period, '--period'],
    [f.threshold, '--threshold'], [comparison, '--comparison'], [f.evaluationPeriods, '--evaluation-periods'],
  ].filter(([v]) => v === undefined).map(([, flag]) => flag);
  if (missing.length) throw new UsageError(`put-alarm ${name} needs ${missing.join(', ')}`, "see 'scalectl put-alarm --help'");
  const policies = f.scalePolicy ?? [];
  const groups = f.asg ?? [];
  if (policies.length && !groups.length) throw new UsageError('--scale-policy needs --asg GROUP to find the policy in', 'e.g. --scale-policy scale-up --asg web-asg');
  if (groups.length && !policies.length) throw new UsageError('--asg is only used with --scale-policy', 'add --scale-policy NAME, or drop --asg');
  if (policies.length && groups.length !== 1 && groups.length !== policies.length) {
    throw new UsageError(`--scale-policy needs one --asg for all policies or one per policy (got ${policies.length} policies, ${groups.length} groups)`, 'e.g. --scale-policy scale-up --asg web-asg');
  }
  const description = f.description ?? f.alarmDescription;
  const alarm: AlarmSettings = {
    name,
    metric: metric!,
    namespace: f.namespace!,
    ...stat!,
    dimensions: [...(f.dimension ?? []), ...(f.dimensions ?? [])],
    period: f.period!,
    threshold: f.threshold!,
    comparison: comparison!,
    evaluationPeriods: f.evaluationPeriods!,
    ...(f.datapointsToAlarm !== undefined ? { datapointsToAlarm: f.datapointsToAlarm } : {}),
    ...(f.treatMissingData ? { treatMissingData: f.treatMissingData } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(description !== undefined ? { description } : {}),
    actionsEnabled: f.actionsEnabled !== 'false',
    alarmActions: [...(f.action ?? []), ...(f.alarmActions ?? [])],
    okActions: [...(f.okAction ?? []), ...(f.okActions ?? [])],
    insufficientDataActions: [...(f.insufficientDataAction ?? []), ...(f.insufficientDataActions ?? [])],
  };
  return { alarm, scalePolicies: policies.map((policy, i) => ({ policy, group: groups.length === 1 ? groups[0]! : groups[i]! })) };
}
