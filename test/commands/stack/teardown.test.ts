import { DeleteAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { DeleteLaunchTemplateCommand, DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing';
import { DeleteServerCertificateCommand, ListServerCertificateTagsCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { asMock, awsError, cwMock, ec2Mock, elbMock, iamMock, taggingMock } from '../../helpers/aws.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';
import { install, nothingOfWebLeft, webWorld, type World } from './teardown-world.js';

// Both alarms go in one DeleteAlarms call (it takes 100 names).
const ORDER = [
  'DeleteAlarms web-5xx,web-cpu-high',
  'DeletePolicy scale-up',
  'UpdateAutoScalingGroup web-asg min=0 max=0 desired=0',
  'DeleteAutoScalingGroup web-asg',
  'DeleteLaunchTemplate web-asg',
  'DeleteLoadBalancer web-lb',
  'DeleteServerCertificate web-cert',
];

const ALL_DELETED = [
  'alarm\tweb-5xx\tdeleted\t',
  'alarm\tweb-cpu-high\tdeleted\t',
  'scaling-policy\tweb-asg/scale-up\tdeleted\t',
  'auto-scaling-group\tweb-asg\tdeleted\t',
  'launch-template\tweb-asg\tdeleted\t',
  'load-balancer\tweb-lb\tdeleted\t',
  'server-certificate\tweb-cert\tdeleted\t',
  '',
].join('\n');

const totalCalls = () => [asMock, cwMock, ec2Mock, elbMock, iamMock, taggingMock].reduce((n, m) => n + m.calls().length, 0);

function world(change?: (w: World) => void): World {
  const w = webWorld();
  change?.(w);
  return install(w);
}

describe('teardown --stack', () => {
  it('removes the whole stack in dependency order, then a re-run finds it all gone (README example)', async () => {
    const w = world();
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    expect(w.log).toEqual(ORDER);
    expect(r.stdout).toBe(ALL_DELETED);
    expect(nothingOfWebLeft(w)).toBe(true);
    expect([...w.lbs.keys()]).toEqual(['other-lb']);
    expect([...w.certs.keys()]).toEqual(['other-cert']);
    expect([...w.alarms.keys()]).toEqual(['other-alarm']);

    const again = await runCli('teardown --stack web --yes --output json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ kind: 'teardown', name: 'web', status: 'unchanged', changes: [], dryRun: false, interrupted: false, resources: [] });
    expect(again.stderr).toBe('nothing tagged scalectl:stack=web is left: everything is already gone\n');
    expect(w.log).toEqual(ORDER);
  });

  it('finds resources by the scalectl:stack tag: one Tagging API search, a tag filter for groups, reads by name', async () => {
    world();
    const r = await runCli('teardown --stack web --dry-run --output json');
    expect(r.code).toBe(0);
    expect(taggingMock).toHaveReceivedCommandWith(GetResourcesCommand, { TagFilters: [{ Key: 'scalectl:stack', Values: ['web'] }], ResourceTypeFilters: ['cloudwatch:alarm', 'elasticloadbalancing:loadbalancer', 'ec2:launch-template', 'elasticloadbalancing:targetgroup'], ResourcesPerPage: 100 });
    expect(asMock).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { Filters: [{ Name: 'tag:scalectl:stack', Values: ['web'] }], MaxRecords: 100 });
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeLaunchTemplatesCommand, { Filters: [{ Name: 'tag:scalectl:stack', Values: ['web'] }] });
    expect(elbMock).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web-lb'] });
    expect(cwMock).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: ['web-5xx', 'web-cpu-high'] });
    // No tag is read per resource of the region, except certificates (IAM is global, the Tagging API does not list them).
    expect(cwMock.commandCalls(ListTagsForResourceCommand)).toHaveLength(0);
    expect(elbMock.commandCalls(DescribeTagsCommand)).toHaveLength(0);
    expect(iamMock.commandCalls(ListServerCertificateTagsCommand).map((c) => c.args[0].input.ServerCertificateName)).toEqual(['web-cert', 'other-cert']);
    const names = JSON.parse(r.stdout).steps.map((s: { resource: string; name: string }) => `${s.resource} ${s.name}`);
    expect(names).toEqual(['alarm web-5xx', 'alarm web-cpu-high', 'scaling-policy web-asg/scale-up', 'auto-scaling-group web-asg', 'launch-template web-asg', 'load-balancer web-lb', 'server-certificate web-cert']);
  });

  it('against a look-alike endpoint, finds balancers and launch templates by their own services (its Tagging API does not index them)', async () => {
    world();
    const r = await runCli('teardown --stack web --dry-run --output json --debug --endpoint-url http://127.0.0.1:4566');
    expect(r.code).toBe(0);
    expect(taggingMock).toHaveReceivedCommandWith(GetResourcesCommand, { ResourceTypeFilters: ['cloudwatch:alarm', 'elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup'] });
    expect(elbMock).toHaveReceivedCommandWith(DescribeTagsCommand, { LoadBalancerNames: ['web-lb', 'other-lb'] });
    expect(r.stderr).toContain('discovery: load-balancer by DescribeLoadBalancers, then DescribeTags 20 names a call (this endpoint\'s Tagging API does not index classic balancers as elasticloadbalancing:loadbalancer)');
    expect(r.stderr).toContain('discovery: alarm, elbv2-load-balancer, target-group by one Tagging API search (GetResources cloudwatch:alarm, elasticloadbalancing:loadbalancer, elasticloadbalancing:targetgroup)');
    expect(JSON.parse(r.stdout).steps).toHaveLength(7);
  });

  it('falls back to each service\'s own look-up when tag:GetResources is denied', async () => {
    world();
    taggingMock.on(GetResourcesCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: tag:GetResources', 400));
    const r = await runCli('teardown --stack web --dry-run --output json --debug');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('discovery: alarm by DescribeAlarms, then ListTagsForResource per alarm (GetResources: AccessDeniedException)');
    expect(cwMock.commandCalls(ListTagsForResourceCommand).map((c) => c.args[0].input.ResourceARN)).toEqual([
      'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx',
      'arn:aws:cloudwatch:us-east-1:123456789012:alarm:other-alarm',
    ]);
    expect(JSON.parse(r.stdout).steps).toHaveLength(7);
  });

  it('fails when the Tagging API fails otherwise (throttled past the deadline, 5xx): no silent fallback', async () => {
    world();
    taggingMock.on(GetResourcesCommand).rejects(awsError('InternalServiceException', 'We encountered an internal error.', 500));
    const r = await runCli('teardown --stack web --dry-run');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('InternalServiceException');
  });

  it('reads load balancer tags 20 names per call', async () => {
    world((w) => {
      for (let i = 0; i < 24; i++) w.lbs.set(`lb-${i}`, { name: `lb-${i}`, dns: 'x', tags: {}, instances: [] });
    });
    const r = await runCli('teardown --stack web --dry-run --endpoint-url http://127.0.0.1:4566');
    expect(r.code).toBe(0);
    expect(elbMock.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.LoadBalancerNames?.length)).toEqual([20, 6]);
    expect(elbMock).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { PageSize: 400 });
  });

  it('deletes a launch configuration of a stack group after the group', async () => {
    const w = world((x) => {
      const g = x.groups.get('web-asg');
      if (g) Object.assign(g, { lt: undefined, lc: 'web-lc' });
      x.lcs.add('web-lc');
      x.lts.clear();
    });
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    expect(w.log.indexOf('DeleteLaunchConfiguration web-lc')).toBe(w.log.indexOf('DeleteAutoScalingGroup web-asg') + 1);
  });
});

