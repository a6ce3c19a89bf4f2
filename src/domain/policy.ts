/** Adjustment types of simple scaling policies (and the legacy `--type`). */
export const ADJUSTMENT_TYPES = ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'] as const;
export type AdjustmentType = (typeof ADJUSTMENT_TYPES)[number];

/** Predefined metrics a target-tracking policy can follow. */
export const TARGET_METRICS = ['ASGAverageCPUUtilization', 'ASGAverageNetworkIn', 'ASGAverageNetworkOut', 'ALBRequestCountPerTarget'] as const;

/** The policy put-policy wants. Cooldown is only valid for simple scaling (AWS). */
export type PolicySpec =
  | { kind: 'simple'; adjustmentType: AdjustmentType; adjustment: number; cooldown?: number; minStep?: number }
  | { kind: 'target'; metric: string; targetValue: number; resourceLabel?: string };

/** A scaling policy as AWS reports it. */
export interface Policy {
  name: string;
  group: string;
  /** Absent when an endpoint leaves it out. */
  arn?: string;
  /** SimpleScaling, StepScaling, TargetTrackingScaling or PredictiveScaling. */
  type: string;
  adjustmentType?: string;
  adjustment?: number;
  cooldown?: number;
  minStep?: number;
  metric?: string;
  targetValue?: number;
  resourceLabel?: string;
  /** Names of the CloudWatch alarms that fire this policy. */
  alarms: string[];
}

/** True when the live policy already is what the spec asks for. */
export function policyMatches(live: Policy, spec: PolicySpec): boolean {
  if (spec.kind === 'target') {
    return live.type === 'TargetTrackingScaling' && live.metric === spec.metric && live.targetValue === spec.targetValue && (live.resourceLabel ?? '') === (spec.resourceLabel ?? '');
  }
  return (
    (live.type === 'SimpleScaling' || live.type === '') &&
    live.adjustmentType === spec.adjustmentType &&
    live.adjustment === spec.adjustment &&
    // No --cooldown means "leave it": AWS-compatible endpoints report their default (300) then.
    (spec.cooldown === undefined || live.cooldown === spec.cooldown) &&
    live.minStep === spec.minStep
  );
}

/** Flags of put-policy that choose the policy, before validation. */
export interface PolicyFlags {
  adjust?: number;
  exact?: number;
  percent?: number;
  minStep?: number;
  cooldown?: number;
  targetCpu?: number;
  targetMetric?: string;
  targetValue?: number;
  resourceLabel?: string;
  /** Legacy `--type`. */
  type?: string;
  /** Legacy `--adjustment`. */
  adjustment?: number;
}

