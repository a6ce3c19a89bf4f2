import {
  AddTagsCommand, ApplySecurityGroupsToLoadBalancerCommand, ConfigureHealthCheckCommand, CreateAppCookieStickinessPolicyCommand, CreateLBCookieStickinessPolicyCommand,
  CreateLoadBalancerCommand, CreateLoadBalancerListenersCommand, DeleteLoadBalancerListenersCommand, DescribeLoadBalancerAttributesCommand, DescribeLoadBalancerPoliciesCommand,
  DescribeLoadBalancersCommand, DescribeTagsCommand, ModifyLoadBalancerAttributesCommand, RegisterInstancesWithLoadBalancerCommand, SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { GetServerCertificateCommand, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock, iamMock, resetAws } from '../../helpers/aws.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';
import { builtLb, CERT, DNS, mockExisting } from './lb-fixtures.js';

const DONE_WHEN = 'create-lb web --listener http:80 --listener https:443:http:80 --cert site --health-check HTTP:80/health --sticky app:JSESSIONID --zones us-east-1a,us-east-1b --stack prod';
const notFound = () => awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'");

function mockNewLb(): void {
  iamMock.on(GetServerCertificateCommand, { ServerCertificateName: 'site' }).resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'site', ServerCertificateId: 'ASCA1', Arn: CERT }, CertificateBody: 'x' } });
  // First read: absent. Later reads (merging listener policies) see the new balancer with AWS's SSL policy on 443.
  elbMock.on(DescribeLoadBalancersCommand).rejectsOnce(notFound()).resolves({ LoadBalancerDescriptions: [builtLb({ ListenerDescriptions: [
    { Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }, PolicyNames: [] },
    { Listener: { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: CERT }, PolicyNames: ['ELBSecurityPolicy-2016-08'] },
  ], Policies: {} })] });
  elbMock.on(CreateLoadBalancerCommand).resolves({ DNSName: DNS });
  for (const cmd of [ConfigureHealthCheckCommand, CreateAppCookieStickinessPolicyCommand, CreateLBCookieStickinessPolicyCommand, SetLoadBalancerPoliciesOfListenerCommand, ModifyLoadBalancerAttributesCommand, RegisterInstancesWithLoadBalancerCommand]) elbMock.on(cmd as never).resolves({});
}

const writes = () => elbMock.calls().map((c) => (c.args[0] as object).constructor.name).filter((n) => !n.startsWith('Describe'));

