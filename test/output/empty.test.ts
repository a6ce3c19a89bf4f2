import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { asMock, cwMock, elbMock } from '../helpers/aws.js';
import { runCli } from '../helpers/run-cli.js';

describe('an empty result', () => {
  it('a terminal gets one line on stderr instead of a blank screen', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [] });
    const r = await runCli('describe-lbs', { tty: true });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'no load balancers in us-east-1\n']);
  });

  it('text stays empty and json an empty list, with nothing on stderr', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const text = await runCli('describe-asgs --output text');
    expect([text.code, text.stdout, text.stderr]).toEqual([0, '', '']);
    const json = await runCli('describe-asgs --output json');
    expect([json.stdout, json.stderr]).toEqual([JSON.stringify({ groups: [], missing: [] }, null, 2) + '\n', '']);
  });

  it('get-stats with no datapoints says so in every format', async () => {
    cwMock.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
    for (const format of ['text', 'json']) {
      const r = await runCli(`get-stats CPUUtilization --namespace AWS/EC2 --output ${format}`);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('no datapoints for this metric and range in us-east-1\n');
    }
  });
});
