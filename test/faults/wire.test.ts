// Faults on the wire, answered by a loopback fault server (no moto needed): pages that are not
// AWS's, throttling in each protocol's own form, garbled answers, host names that do not resolve.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { runCli, TEST_ENV } from '../helpers/run-cli.js';
import { elbMock, iamMock, asMock, ec2Mock, cwMock, restoreRealWire } from '../helpers/aws.js';

let fs: FaultServer;
// Keys the run hands to the SDK itself (the SDK's own chain reads process.env, not the run's env).
const env = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ACCESS_KEY: 'AKIDFAULTTEST0000001', AWS_SECRET_KEY: 'fault-test-secret-never-printed-0001', AWS_MAX_ATTEMPTS: '3' };
/** An Auto Scaling account with no groups, so create-asg reaches its EC2 calls. */
const NO_GROUPS = { action: 'DescribeAutoScalingGroups', times: Infinity, kind: { status: 200, body: '<DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><DescribeAutoScalingGroupsResult><AutoScalingGroups/></DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>g</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>' } } as const;
const cli = (args: string) => runCli(`--endpoint-url ${fs.url} --output json ${args}`, { env, retryDelayMs: 0 });

beforeAll(async () => {
  fs = await startFaultServer();
});
afterAll(() => fs.close());
beforeEach(() => {
  restoreRealWire(); // the real wire
  fs.faults.length = 0;
  fs.requests.length = 0;
});

describe('#1 an HTML page with HTTP 200 is not an AWS answer', () => {
  it.each([
    ['describe-lbs', 'DescribeLoadBalancers'],
    ['list-certs', 'ListServerCertificates'],
    ['describe-asgs', 'DescribeAutoScalingGroups'],
  ])('%s fails with exit 1 instead of printing an empty list', async (cmd, action) => {
    fs.faults.push({ kind: 'html-200', times: Infinity });
    const r = await cli(`${cmd}`);
    expect(r.stderr).toContain("error: the endpoint's answer (HTTP 200) is not an AWS response");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(fs.requests[0]?.action).toBe(action);
  });

  it('create-lb never reports created', async () => {
    fs.faults.push({ kind: 'html-200', times: Infinity });
    const r = await cli('create-lb web --listener http:80:http:80 --zones us-east-1a');
    expect(r.stdout).not.toContain('created');
    expect(r.stderr).toContain('is not an AWS response');
    expect(r.code).not.toBe(0);
  });

  it('teardown --stack does not call everything "already gone"', async () => {
    fs.faults.push({ kind: 'html-200', times: Infinity });
    const r = await cli('teardown --stack prod --yes');
    expect(r.stdout).not.toContain('already gone');
    expect(r.stderr).toContain('is not an AWS response');
    expect(r.code).not.toBe(0);
  });

    it('an EC2 call answered by a page fails the same way', async () => {
    fs.faults.push(NO_GROUPS, { kind: 'html-200', protocol: 'ec2', times: Infinity });
    const r = await cli('create-asg web --image-id ami-12345678 --instance-type t3.micro --min 1 --max 2 --dry-run');
    expect(r.stderr).toContain('is not an AWS response');
    expect(r.code).toBe(1);
  });
});

describe('#3 a 502 page from a proxy', () => {
  it('reads "not an AWS response (HTTP 502)", not "AWS refused: Unknown: Unknown", after the retries', async () => {
    fs.faults.push({ kind: 'html-502', times: Infinity });
    const r = await cli('describe-lbs');
    expect(r.stderr).not.toContain('Unknown');
    expect(r.stderr).toContain("error: the endpoint's answer (HTTP 502) is not an AWS response");
    expect(r.code).toBe(1);
    // A 502 is transient: retried (classic and ELBv2 are read at once, each three times).
    expect(fs.requests.filter((q) => q.version === '2012-06-01')).toHaveLength(3);
    expect(fs.requests.filter((q) => q.version === '2015-12-01')).toHaveLength(3);
  });
});