describe('create-lb: done when', () => {
  it('builds HTTP 80 + HTTPS 443→80, health check, JSESSIONID on both listeners and draining in one command', async () => {
    mockNewLb();
    const r = await runCli(`${DONE_WHEN} --output json`);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(elbMock).toHaveReceivedCommandWith(CreateLoadBalancerCommand, {
      LoadBalancerName: 'web',
      Listeners: [
        { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 },
        { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: CERT },
      ],
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      Tags: [{ Key: 'scalectl:stack', Value: 'prod' }],
    });
    expect(elbMock.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input).not.toHaveProperty('Scheme');
    expect(elbMock).toHaveReceivedCommandWith(ConfigureHealthCheckCommand, { LoadBalancerName: 'web', HealthCheck: { Target: 'HTTP:80/health', Interval: 30, Timeout: 5, HealthyThreshold: 10, UnhealthyThreshold: 2 } });
    expect(elbMock).toHaveReceivedCommandWith(CreateAppCookieStickinessPolicyCommand, { LoadBalancerName: 'web', PolicyName: 'scalectl-app-JSESSIONID', CookieName: 'JSESSIONID' });
    expect(elbMock.commandCalls(SetLoadBalancerPoliciesOfListenerCommand).map((c) => c.args[0].input)).toEqual([
      { LoadBalancerName: 'web', LoadBalancerPort: 80, PolicyNames: ['scalectl-app-JSESSIONID'] },
      // AWS's SSL negotiation policy stays: the call replaces the listener's whole policy list.
      { LoadBalancerName: 'web', LoadBalancerPort: 443, PolicyNames: ['ELBSecurityPolicy-2016-08', 'scalectl-app-JSESSIONID'] },
    ]);
    expect(elbMock).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, { LoadBalancerName: 'web', LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true }, ConnectionDraining: { Enabled: true, Timeout: 300 } } });
    expect(writes()).toEqual(['CreateLoadBalancerCommand', 'ConfigureHealthCheckCommand', 'CreateAppCookieStickinessPolicyCommand', 'SetLoadBalancerPoliciesOfListenerCommand', 'SetLoadBalancerPoliciesOfListenerCommand', 'ModifyLoadBalancerAttributesCommand']);
    const doc = JSON.parse(r.stdout);
    expect(doc.name).toBe('web');
    expect(doc.dnsName).toBe(DNS);
    expect(doc.status).toBe('created');
    expect(doc.changes.map((c: string) => c.split(': ')[0])).toEqual([
      'create load-balancer web', 'set health-check web', 'create sticky-policy scalectl-app-JSESSIONID', 'attach sticky-policy web:80', 'attach sticky-policy web:443', 'set attributes web',
    ]);
    expect(r.stderr).toContain(`Creating load-balancer web (http:80, https:443:http:80 with ${CERT})\n`);
  });

  it('a re-run of the same command is unchanged, sends no write and exits 0', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'site', ServerCertificateId: 'ASCA1', Arn: CERT }, CertificateBody: 'x' } });
    mockExisting();
    const r = await runCli(`${DONE_WHEN} --output json`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'load-balancer', name: 'web', dnsName: DNS, status: 'unchanged', changes: [] });
    expect(writes()).toEqual([]);
    expect(r.stderr).toBe('');
  });
  it('end to end: build, re-run → unchanged, read back with describe-lbs in text, json and table', async () => {
    mockNewLb();
    const first = await runCli(DONE_WHEN);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${DNS}\n`);
    resetAws();
    iamMock.on(GetServerCertificateCommand).resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'site', ServerCertificateId: 'ASCA1', Arn: CERT }, CertificateBody: 'x' } });
    mockExisting();
    const again = await runCli(DONE_WHEN);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${DNS}\n`);
    expect(writes()).toEqual([]);
    const text = await runCli('describe-lbs web');
    expect(text.stdout).toBe(`web\t${DNS}\tinternet-facing\thttp:80,https:443:http:80\tHTTP:80/health\t0\tclassic\n`);
    const json = JSON.parse((await runCli('describe-lbs web --output json')).stdout);
    expect(json.loadBalancers[0]).toMatchObject({ name: 'web', dnsName: DNS, listeners: [{ protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP', instancePort: 80 }, { protocol: 'HTTPS', port: 443, instanceProtocol: 'HTTP', instancePort: 80, certificateArn: CERT }], healthCheck: { target: 'HTTP:80/health' }, instanceCount: 0 });
    const table = await runCli('describe-lbs web --no-color', { tty: true, columns: 200 });
    expect(table.stdout.split('\n')[1]).toMatch(/^web\s+classic\s+web-1234567890\.us-east-1\.elb\.amazonaws\.com\s+internet-facing\s+http:80, https:443:http:80\s+HTTP:80\/health 30\/5s 10\/2\s+0$/);
  });
});

describe('create-lb: flags to requests', () => {
  it('sends subnets, groups, internal scheme, tags, instances, lb-cookie stickiness on one port and attributes', async () => {
    mockNewLb();
    const r = await runCli('create-lb web --listener "protocol=HTTP, lb-port=80, instance-port=8080" --listener tcp:22 --subnets subnet-1 --subnets subnet-2 --security-groups sg-1,sg-2 --internal --sticky lb:600@80 --no-cross-zone --drain 120 --idle-timeout 90 --instances i-12345678,i-0123456789abcdef0 --tag team=web --tag env=prod --stack prod --health-check tcp:22 --interval 10 --timeout 3 --healthy-threshold 2 --unhealthy-threshold 4');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${DNS}\n`);
    expect(elbMock).toHaveReceivedCommandWith(CreateLoadBalancerCommand, {
      LoadBalancerName: 'web',
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }, { Protocol: 'TCP', LoadBalancerPort: 22, InstanceProtocol: 'TCP', InstancePort: 22 }],
      Subnets: ['subnet-1', 'subnet-2'], SecurityGroups: ['sg-1', 'sg-2'], Scheme: 'internal',
      Tags: [{ Key: 'team', Value: 'web' }, { Key: 'env', Value: 'prod' }, { Key: 'scalectl:stack', Value: 'prod' }],
    });
    expect(elbMock).toHaveReceivedCommandWith(ConfigureHealthCheckCommand, { LoadBalancerName: 'web', HealthCheck: { Target: 'TCP:22', Interval: 10, Timeout: 3, HealthyThreshold: 2, UnhealthyThreshold: 4 } });
    expect(elbMock).toHaveReceivedCommandWith(CreateLBCookieStickinessPolicyCommand, { LoadBalancerName: 'web', PolicyName: 'scalectl-lb-600', CookieExpirationPeriod: 600 });
    expect(elbMock.commandCalls(SetLoadBalancerPoliciesOfListenerCommand).map((c) => c.args[0].input)).toEqual([{ LoadBalancerName: 'web', LoadBalancerPort: 80, PolicyNames: ['scalectl-lb-600'] }]);
    expect(elbMock).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, { LoadBalancerName: 'web', LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: false }, ConnectionDraining: { Enabled: true, Timeout: 120 }, ConnectionSettings: { IdleTimeout: 90 } } });
    expect(elbMock).toHaveReceivedCommandWith(RegisterInstancesWithLoadBalancerCommand, { LoadBalancerName: 'web', Instances: [{ InstanceId: 'i-12345678' }, { InstanceId: 'i-0123456789abcdef0' }] });
    expect(iamMock.calls()).toHaveLength(0);
  });

  it('--no-drain turns draining off; a legacy cert-id ARN needs no IAM look-up; a session lb cookie has no expiry', async () => {
    mockNewLb();
    const r = await runCli('create-lb web --listener protocol=https,lb-port=443,instance-port=80,instance-protocol=http,cert-id=arn:aws:iam::1:server-certificate/x --zones us-east-1a --no-drain --sticky lb');
    expect(r.code).toBe(0);
    expect(elbMock.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input.Listeners).toEqual([{ Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: 'arn:aws:iam::1:server-certificate/x' }]);
    expect(elbMock.commandCalls(CreateLBCookieStickinessPolicyCommand)[0]!.args[0].input).toEqual({ LoadBalancerName: 'web', PolicyName: 'scalectl-lb-session' });
    expect(elbMock).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, { LoadBalancerName: 'web', LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true }, ConnectionDraining: { Enabled: false } } });
    expect(iamMock.calls()).toHaveLength(0);
  });

  it('looks the DNS name up when CreateLoadBalancer does not return it', async () => {
    mockNewLb();
    elbMock.on(CreateLoadBalancerCommand).resolves({});
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${DNS}\n`);
  });

  it('never reports created when the balancer cannot be read back (trust #1)', async () => {
    mockNewLb();
    elbMock.on(CreateLoadBalancerCommand).resolves({});
    elbMock.on(DescribeLoadBalancersCommand).rejects(notFound());
    const r = await runCli('--output json create-lb web --listener http:80 --zones us-east-1a');
    expect(r.stdout).not.toContain('created');
    expect(r.stderr).toContain('error: the endpoint accepted load balancer web but does not show it when asked');
    expect(r.code).toBe(1);
  });
});

