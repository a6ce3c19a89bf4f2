import { DeleteServerCertificateCommand, GetServerCertificateCommand, ListServerCertificatesCommand, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsError, iamMock } from '../helpers/aws.js';
import { certFixtures } from '../helpers/certs.js';
import { runCli } from '../helpers/run-cli.js';

const fx = certFixtures();
const ARN = 'arn:aws:iam::123456789012:server-certificate/www';
const legacy = (line: string) => runCli(`legacy ${line}`);
const noSuch = () => awsError('NoSuchEntityException', 'The Server Certificate with name www cannot be found.', 404);

describe('iam-servercert*', () => {
  it('iam-servercertupload -b -k -c -s -v: the checked certificate, chain and PKCS#1 key; -v prints the ARN then the id', async () => {
    iamMock.on(GetServerCertificateCommand).rejects(noSuch());
    iamMock.on(UploadServerCertificateCommand).resolves({ ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'ASCAEXAMPLE1', Arn: ARN } });
    const r = await legacy(`iam-servercertupload -b ${fx.path('leaf.crt')} -k ${fx.path('leaf.key')} -c ${fx.path('chain.pem')} -s www -v`);
    expect(r.stderr).toBe('');
    expect([r.code, r.stdout]).toEqual([0, `${ARN}\nASCAEXAMPLE1\n`]);
    const input = iamMock.commandCalls(UploadServerCertificateCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ ServerCertificateName: 'www', Path: '/', CertificateBody: fx.read('leaf.crt') });
    expect(input.PrivateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(input.CertificateChain).toContain('BEGIN CERTIFICATE');
    // Without -v the IAM CLI said nothing.
    const quiet = await legacy(`iam-servercertupload -b ${fx.path('leaf.crt')} -k ${fx.path('leaf.key')} -c ${fx.path('chain.pem')} -s www -p /cloudfront/`);
    expect([quiet.stderr, quiet.stdout]).toEqual(['', '']);
    expect(iamMock.commandCalls(UploadServerCertificateCommand)[1]!.args[0].input.Path).toBe('/cloudfront/');
  });

  it('iam-servercertupload refuses a wrong key in one line before anything is sent', async () => {
    const r = await legacy(`iam-servercertupload -b ${fx.path('leaf.crt')} -k ${fx.path('other.key')} -s www`);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^iam-servercertupload:  /);
    expect(iamMock.commandCalls(UploadServerCertificateCommand)).toEqual([]);
  });

  it('iam-servercertlistbypath prints one ARN a line; -p filters by path', async () => {
    iamMock.on(ListServerCertificatesCommand).resolves({ ServerCertificateMetadataList: [
      { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A1', Arn: ARN, Expiration: new Date('2099-01-01T00:00:00Z') },
      { Path: '/cloudfront/', ServerCertificateName: 'cdn', ServerCertificateId: 'A2', Arn: 'arn:aws:iam::123456789012:server-certificate/cloudfront/cdn', Expiration: new Date('2099-01-01T00:00:00Z') },
    ] });
    expect((await legacy('iam-servercertlistbypath')).stdout).toBe(`arn:aws:iam::123456789012:server-certificate/cloudfront/cdn\n${ARN}\n`);
    await legacy('iam-servercertlistbypath -p /cloudfront/');
    expect(iamMock.commandCalls(ListServerCertificatesCommand)[1]!.args[0].input).toMatchObject({ PathPrefix: '/cloudfront/' });
  });

  it('iam-servercertgetattributes: the ARN first (scripts take | head -1); an unknown name is exit 4', async () => {
    iamMock.on(GetServerCertificateCommand, { ServerCertificateName: 'www' }).resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A1', Arn: ARN, UploadDate: new Date('2026-01-01T00:00:00Z'), Expiration: new Date('2099-01-01T00:00:00Z') }, CertificateBody: 'x' } });
    expect((await legacy('iam-servercertgetattributes -s www')).stdout).toBe(`${ARN}\nA1\n2026-01-01T00:00:00Z\n2099-01-01T00:00:00Z\n`);
    iamMock.on(GetServerCertificateCommand, { ServerCertificateName: 'nope' }).rejects(noSuch());
    const r = await legacy('iam-servercertgetattributes -s nope');
    expect([r.code, r.stderr]).toEqual([4, 'iam-servercertgetattributes:  The Server Certificate with name nope cannot be found.\n']);
  });

  it('iam-servercertdel -s deletes the certificate', async () => {
    iamMock.on(DeleteServerCertificateCommand).resolves({});
    const r = await legacy('iam-servercertdel -s www');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(iamMock.commandCalls(DeleteServerCertificateCommand)[0]!.args[0].input).toEqual({ ServerCertificateName: 'www' });
  });
});
