import { describe, expect, it } from 'vitest';
import { describeNewGroup, type GroupSpec } from '../../src/domain/asg-plan.js';
import { describePolicySpec } from '../../src/domain/policy.js';

describe('plan details of policies and new groups', () => {
  it.each([
    [{ kind: 'simple', adjustmentType: 'ChangeInCapacity', adjustment: 1, cooldown: 300 }, '+1, cooldown 300s'],
    [{ kind: 'simple', adjustmentType: 'ChangeInCapacity', adjustment: -1 }, '-1'],
    [{ kind: 'simple', adjustmentType: 'ExactCapacity', adjustment: 3, cooldown: 60 }, 'exactly 3, cooldown 60s'],
    [{ kind: 'simple', adjustmentType: 'PercentChangeInCapacity', adjustment: -20, minStep: 2 }, '-20% (at least 2)'],
    [{ kind: 'target', metric: 'ASGAverageCPUUtilization', targetValue: 50 }, 'keep ASGAverageCPUUtilization at 50'],
  ] as const)('%j reads "%s"', (spec, text) => {
    expect(describePolicySpec(spec)).toBe(text);
  });

  it('a new group shows its sizes, load balancers and health check', () => {
    const base: Omit<GroupSpec, 'loadBalancers'> = { name: 'web-asg', min: 2, max: 8, launch: { kind: 'template', name: 'web-asg', version: '$Default' }, tags: [] };
    expect(describeNewGroup({ ...base, loadBalancers: ['web-lb'], healthCheckType: 'ELB', gracePeriod: 300 })).toBe('min 2, max 8, load balancer web-lb, health check ELB (grace 300s)');
    expect(describeNewGroup({ ...base, min: 0, desired: 0, loadBalancers: ['a', 'b'] })).toBe('min 0, max 8, desired 0, load balancers a,b');
    expect(describeNewGroup({ ...base, loadBalancers: [] })).toBe('min 2, max 8');
  });
});
