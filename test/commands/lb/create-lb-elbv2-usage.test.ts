import { describe, expect, it } from 'vitest';
import { elbMock, elbv2Mock, ec2Mock, iamMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const ALB = 'create-lb web --type application --zones us-east-1a,us-east-1b';
const NLB = 'create-lb web --type network --zones us-east-1a';

/** Every bad input: exit 2, one line naming the problem, and no request at all. */
const CASES: Array<[string, string, RegExp]> = [
  ['ALB in one zone', 'create-lb web --type application --listener http:80 --zones us-east-1a', /needs subnets in at least two availability zones; got zone us-east-1a/],
  ['ALB on one subnet', 'create-lb web --type application --listener http:80 --subnets subnet-1', /at least two availability zones; got subnet subnet-1/],
  ['TCP listener on an ALB', `${ALB} --listener tcp:80`, /application load balancer takes HTTP and HTTPS listeners, not TCP/],
  ['UDP listener on an ALB', `${ALB} --listener udp:53`, /application load balancer takes HTTP and HTTPS listeners, not UDP/],
  ['HTTP listener on an NLB', `${NLB} --listener http:80`, /network load balancer takes TCP, TLS, UDP and TCP_UDP listeners, not HTTP/],
  ['--redirect-http without HTTPS:443', `${ALB} --listener http:80 --redirect-http`, /--redirect-http sends HTTP to HTTPS:443, and there is no HTTPS listener on port 443/],
  ['--redirect-http on an NLB', `${NLB} --listener tls:443:tcp:80 --cert site --redirect-http`, /--redirect-http is for an application load balancer/],
  ['--sticky app: on an NLB', `${NLB} --listener tcp:80 --sticky app:JSESSIONID`, /--sticky app:COOKIE needs an application load balancer/],
  ['a bad matcher', `${ALB} --listener http:80 --health-check HTTP:80/health --matcher 2xx`, /--matcher "2xx" is not an HTTP code or range of codes/],
  ['a matcher range backwards', `${ALB} --listener http:80 --health-check HTTP:80/health --matcher 399-200`, /--matcher "399-200"/],
  ['--matcher without a health check', `${ALB} --listener http:80 --matcher 200`, /--matcher needs --health-check/],
  ['an unknown --type', 'create-lb web --type gateway --listener http:80 --zones us-east-1a', /unknown --type "gateway"/],
  ['an ELBv2 flag on a classic balancer', 'create-lb web --listener http:80 --zones us-east-1a --redirect-http', /--redirect-http is for --type application or network/],
  ['HTTPS without a certificate', `${ALB} --listener https:443:http:80`, /the HTTPS listener on port 443 needs a certificate/],
  ['--no-cross-zone on an ALB', `${ALB} --listener http:80 --no-cross-zone`, /always balances across zones/],
  ['--idle-timeout on an NLB', `${NLB} --listener tcp:80 --idle-timeout 60`, /--idle-timeout is an application load balancer setting/],
  ['an unknown --target-type', `${ALB} --listener http:80 --target-type lambda`, /unknown --target-type "lambda"/],
  ['TCP health check on an ALB', `${ALB} --listener http:80 --health-check TCP:80`, /an application load balancer checks with HTTP or HTTPS/],
  ['two protocols to one back-end port', `${NLB} --listener tcp:80 --listener tls:443:tls:80 --cert site`, /both send to port 80, one as TCP and one as TLS/],
  ['a sticky cookie lifetime on an NLB', `${NLB} --listener tcp:80 --sticky lb:60`, /sticks by source IP, with no cookie lifetime/],
];

describe('create-lb --type application|network: bad input', () => {
  it.each(CASES)('%s → exit 2, nothing sent', async (_what, line, message) => {
    const r = await runCli(line);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const m of [elbMock, elbv2Mock, ec2Mock, iamMock]) expect(m.calls()).toHaveLength(0);
  });
});