describe('teardown of named resources', () => {
  it('counts what is already gone as done and reads no tags', async () => {
    const w = world();
    const r = await runCli('teardown --lb gone-lb,web-lb --cert web-cert --asg gone-asg --alarm gone-alarm --launch-template gone-lt --yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'alarm\tgone-alarm\talready gone\t',
      'auto-scaling-group\tgone-asg\talready gone\t',
      'launch-template\tgone-lt\talready gone\t',
      'load-balancer\tgone-lb\talready gone\t',
      'load-balancer\tweb-lb\tdeleted\t',
      'server-certificate\tweb-cert\tdeleted\t',
      '',
    ].join('\n'));
    expect(w.log).toEqual(['DeleteLaunchTemplate gone-lt', 'DeleteLoadBalancer web-lb', 'DeleteServerCertificate web-cert']);
    expect(elbMock.commandCalls(DescribeTagsCommand)).toHaveLength(0);
    expect(asMock).not.toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { Filters: [{ Name: 'tag:scalectl:stack', Values: ['web'] }] });
  });

  it("counts moto's MissingParameter answer to deleting an unknown launch template as already gone", async () => {
    world();
    ec2Mock.on(DeleteLaunchTemplateCommand).rejects(awsError('MissingParameter', 'The request must contain the parameter launch template ID or launch template name', 400));
    const r = await runCli('teardown --launch-template gone-lt --yes');
    expect(r.stdout).toBe('launch-template\tgone-lt\talready gone\t\n');
    expect(r.code).toBe(0);
    expect(ec2Mock).toHaveReceivedCommandWith(DeleteLaunchTemplateCommand, { LaunchTemplateName: 'gone-lt' });
  });

  it('takes a named group with its policies and the alarms that fire them', async () => {
    const w = world();
    const r = await runCli('teardown --asg web-asg --yes');
    expect(r.code).toBe(0);
    expect(w.log).toEqual(['DeleteAlarms web-cpu-high', ...ORDER.slice(1, 4)]);
  });
});

