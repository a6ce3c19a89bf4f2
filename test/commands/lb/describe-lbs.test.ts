import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtLb, DNS } from './lb-fixtures.js';

describe('describe-lbs', () => {
  it('reads back the done-when balancer in text', async () => {
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web'] }).resolves({ LoadBalancerDescriptions: [builtLb({ Instances: [{ InstanceId: 'i-12345678' }] })] });
    const r = await runCli('describe-lbs web');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`web\t${DNS}\tinternet-facing\thttp:80,https:443:http:80\tHTTP:80/health\t1\tclassic\n`);
  });

  it('reads back the done-when balancer in json', async () => {
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web'] }).resolves({ LoadBalancerDescriptions: [builtLb()] });
    const r = await runCli('describe-lbs web --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ loadBalancers: [{
      name: 'web', type: 'classic', dnsName: DNS, scheme: 'internet-facing',
      listeners: [
        { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 },
        { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, certificateArn: 'arn:aws:iam::123456789012:server-certificate/site' },
      ],
      healthCheck: { target: 'HTTP:80/health', interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 },
      instanceCount: 0, instances: [], zones: ['us-east-1a', 'us-east-1b'], subnets: [], securityGroups: [],
    }] });
  });

  it('reads back the done-when balancer in a table', async () => {
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web'] }).resolves({ LoadBalancerDescriptions: [builtLb()] });
    const r = await runCli('describe-lbs web --no-color', { tty: true, columns: 200 });
    expect(r.code).toBe(0);
    const [head, row] = r.stdout.split('\n');
    expect(head).toMatch(/^NAME\s+TYPE\s+DNS NAME\s+SCHEME\s+LISTENERS\s+HEALTH CHECK\s+INSTANCES$/);
    expect(row).toMatch(/^web\s+classic\s+web-1234567890\.us-east-1\.elb\.amazonaws\.com\s+internet-facing\s+http:80, https:443:http:80\s+HTTP:80\/health 30\/5s 10\/2\s+0$/);
  });

  it('lists every balancer across pages when no name is given', async () => {
    elbMock.on(DescribeLoadBalancersCommand, { PageSize: 400 }, true).resolves({ LoadBalancerDescriptions: [builtLb()], NextMarker: 'm2' });
    elbMock.on(DescribeLoadBalancersCommand, { PageSize: 400, Marker: 'm2' }, true).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'bare' }] });
    const r = await runCli('describe-lbs');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`web\t${DNS}\tinternet-facing\thttp:80,https:443:http:80\tHTTP:80/health\t0\tclassic\nbare\t\t\t\t\t0\tclassic\n`);
    expect(elbMock).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 2);
  });

  it('exits 4 naming the balancers that do not exist', async () => {
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['web'] }).resolves({ LoadBalancerDescriptions: [builtLb()] });
    elbMock.on(DescribeLoadBalancersCommand, { LoadBalancerNames: ['nope'] }).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'nope'"));
    const r = await runCli('describe-lbs web nope');
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: load balancer nope not found in this region; run "scalectl describe-lbs" to list them\n');
  });

  it('exits 1 when AWS refuses', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied', 'not allowed', 403));
    const r = await runCli('describe-lbs');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: AWS refused elasticloadbalancing:DescribeLoadBalancers (AccessDenied): not allowed; run "scalectl policy describe-lbs" for the IAM policy it needs\n');
  });
});
