import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { GetServerCertificateCommand, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { closestNames } from '../../../src/domain/closest.js';
import { awsError, elbMock, iamMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';
import { builtLb } from './lb-fixtures.js';

const listed = (...names: string[]) => ({ ServerCertificateMetadataList: names.map((n) => ({ Path: '/', ServerCertificateName: n, ServerCertificateId: `ASCA${n}`, Arn: `arn:aws:iam::123456789012:server-certificate/${n}`, UploadDate: new Date() })) });
const notFound = () => awsError('NoSuchEntityException', 'The Server Certificate cannot be found.', 404);

describe('a mistyped --cert fails at once, naming the closest certificates (trust #15)', () => {
  it('create-lb: no wait, exit 4, the nearest names', async () => {
    elbMock.on(DescribeLoadBalancersCommand).rejects(awsError('AccessPointNotFoundException', "There is no ACTIVE Load Balancer named 'web'"));
    iamMock.on(GetServerCertificateCommand).rejects(notFound());
    iamMock.on(ListServerCertificatesCommand).resolves(listed('www-2026', 'api', 'www-2025', 'legacy-site'));
    const r = await runCli('create-lb web --listener https:443:http:80 --cert ww-2026 --zones us-east-1a -q');
    expect(r.code).toBe(4);
    expect(r.sleeps).toEqual([]);
    expect(r.stderr).toBe('error: server certificate ww-2026 not found; the closest existing: www-2026, www-2025, api; check the name with "scalectl list-certs", upload it with "scalectl upload-cert", pass its ARN, or add --wait-for-cert if it is being uploaded right now\n');
    expect(iamMock).toHaveReceivedCommandTimes(GetServerCertificateCommand, 1);
  });

  it('set-lb-cert: the same', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    iamMock.on(GetServerCertificateCommand).rejects(notFound());
    iamMock.on(ListServerCertificatesCommand).resolves(listed());
    const r = await runCli('set-lb-cert web --port 443 --cert typo');
    expect(r.code).toBe(4);
    expect(r.sleeps).toEqual([]);
    expect(r.stderr).toMatch(/^error: server certificate typo not found; there are no server certificates in this account; /);
  });

  it('--wait-for-cert waits for a name IAM does not list yet', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    iamMock.on(GetServerCertificateCommand).rejects(notFound());
    iamMock.on(ListServerCertificatesCommand).resolves(listed());
    const r = await runCli('set-lb-cert web --port 443 --cert coming --wait-for-cert');
    expect(r.code).toBe(4);
    expect(r.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('a dry run warns when the name does not exist', async () => {
    elbMock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancerDescriptions: [builtLb()] });
    iamMock.on(GetServerCertificateCommand).rejects(notFound());
    iamMock.on(ListServerCertificatesCommand).resolves(listed('site', 'site-old'));
    const r = await runCli('set-lb-cert web --port 443 --cert sitee --dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: server certificate sitee not found; the closest existing: site, site-old\n');
  });

  it('closestNames ranks by edit distance', () => {
    expect(closestNames('web-cert', ['api-cert', 'web-cert-2', 'zzz', 'wbe-cert'])).toEqual(['web-cert-2', 'wbe-cert', 'api-cert']);
  });
});
