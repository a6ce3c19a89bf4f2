import { DescribeLoadBalancersCommand, RegisterInstancesWithLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtLb } from './lb-fixtures.js';

const withInstances = (...ids: string[]) => ({ LoadBalancerDescriptions: [builtLb({ Instances: ids.map((InstanceId) => ({ InstanceId })) })] });

describe('register-instances', () => {
  it('registers only the instances not yet registered and prints every registered instance', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-11111111'));
    elbMock.on(RegisterInstancesWithLoadBalancerCommand).resolves({ Instances: [{ InstanceId: 'i-11111111' }, { InstanceId: 'i-22222222' }] });
    const r = await runCli('register-instances web i-11111111 i-22222222');
    expect(r.code).toBe(0);
    expect(elbMock).toHaveReceivedCommandWith(RegisterInstancesWithLoadBalancerCommand, { LoadBalancerName: 'web', Instances: [{ InstanceId: 'i-22222222' }] });
    expect(r.stdout).toBe('i-11111111\ni-22222222\n');
    expect(r.stderr).toBe('Registering instances web (i-22222222)\n');
  });

  it('works out the registered instances when the response lists none (moto)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-11111111'));
    elbMock.on(RegisterInstancesWithLoadBalancerCommand).resolves({ Instances: [] });
    const r = await runCli('register-instances web i-22222222');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('i-11111111\ni-22222222\n');
  });

  it('is unchanged when all are registered (json, table)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances('i-11111111'));
    const r = await runCli('register-instances web i-11111111 --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'load-balancer', name: 'web', status: 'unchanged', changes: [], instances: ['i-11111111'] });
    const t = await runCli('register-instances web i-11111111 --no-color', { tty: true });
    expect(t.stdout).toMatch(/^INSTANCE\s+REGISTERED\ni-11111111\s+already\n/);
    expect(elbMock).toHaveReceivedCommandTimes(RegisterInstancesWithLoadBalancerCommand, 0);
  });

  it('dry run plans the registration and sends nothing', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances());
    const r = await runCli('register-instances web i-11111111,i-22222222 --dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('register\tinstances\tweb\telb:RegisterInstancesWithLoadBalancer\ti-11111111, i-22222222\n');
    expect(elbMock).toHaveReceivedCommandTimes(RegisterInstancesWithLoadBalancerCommand, 0);
  });

  it('exits 4 for a missing balancer and 2 for a bad instance id (no request)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('AccessPointNotFoundException', 'none'));
    const r = await runCli('register-instances nope i-11111111');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: load balancer nope not found in this region; run "scalectl describe-lbs" to list them\n');
    elbMock.resetHistory();
    const bad = await runCli('register-instances web i-11111111 web-2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: "web-2" is not an instance id; instance ids look like i-0123456789abcdef0\n');
    expect(elbMock.calls()).toHaveLength(0);
  });

  it('exits 1 when AWS refuses the registration', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves(withInstances());
    elbMock.on(RegisterInstancesWithLoadBalancerCommand).rejects(awsError('InvalidEndPointException', 'The specified EndPoint is not valid: i-11111111'));
    const r = await runCli('register-instances web i-11111111');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: AWS refused: InvalidEndPointException: The specified EndPoint is not valid: i-11111111\n');
  });
});