describe('create-lb: converging an existing balancer', () => {
  it('plans and applies only what differs, and reports updated', async () => {
    mockExisting(builtLb({ ListenerDescriptions: [
      { Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }, PolicyNames: [] },
      { Listener: { Protocol: 'TCP', LoadBalancerPort: 22, InstanceProtocol: 'TCP', InstancePort: 22 } },
    ], HealthCheck: undefined, Policies: undefined, SecurityGroups: ['sg-0'] }), { CrossZoneLoadBalancing: { Enabled: true }, ConnectionDraining: { Enabled: false } });
    elbMock.on(DescribeLoadBalancerPoliciesCommand).resolves({});
    elbMock.on(DescribeTagsCommand).resolves({});
    for (const cmd of [DeleteLoadBalancerListenersCommand, CreateLoadBalancerListenersCommand, ModifyLoadBalancerAttributesCommand, ApplySecurityGroupsToLoadBalancerCommand, AddTagsCommand]) elbMock.on(cmd as never).resolves({});
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a --security-groups sg-1 --stack prod --prune --output json');
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['DeleteLoadBalancerListenersCommand', 'CreateLoadBalancerListenersCommand', 'ModifyLoadBalancerAttributesCommand', 'ApplySecurityGroupsToLoadBalancerCommand', 'AddTagsCommand']);
    expect(elbMock).toHaveReceivedCommandWith(DeleteLoadBalancerListenersCommand, { LoadBalancerName: 'web', LoadBalancerPorts: [22, 80] });
    expect(elbMock).toHaveReceivedCommandWith(CreateLoadBalancerListenersCommand, { LoadBalancerName: 'web', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }] });
    expect(elbMock).toHaveReceivedCommandWith(ModifyLoadBalancerAttributesCommand, { LoadBalancerName: 'web', LoadBalancerAttributes: { ConnectionDraining: { Enabled: true, Timeout: 300 } } });
    expect(elbMock).toHaveReceivedCommandWith(ApplySecurityGroupsToLoadBalancerCommand, { LoadBalancerName: 'web', SecurityGroups: ['sg-1'] });
    expect(elbMock).toHaveReceivedCommandWith(AddTagsCommand, { LoadBalancerNames: ['web'], Tags: [{ Key: 'scalectl:stack', Value: 'prod' }] });
    expect(JSON.parse(r.stdout).status).toBe('updated');
    expect(r.stderr).toContain('warning: load balancer web also uses us-east-1b; left in place');
  });

  it('against LocalStack/moto, which report HTTPS to the instances for HTTPS:443 → HTTP:80, a re-run is still unchanged', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'site', ServerCertificateId: 'ASCA1', Arn: CERT }, CertificateBody: 'x' } });
    const lb = builtLb();
    lb.ListenerDescriptions![1]!.Listener!.InstanceProtocol = 'HTTPS';
    mockExisting(lb);
    const moto = await runCli(`${DONE_WHEN} --endpoint-url http://localhost:5000 --output json`);
    expect(moto.code).toBe(0);
    expect(JSON.parse(moto.stdout).status).toBe('unchanged');
    const aws = await runCli(`${DONE_WHEN} --dry-run`);
    expect(aws.stdout.split('\n')[0]).toBe('delete\tlistener\tweb:443\telb:DeleteLoadBalancerListeners\t');
  });

  it('explains that the scheme cannot change in place, before any write', async () => {
    mockExisting();
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a --internal');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: load balancer web is internet-facing and the scheme cannot change in place; drop --internal to keep it, or delete it (scalectl teardown --lb web) and create it again\n');
    expect(writes()).toEqual([]);
  });

  it('handles a balancer described with most fields missing (LocalStack/moto)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [{ LoadBalancerName: 'web' }] });
    elbMock.on(DescribeLoadBalancerAttributesCommand).resolves({});
    elbMock.on(DescribeLoadBalancerPoliciesCommand).resolves({});
    elbMock.on(DescribeTagsCommand).resolves({});
    elbMock.on(CreateLoadBalancerListenersCommand).resolves({});
    elbMock.on(ModifyLoadBalancerAttributesCommand).resolves({});
    const r = await runCli('create-lb web --listener http:80 --output json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'web', dnsName: '', status: 'updated' });
    expect(writes()).toEqual(['CreateLoadBalancerListenersCommand', 'ModifyLoadBalancerAttributesCommand']);
  });
});