describe('teardown blockers', () => {
  it('reports every blocker of every group at once and deletes nothing', async () => {
    const w = world((x) => {
      const g = x.groups.get('web-asg') as NonNullable<ReturnType<typeof x.groups.get>>;
      g.instances = [{ id: 'i-1', state: 'InService', protected: true }, { id: 'i-2', state: 'Standby' }];
      g.suspended = ['Terminate', 'AZRebalance'];
      x.hooks.set('web-asg', [{ name: 'drain', transition: 'autoscaling:EC2_INSTANCE_TERMINATING' }, { name: 'warm', transition: 'autoscaling:EC2_INSTANCE_LAUNCHING' }]);
      x.activities.set('web-asg', [{ code: 'Successful', description: 'Launching i-1' }, { code: 'InProgress', description: 'Launching a new EC2 instance' }]);
      x.groups.set('api-asg', { name: 'api-asg', min: 0, max: 0, desired: 0, instances: [], tags: { 'scalectl:stack': 'web' }, deletionProtection: 'prevent-all-deletion' });
    });
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(1);
    expect(w.log).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe([
      'warning: auto-scaling-group web-asg: 1 instance protected from scale-in (i-1); clear it with: aws autoscaling set-instance-protection --auto-scaling-group-name web-asg --instance-ids i-1 --no-protected-from-scale-in (or pass --force)',
      'warning: auto-scaling-group web-asg: 1 instance in Standby (i-2); clear it with: aws autoscaling exit-standby --auto-scaling-group-name web-asg --instance-ids i-2 (or pass --force)',
      'warning: auto-scaling-group web-asg: the Terminate process is suspended; clear it with: aws autoscaling resume-processes --auto-scaling-group-name web-asg --scaling-processes Terminate (or pass --force)',
      'warning: auto-scaling-group web-asg: lifecycle hook drain holds terminating instances; clear it with: aws autoscaling delete-lifecycle-hook --auto-scaling-group-name web-asg --lifecycle-hook-name drain (or pass --force)',
      'warning: auto-scaling-group web-asg: a scaling activity is in progress (InProgress: Launching a new EC2 instance); teardown waits for it (up to --timeout); to watch it: aws autoscaling describe-scaling-activities --auto-scaling-group-name web-asg',
      'warning: auto-scaling-group api-asg: deletion protection is prevent-all-deletion; clear it with: aws autoscaling update-auto-scaling-group --auto-scaling-group-name api-asg --deletion-protection none',
      'error: 5 problems would block deleting Auto Scaling groups; nothing was deleted; clear each one with the command shown above, then re-run',
      '',
    ].join('\n'));
  });

  it('goes ahead past a scaling activity in progress, retrying the delete while AWS still reports it', async () => {
    const w = world((x) => {
      x.activities.set('web-asg', [{ code: 'WaitingForInstanceWarmup', description: 'Launching a new EC2 instance: i-2' }]);
      x.errors.UpdateAutoScalingGroup = [awsError('ScalingActivityInProgress', 'Scaling activity in progress')];
      x.errors.DeleteAutoScalingGroup = [awsError('ScalingActivityInProgress', 'Scaling activity in progress')];
    });
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: auto-scaling-group web-asg: a scaling activity is in progress (WaitingForInstanceWarmup: Launching a new EC2 instance: i-2); teardown waits for it');
    expect(w.log).toEqual(ORDER);
    expect(r.sleeps).toEqual([2000, 10000, 5000, 10000]);
  });

  it('--force deletes a blocked group with ForceDelete, skipping the drain', async () => {
    const w = world((x) => {
      const g = x.groups.get('web-asg') as NonNullable<ReturnType<typeof x.groups.get>>;
      g.instances = [{ id: 'i-1', state: 'InService', protected: true }, { id: 'i-2', state: 'Standby' }];
      g.suspended = ['Terminate'];
    });
    const r = await runCli('teardown --stack web --yes --force');
    expect(r.code).toBe(0);
    expect(w.log).toEqual(ORDER.filter((l) => !l.startsWith('Update')).map((l) => (l === 'DeleteAutoScalingGroup web-asg' ? `${l} force` : l)));
    expect(asMock).toHaveReceivedCommandWith(DeleteAutoScalingGroupCommand, { AutoScalingGroupName: 'web-asg', ForceDelete: true });
    expect(asMock).not.toHaveReceivedCommand(UpdateAutoScalingGroupCommand);
  });

  it('--force cannot override prevent-force-deletion: the blockers stay, without the --force advice', async () => {
    const w = world((x) => {
      const g = x.groups.get('web-asg') as NonNullable<ReturnType<typeof x.groups.get>>;
      g.deletionProtection = 'prevent-force-deletion';
      g.instances[0] = { id: 'i-1', state: 'InService', protected: true };
    });
    const r = await runCli('teardown --stack web --yes --force');
    expect(r.code).toBe(1);
    expect(w.log).toEqual([]);
    expect(r.stderr).toContain('warning: auto-scaling-group web-asg: 1 instance protected from scale-in (i-1); clear it with: aws autoscaling set-instance-protection --auto-scaling-group-name web-asg --instance-ids i-1 --no-protected-from-scale-in\n');
  });

  it('--force with prevent-force-deletion and no blockers drains and deletes normally', async () => {
    const w = world((x) => {
      (x.groups.get('web-asg') as NonNullable<ReturnType<typeof x.groups.get>>).deletionProtection = 'prevent-force-deletion';
    });
    const r = await runCli('teardown --stack web --yes --force');
    expect(r.code).toBe(0);
    expect(w.log).toEqual(ORDER);
  });
});

