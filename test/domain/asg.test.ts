import { describe, expect, it } from 'vitest';
import { groupChanges, launchDataChanges, loadBalancerChanges, parseTemplateRef, type Group, type LaunchData } from '../../src/domain/asg-plan.js';
import { groupTags, parseAsgTag, tagsToWrite } from '../../src/domain/asg-tags.js';
import { policyMatches, type Policy } from '../../src/domain/policy.js';

describe('parseAsgTag', () => {
  it.each([
    ['Name=web', { key: 'Name', value: 'web', propagate: true }],
    ['env=a=b', { key: 'env', value: 'a=b', propagate: true }],
    ['k=Name,v=web,p=true', { key: 'Name', value: 'web', propagate: true }],
    ['k=role, v=web, p=false', { key: 'role', value: 'web', propagate: false }],
    ['k=env,id=web-asg,t=auto-scaling-group,v=prod', { key: 'env', value: 'prod', propagate: true }],
    ['k=Name', { key: 'k', value: 'Name', propagate: true }],
    ['note=a,b', { key: 'note', value: 'a,b', propagate: true }],
  ])('%s', (raw, tag) => expect(parseAsgTag(raw)).toEqual(tag));

  it.each(['=x', 'novalue', 'k=Name,v=web,p=maybe'])('rejects %s', (raw) => expect(() => parseAsgTag(raw)).toThrow());

  it('adds the stack tag propagated, a later key wins, and only differing tags are written', () => {
    const tags = groupTags([{ key: 'Name', value: 'a', propagate: true }, { key: 'Name', value: 'b', propagate: false }], 'shop');
    expect(tags).toEqual([{ key: 'Name', value: 'b', propagate: false }, { key: 'scalectl:stack', value: 'shop', propagate: true }]);
    expect(tagsToWrite([{ key: 'Name', value: 'b', propagate: true }, { key: 'scalectl:stack', value: 'shop', propagate: true }], tags)).toEqual([{ key: 'Name', value: 'b', propagate: false }]);
  });
});

describe('asg-plan', () => {
  const data: LaunchData = { imageId: 'ami-1', instanceType: 't3.micro', securityGroupIds: ['sg-1', 'sg-2'], securityGroupNames: [], detailedMonitoring: false };
  it('launch data: order of security groups does not matter; every other field does', () => {
    expect(launchDataChanges(data, { ...data, securityGroupIds: ['sg-2', 'sg-1'] })).toEqual([]);
    expect(launchDataChanges(data, { ...data, imageId: 'ami-2', keyName: 'k', userData: 'eA==', detailedMonitoring: true })).toEqual(['image', 'key-name', 'user-data', 'monitoring']);
  });

  const live: Group = { name: 'g', min: 1, max: 4, desired: 2, zones: ['a', 'b'], subnets: [], loadBalancers: ['web'], terminationPolicies: ['Default'], suspendedProcesses: [], tags: [], instances: [], launchTemplate: { name: 'g', version: '$Default' }, cooldown: 300 };
  it('group: only given settings are compared', () => {
    expect(groupChanges(live, { min: 1, max: 4 })).toEqual({ changes: {}, fields: [] });
    expect(groupChanges(live, { zones: ['b', 'a'], launch: { kind: 'template', name: 'g', version: '$Default' } })).toEqual({ changes: {}, fields: [] });
    expect(groupChanges(live, { max: 5, subnets: ['s-1'], launch: { kind: 'config', name: 'lc' } })).toEqual({ changes: { max: 5, subnets: ['s-1'], launch: { kind: 'config', name: 'lc' } }, fields: ['max', 'subnets', 'launch'] });
  });

  it('load balancers and template refs', () => {
    expect(loadBalancerChanges(['a', 'b'], ['b', 'c'])).toEqual({ attach: ['c'], detach: ['a'] });
    expect(parseTemplateRef('web')).toEqual({ name: 'web', version: '$Default' });
    expect(parseTemplateRef('web:12')).toEqual({ name: 'web', version: '12' });
    expect(parseTemplateRef('web:$Latest')).toEqual({ name: 'web', version: '$Latest' });
    expect(parseTemplateRef('web:x')).toBeUndefined();
  });
});

describe('policyMatches', () => {
  const p: Policy = { name: 'p', group: 'g', type: 'SimpleScaling', adjustmentType: 'ChangeInCapacity', adjustment: -1, alarms: [] };
  it('compares type, adjustment, cooldown and min step', () => {
    expect(policyMatches(p, { kind: 'simple', adjustmentType: 'ChangeInCapacity', adjustment: -1 })).toBe(true);
    expect(policyMatches(p, { kind: 'simple', adjustmentType: 'ChangeInCapacity', adjustment: -1, cooldown: 60 })).toBe(false);
    expect(policyMatches(p, { kind: 'simple', adjustmentType: 'ExactCapacity', adjustment: -1 })).toBe(false);
    expect(policyMatches(p, { kind: 'target', metric: 'ASGAverageCPUUtilization', targetValue: 50 })).toBe(false);
    expect(policyMatches({ ...p, type: 'TargetTrackingScaling', metric: 'ASGAverageCPUUtilization', targetValue: 50 }, { kind: 'target', metric: 'ASGAverageCPUUtilization', targetValue: 50 })).toBe(true);
  });
});
