import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { cachedNames, CACHE_TTL_MS } from '../../../src/commands/setup/completion-cache.js';
import { resourceWanted } from '../../../src/domain/completion.js';
import { webGroup } from '../../helpers/asg-fixtures.js';
import { asMock } from '../../helpers/aws.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

const commands = new Set(['teardown', 'instance-health', 'create-lb', 'describe-asgs', 'put-alarm']);

describe('which resource a completion needs', () => {
  it.each([
    [['teardown', '--stack', ''], 'stack'],
    [['teardown', '--stack=w'], 'stack'],
    [['instance-health', ''], 'lb'],
    [['--region', 'eu-west-1', 'instance-health', 'we'], 'lb'],
    [['instance-health', 'web', ''], undefined],
    [['create-lb', '--cert', ''], 'cert'],
    [['put-alarm', 'x', '--asg', 'w'], 'group'],
    [['describe-asgs', '--output', ''], undefined],
    [['describe-asgs', '--'], undefined],
    [['cr'], undefined],
  ])('%j → %s', (words, kind) => {
    expect(resourceWanted(words, commands)).toBe(kind);
  });
});

describe('the completion cache', () => {
  it('answers from the file while fresh, asks again after the TTL', async () => {
    const env = { XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'scalectl-cache-')) };
    const key = { profile: 'default', region: 'us-east-1', kind: 'lb' as const };
    let calls = 0;
    const fetch = async () => (calls++, ['web', 'api', 'web']);
    expect(await cachedNames({ env, now: 1000, key }, fetch)).toEqual(['api', 'web']);
    expect(await cachedNames({ env, now: 1000 + CACHE_TTL_MS - 1, key }, fetch)).toEqual(['api', 'web']);
    expect(calls).toBe(1);
    expect(await cachedNames({ env, now: 1000, key: { ...key, region: 'eu-west-1' } }, fetch)).toEqual(['api', 'web']);
    expect(calls).toBe(2);
    await cachedNames({ env, now: 1000 + CACHE_TTL_MS, key }, fetch);
    expect(calls).toBe(3);
    expect(Object.keys(JSON.parse(readFileSync(join(env.XDG_CACHE_HOME, 'scalectl/completion.json'), 'utf8')))).toEqual(['default:us-east-1:lb']);
  });
});

describe('scalectl completion / complete', () => {
  it.each(['bash', 'zsh', 'fish', 'powershell'])('%s: a script that asks scalectl complete', async (shell) => {
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scalectl complete');
    expect(r.stderr).toBe('');
  });

  it('an unknown shell is exit 2', async () => {
    const r = await runCli(['completion', 'tcsh']);
    expect([r.code, r.stderr]).toEqual([2, 'error: unknown shell "tcsh"; use one of bash, zsh, fish, powershell\n']);
  });

  it('completes a group name from AWS (mocked), in tab protocol', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [webGroup(), webGroup({ AutoScalingGroupName: 'api-asg' })] });
    const r = await runCli(['complete', '--', 'describe-asgs', ''], { env: { ...TEST_ENV, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'scalectl-cache-')) } });
    expect([r.code, r.stdout]).toEqual([0, 'api-asg\t\nweb-asg\t\n:4\n']);
  });

  it('says nothing (no error) when AWS refuses', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const r = await runCli(['complete', '--', 'describe-asgs', ''], { env: { ...TEST_ENV, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'scalectl-cache-')) } });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, ':4\n', '']);
  });
});
