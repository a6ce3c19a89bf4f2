import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { sdkInstance, webGroup } from '../helpers/asg-fixtures.js';
import { asMock } from '../helpers/aws.js';
import { runCli } from '../helpers/run-cli.js';
import { selectionText } from '../../src/output/query.js';

const twoGroups = () => asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup(), webGroup({ AutoScalingGroupName: 'api-asg', Instances: [sdkInstance('i-0ccc', 'InService', 'Healthy')] })] });

describe('--query', () => {
  it('text: a list of scalars prints one a line', async () => {
    twoGroups();
    const r = await runCli(['describe-asgs', '--query', 'groups[].name', '--output', 'text']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'web-asg\napi-asg\n', '']);
  });

  it('json: the selection as a JSON document', async () => {
    twoGroups();
    const r = await runCli(['describe-asgs', '--output', 'json', '--query', 'groups[?name==`api-asg`].{n: name, max: max}']);
    expect(JSON.parse(r.stdout)).toEqual([{ n: 'api-asg', max: 4 }]);
  });

  it('table: objects become columns', async () => {
    twoGroups();
    const r = await runCli(['describe-asgs', '--output', 'table', '--no-color', '--query', 'groups[].{name: name, max: max}']);
    expect(r.stdout).toBe('name     max\nweb-asg  4\napi-asg  4\n');
  });

  it('works before the command name as a global option', async () => {
    twoGroups();
    const r = await runCli(['--query', 'length(groups)', 'describe-asgs']);
    expect(r.stdout).toBe('2\n');
  });

  it.each([['groups[.name'], ['']])('a bad expression %j → exit 2 before any request', async (expr) => {
    const r = await runCli(['describe-asgs', '--query', expr]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --query .*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(asMock.calls()).toHaveLength(0);
  });

  it('text rows: objects give their values tab-separated, null gives nothing', () => {
    expect(selectionText([{ a: 1, b: 'x' }, [2, 3], 'y', null])).toEqual([['1', 'x'], ['2', '3'], ['y']]);
    expect(selectionText(null)).toEqual([]);
    expect(selectionText({ k: { deep: true } })).toEqual([['{"deep":true}']]);
  });
});