describe('#8 a garbled 200', () => {
  it('to a read-only call is retried like other transient faults', async () => {
    fs.faults.push({ kind: 'garbled-200', action: 'DescribeLoadBalancers', version: '2012-06-01' });
    fs.faults.push({ version: '2012-06-01', kind: { status: 200, body: '<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><DescribeLoadBalancersResult><LoadBalancerDescriptions/></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>' } });
    // describe-lbs lists the ELBv2 balancers too, at the same time (API version 2015-12-01): none.
    fs.faults.push({ version: '2015-12-01', kind: { status: 200, body: '<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><DescribeLoadBalancersResult><LoadBalancers/></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>' } });
    const r = await cli('describe-lbs');
    expect(r.stderr).toContain('retrying (attempt 2 of 3)');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ loadBalancers: [] });
    expect(fs.requests.map((q) => `${q.action} ${q.version}${q.fault === 'garbled-200' ? ' garbled' : ''}`).sort()).toEqual(['DescribeLoadBalancers 2012-06-01', 'DescribeLoadBalancers 2012-06-01 garbled', 'DescribeLoadBalancers 2015-12-01']);
  });

  it('to a write still fails at once: it may have taken effect', async () => {
    const lb = '<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><DescribeLoadBalancersResult><LoadBalancerDescriptions><member><LoadBalancerName>web</LoadBalancerName><Instances/></member></LoadBalancerDescriptions></DescribeLoadBalancersResult><ResponseMetadata><RequestId>d</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>';
    fs.faults.push({ action: 'DescribeLoadBalancers', times: Infinity, kind: { status: 200, body: lb } }, { kind: 'garbled-200', times: Infinity });
    const w = await cli('register-instances web i-12345678');
    expect(w.stderr).toContain("error: the endpoint's answer (HTTP 200) is not an AWS response");
    expect(w.stderr).not.toContain('retrying');
    expect(w.code).toBe(1);
    expect(fs.requests.filter((q) => q.action === 'RegisterInstancesWithLoadBalancer')).toHaveLength(1);
  });
});

describe('#23 throttling', () => {
  it.each([
    ['describe-lbs', 'query'],
    ['describe-alarms', 'json'],
  ])('%s: every retry is announced on stderr and the end reads as throttling (%s protocol)', async (cmd) => {
    fs.faults.push({ kind: 'throttle', times: Infinity });
    const r = await cli(cmd);
    expect(r.stderr).toContain('throttled by AWS, retrying (attempt 2 of 3)');
    expect(r.stderr).toContain('throttled by AWS, retrying (attempt 3 of 3)');
    expect(r.stderr).toMatch(/error: AWS is throttling requests \(\w+\)/);
    expect(r.stderr).not.toContain('AWS refused');
    expect(r.code).toBe(1);
  });

  it('EC2 throttling (RequestLimitExceeded, HTTP 503) reads the same', async () => {
    fs.faults.push(NO_GROUPS, { kind: 'throttle', protocol: 'ec2', times: Infinity });
    const r = await cli('create-asg web --image-id ami-12345678 --instance-type t3.micro --min 1 --max 2 --dry-run');
    expect(r.stderr).toContain('error: AWS is throttling requests (RequestLimitExceeded)');
  });

  it('teardown --stack: discovery under throttling shows progress and words the end as throttling', async () => {
    fs.faults.push({ kind: 'throttle', times: Infinity });
    const r = await cli('teardown --stack prod --dry-run');
    expect(r.stderr).toContain('throttled by AWS, retrying (attempt 2 of 3)');
    expect(r.stderr).toContain('AWS is throttling requests');
    expect(r.stderr).not.toContain('AWS refused: Throttling');
    expect(r.code).not.toBe(0);
  });

    it('-q keeps the retries quiet', async () => {
    fs.faults.push({ kind: 'throttle', times: Infinity });
    const r = await cli('-q describe-lbs');
    expect(r.stderr).not.toContain('retrying');
    expect(r.code).toBe(1);
  });
});

describe('#14 network failures', () => {
  it('a host name that does not resolve fails at once, naming the host', async () => {
    const r = await runCli('--endpoint-url http://scalectl-no-such-host.invalid describe-lbs', { env, retryDelayMs: 0 });
    expect(r.stderr).toMatch(/error: could not resolve the AWS endpoint's host name scalectl-no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\)/);
    expect(r.stderr).not.toContain('retrying');
    expect(r.code).toBe(1);
  });

  it('a refused connection is retried, visibly', async () => {
    const r = await runCli('--endpoint-url http://127.0.0.1:1 describe-lbs', { env, retryDelayMs: 0 });
    expect(r.stderr).toContain('could not reach the endpoint (ECONNREFUSED), retrying (attempt 2 of 3)');
    expect(r.stderr).toContain('error: could not reach the AWS endpoint (ECONNREFUSED)');
    expect(r.code).toBe(1);
  });
});
