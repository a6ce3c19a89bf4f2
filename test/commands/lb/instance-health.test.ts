import { DescribeInstanceHealthCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const STATES = { InstanceStates: [
  { InstanceId: 'i-12345678', State: 'InService', ReasonCode: 'N/A', Description: 'N/A' },
  { InstanceId: 'i-0123456789abcdef0', State: 'OutOfService', ReasonCode: 'Instance', Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' },
  { InstanceId: 'i-87654321' },
] };

describe('instance-health', () => {
  it('prints each instance state, reason code and description in text', async () => {
    elbMock.on(DescribeInstanceHealthCommand, { LoadBalancerName: 'web' }).resolves(STATES);
    const r = await runCli('instance-health web');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'i-12345678\tInService\t\t',
      'i-0123456789abcdef0\tOutOfService\tInstance\tInstance has failed at least the UnhealthyThreshold number of health checks consecutively.',
      'i-87654321\tUnknown\t\t',
      '',
    ].join('\n'));
  });

  it('json and table', async () => {
    elbMock.on(DescribeInstanceHealthCommand).resolves(STATES);
    const j = await runCli('instance-health web --output json');
    expect(JSON.parse(j.stdout)).toEqual({ loadBalancer: 'web', instances: [
      { instanceId: 'i-12345678', state: 'InService' },
      { instanceId: 'i-0123456789abcdef0', state: 'OutOfService', reasonCode: 'Instance', description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' },
      { instanceId: 'i-87654321', state: 'Unknown' },
    ] });
    const t = await runCli('instance-health web --no-color', { tty: true, columns: 200 });
    expect(t.stdout.split('\n')[0]).toMatch(/^INSTANCE\s+STATE\s+REASON\s+DESCRIPTION$/);
    expect(t.stdout.split('\n')[1]).toMatch(/^i-12345678\s+InService\s+-\s+-$/);
  });

  it('an empty balancer prints nothing and exits 0; json still has the list', async () => {
    elbMock.on(DescribeInstanceHealthCommand).resolves({});
    expect((await runCli('instance-health web')).stdout).toBe('');
    expect(JSON.parse((await runCli('instance-health web --output json')).stdout)).toEqual({ loadBalancer: 'web', instances: [] });
  });

  it('exits 4 for a balancer that does not exist', async () => {
    elbMock.on(DescribeInstanceHealthCommand).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'nope'"));
    const r = await runCli('instance-health nope');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: load balancer nope not found in this region; run "scalectl describe-lbs" to list them\n');
  });
});
