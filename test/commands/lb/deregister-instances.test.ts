import { DeregisterInstancesFromLoadBalancerCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtLb } from './lb-fixtures.js';

const withInstances = (...ids: string[]) => ({ LoadBalancerDescriptions: [builtLb({ Instances: ids.map((InstanceId) => ({ InstanceId })) })] });

describe('deregister-instances', () => {
  it('deregisters only registered instances and prints those still registered', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-11111111', 'i-22222222'));
    elbMock.on(DeregisterInstancesFromLoadBalancerCommand).resolves({ Instances: [{ InstanceId: 'i-22222222' }] });
    const r = await runCli('deregister-instances web i-11111111 i-33333333 --output json');
    expect(r.code).toBe(0);
    expect(elbMock).toHaveReceivedCommandWith(DeregisterInstancesFromLoadBalancerCommand, { LoadBalancerName: 'web', Instances: [{ InstanceId: 'i-11111111' }] });
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'load-balancer', name: 'web', status: 'updated', changes: ['deregister i-11111111'], instances: ['i-22222222'] });
  });

  it('works out the remaining instances when the response lists none (moto)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-11111111', 'i-22222222'));
    elbMock.on(DeregisterInstancesFromLoadBalancerCommand).resolves({ Instances: [] });
    const r = await runCli('deregister-instances web i-11111111');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('i-22222222\n');
  });

  it('is unchanged when none are registered, text prints the remaining instances', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-22222222'));
    const r = await runCli('deregister-instances web i-11111111');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('i-22222222\n');
    expect(elbMock).toHaveReceivedCommandTimes(DeregisterInstancesFromLoadBalancerCommand, 0);
  });

  it('exits 4 for a missing balancer and 2 for a bad id', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('AccessPointNotFoundException', 'none'));
    expect((await runCli('deregister-instances nope i-11111111')).code).toBe(4);
    elbMock.resetHistory();
    const bad = await runCli('deregister-instances web i-xyz');
    expect(bad.code).toBe(2);
    expect(elbMock.calls()).toHaveLength(0);
  });
});
