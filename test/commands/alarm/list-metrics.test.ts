import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { cwMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

describe('list-metrics', () => {
  it('filters by namespace, metric and dimensions, and reads every page', async () => {
    cwMock
      .on(ListMetricsCommand)
      .resolvesOnce({ Metrics: [{ MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }] }], NextToken: 'p2' })
      .resolvesOnce({ Metrics: [{ MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }, { Name: 'X', Value: 'y' }] }] });
    const r = await runCli('list-metrics --namespace AWS/EC2 --metric CPUUtilization --dimension AutoScalingGroupName=web-asg --dimension InstanceId');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('CPUUtilization\tAWS/EC2\tAutoScalingGroupName=web-asg\nCPUUtilization\tAWS/EC2\tAutoScalingGroupName=web-asg,X=y\n');
    const want = { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'web-asg' }, { Name: 'InstanceId' }] };
    expect(cwMock.commandCalls(ListMetricsCommand).map((c) => c.args[0].input)).toEqual([want, { ...want, NextToken: 'p2' }]);
  });

  it('takes the legacy --metric-name and --dimensions "k1=v1,k2=v2" spellings', async () => {
    cwMock.on(ListMetricsCommand).resolves({ Metrics: [] });
    const r = await runCli('list-metrics --metric-name Latency --dimensions "LoadBalancerName=web,AvailabilityZone=us-east-1a" --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ metrics: [] });
    expect(cwMock.commandCalls(ListMetricsCommand)[0]!.args[0].input).toEqual({ MetricName: 'Latency', Dimensions: [{ Name: 'LoadBalancerName', Value: 'web' }, { Name: 'AvailabilityZone', Value: 'us-east-1a' }] });
  });

  it('lists everything with no filters', async () => {
    cwMock.on(ListMetricsCommand).resolves({ Metrics: [{ MetricName: 'Latency', Namespace: 'AWS/ELB' }] });
    const r = await runCli('list-metrics', { tty: true });
    expect(r.stdout).toBe('METRIC   NAMESPACE  DIMENSIONS\nLatency  AWS/ELB    -\n'.replace('METRIC   NAMESPACE  DIMENSIONS', '\x1b[1mMETRIC\x1b[22m   \x1b[1mNAMESPACE\x1b[22m  \x1b[1mDIMENSIONS\x1b[22m'));
    expect(cwMock.commandCalls(ListMetricsCommand)[0]!.args[0].input).toEqual({});
  });
});