/** Validates the flag combination into one policy; throws Error(message) for the caller to turn into a usage error. */
export function policySpecFrom(f: PolicyFlags): PolicySpec {
  const legacy = f.adjustment !== undefined ? { type: (f.type ?? 'ChangeInCapacity') as AdjustmentType, n: f.adjustment } : undefined;
  if (f.type !== undefined && !(ADJUSTMENT_TYPES as readonly string[]).includes(f.type)) throw new Error(`--type must be one of ${ADJUSTMENT_TYPES.join(', ')}, got "${f.type}".`);
  const chosen = [
    f.adjust !== undefined && '--adjust',
    f.exact !== undefined && '--exact',
    f.percent !== undefined && '--percent',
    legacy && '--adjustment',
    (f.targetCpu !== undefined || f.targetMetric !== undefined) && (f.targetCpu !== undefined ? '--target-cpu' : '--target-metric'),
  ].filter((x): x is string => typeof x === 'string');
  if (f.targetCpu !== undefined && f.targetMetric !== undefined) chosen.push('--target-metric');
  if (chosen.length === 0) throw new Error('say what the policy does: --adjust N, --exact N, --percent N, --target-cpu PERCENT or --target-metric METRIC --target-value V.');
  if (chosen.length > 1) throw new Error(`choose one policy type, not ${chosen.join(' and ')}.`);
  const kind = chosen[0]!;
  if (f.type !== undefined && kind !== '--adjustment') throw new Error(`--type goes with the legacy --adjustment; use ${kind} alone.`);
  if (kind === '--target-cpu' || kind === '--target-metric') {
    if (f.cooldown !== undefined) throw new Error('a target-tracking policy takes no --cooldown (AWS allows a cooldown only for simple scaling); drop --cooldown.');
    if (f.minStep !== undefined) throw new Error('--min-step goes with --percent only.');
    if (kind === '--target-cpu') {
      if (f.targetValue !== undefined) throw new Error('--target-cpu takes the percentage itself; drop --target-value.');
      if (f.targetCpu! <= 0 || f.targetCpu! > 100) throw new Error('--target-cpu must be a percentage above 0 and at most 100.');
      return { kind: 'target', metric: 'ASGAverageCPUUtilization', targetValue: f.targetCpu! };
    }
    if (!(TARGET_METRICS as readonly string[]).includes(f.targetMetric!)) throw new Error(`--target-metric must be one of ${TARGET_METRICS.join(', ')}, got "${f.targetMetric}".`);
    if (f.targetValue === undefined) throw new Error(`--target-metric ${f.targetMetric} needs --target-value.`);
    if (f.targetValue <= 0) throw new Error('--target-value must be above 0.');
    if (f.targetMetric === 'ALBRequestCountPerTarget' && !f.resourceLabel) throw new Error('ALBRequestCountPerTarget needs --resource-label (app/LB/ID/targetgroup/TG/ID).');
    return { kind: 'target', metric: f.targetMetric!, targetValue: f.targetValue, ...(f.resourceLabel ? { resourceLabel: f.resourceLabel } : {}) };
  }
  if (f.targetValue !== undefined) throw new Error('--target-value goes with --target-metric only.');
  if (f.resourceLabel !== undefined) throw new Error('--resource-label goes with --target-metric ALBRequestCountPerTarget only.');
  const [adjustmentType, n]: [AdjustmentType, number] =
    kind === '--adjust' ? ['ChangeInCapacity', f.adjust!] : kind === '--exact' ? ['ExactCapacity', f.exact!] : kind === '--percent' ? ['PercentChangeInCapacity', f.percent!] : [legacy!.type, legacy!.n];
  if (adjustmentType === 'ExactCapacity' ? n < 0 : n === 0) {
    throw new Error(adjustmentType === 'ExactCapacity' ? `${kind} must be 0 or more.` : `${kind} must not be 0: a policy that changes nothing never scales (use -1 to scale in, 1 to scale out).`);
  }
  if (f.minStep !== undefined && adjustmentType !== 'PercentChangeInCapacity') throw new Error('--min-step goes with --percent only.');
  return { kind: 'simple', adjustmentType, adjustment: n, ...(f.cooldown !== undefined ? { cooldown: f.cooldown } : {}), ...(f.minStep !== undefined ? { minStep: f.minStep } : {}) };
}

/** The policy in a few words, for plans and progress: `+1, cooldown 300s`, `exactly 3`, `keep ASGAverageCPUUtilization at 50`. */
export function describePolicySpec(spec: PolicySpec): string {
  if (spec.kind === 'target') return `keep ${spec.metric} at ${spec.targetValue}`;
  const signed = `${spec.adjustment > 0 ? '+' : ''}${spec.adjustment}`;
  const what = spec.adjustmentType === 'ExactCapacity' ? `exactly ${spec.adjustment}` : spec.adjustmentType === 'PercentChangeInCapacity' ? `${signed}%${spec.minStep !== undefined ? ` (at least ${spec.minStep})` : ''}` : signed;
  return `${what}${spec.cooldown !== undefined ? `, cooldown ${spec.cooldown}s` : ''}`;
}
