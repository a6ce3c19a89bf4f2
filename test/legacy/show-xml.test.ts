import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { restoreRealWire } from '../helpers/aws.js';
import { runCli, TEST_ENV } from '../helpers/run-cli.js';

// --show-xml prints what the service answered, byte for byte: it needs a real wire, so this file
// talks to a loopback stand-in for the ELB endpoint instead of the SDK mocks.
const ANSWER = '<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><DescribeLoadBalancersResult><LoadBalancerDescriptions><member><LoadBalancerName>web</LoadBalancerName><DNSName>web-1.elb.example</DNSName><ListenerDescriptions/><Instances/><AvailabilityZones/></member></LoadBalancerDescriptions></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>';
let server: Server;
let url = '';

beforeEach(() => restoreRealWire()); // setup.ts mocks every client before each test
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'text/xml');
      res.end(ANSWER);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('--show-xml prints the service\'s own answer instead of the records', async () => {
  const r = await runCli(['legacy', 'elb-describe-lbs', 'web', '--show-xml'], { env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ELB_URL: url, AWS_ACCESS_KEY: 'AKIDLEGACY', AWS_SECRET_KEY: 'legacy-secret' } });
  expect([r.code, r.stdout, r.stderr]).toEqual([0, `${ANSWER}\n`, '']);
  const plain = await runCli(['legacy', 'elb-describe-lbs', 'web'], { env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ELB_URL: url, AWS_ACCESS_KEY: 'AKIDLEGACY', AWS_SECRET_KEY: 'legacy-secret' } });
  expect(plain.stdout).toMatch(/^LOAD_BALANCER {2}web {2}web-1\.elb\.example/);
});
