import { describe, expect, it } from 'vitest';
import { actionLabel, alarmDifferences, alarmProblems, conditionText, parseComparison, parsePolicyArn, parseStatistic, parseUnit, type AlarmSettings } from '../../src/domain/alarm.js';

const base: AlarmSettings = {
  name: 'cpu-high', metric: 'CPUUtilization', namespace: 'AWS/EC2', statistic: 'Average', dimensions: [{ name: 'AutoScalingGroupName', value: 'web-asg' }],
  period: 60, threshold: 80, comparison: 'GreaterThanThreshold', evaluationPeriods: 2, actionsEnabled: true, alarmActions: [], okActions: [], insufficientDataActions: [],
};
const POLICY_ARN = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0b5c1e3a-1111-2222-3333-444455556666:autoScalingGroupName/web-asg:policyName/scale-up';

describe('parseComparison', () => {
  it.each([
    ['gt', 'GreaterThanThreshold'], ['>', 'GreaterThanThreshold'], ['GreaterThanThreshold', 'GreaterThanThreshold'],
    ['ge', 'GreaterThanOrEqualToThreshold'], ['>=', 'GreaterThanOrEqualToThreshold'], ['GreaterThanOrEqualToThreshold', 'GreaterThanOrEqualToThreshold'],
    ['lt', 'LessThanThreshold'], ['<', 'LessThanThreshold'], ['lessthanthreshold', 'LessThanThreshold'],
    ['LE', 'LessThanOrEqualToThreshold'], ['<=', 'LessThanOrEqualToThreshold'], ['LessThanOrEqualToThreshold', 'LessThanOrEqualToThreshold'],
  ])('%s → %s', (input, want) => expect(parseComparison(input)).toBe(want));
  it('rejects anything else', () => {
    expect(parseComparison('=>')).toBeUndefined();
    expect(parseComparison('eq')).toBeUndefined();
  });
});

describe('parseStatistic', () => {
  it('knows the five standard statistics in any case and short forms', () => {
    expect(parseStatistic('Average')).toEqual({ statistic: 'Average' });
    expect(parseStatistic('avg')).toEqual({ statistic: 'Average' });
    expect(parseStatistic('MAXIMUM')).toEqual({ statistic: 'Maximum' });
    expect(parseStatistic('samplecount')).toEqual({ statistic: 'SampleCount' });
    expect(parseStatistic('Sum')).toEqual({ statistic: 'Sum' });
    expect(parseStatistic('min')).toEqual({ statistic: 'Minimum' });
  });
  it('makes percentiles extended statistics', () => {
    expect(parseStatistic('p99')).toEqual({ extendedStatistic: 'p99' });
    expect(parseStatistic('P99.9')).toEqual({ extendedStatistic: 'p99.9' });
    expect(parseStatistic('tm90')).toEqual({ extendedStatistic: 'tm90' });
    expect(parseStatistic('p100')).toEqual({ extendedStatistic: 'p100' });
  });
  it('rejects unknown ones', () => {
    expect(parseStatistic('mean')).toBeUndefined();
    expect(parseStatistic('p')).toBeUndefined();
    expect(parseStatistic('p999')).toBeUndefined();
  });
});

describe('parseUnit', () => {
  it('gives the canonical spelling', () => {
    expect(parseUnit('percent')).toBe('Percent');
    expect(parseUnit('bytes/second')).toBe('Bytes/Second');
    expect(parseUnit('Count')).toBe('Count');
    expect(parseUnit('Percentage')).toBeUndefined();
  });
});

