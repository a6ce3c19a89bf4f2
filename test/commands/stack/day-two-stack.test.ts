import { DescribeNotificationConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import { describe, expect, it } from 'vitest';
import { asMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { install, webWorld, type World } from './teardown-world.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ops';

function world(): World {
  const w = webWorld();
  w.schedules.push({ group: 'web-asg', name: 'mornings', recurrence: '0 9 * * 1-5', desired: 3 });
  w.notifications.push({ group: 'web-asg', topic: TOPIC, types: ['autoscaling:EC2_INSTANCE_LAUNCH', 'autoscaling:EC2_INSTANCE_TERMINATE'] });
  return install(w);
}

describe('scheduled actions and notifications in a stack', () => {
  it('teardown deletes them after the policies and before their group (a schedule could scale a draining group back up)', async () => {
    const w = world();
    const r = await runCli('teardown --stack web --yes');
    expect(r.code).toBe(0);
    expect(w.log).toEqual([
      'DeleteAlarms web-5xx,web-cpu-high',
      'DeletePolicy scale-up',
      'DeleteScheduledAction web-asg/mornings',
      `DeleteNotificationConfiguration web-asg ${TOPIC}`,
      'UpdateAutoScalingGroup web-asg min=0 max=0 desired=0',
      'DeleteAutoScalingGroup web-asg',
      'DeleteLaunchTemplate web-asg',
      'DeleteLoadBalancer web-lb',
      'DeleteServerCertificate web-cert',
    ]);
    expect(r.stdout).toContain(`scheduled-action\tweb-asg/mornings\tdeleted\t\nnotification\tweb-asg/${TOPIC}\tdeleted\t\nauto-scaling-group\tweb-asg\tdeleted\t\n`);
    expect(w.schedules).toEqual([]);
    expect(w.notifications).toEqual([]);
  });

  it('the dry-run plan shows their delete requests in order', async () => {
    world();
    const r = await runCli('teardown --stack web --dry-run --output json');
    const steps = JSON.parse(r.stdout).steps as Array<{ resource: string; request: { operation: string; input: unknown } }>;
    expect(steps.map((s) => s.resource)).toEqual(['alarm', 'alarm', 'scaling-policy', 'scheduled-action', 'notification', 'auto-scaling-group', 'launch-template', 'load-balancer', 'server-certificate']);
    expect(steps[3]!.request).toEqual({ service: 'autoscaling', operation: 'DeleteScheduledAction', input: { AutoScalingGroupName: 'web-asg', ScheduledActionName: 'mornings' } });
    expect(steps[4]!.request).toEqual({ service: 'autoscaling', operation: 'DeleteNotificationConfiguration', input: { AutoScalingGroupName: 'web-asg', TopicARN: TOPIC } });
  });

  it('status lists them with their schedule and events', async () => {
    world();
    const r = await runCli('status --stack web');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`scheduled-action\tweb-asg/mornings\t0 9 * * 1-5\tdesired 3\nnotification\tweb-asg/${TOPIC}\tlaunch,terminate\t${TOPIC}\nauto-scaling-group\tweb-asg\t`);
  });

  it('an endpoint without the notification API (moto) leaves them out with a warning', async () => {
    world();
    asMock.on(DescribeNotificationConfigurationsCommand).rejects(Object.assign(new Error('Deserialization error'), { $metadata: { httpStatusCode: 500 } }));
    const r = await runCli('status --stack web');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: this endpoint cannot read notification configurations (DescribeNotificationConfigurations); they are left out');
    expect(r.stdout).not.toContain('notification\t');
  });
});