describe('teardown waits', () => {
  it('waits while instances terminate with progress lines (count left, elapsed), then until the group is gone', async () => {
    world();
    const r = await runCli('teardown --asg web-asg --yes');
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([10000, 10000]);
    expect(r.stderr).toBe([
      'Deleting alarm web-cpu-high',
      'Deleting scaling-policy web-asg/scale-up',
      'Deleting auto-scaling-group web-asg',
      'auto-scaling-group web-asg: 1 instance left, 0s elapsed',
      'auto-scaling-group web-asg: deleting, 10s elapsed',
      '',
    ].join('\n'));
  });

  it('updates one status line on a terminal', async () => {
    world();
    const r = await runCli('teardown --asg web-asg --yes', { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr.endsWith('Deleting auto-scaling-group web-asg\n\r\x1b[2Kauto-scaling-group web-asg: 1 instance left, 0s elapsed\r\x1b[2Kauto-scaling-group web-asg: deleting, 10s elapsed\n')).toBe(true);
  });

  it('gives up at --timeout, says what is left, and does not touch what depends on the group', async () => {
    const w = world((x) => {
      (x.groups.get('web-asg') as NonNullable<ReturnType<typeof x.groups.get>>).stuck = true;
    });
    const r = await runCli('teardown --stack web --yes --timeout 45s');
    expect(r.code).toBe(5);
    expect(r.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(45_000);
    expect(w.log).toEqual(ORDER.slice(0, 3));
    expect(r.stdout).toBe([
      'alarm\tweb-5xx\tdeleted\t',
      'alarm\tweb-cpu-high\tdeleted\t',
      'scaling-policy\tweb-asg/scale-up\tdeleted\t',
      'auto-scaling-group\tweb-asg\tfailed\t2 instances still terminating after 40s; re-run teardown to keep waiting, or pass --force',
      'launch-template\tweb-asg\tnot done\tauto-scaling-group web-asg failed first',
      'load-balancer\tweb-lb\tnot done\tauto-scaling-group web-asg failed first',
      'server-certificate\tweb-cert\tnot done\tauto-scaling-group web-asg failed first',
      '',
    ].join('\n'));
    expect(r.stderr).toContain('error: teardown of stack web is not complete: auto-scaling-group web-asg failed: 2 instances still terminating after 40s');
    expect(r.stderr).toContain('not done: auto-scaling-group web-asg, launch-template web-asg, load-balancer web-lb, server-certificate web-cert\n');
  });

  it('starts the --timeout clock after the answer, not while the plan is being read', async () => {
    world();
    const r = await runCli('teardown --stack web --timeout 45s', { tty: true, answers: [true], confirmDelayMs: 120_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('failed');
  });

  it('reports credentials AWS refuses during discovery as one line, exit 3 (no unhandled rejection)', async () => {
    world();
    asMock.on(DescribeAutoScalingGroupsCommand).rejects(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403));
    for (const cmd of ['teardown --stack web --yes', 'status --stack web']) {
      const r = await runCli(cmd);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe('error: AWS rejected the credentials (InvalidClientTokenId): The security token included in the request is invalid.; check which credentials are in use with "scalectl config"\n');
    }
  });

  it('waits 15 minutes by default', async () => {
    world((x) => {
      (x.groups.get('web-asg') as NonNullable<ReturnType<typeof x.groups.get>>).stuck = true;
    });
    const r = await runCli('teardown --asg web-asg --yes --output json');
    expect(r.code).toBe(5);
    const waited = r.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThan(880_000);
    expect(waited).toBeLessThanOrEqual(900_000);
    expect(JSON.parse(r.stdout).resources[2]).toEqual({ kind: 'auto-scaling-group', name: 'web-asg', status: 'unchanged', outcome: 'failed', reason: '2 instances still terminating after 15m00s; re-run teardown to keep waiting, or pass --force' });
  });

  it('retries the group delete while a scaling activity is still in progress', async () => {
    const w = world((x) => {
      x.errors.DeleteAutoScalingGroup = [awsError('ScalingActivityInProgress', 'You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.')];
    });
    const r = await runCli('teardown --asg web-asg --yes');
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([10000, 5000, 10000]);
    expect(asMock.commandCalls(DeleteAutoScalingGroupCommand)).toHaveLength(2);
    expect(w.groups.has('web-asg')).toBe(false);
  });

  it('retries the certificate delete while IAM still says the load balancer uses it', async () => {
    const conflict = () => awsError('DeleteConflict', 'Certificate: ASCA1 is currently in use by arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/web-lb. Please remove it first before deleting it from IAM.', 409);
    const w = world((x) => {
      x.errors.DeleteServerCertificate = [conflict(), conflict(), conflict()];
    });
    const r = await runCli('teardown --lb web-lb --cert web-cert --yes');
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([2000, 4000, 8000]);
    expect(iamMock.commandCalls(DeleteServerCertificateCommand)).toHaveLength(4);
    expect(w.certs.has('web-cert')).toBe(false);
  });

  it('gives up on a certificate still in use at --timeout', async () => {
    const conflict = awsError('DeleteConflict', 'Certificate: ASCA1 is currently in use by arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/web-lb.', 409);
    world((x) => {
      x.errors.DeleteServerCertificate = Array.from({ length: 20 }, () => conflict);
    });
    const r = await runCli('teardown --lb web-lb --cert web-cert --yes --timeout 20s');
    expect(r.code).toBe(5);
    expect(r.sleeps).toEqual([2000, 4000, 8000]);
    expect(r.stdout).toBe('load-balancer\tweb-lb\tdeleted\t\nserver-certificate\tweb-cert\tfailed\tAWS refused: DeleteConflict: Certificate: ASCA1 is currently in use by arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/web-lb.\n');
  });

  it('retries throttling that escaped the SDK instead of reporting it', async () => {
    const throttle = () => awsError('Throttling', 'Rate exceeded');
    const w = world((x) => {
      x.errors.DescribeAlarms = [throttle(), throttle()];
      x.errors.DeleteLoadBalancer = [throttle()];
      x.errors.DescribeAutoScalingGroups = [throttle()];
    });
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(ALL_DELETED);
    expect(nothingOfWebLeft(w)).toBe(true);
  });
});

describe('teardown re-run and interruption', () => {
  it('finishes on a re-run after failing half-way', async () => {
    const w = world((x) => {
      x.errors.DeleteLoadBalancer = [awsError('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DeleteLoadBalancer', 403)];
    });
    const first = await runCli('teardown --stack web --yes');
    expect(first.code).toBe(5);
    expect(first.stdout.split('\n').slice(5)).toEqual([
      'load-balancer\tweb-lb\tfailed\tAWS refused elasticloadbalancing:DeleteLoadBalancer (AccessDenied): User is not authorized to perform: elasticloadbalancing:DeleteLoadBalancer',
      'server-certificate\tweb-cert\tnot done\tload-balancer web-lb failed first',
      '',
    ]);
    expect(first.stderr).toContain('error: teardown of stack web is not complete: load-balancer web-lb failed: AWS refused elasticloadbalancing:DeleteLoadBalancer (AccessDenied)');
    expect(first.stderr).toContain('; re-run the same command to finish\n');

    const second = await runCli('teardown --stack web --yes');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('load-balancer\tweb-lb\tdeleted\t\nserver-certificate\tweb-cert\tdeleted\t\n');
    expect(nothingOfWebLeft(w)).toBe(true);
  });

  it('exits 1 when nothing at all could be deleted', async () => {
    world((x) => {
      x.errors.DeleteLoadBalancer = [awsError('AccessDenied', 'not authorized', 403)];
    });
    const r = await runCli('teardown --lb web-lb --yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Deleting load-balancer web-lb\nerror: nothing could be deleted: AWS refused elasticloadbalancing:DeleteLoadBalancer (AccessDenied): not authorized; re-run the same command to finish\n');
  });

  it('stops cleanly on Ctrl-C and says what remains', async () => {
    const w = world();
    const r = await runCli('teardown --stack web --yes --output json', { interruptAfterMs: 5000 });
    expect(r.code).toBe(130);
    expect(w.log).toEqual(ORDER.slice(0, 3));
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'teardown',
      name: 'web',
      status: 'deleted',
      changes: ['delete alarm web-5xx', 'delete alarm web-cpu-high', 'delete scaling-policy web-asg/scale-up'],
      dryRun: false,
      interrupted: true,
      resources: [
        { kind: 'alarm', name: 'web-5xx', status: 'deleted', outcome: 'deleted' },
        { kind: 'alarm', name: 'web-cpu-high', status: 'deleted', outcome: 'deleted' },
        { kind: 'scaling-policy', name: 'web-asg/scale-up', status: 'deleted', outcome: 'deleted' },
        { kind: 'auto-scaling-group', name: 'web-asg', status: 'unchanged', outcome: 'not done', reason: 'interrupted' },
        { kind: 'launch-template', name: 'web-asg', status: 'unchanged', outcome: 'not done', reason: 'interrupted' },
        { kind: 'load-balancer', name: 'web-lb', status: 'unchanged', outcome: 'not done', reason: 'interrupted' },
        { kind: 'server-certificate', name: 'web-cert', status: 'unchanged', outcome: 'not done', reason: 'interrupted' },
      ],
    });
    expect(r.stderr).toContain('error: interrupted; not deleted yet: auto-scaling-group web-asg, launch-template web-asg, load-balancer web-lb, server-certificate web-cert; re-run the same command to finish\n');
  });
});

describe('teardown confirmation and usage', () => {
  it('shows the plan on a terminal and deletes after yes', async () => {
    const w = world();
    const r = await runCli('teardown --stack web', { tty: true, answers: [true] });
    expect(r.code).toBe(0);
    expect(r.prompts).toEqual(['Delete these 7 resources?']);
    expect(r.stderr).toMatch(/ACTION.*RESOURCE.*NAME/);
    expect(r.stderr).toContain('autoscaling:DeleteAutoScalingGroup');
    expect(r.stdout).toMatch(/KIND.*NAME.*OUTCOME/);
    expect(r.stdout).not.toContain('DeleteAutoScalingGroup');
    expect(w.log).toEqual(ORDER);
  });

  it('asks about one resource in the singular', async () => {
    world();
    const r = await runCli('teardown --cert web-cert', { tty: true, answers: [false] });
    expect(r.prompts).toEqual(['Delete this resource?']);
  });

  it('deletes nothing when the answer is no', async () => {
    const w = world();
    const r = await runCli('teardown --stack web', { tty: true, answers: [false] });
    expect(r.code).toBe(1);
    expect(w.log).toEqual([]);
    expect(r.stderr).toMatch(/web-cert.*\n.*error: teardown cancelled; nothing was deleted\n$/s);
  });

  it('keeps stdout one json document when confirming on a terminal', async () => {
    world();
    const r = await runCli('teardown --stack web --output json', { tty: true, answers: [true] });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).resources).toHaveLength(7);
  });

  it('does not ask with --yes on a terminal', async () => {
    world();
    const r = await runCli('teardown --stack web --yes', { tty: true });
    expect(r.code).toBe(0);
    expect(r.prompts).toEqual([]);
  });

  it('requires --yes without a terminal, before any request', async () => {
    world();
    const r = await runCli('teardown --stack web');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: teardown deletes resources and stdin is not a terminal to confirm; pass --yes to delete without asking, or --dry-run to see the plan\n');
    expect(totalCalls()).toBe(0);
  });

  it('requires at least one selector', async () => {
    const r = await runCli('teardown --yes');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: teardown needs something to delete; pass --stack NAME, or name resources with --asg, --lb, --alarm, --cert, --launch-template or --launch-config\n');
    expect(totalCalls()).toBe(0);
  });

  it('rejects a bad --timeout before any request', async () => {
    const r = await runCli('teardown --stack web --yes --timeout soon');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: option '--timeout <duration>' argument 'soon' is invalid. --timeout must be a duration such as 90, 90s, 15m or 1h; run 'scalectl teardown --help' for usage");
    expect(totalCalls()).toBe(0);
  });
});

