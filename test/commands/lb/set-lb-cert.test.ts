import { DescribeLoadBalancersCommand, SetLoadBalancerListenerSSLCertificateCommand } from '@aws-sdk/client-elastic-load-balancing';
import { GetServerCertificateCommand, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsError, elbMock, iamMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtLb, CERT } from './lb-fixtures.js';

const NEW = 'arn:aws:iam::123456789012:server-certificate/site-2027';
const meta = (arn: string) => ({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'site-2027', ServerCertificateId: 'A', Arn: arn }, CertificateBody: 'x' } });

describe('set-lb-cert', () => {
  it('resolves a certificate name and swaps it onto the listener', async () => {
    iamMock.on(GetServerCertificateCommand, { ServerCertificateName: 'site-2027' }).resolves(meta(NEW));
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    elbMock.on(SetLoadBalancerListenerSSLCertificateCommand).resolves({});
    const r = await runCli('set-lb-cert web --port 443 --cert site-2027');
    expect(r.code).toBe(0);
    expect(elbMock).toHaveReceivedCommandWith(SetLoadBalancerListenerSSLCertificateCommand, { LoadBalancerName: 'web', LoadBalancerPort: 443, SSLCertificateId: NEW });
    expect(r.stdout).toBe(`web\t443\t${NEW}\tupdated\n`);
  });

  it('is unchanged when the listener already has that certificate (json)', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    const r = await runCli(`set-lb-cert web --port 443 --cert ${CERT} --output json`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'listener', name: 'web:443', status: 'unchanged', changes: [], loadBalancer: 'web', port: 443, certificateArn: CERT });
    expect(elbMock).toHaveReceivedCommandTimes(SetLoadBalancerListenerSSLCertificateCommand, 0);
    expect(iamMock.calls()).toHaveLength(0);
  });

  it('retries while ELB cannot see a just-uploaded certificate', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    elbMock.on(SetLoadBalancerListenerSSLCertificateCommand).rejectsOnce(awsError('CertificateNotFoundException', 'not found')).rejectsOnce(awsError('CertificateNotFound', 'not found')).resolves({});
    const r = await runCli(`set-lb-cert web --port 443 --cert ${NEW} --output table --no-color`);
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([2000, 4000]);
    expect(r.stdout).toMatch(/^LOAD BALANCER\s+PORT\s+CERTIFICATE\s+STATUS\nweb\s+443\s+arn:aws:iam::123456789012:server-certificate\/site-2027\s+updated\n/);
    expect(r.stderr).toContain('waiting for the certificate to become visible to ELB (setting the certificate of web:443); retrying in 2s\n');
  });

  it('exits 4 for a missing balancer or listener, 1 for a listener that takes no certificate', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('AccessPointNotFoundException', 'none'));
    let r = await runCli(`set-lb-cert nope --port 443 --cert ${NEW}`);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: load balancer nope not found in this region; run "scalectl describe-lbs" to list them\n');
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    r = await runCli(`set-lb-cert web --port 8443 --cert ${NEW}`);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: load balancer web has no listener on port 8443; its listeners are on 80, 443\n');
    r = await runCli(`set-lb-cert web --port 80 --cert ${NEW}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: the listener on web:80 is HTTP; only HTTPS and SSL listeners take a certificate');
    expect(elbMock).toHaveReceivedCommandTimes(SetLoadBalancerListenerSSLCertificateCommand, 0);
  });

  it('checks the balancer before looking the certificate up, so a typo there does not wait 60 s', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('AccessPointNotFoundException', 'none'));
    const r = await runCli('set-lb-cert nope --port 443 --cert typo');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('error: load balancer nope not found in this region; run "scalectl describe-lbs" to list them\n');
    expect(r.sleeps).toEqual([]);
    expect(iamMock.calls()).toHaveLength(0);
  });

  it('dry run prints the request and sends nothing; an unknown name is a placeholder', async () => {
    iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'none', 404));
    iamMock.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [] });
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    const r = await runCli('set-lb-cert web --port 443 --cert later --dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('update\tlistener\tweb:443\telb:SetLoadBalancerListenerSSLCertificate\tcertificate <arn of certificate later>\n');
    expect(r.sleeps).toEqual([]);
    expect(elbMock).toHaveReceivedCommandTimes(SetLoadBalancerListenerSSLCertificateCommand, 0);
  });

  it.each([
    ['set-lb-cert web --cert x', "error: required option '--port <port>' not specified"],
    ['set-lb-cert web --port 443', "error: required option '--cert <name|arn>' not specified"],
    ['set-lb-cert web --port 0 --cert x', "error: option '--port <port>' argument '0' is invalid. --port must be a whole number from 1 to 65535."],
  ])('%s → exit 2, no request', async (line, first) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${first.replace(/\.$/, '')}; run 'scalectl set-lb-cert --help' for usage\n`);
    expect(elbMock.calls()).toHaveLength(0);
    expect(iamMock.calls()).toHaveLength(0);
  });
});
