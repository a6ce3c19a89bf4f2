import {
  ConfigureHealthCheckCommand, CreateAppCookieStickinessPolicyCommand, CreateLBCookieStickinessPolicyCommand, CreateLoadBalancerCommand, CreateLoadBalancerListenersCommand,
  DeleteLoadBalancerCommand, DeleteLoadBalancerListenersCommand, DescribeInstanceHealthCommand, DescribeLoadBalancersCommand, DisableAvailabilityZonesForLoadBalancerCommand,
  EnableAvailabilityZonesForLoadBalancerCommand, ModifyLoadBalancerAttributesCommand, RegisterInstancesWithLoadBalancerCommand, SetLoadBalancerListenerSSLCertificateCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock } from '../helpers/aws.js';
import { runCli } from '../helpers/run-cli.js';

const legacy = (line: string, opts: Parameters<typeof runCli>[1] = {}) => runCli(`legacy ${line}`, opts);
const CERT = 'arn:aws:iam::123456789012:server-certificate/web-cert';
const DNS = 'web-1234567890.us-east-1.elb.amazonaws.com';
const notFound = () => awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'");
const lb = (over = {}) => ({
  LoadBalancerName: 'web', DNSName: DNS, Scheme: 'internet-facing', AvailabilityZones: ['us-east-1a'], Subnets: [], SecurityGroups: [], Instances: [{ InstanceId: 'i-0123456789abcdef0' }],
  ListenerDescriptions: [
    { Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }, PolicyNames: [] },
    { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: CERT }, PolicyNames: [] },
  ],
  HealthCheck: { Target: 'HTTP:80/health', Interval: 30, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 2 }, CreatedTime: new Date('2011-05-24T22:38:31.690Z'), ...over,
});

