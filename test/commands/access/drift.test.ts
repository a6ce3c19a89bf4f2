// The drift checker itself: it must fail on an undeclared action and on a command with no
// declaration, and name both clearly; and every command of the program has a declaration.
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { actionsOf, permissionsOf } from '../../../src/commands/permissions.js';
import { COMMAND_SUMMARIES } from '../../../src/program.js';
import { elbMock } from '../../helpers/aws.js';
import { commandOf, driftProblems, takeSent } from '../../helpers/drift.js';
import { runCli } from '../../helpers/run-cli.js';

describe('the drift checker', () => {
  it('passes sends that the declaration lists', async () => {
    expect(await driftProblems([{ command: 'describe-lbs', action: 'elasticloadbalancing:DescribeLoadBalancers' }])).toEqual([]);
  });

  it('fails a send the declaration lacks, naming the command and the action', async () => {
    const wrong = async (c: string) => (c === 'describe-lbs' ? ['elasticloadbalancing:DescribeTags'] : undefined);
    expect(await driftProblems([{ command: 'describe-lbs', action: 'elasticloadbalancing:DescribeLoadBalancers' }], wrong)).toEqual([
      `command "describe-lbs" sent elasticloadbalancing:DescribeLoadBalancers, which its permissions declaration does not list: add 'elasticloadbalancing:DescribeLoadBalancers' to its actions`,
    ]);
  });

  it('fails a command with no declaration at all', async () => {
    expect(await driftProblems([{ command: 'frobnicate', action: 'ec2:DescribeImages' }])).toEqual([
      "command \"frobnicate\" has no permissions declaration: add `export const permissions = declarePermissions('frobnicate', { actions: [...] })` to its file (it sent ec2:DescribeImages)",
    ]);
  });

  it('records what a real run sends, under the command that sent it, with the IAM service prefix', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [] });
    takeSent();
    expect((await runCli('--region eu-west-1 describe-lbs --output json')).code).toBe(0);
    // Classic and ELBv2 both answer describe-lbs; both are elasticloadbalancing:DescribeLoadBalancers.
    expect(takeSent()).toContainEqual({ command: 'describe-lbs', action: 'elasticloadbalancing:DescribeLoadBalancers' });
  });

  it('finds the command after global options, and a subcommand after its parent', () => {
    expect(commandOf(['--region', 'us-east-1', '--output', 'text', 'create-lb', 'web'])).toBe('create-lb');
    expect(commandOf(['--help'])).toBeUndefined();
  });
});

describe('every command of the program', () => {
  it.each(COMMAND_SUMMARIES.map((e) => e.name))('%s has a permissions declaration', async (name) => {
    const p = await permissionsOf(name);
    expect(p, `${name} declares nothing: add \`export const permissions = declarePermissions('${name}', …)\` to its file`).toBeDefined();
    for (const a of (await actionsOf(name)) ?? []) expect(a).toMatch(/^(autoscaling|cloudwatch|ec2|elasticloadbalancing|iam|route53|tag|sns|sts):[A-Z][A-Za-z0-9]+$/);
  });
});