describe('teardown --dry-run', () => {
  it('prints the plan in order as text and sends no write', async () => {
    const w = world();
    const r = await runCli('teardown --stack web --dry-run');
    expect(r.code).toBe(0);
    expect(w.log).toEqual([]);
    expect(r.stdout).toBe([
      'delete\talarm\tweb-5xx\tcloudwatch:DeleteAlarms\t',
      'delete\talarm\tweb-cpu-high\tcloudwatch:DeleteAlarms\t',
      'delete\tscaling-policy\tweb-asg/scale-up\tautoscaling:DeletePolicy\t',
      'delete\tauto-scaling-group\tweb-asg\tautoscaling:DeleteAutoScalingGroup\tscale 2 → 0, wait for 2 instances to terminate, delete',
      'delete\tlaunch-template\tweb-asg\tec2:DeleteLaunchTemplate\t',
      'delete\tload-balancer\tweb-lb\telb:DeleteLoadBalancer\t2 instances registered',
      `delete\tserver-certificate\tweb-cert\tiam:DeleteServerCertificate\tarn:aws:iam::123456789012:server-certificate/web-cert`,
      '',
    ].join('\n'));
  });

  it('prints the plan as json with each request', async () => {
    world();
    const r = await runCli('teardown --stack web --dry-run --output json');
    const doc = JSON.parse(r.stdout);
    expect(doc.dryRun).toBe(true);
    expect(doc.steps[2]).toEqual({ action: 'delete', resource: 'scaling-policy', name: 'web-asg/scale-up', request: { service: 'autoscaling', operation: 'DeletePolicy', input: { AutoScalingGroupName: 'web-asg', PolicyName: 'scale-up' } } });
    expect(doc.steps).toHaveLength(7);
  });

  it('prints the plan as a table on a terminal, without asking', async () => {
    world();
    const r = await runCli('teardown --stack web --dry-run', { tty: true });
    expect(r.code).toBe(0);
    expect(r.prompts).toEqual([]);
    const lines = r.stdout.split('\n');
    expect(lines.findIndex((l) => l.includes('web-5xx'))).toBeLessThan(lines.findIndex((l) => l.includes('web-cert')));
    expect(r.stdout).toMatch(/#.*ACTION.*RESOURCE.*NAME.*REQUEST.*DETAIL/);
  });

  it('plans named resources with no credentials at all', async () => {
    const r = await runCli('teardown --lb web-lb --cert web-cert --dry-run', { env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('delete\tload-balancer\tweb-lb\telb:DeleteLoadBalancer\t\ndelete\tserver-certificate\tweb-cert\tiam:DeleteServerCertificate\t\n');
    expect(r.stderr).toContain('warning: no AWS credentials found: planning without reading AWS');
    expect(totalCalls()).toBe(0);
  });

  it('warns about blockers in a dry-run but still prints the plan', async () => {
    world((x) => {
      (x.groups.get('web-asg') as NonNullable<ReturnType<typeof x.groups.get>>).suspended = ['Terminate'];
    });
    const r = await runCli('teardown --stack web --dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the Terminate process is suspended');
    expect(r.stdout.split('\n')).toHaveLength(8);
  });
});

describe('teardown of a group already being deleted', () => {
  it('waits for it instead of deleting it again', async () => {
    const w = world((x) => {
      Object.assign(x.groups.get('web-asg') as object, { deleting: 2, instances: [] });
    });
    const r = await runCli('teardown --asg web-asg --yes');
    expect(r.code).toBe(0);
    expect(w.log).toEqual(['DeleteAlarms web-cpu-high', 'DeletePolicy scale-up']);
    expect(asMock).not.toHaveReceivedCommand(DeleteAutoScalingGroupCommand);
    expect(r.stdout).toContain('auto-scaling-group\tweb-asg\tdeleted\t');
  });
});

describe('teardown against an endpoint that lacks an API', () => {
  it('names certificates as not searched in every format, and exits 1 (never "already gone")', async () => {
    world();
    iamMock.on(ListServerCertificateTagsCommand).rejects(awsError('InternalFailure', 'The list_server_certificate_tags action has not been implemented', 500));
    const r = await runCli('teardown --stack web --dry-run');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: this endpoint cannot read server certificate tags (ListServerCertificateTags), so the stack\'s certificates were not searched; name them with --cert\n');
    expect(r.stderr).toContain('error: the plan is incomplete: server-certificate could not be searched');
    expect(r.stdout).not.toContain('server-certificate');
    expect(r.stdout).toContain('load-balancer\tweb-lb');
    const json = await runCli('teardown --stack web --dry-run --output json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).unsearched).toEqual(['server-certificate']);
  });

  it('deletes the rest, then exits 5 naming what was not searched', async () => {
    const w = world();
    iamMock.on(ListServerCertificateTagsCommand).rejects(awsError('InternalFailure', 'The list_server_certificate_tags action has not been implemented', 500));
    const r = await runCli('teardown --stack web --yes --output json');
    expect(r.code).toBe(5);
    expect(w.log).toEqual(ORDER.slice(0, -1));
    expect(JSON.parse(r.stdout).unsearched).toEqual(['server-certificate']);
    expect(r.stderr).toContain('server-certificate could not be searched, so whether any remain is unknown');
    // A re-run finds nothing else, and still does not claim the stack is gone.
    const again = await runCli('teardown --stack web --yes');
    expect(again.code).toBe(1);
    expect(again.stderr).not.toContain('everything is already gone');
    expect(again.stderr).toContain('error: teardown of stack web is not complete: server-certificate could not be searched');
  });

  it('needs no certificate search when every certificate that exists is named with --cert', async () => {
    world();
    iamMock.on(ListServerCertificateTagsCommand).rejects(awsError('InternalFailure', 'The list_server_certificate_tags action has not been implemented', 500));
    const r = await runCli('teardown --stack web --cert web-cert,other-cert --dry-run --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).unsearched).toBeUndefined();
  });

  it('status names the kind it could not search and exits 1', async () => {
    world();
    iamMock.on(ListServerCertificateTagsCommand).rejects(awsError('InternalFailure', 'The list_server_certificate_tags action has not been implemented', 500));
    const r = await runCli('status --stack web --output json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).unsearched).toEqual(['server-certificate']);
    expect(r.stderr).toContain('error: the status is incomplete: server-certificate could not be searched');
  });

  it('a 503 burst (or any 5xx that is not a missing operation) fails the run: it is not taken for a missing API', async () => {
    world();
    iamMock.on(ListServerCertificateTagsCommand).rejects(awsError('ServiceUnavailable', 'Service Unavailable', 503));
    for (const cmd of ['teardown --stack web --dry-run', 'teardown --stack web --yes', 'status --stack web']) {
      const r = await runCli(cmd);
      expect(r.code, cmd).toBe(1);
      expect(r.stdout, cmd).toBe('');
      expect(r.stderr, cmd).not.toContain('warning: this endpoint cannot');
      expect(r.stderr, cmd).toContain('ServiceUnavailable');
    }
  });

  it('still fails on a refusal that is not a missing API', async () => {
    world();
    iamMock.on(ListServerCertificateTagsCommand).rejects(awsError('AccessDenied', 'not authorized to perform: iam:ListServerCertificateTags', 403));
    const r = await runCli('teardown --stack web --dry-run');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: AWS refused iam:ListServerCertificateTags (AccessDenied): not authorized to perform: iam:ListServerCertificateTags; run "scalectl policy teardown" for the IAM policy it needs\n');
  });
});

describe('teardown discovery races', () => {
  it('reads tags one by one when a load balancer of the batch went meanwhile', async () => {
    world();
    elbMock.on(DescribeTagsCommand, { LoadBalancerNames: ['web-lb', 'other-lb'] }).rejects(awsError('LoadBalancerNotFound', "There is no ACTIVE Load Balancer named 'other-lb'"));
    elbMock.on(DescribeTagsCommand, { LoadBalancerNames: ['other-lb'] }).rejects(awsError('LoadBalancerNotFound', "There is no ACTIVE Load Balancer named 'other-lb'"));
    elbMock.on(DescribeTagsCommand, { LoadBalancerNames: ['web-lb'] }).resolves({ TagDescriptions: [{ LoadBalancerName: 'web-lb', Tags: [{ Key: 'scalectl:stack', Value: 'web' }] }] });
    const r = await runCli('teardown --stack web --dry-run --endpoint-url http://127.0.0.1:4566');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('delete\tload-balancer\tweb-lb\t');
    expect(elbMock.commandCalls(DescribeTagsCommand)).toHaveLength(3);
  });
});