describe('alarmProblems', () => {
  it('accepts a valid alarm', () => expect(alarmProblems(base)).toEqual([]));
  it('allows 10, 20, 30 and multiples of 60 as periods', () => {
    for (const period of [10, 20, 30, 60, 300, 3600]) expect(alarmProblems({ ...base, period })).toEqual([]);
    expect(alarmProblems({ ...base, period: 45 })).toEqual(['--period 45 is not allowed: use 10, 20 or 30 (high resolution) or a multiple of 60 seconds']);
    expect(alarmProblems({ ...base, period: 90 })).toHaveLength(1);
  });
  it('limits period × evaluation periods to a day under an hour, a week otherwise', () => {
    expect(alarmProblems({ ...base, period: 60, evaluationPeriods: 1440 })).toEqual([]);
    expect(alarmProblems({ ...base, period: 60, evaluationPeriods: 1441 })).toEqual(['--period 60 × --evaluation-periods 1441 = 86460 s is over AWS\'s limit of 86400 s (one day for periods under an hour)']);
    expect(alarmProblems({ ...base, period: 3600, evaluationPeriods: 168 })).toEqual([]);
    expect(alarmProblems({ ...base, period: 3600, evaluationPeriods: 169 })).toEqual(['--period 3600 × --evaluation-periods 169 = 608400 s is over AWS\'s limit of 604800 s (seven days)']);
  });
  it('wants datapoints ≤ evaluation periods', () => {
    expect(alarmProblems({ ...base, datapointsToAlarm: 2 })).toEqual([]);
    expect(alarmProblems({ ...base, datapointsToAlarm: 3 })).toEqual(['--datapoints-to-alarm 3 is more than --evaluation-periods 2']);
  });
  it('allows 30 dimensions and no duplicate names', () => {
    const dims = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `D${i}`, value: 'v' }));
    expect(alarmProblems({ ...base, dimensions: dims(30) })).toEqual([]);
    expect(alarmProblems({ ...base, dimensions: dims(31) })).toEqual(['31 dimensions given; a metric has at most 30']);
    expect(alarmProblems({ ...base, dimensions: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] })).toEqual(['dimension A is given twice']);
  });
  it('allows 5 actions per state', () => {
    const arns = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:sns:us-east-1:1:t${i}`);
    expect(alarmProblems({ ...base, alarmActions: arns(5), okActions: arns(5), insufficientDataActions: arns(5) })).toEqual([]);
    expect(alarmProblems({ ...base, alarmActions: arns(6) })).toEqual(['6 alarm actions given; AWS allows at most 5 per state']);
    expect(alarmProblems({ ...base, okActions: arns(6) })).toEqual(['6 ok actions given; AWS allows at most 5 per state']);
    expect(alarmProblems({ ...base, insufficientDataActions: arns(6) })).toEqual(['6 insufficient-data actions given; AWS allows at most 5 per state']);
  });
});

describe('conditionText', () => {
  it('reads like a sentence', () => {
    expect(conditionText(base)).toBe('CPUUtilization avg > 80 for 2 × 60s');
    expect(conditionText({ ...base, comparison: 'LessThanOrEqualToThreshold', threshold: 20.5, statistic: 'Minimum' })).toBe('CPUUtilization min <= 20.5 for 2 × 60s');
    const { statistic: _s, ...noStat } = base;
    expect(conditionText({ ...noStat, extendedStatistic: 'p99', datapointsToAlarm: 2, evaluationPeriods: 3, period: 300 })).toBe('CPUUtilization p99 > 80 for 2 of 3 × 300s');
    expect(conditionText({ ...base, datapointsToAlarm: 2 })).toBe('CPUUtilization avg > 80 for 2 × 60s');
  });
});

describe('scaling policy ARNs', () => {
  it('are shown by policy name; other ARNs as they are', () => {
    expect(parsePolicyArn(POLICY_ARN)).toEqual({ group: 'web-asg', policy: 'scale-up' });
    expect(actionLabel(POLICY_ARN)).toBe('scale-up');
    expect(actionLabel('arn:aws:sns:us-east-1:123456789012:ops')).toBe('arn:aws:sns:us-east-1:123456789012:ops');
  });
});

describe('alarmDifferences', () => {
  it('is empty for the same settings, whatever the order of lists and the defaults', () => {
    const live = { ...base, dimensions: [...base.dimensions], datapointsToAlarm: 2, treatMissingData: 'missing' as const, description: '' };
    expect(alarmDifferences(base, live)).toEqual([]);
  });
  it('names what differs', () => {
    expect(alarmDifferences(base, { ...base, threshold: 70, period: 300, alarmActions: [POLICY_ARN] })).toEqual(['period', 'threshold', 'actions']);
    expect(alarmDifferences({ ...base, unit: 'Percent', treatMissingData: 'breaching' }, base)).toEqual(['treat-missing-data', 'unit']);
  });
});
