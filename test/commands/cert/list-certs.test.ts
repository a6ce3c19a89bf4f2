import { ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsError, iamMock } from '../../helpers/aws.js';
import { runCli } from '../../helpers/run-cli.js';

const arn = (name: string) => `arn:aws:iam::123456789012:server-certificate/${name}`;
const meta = (name: string, expiration?: string) => ({
  Path: '/',
  ServerCertificateName: name,
  ServerCertificateId: `ASCA${name.toUpperCase()}`,
  Arn: arn(name),
  UploadDate: new Date('2026-01-01T00:00:00Z'),
  ...(expiration ? { Expiration: new Date(expiration) } : {}),
});

// The fake clock stands at 2026-11-21T12:00:00Z.
/** Two pages; returns the inputs as sent (the SDK paginator reuses one input object, so copy them). */
function mockPages(): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  iamMock.on(ListServerCertificatesCommand).callsFake((input: Record<string, unknown>) => {
    seen.push(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    return input.Marker === 'page2'
      ? { ServerCertificateMetadataList: [meta('api', '2026-12-01T00:00:00Z'), meta('moto')], IsTruncated: false }
      : { ServerCertificateMetadataList: [meta('www', '2099-12-31T23:59:59Z'), meta('old', '2026-10-01T00:00:00Z')], IsTruncated: true, Marker: 'page2' };
  });
  return seen;
}

describe('list-certs', () => {
  it('reads every page and prints fixed text columns: name, ARN, expiration, days left', async () => {
    const seen = mockPages();
    const r = await runCli('list-certs');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `api\t${arn('api')}\t2026-12-01T00:00:00Z\t9`,
        `moto\t${arn('moto')}\t\t`,
        `old\t${arn('old')}\t2026-10-01T00:00:00Z\t-52`,
        `www\t${arn('www')}\t2099-12-31T23:59:59Z\t26703`,
        '',
      ].join('\n'),
    );
    expect(iamMock).toHaveReceivedCommandTimes(ListServerCertificatesCommand, 2);
    expect(seen).toEqual([{}, { Marker: 'page2' }]);
  });

  it('json lists every certificate with its state', async () => {
    mockPages();
    const doc = JSON.parse((await runCli('list-certs --output json')).stdout);
    expect(doc.certificates.map((c: { name: string; state: string; daysLeft?: number }) => [c.name, c.state, c.daysLeft])).toEqual([
      ['api', 'expiring', 9],
      ['moto', 'unknown', undefined],
      ['old', 'expired', -52],
      ['www', 'ok', 26703],
    ]);
    expect(doc.certificates[0]).toEqual({ name: 'api', arn: arn('api'), id: 'ASCAAPI', path: '/', uploaded: '2026-01-01T00:00:00Z', expiration: '2026-12-01T00:00:00Z', daysLeft: 9, state: 'expiring' });
  });

  it('on a terminal, highlights expiring certificates in yellow and expired ones in red', async () => {
    mockPages();
    const r = await runCli('list-certs', { tty: true, env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDTESTKEY00000000', AWS_SECRET_ACCESS_KEY: 'test-secret-key-do-not-print-0000000000', AWS_CONFIG_FILE: '/nonexistent/c', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/s' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.includes('api '))).toContain('\x1b[33m2026-12-01T00:00:00Z\x1b[39m');
    expect(lines.find((l) => l.includes('old '))).toContain('\x1b[31mexpired\x1b[39m');
    expect(lines.find((l) => l.includes('www '))).not.toContain('\x1b[');
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0]).toMatch(/^NAME\s+ARN\s+EXPIRES\s+DAYS LEFT$/);
  });

  it('passes --path-prefix and prints nothing in text when there are none', async () => {
    iamMock.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [], IsTruncated: false });
    const r = await runCli('list-certs --path-prefix /cloudfront/');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(iamMock).toHaveReceivedCommandWith(ListServerCertificatesCommand, { PathPrefix: '/cloudfront/' });
    expect(JSON.parse((await runCli('list-certs --output json')).stdout)).toEqual({ certificates: [] });
  });

  it('AWS refusing is exit 1 with the reason', async () => {
    iamMock.on(ListServerCertificatesCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: iam:ListServerCertificates', 403));
    const r = await runCli('list-certs');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: AWS refused iam:ListServerCertificates (AccessDenied): User is not authorized to perform: iam:ListServerCertificates; run "scalectl policy list-certs" for the IAM policy it needs\n');
  });
});