describe('create-lb: failures', () => {
  it('exit 5 naming done and not-done steps when a step fails after the balancer exists; a re-run finishes', async () => {
    mockNewLb();
    elbMock.on(ConfigureHealthCheckCommand).rejects(awsError('ValidationError', 'Target is invalid'));
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a --health-check HTTP:80/health');
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: set health-check web failed: AWS refused: ValidationError: Target is invalid; re-run the same command to finish\n');
    expect(r.stderr).toContain('done: create load-balancer web\nnot done: set health-check web, set attributes web\n');
    expect(writes()).toEqual(['CreateLoadBalancerCommand', 'ConfigureHealthCheckCommand']);
  });

  it('a re-run after a partial failure finishes the job: only the missing steps are sent', async () => {
    mockExisting(builtLb({ HealthCheck: undefined, ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 } }] }), { CrossZoneLoadBalancing: { Enabled: false }, ConnectionDraining: { Enabled: false }, ConnectionSettings: { IdleTimeout: 60 } });
    elbMock.on(ConfigureHealthCheckCommand).resolves({});
    elbMock.on(ModifyLoadBalancerAttributesCommand).resolves({});
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a --health-check HTTP:80/health --stack prod --output json');
    expect(r.code).toBe(0);
    expect(writes()).toEqual(['ConfigureHealthCheckCommand', 'ModifyLoadBalancerAttributesCommand']);
    expect(JSON.parse(r.stdout).status).toBe('updated');
  });

  it('Ctrl-C while waiting for a certificate exits 130 and creates nothing', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(notFound());
    iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'cert not found', 404));
    iamMock.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [] });
    const r = await runCli('create-lb web --listener https:443:http:80 --cert new --zones us-east-1a --wait-for-cert', { interruptAfterMs: 5000 });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('error: interrupted');
    expect(writes()).toEqual([]);
  });

  it('retries a certificate IAM cannot see yet, with progress, on the fake clock', async () => {
    mockNewLb();
    iamMock.on(GetServerCertificateCommand).rejectsOnce(awsError('NoSuchEntityException', 'cert not found', 404)).rejectsOnce(awsError('NoSuchEntityException', 'cert not found', 404))
      .resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'site', ServerCertificateId: 'A', Arn: CERT }, CertificateBody: 'x' } });
    // IAM already lists it: a certificate uploaded moments ago, worth waiting for.
    iamMock.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [{ Path: '/', ServerCertificateName: 'site', ServerCertificateId: 'A', Arn: CERT, UploadDate: new Date() }] });
    const r = await runCli('create-lb web --listener https:443:http:80 --cert site --zones us-east-1a');
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([2000]);
    expect(r.stderr).toContain('server certificate site is not visible yet; retrying in 2s\n');
    expect(elbMock.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input.Listeners![0]!.SSLCertificateId).toBe(CERT);
  });

  it('retries CertificateNotFound from ELB on CreateLoadBalancer', async () => {
    mockNewLb();
    elbMock.on(CreateLoadBalancerCommand).rejectsOnce(awsError('CertificateNotFoundException', 'The specified SSL ID does not refer to a valid SSL certificate')).resolves({ DNSName: DNS });
    const r = await runCli(`create-lb web --listener https:443:http:80 --cert ${CERT} --zones us-east-1a`);
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([2000]);
    expect(elbMock).toHaveReceivedCommandTimes(CreateLoadBalancerCommand, 2);
    expect(r.stderr).toContain('waiting for the certificate to become visible to ELB (creating web); retrying in 2s\n');
  });

  it('gives up on a certificate that never appears after about 60 s, exit 4, nothing created', async () => {
    iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'cert not found', 404));
    elbMock.on(DescribeLoadBalancersCommand).rejects(notFound());
    iamMock.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [] });
    const r = await runCli('create-lb web --listener https:443:http:80 --cert nosuch --zones us-east-1a --wait-for-cert');
    expect(r.code).toBe(4);
    expect(r.sleeps).toEqual([2000, 4000, 8000, 15000, 15000, 15000, 1000]);
    expect(iamMock).toHaveReceivedCommandTimes(GetServerCertificateCommand, 9);
    expect(r.stderr).toContain('error: server certificate nosuch not found (waited 60s for it to become visible); check the name with "scalectl list-certs"');
    expect(writes()).toEqual([]);
  });

  it('needs zones or subnets to create a new balancer', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(notFound());
    const r = await runCli('create-lb web --listener http:80');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: load balancer web does not exist yet and needs --zones or --subnets to be created; e.g. --zones us-east-1a,us-east-1b or --subnets subnet-…\n');
    expect(writes()).toEqual([]);
  });

  it.each([
    ['--listener ftp:21 --zones a', 'error: unknown protocol "ftp" in "ftp:21"; use http, https, tcp or ssl\n'],
    ['--listener http:70000 --zones a', 'error: port "70000" in "http:70000" is not a port from 1 to 65535\n'],
    ['--listener https:443:http:80 --zones a', 'error: the HTTPS listener on port 443 needs a certificate; pass --cert NAME|ARN (see list-certs) or cert-id=ARN in the listener\n'],
    ['--listener tcp:80 --sticky app:JSESSIONID --zones a', 'error: --sticky needs an HTTP or HTTPS listener; this balancer has only TCP/SSL listeners; drop --sticky, or add e.g. --listener http:80\n'],
    ['--listener http:80 --health-check HTTP:80/ --interval 400', "error: --interval 400 is outside AWS's range of 5 to 300\n"],
    ['--listener http:80 --health-check HTTP:80/ --healthy-threshold 1', "error: --healthy-threshold 1 is outside AWS's range of 2 to 10\n"],
    ['--listener http:80 --health-check HTTP:80/ --interval 5 --timeout 5', 'error: --timeout 5 must be less than --interval 5\n'],
    ['--listener http:80 --health-check HTTP80', 'error: health check target "HTTP80" does not parse; use HTTP:PORT/PATH, HTTPS:PORT/PATH, TCP:PORT or SSL:PORT, e.g. HTTP:80/health\n'],
    ['--listener http:80 --interval 10', 'error: --interval, --timeout and the thresholds need --health-check; e.g. --health-check HTTP:80/health --interval 30\n'],
    ['--listener http:80 --instances web1', 'error: "web1" is not an instance id; instance ids look like i-0123456789abcdef0\n'],
    ['--zones a', 'error: create-lb needs at least one --listener; e.g. --listener http:80\n'],
  ])('refuses %s with exit 2 before any request', async (args, stderr) => {
    const r = await runCli(`create-lb web ${args}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
    expect(elbMock.calls()).toHaveLength(0);
    expect(iamMock.calls()).toHaveLength(0);
  });

  it.each(['web_1', 'web-', 'a'.repeat(33)])('refuses the balancer name %s with exit 2', async (name) => {
    const r = await runCli(`create-lb ${name} --listener http:80 --zones a`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: "${name}" is not a valid load balancer name; use 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen\n`);
    expect(elbMock.calls()).toHaveLength(0);
    expect(iamMock.calls()).toHaveLength(0);
  });

  it.each([
    ['--listener http:80 --zones a --subnets s', "error: option '--zones <zones>' cannot be used with option '--subnets <ids>'"],
    ['--listener http:80 --zones a --drain 0', "error: option '--drain <seconds>' argument '0' is invalid. --drain must be a whole number from 1 to 3600."],
    ['--listener http:80 --zones a --idle-timeout 5000', "error: option '--idle-timeout <seconds>' argument '5000' is invalid. --idle-timeout must be a whole number from 1 to 4000."],
  ])('refuses %s with exit 2 (flag parser)', async (args, first) => {
    const r = await runCli(`create-lb web ${args}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${first.replace(/\.$/, '')}; run 'scalectl create-lb --help' for usage\n`);
    expect(elbMock.calls()).toHaveLength(0);
  });
});