describe('elb-create-lb', () => {
  it('sends the listeners as written (spaces after commas, cert-id ARN) and prints DNS_NAME  <dns>', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejectsOnce(notFound()).resolves({ LoadBalancerDescriptions: [lb()] });
    elbMock.on(CreateLoadBalancerCommand).resolves({ DNSName: DNS });
    elbMock.on(ModifyLoadBalancerAttributesCommand).resolves({});
    const r = await runCli(['legacy', 'elb-create-lb', 'web', '--availability-zones', 'us-east-1a, us-east-1b', '--listener', 'protocol=HTTP, lb-port=80, instance-port=80', '-l', `protocol=https,lb-port=443,instance-port=80,instance-protocol=http,cert-id=${CERT}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`DNS_NAME  ${DNS}\n`);
    expect(elbMock.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input).toEqual({
      LoadBalancerName: 'web', AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }, { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: CERT }],
    });
  });

  it('--headers names the column; a missing --listener is one line, exit 2, nothing sent', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejectsOnce(notFound()).resolves({ LoadBalancerDescriptions: [lb()] });
    elbMock.on(CreateLoadBalancerCommand).resolves({ DNSName: DNS });
    elbMock.on(ModifyLoadBalancerAttributesCommand).resolves({});
    expect((await legacy('elb-create-lb web --headers --availability-zones us-east-1a --listener protocol=http,lb-port=80,instance-port=80')).stdout).toBe(`DNS_NAME  DNS_NAME\nDNS_NAME  ${DNS}\n`);
    elbMock.resetHistory();
    const bad = await legacy('elb-create-lb web --availability-zones us-east-1a');
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([2, '', 'elb-create-lb:  --listener is required; e.g. --listener "protocol=http,lb-port=80,instance-port=80"\n']);
    expect(elbMock.calls()).toEqual([]);
    const unknown = await legacy('elb-create-lb web --zonez a');
    expect([unknown.code, unknown.stderr]).toEqual([2, "elb-create-lb:  unknown option --zonez; run 'elb-create-lb --help' for its options\n"]);
  });
});

describe('elb-configure-healthcheck and the policies', () => {
  it('elb-configure-healthcheck sends the five values and prints the HEALTH_CHECK record', async () => {
    elbMock.on(ConfigureHealthCheckCommand).resolves({});
    const r = await legacy('elb-configure-healthcheck web --target HTTP:80/index.html --interval 5 --timeout 3 --healthy-threshold 2 --unhealthy-threshold 2');
    expect(r.stdout).toBe('HEALTH_CHECK  HTTP:80/index.html  5  3  2  2\n');
    expect(elbMock.commandCalls(ConfigureHealthCheckCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', HealthCheck: { Target: 'HTTP:80/index.html', Interval: 5, Timeout: 3, HealthyThreshold: 2, UnhealthyThreshold: 2 } });
    expect((await legacy('elb-configure-healthcheck web -t tcp:80 --interval 5 --timeout 3 --healthy-threshold 2 --unhealthy-threshold 2 --headers')).stdout).toBe(
      'HEALTH_CHECK  TARGET  INTERVAL  TIMEOUT  HEALTHY_THRESHOLD  UNHEALTHY_THRESHOLD\nHEALTH_CHECK  TCP:80  5         3        2                  2\n',
    );
    expect((await legacy('elb-configure-healthcheck web -t TCP:80 --interval 5 --timeout 3 --healthy-threshold 2 --unhealthy-threshold 2 --show-long')).stdout).toBe('HEALTH_CHECK,TCP:80,5,3,2,2\n');
    const missing = await legacy('elb-configure-healthcheck web --target TCP:80');
    expect([missing.code, missing.stderr]).toEqual([2, 'elb-configure-healthcheck:  --interval is required\n']);
  });

  it('the two stickiness policies and the listener policies, exactly as named', async () => {
    for (const c of [CreateLBCookieStickinessPolicyCommand, CreateAppCookieStickinessPolicyCommand, SetLoadBalancerPoliciesOfListenerCommand]) elbMock.on(c as never).resolves({});
    expect((await legacy('elb-create-lb-cookie-stickiness-policy web --policy-name sticky --expiration-period 3600')).stdout).toBe('OK-Creating LB Stickiness Policy\n');
    expect((await legacy('elb-create-app-cookie-stickiness-policy web -c JSESSIONID -p app')).stdout).toBe('OK-Creating App Stickiness Policy\n');
    expect((await legacy('elb-set-lb-policies-of-listener web --lb-port 80 --policy-names "sticky, app"')).stdout).toBe('OK-Setting Policies\n');
    expect((await runCli(['legacy', 'elb-set-lb-policies-of-listener', 'web', '-l', '443', '-p', ''])).code).toBe(0);
    expect(elbMock.commandCalls(CreateLBCookieStickinessPolicyCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', PolicyName: 'sticky', CookieExpirationPeriod: 3600 });
    expect(elbMock.commandCalls(CreateAppCookieStickinessPolicyCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', PolicyName: 'app', CookieName: 'JSESSIONID' });
    expect(elbMock.commandCalls(SetLoadBalancerPoliciesOfListenerCommand).map((c) => c.args[0].input)).toEqual([
      { LoadBalancerName: 'web', LoadBalancerPort: 80, PolicyNames: ['sticky', 'app'] },
      { LoadBalancerName: 'web', LoadBalancerPort: 443, PolicyNames: [] },
    ]);
  });

  it('elb-set-lb-listener-ssl-cert sends the ARN and says OK-Setting SSL Certificate', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [lb({ ListenerDescriptions: [{ Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: 'arn:old' } }] })] });
    elbMock.on(SetLoadBalancerListenerSSLCertificateCommand).resolves({});
    const r = await legacy(`elb-set-lb-listener-ssl-cert web --lb-port 443 --cert-id ${CERT}`);
    expect([r.code, r.stdout]).toEqual([0, 'OK-Setting SSL Certificate\n']);
    expect(elbMock.commandCalls(SetLoadBalancerListenerSSLCertificateCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', LoadBalancerPort: 443, SSLCertificateId: CERT });
  });
});

describe('listeners, zones, instances', () => {
  it('elb-create-lb-listeners and elb-delete-lb-listeners (one request per port; prompts unless --force)', async () => {
    elbMock.on(CreateLoadBalancerListenersCommand).resolves({});
    elbMock.on(DeleteLoadBalancerListenersCommand).resolves({});
    expect((await legacy(`elb-create-lb-listeners web --listener "protocol=HTTPS, lb-port=443, instance-port=80, cert-id=${CERT}"`)).stdout).toBe('OK-Creating LoadBalancer Listener\n');
    expect(elbMock.commandCalls(CreateLoadBalancerListenersCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', Listeners: [{ Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: CERT }] });
    const refused = await legacy('elb-delete-lb-listeners web --lb-ports 80,443');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^elb-delete-lb-listeners:  not deleting without confirmation: .*; pass -f\/--force\n$/);
    expect(elbMock.commandCalls(DeleteLoadBalancerListenersCommand)).toEqual([]);
    const asked = await legacy('elb-delete-lb-listeners web --lb-ports 80,443', { tty: true, answers: [true] });
    expect([asked.code, asked.stdout, asked.prompts.length]).toEqual([0, 'OK-Deleting LoadBalancer Listener\n', 1]);
    expect(elbMock.commandCalls(DeleteLoadBalancerListenersCommand).map((c) => c.args[0].input)).toEqual([{ LoadBalancerName: 'web', LoadBalancerPorts: [80] }, { LoadBalancerName: 'web', LoadBalancerPorts: [443] }]);
    const no = await legacy('elb-delete-lb-listeners web --lb-ports 80 ', { tty: true, answers: [false] });
    expect([no.code, no.stderr]).toEqual([1, 'elb-delete-lb-listeners:  not confirmed; nothing deleted\n']);
  });

  it('elb-enable-zones-for-lb / elb-disable-zones-for-lb print the zones afterwards', async () => {
    elbMock.on(EnableAvailabilityZonesForLoadBalancerCommand).resolves({ AvailabilityZones: ['us-east-1a', 'us-east-1b'] });
    elbMock.on(DisableAvailabilityZonesForLoadBalancerCommand).resolves({ AvailabilityZones: ['us-east-1a'] });
    expect((await legacy('elb-enable-zones-for-lb web --availability-zones us-east-1b')).stdout).toBe('AVAILABILITY_ZONES  us-east-1a, us-east-1b\n');
    expect((await legacy('elb-disable-zones-for-lb web -z us-east-1b')).stdout).toBe('AVAILABILITY_ZONES  us-east-1a\n');
    expect(elbMock.commandCalls(DisableAvailabilityZonesForLoadBalancerCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', AvailabilityZones: ['us-east-1b'] });
  });

  it('elb-register-instances-with-lb prints every registered instance; instance health has the id in column 2', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [lb({ Instances: [] })] });
    elbMock.on(RegisterInstancesWithLoadBalancerCommand).resolves({ Instances: [{ InstanceId: 'i-0123456789abcdef0' }, { InstanceId: 'i-0123456789abcdef1' }] });
    const r = await legacy('elb-register-instances-with-lb web --instances "i-0123456789abcdef0, i-0123456789abcdef1"');
    expect(r.stdout).toBe('INSTANCE_ID  i-0123456789abcdef0\nINSTANCE_ID  i-0123456789abcdef1\n');
    expect(elbMock.commandCalls(RegisterInstancesWithLoadBalancerCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', Instances: [{ InstanceId: 'i-0123456789abcdef0' }, { InstanceId: 'i-0123456789abcdef1' }] });
    elbMock.on(DescribeInstanceHealthCommand).resolves({ InstanceStates: [{ InstanceId: 'i-0123456789abcdef0', State: 'InService', ReasonCode: 'N/A', Description: 'N/A' }, { InstanceId: 'i-0123456789abcdef1', State: 'OutOfService', ReasonCode: 'Instance', Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' }] });
    const h = await legacy('elb-describe-instance-health web');
    expect(h.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[2])).toEqual(['i-0123456789abcdef0', 'i-0123456789abcdef1']);
    const desc = 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.';
    expect(h.stdout.split('\n')).toEqual([`INSTANCE_ID  i-0123456789abcdef0  InService     ${'N/A'.padEnd(desc.length)}  N/A`, `INSTANCE_ID  i-0123456789abcdef1  OutOfService  ${desc}  Instance`, '']);
  });
});

describe('elb-describe-lbs and elb-delete-lb', () => {
  it('LOAD_BALANCER  NAME  DNS_NAME; --show-long --headers gives every field delimited', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [lb()] });
    expect((await legacy('elb-describe-lbs')).stdout).toBe(`LOAD_BALANCER  web  ${DNS}\n`);
    expect((await legacy('elb-describe-lbs --show-long --headers --delimiter ";"')).stdout).toBe(
      'LOAD_BALANCER;NAME;DNS_NAME;SCHEME;ZONES;SUBNETS;SECURITY_GROUPS;LISTENERS;HEALTH_CHECK;INSTANCES\n'
      + `LOAD_BALANCER;web;${DNS};internet-facing;us-east-1a;;;http:80;https:443:http:80;HTTP:80/health;i-0123456789abcdef0\n`,
    );
  });

  it('elb-delete-lb --force deletes without asking and says OK-Deleting LoadBalancer; no terminal and no --force fails in one line', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [lb()] });
    elbMock.on(DeleteLoadBalancerCommand).resolves({});
    const r = await legacy('elb-delete-lb web --force');
    expect([r.code, r.stdout, r.prompts]).toEqual([0, 'OK-Deleting LoadBalancer\n', []]);
    expect(elbMock.commandCalls(DeleteLoadBalancerCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web' });
    const tty = await legacy('elb-delete-lb web', { tty: true, answers: [true] });
    expect(tty.prompts).toEqual(['Warning: Deleting a LoadBalancer can lead to service disruption to any customers connected to the LoadBalancer. Are you sure you want to delete this LoadBalancer?']);
    const script = await legacy('elb-delete-lb web');
    expect([script.code, script.stdout]).toEqual([2, '']);
    expect(script.stderr.split('\n')).toHaveLength(2);
  });

  it('an AWS refusal is one line prefixed by the command name, with the native exit code', async () => {
    elbMock.on(ConfigureHealthCheckCommand).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'"));
    const r = await legacy('elb-configure-healthcheck web --target TCP:80 --interval 5 --timeout 3 --healthy-threshold 2 --unhealthy-threshold 2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^elb-configure-healthcheck:  .*There is no ACTIVE Load Balancer named 'web'.*\n$/);
  });
});
