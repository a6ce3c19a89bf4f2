import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// Nothing is mocked: every case must fail before any AWS request (an unmocked call would be exit 1 or 3).
describe('empty flag values are refused, exit 2 (trust #16)', () => {
  it.each([
    ['create-lb web --zones us-east-1a --listener http:80 --stack ""', '--stack'],
    ['create-lb web --zones us-east-1a --listener http:80 --health-check ""', '--health-check'],
    ['create-lb web --zones us-east-1a --listener http:80 --sticky ""', '--sticky'],
    ['create-lb web --zones us-east-1a --listener http:80 --cert " "', '--cert'],
    ['create-asg web --image-id ami-1 --instance-type t3.micro --min 1 --max 2 --key-name ""', '--key-name'],
    ['describe-lbs --profile ""', '--profile'],
    ['describe-lbs --region ""', '--region'],
    ['--region "" describe-lbs', '--region'],
    ['describe-lbs --endpoint-url ""', '--endpoint-url'],
    ['teardown --stack "" --dry-run', '--stack'],
  ])('%s', async (line, flag) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${flag} was given an empty value; an unset shell variable? give a value or leave the flag out\n`);
    expect(r.stdout).toBe('');
  });

  it('an empty resource name is refused too', async () => {
    const r = await runCli('describe-lbs ""');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('describe-lbs was given an empty name');
  });
});

describe('conflicting flags are refused, exit 2 (trust #17)', () => {
  it.each([
    ['create-lb web --zones us-east-1a --listener http:80 --drain 30 --no-drain', '--drain 30 and --no-drain contradict each other'],
    ['create-lb web --zones us-east-1a --listener http:80 --no-drain --drain 30', '--no-drain and --drain 30 contradict each other'],
    ['create-lb web --zones us-east-1a --listener http:80 --sticky lb --sticky app:SID', '--sticky lb and --sticky app:SID contradict each other'],
    ['create-lb web --zones us-east-1a --listener http:80 --cross-zone --no-cross-zone', '--cross-zone and --no-cross-zone contradict each other'],
    ['create-lb web --zones us-east-1a --listener http:80 --idle-timeout 60 --idle-timeout 120', '--idle-timeout 60 and --idle-timeout 120 contradict each other'],
    ['describe-lbs --region us-east-1 --region eu-west-1', '--region us-east-1 and --region eu-west-1 contradict each other'],
    ['get-stats CPUUtilization --namespace AWS/EC2 --start -3h --start-time -1h', '--start -3h and --start-time -1h contradict each other'],
  ])('%s', async (line, message) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${message}; give only one of them\n`);
  });

  it('the same value twice, and repeatable flags, are fine', async () => {
    const r = await runCli('create-lb web --zones us-east-1a --zones us-east-1b --listener http:80 --listener http:8080 --drain 30 --drain 30 --dry-run --dry-run', { env: { AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/nonexistent/c', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/c', AWS_EC2_METADATA_DISABLED: 'true' } });
    expect(r.stderr).not.toContain('contradict');
    expect(r.code).toBe(0);
  });
});