describe('create-lb: dry run and formats', () => {
  it('with no region or credentials plans everything, with a placeholder for the certificate ARN', async () => {
    const env = { AWS_CONFIG_FILE: TEST_ENV.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: TEST_ENV.AWS_SHARED_CREDENTIALS_FILE, AWS_EC2_METADATA_DISABLED: 'true' };
    const r = await runCli(`${DONE_WHEN} --dry-run`, { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'create\tload-balancer\tweb\telb:CreateLoadBalancer\thttp:80, https:443:http:80 with <arn of certificate site>',
      'set\thealth-check\tweb\telb:ConfigureHealthCheck\tHTTP:80/health every 30s, timeout 5s, healthy 10, unhealthy 2',
      'create\tsticky-policy\tscalectl-app-JSESSIONID\telb:CreateAppCookieStickinessPolicy\tapplication cookie JSESSIONID',
      'attach\tsticky-policy\tweb:80\telb:SetLoadBalancerPoliciesOfListener\tscalectl-app-JSESSIONID',
      'attach\tsticky-policy\tweb:443\telb:SetLoadBalancerPoliciesOfListener\tscalectl-app-JSESSIONID',
      'set\tattributes\tweb\telb:ModifyLoadBalancerAttributes\tcross-zone on, draining 300s',
      '',
    ].join('\n'));
    expect(r.stderr).toBe('warning: no AWS region configured: planning without reading AWS, as if nothing existed yet\n');
  });

  it('with credentials plans only what differs and shows a missing certificate as a placeholder', async () => {
    iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'not found', 404));
    iamMock.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [] });
    mockExisting();
    const r = await runCli(DONE_WHEN.replace('--cert site', '--cert newcert') + ' --dry-run --output json');
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([]);
    expect(JSON.parse(r.stdout)).toEqual({ dryRun: true, steps: [{
      action: 'update', resource: 'listener', name: 'web:443', detail: 'certificate <arn of certificate newcert>',
      request: { service: 'elb', operation: 'SetLoadBalancerListenerSSLCertificate', input: { name: 'web', port: 443, certificateArn: '<arn of certificate newcert>' } },
    }] });
    expect(writes()).toEqual([]);
  });

  it('dry run of a balancer that matches says unchanged', async () => {
    mockExisting();
    const r = await runCli(`create-lb web --listener http:80 --listener https:443:http:80 --cert ${CERT} --health-check HTTP:80/health --sticky app:JSESSIONID --zones us-east-1a,us-east-1b --stack prod --dry-run`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('unchanged\tload-balancer\tweb\t\t\n');
    expect(iamMock.calls()).toHaveLength(0);
  });

  it('table on a terminal, with the CNAME note on stderr', async () => {
    mockNewLb();
    const r = await runCli('create-lb web --listener http:80 --zones us-east-1a --no-color', { tty: true });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+DNS NAME\s+STATUS$/);
    expect(lines[1]).toMatch(new RegExp(`^web\\s+${DNS.replace(/\./g, '\\.')}\\s+created$`));
    expect(r.stdout).toMatch(/create\s+load-balancer\s+web\s+http:80/);
    expect(r.stderr).toContain(`Point a CNAME at ${DNS} (or a Route 53 alias record at the zone apex); never an A record at its addresses, they change.`);
  });
});
