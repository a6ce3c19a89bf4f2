import { describe, expect, it } from 'vitest';
import { elbMock, iamMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

// Names AWS would refuse are refused here first, with exit 2 and nothing sent.
describe('load balancer and certificate names are checked before any request', () => {
  it.each([
    ['describe-lbs bad_name!', 'error: "bad_name!" is not a valid load balancer name'],
    ['instance-health web_1', 'error: "web_1" is not a valid load balancer name'],
    ['register-instances bad_name! i-0123456789abcdef0', 'error: "bad_name!" is not a valid load balancer name'],
    ['deregister-instances web- i-0123456789abcdef0', 'error: "web-" is not a valid load balancer name'],
    ['set-lb-cert bad_name! --port 443 --cert site', 'error: "bad_name!" is not a valid load balancer name'],
    ["set-lb-cert web --port 443 --cert 'bad name!'", 'error: "bad name!" is neither a certificate ARN nor a certificate name'],
    ["create-lb web --listener https:443:http:80 --zones us-east-1a --cert 'bad name!'", 'error: "bad name!" is neither a certificate ARN nor a certificate name'],
  ])('%s', async (line, message) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(`${message}; `)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(elbMock.calls()).toHaveLength(0);
    expect(iamMock.calls()).toHaveLength(0);
  });
});

describe('create-lb --listener', () => {
  it('accepts compact specs separated by commas, like every list flag', async () => {
    const one = await runCli('create-lb web --listener http:80,https:443:http:80 --cert arn:aws:iam::123456789012:server-certificate/site --zones us-east-1a --dry-run --output json', { env: {} });
    const two = await runCli('create-lb web --listener http:80 --listener https:443:http:80 --cert arn:aws:iam::123456789012:server-certificate/site --zones us-east-1a --dry-run --output json', { env: {} });
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(two.stdout);
    expect(JSON.parse(one.stdout).steps[0].detail).toBe('http:80, https:443:http:80 with arn:aws:iam::123456789012:server-certificate/site');
  });
});
