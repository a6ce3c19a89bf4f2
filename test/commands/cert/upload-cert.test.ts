import { chmodSync, writeFileSync } from 'node:fs';
import { GetServerCertificateCommand, TagServerCertificateCommand, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, iamMock } from '../../helpers/aws.js';
import { certFixtures } from '../../helpers/certs.js';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

const fx = certFixtures();
const F = fx.path;
const ARN = 'arn:aws:iam::123456789012:server-certificate/www';
const LEAF = fx.read('leaf.crt');
const INT_B = fx.read('int-b.crt');
const INT_A = fx.read('int-a.crt');
const CHAIN = INT_B + INT_A;
const PKCS1 = fx.read('leaf-pkcs1.key');
/** Lines of the key material: none may ever appear in output. */
const KEY_LINES = [...fx.read('leaf.key').split('\n').slice(1, -2), ...PKCS1.split('\n').slice(1, -2)];

function expectNoKey(text: string): void {
  for (const line of KEY_LINES) expect(text).not.toContain(line);
  expect(text).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY-----\n/);
}

function mockNew(): void {
  iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'The Server Certificate with name www cannot be found.', 404));
  iamMock.on(UploadServerCertificateCommand).resolves({
    ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'ASCAEXAMPLE1', Arn: ARN, UploadDate: new Date('2026-11-21T12:00:00Z'), Expiration: new Date('2099-12-31T23:59:59Z') },
  });
}

const upload = (args: string, opts = {}) => runCli(`upload-cert www ${args}`, opts);

/** A classic mistake: exit 2, exactly one line on stderr, nothing sent to IAM. */
async function expectRefused(args: string, line: string): Promise<void> {
  const r = await upload(args);
  expect(r.stderr).toBe(`error: ${line}\n`);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(iamMock.calls()).toHaveLength(0);
}

describe('upload-cert: done when', () => {
  beforeEach(mockNew);

  it("uploads a Let's Encrypt fullchain.pem + PKCS#8 privkey.pem with no hand conversion", async () => {
    const r = await upload(`--cert ${F('letsencrypt/fullchain.pem')} --key ${F('letsencrypt/privkey.pem')}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${ARN}\n`);
    expect(iamMock).toHaveReceivedCommandTimes(UploadServerCertificateCommand, 1);
    expect(iamMock.commandCalls(UploadServerCertificateCommand)[0]!.args[0].input).toEqual({
      ServerCertificateName: 'www',
      Path: '/',
      CertificateBody: LEAF,
      CertificateChain: CHAIN,
      PrivateKey: PKCS1,
    });
    expect(PKCS1).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(r.stderr).toBe(
      [
        `note: ${F('letsencrypt/fullchain.pem')} holds 3 certificates: sending CN=www.example.test as the certificate and the rest as its chain`,
        `note: converted the PKCS#8 key in ${F('letsencrypt/privkey.pem')} to PKCS#1 (BEGIN RSA PRIVATE KEY), the form IAM expects`,
        'Uploading server-certificate www (CN=www.example.test, RSA 2048, expires 2099-12-31T23:59:59Z)',
        '',
      ].join('\n'),
    );
    expectNoKey(r.stdout + r.stderr);
  });

  it('sends a PKCS#1 key as it is and says nothing about conversion', async () => {
    const r = await upload(`--cert ${F('leaf.crt')} --key ${F('leaf-pkcs1.key')} --chain ${F('chain.pem')}`);
    expect(r.code).toBe(0);
    expect(iamMock).toHaveReceivedCommandWith(UploadServerCertificateCommand, { CertificateBody: LEAF, CertificateChain: CHAIN, PrivateKey: PKCS1 });
    expect(r.stderr).toBe('Uploading server-certificate www (CN=www.example.test, RSA 2048, expires 2099-12-31T23:59:59Z)\n');
  });

  it('reads CRLF files and PEM blocks with text around them', async () => {
    for (const [cert, key, chain] of [
      ['leaf-crlf.crt', 'leaf-crlf.key', 'chain-crlf.pem'],
      ['leaf-text.crt', 'leaf-text.key', 'chain-text.pem'],
    ]) {
      iamMock.resetHistory();
      const r = await upload(`--cert ${F(cert!)} --key ${F(key!)} --chain ${F(chain!)}`);
      expect(r.code).toBe(0);
      expect(iamMock.commandCalls(UploadServerCertificateCommand)[0]!.args[0].input).toEqual({ ServerCertificateName: 'www', Path: '/', CertificateBody: LEAF, CertificateChain: CHAIN, PrivateKey: PKCS1 });
    }
  });

  it('reorders a shuffled chain and says so', async () => {
    const r = await upload(`--cert ${F('leaf.crt')} --key ${F('leaf-pkcs1.key')} --chain ${F('chain-shuffled.pem')}`);
    expect(r.code).toBe(0);
    expect(iamMock).toHaveReceivedCommandWith(UploadServerCertificateCommand, { CertificateChain: CHAIN });
    expect(r.stderr).toContain('note: reordered the chain so each certificate is signed by the next: CN=scalectl Test Intermediate B → CN=scalectl Test Intermediate A\n');
  });

  it('drops a root and a copy of the leaf from the chain and says so', async () => {
    let r = await upload(`--cert ${F('leaf.crt')} --key ${F('leaf-pkcs1.key')} --chain ${F('chain-with-root.pem')}`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: dropped the root certificate CN=scalectl Test Root CA from the chain in ${F('chain-with-root.pem')}: clients already hold it\n`);
    r = await upload(`--cert ${F('leaf.crt')} --key ${F('leaf-pkcs1.key')} --chain ${F('chain-with-leaf.pem')}`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: dropped a copy of the certificate CN=www.example.test from the chain in ${F('chain-with-leaf.pem')}\n`);
    for (const call of iamMock.commandCalls(UploadServerCertificateCommand)) {
      expect(call.args[0].input).toMatchObject({ CertificateBody: LEAF, CertificateChain: CHAIN });
    }
  });

  it('uploads a self-signed certificate without a chain', async () => {
    const r = await upload(`--cert ${F('self-signed.crt')} --key ${F('self.key')}`);
    expect(r.code).toBe(0);
    const input = iamMock.commandCalls(UploadServerCertificateCommand)[0]!.args[0].input;
    expect(input.CertificateChain).toBeUndefined();
    expect(input.CertificateBody).toBe(fx.read('self-signed.crt'));
  });

  it('sends an EC P-256 key in SEC1 form', async () => {
    const r = await upload(`--cert ${F('ec.crt')} --key ${F('ec.key')} --chain ${F('chain.pem')}`);
    expect(r.code).toBe(0);
    expect(iamMock).toHaveReceivedCommandWith(UploadServerCertificateCommand, { PrivateKey: fx.read('ec-sec1.key') });
  });

  it('tags with --tag and --stack', async () => {
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --tag team=web --tag env=prod --stack shop --path /cloudfront/shop/`);
    expect(r.code).toBe(0);
    expect(iamMock).toHaveReceivedCommandWith(UploadServerCertificateCommand, {
      Path: '/cloudfront/shop/',
      Tags: [{ Key: 'team', Value: 'web' }, { Key: 'env', Value: 'prod' }, { Key: 'scalectl:stack', Value: 'shop' }],
    });
  });
});

describe('upload-cert: warnings', () => {
  beforeEach(mockNew);

  it('warns about a weak 1024-bit key and still uploads', async () => {
    const r = await upload(`--cert ${F('weak.crt')} --key ${F('weak.key')} --chain ${F('chain.pem')}`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: ${F('weak.key')} is an RSA 1024-bit key, which is weak and refused by current browsers; reissue the certificate with a 2048-bit key\n`);
    expect(iamMock).toHaveReceivedCommandTimes(UploadServerCertificateCommand, 1);
  });

  it('warns about a certificate expiring within 30 days', async () => {
    const r = await upload(`--cert ${F('expiring-soon.crt')} --key ${F('leaf.key')} --chain ${F('chain.pem')}`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: the certificate CN=soon.example.test expires in 9 days (2026-12-01T00:00:00Z); renew it soon\n');
  });

  it('warns when the key file is readable by group or others, with the chmod fix', async () => {
    const key = F('letsencrypt/privkey.pem');
    chmodSync(key, 0o640);
    try {
      const r = await upload(`--cert ${F('fullchain.pem')} --key ${key}`);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`warning: ${key} is readable by group (mode 640); a private key should be readable by you alone: chmod 600 ${key}\n`);
      chmodSync(key, 0o644);
      expect((await upload(`--cert ${F('fullchain.pem')} --key ${key}`)).stderr).toContain(`readable by others (mode 644)`);
    } finally {
      chmodSync(key, 0o600);
    }
    expect((await upload(`--cert ${F('fullchain.pem')} --key ${key}`)).stderr).not.toContain('warning');
  });
});

describe('upload-cert: each classic mistake is one line, exit 2, nothing sent', () => {
  it('an encrypted PKCS#8 key gets the openssl pkey command', () =>
    expectRefused(
      `--cert ${F('fullchain.pem')} --key ${F('leaf-encrypted.key')}`,
      `${F('leaf-encrypted.key')} is encrypted with a passphrase, and IAM needs an unencrypted key; decrypt it (you will be asked for the passphrase): openssl pkey -in ${F('leaf-encrypted.key')} -out key-plain.pem; chmod 600 key-plain.pem`,
    ));

  it('an encrypted PKCS#1 key gets the openssl rsa command', () =>
    expectRefused(
      `--cert ${F('fullchain.pem')} --key ${F('leaf-encrypted-pkcs1.key')}`,
      `${F('leaf-encrypted-pkcs1.key')} is encrypted with a passphrase, and IAM needs an unencrypted key; decrypt it (you will be asked for the passphrase): openssl rsa -in ${F('leaf-encrypted-pkcs1.key')} -out key-plain.pem; chmod 600 key-plain.pem`,
    ));

  it('a key that belongs to another certificate', () =>
    expectRefused(
      `--cert ${F('fullchain.pem')} --key ${F('other.key')}`,
      `${F('other.key')} does not match the certificate CN=www.example.test in ${F('fullchain.pem')}; use the private key that was made with this certificate's request (compare: openssl x509 -noout -pubkey -in CERT and openssl pkey -pubout -in KEY)`,
    ));

  it('an expired certificate', () =>
    expectRefused(`--cert ${F('expired.crt')} --key ${F('leaf.key')} --chain ${F('chain.pem')}`, `${F('expired.crt')}: the certificate CN=expired.example.test expired on 2021-01-01T00:00:00Z (2150 days ago); renew it with your CA and upload the new certificate`));

  it('a certificate not valid yet', () =>
    expectRefused(`--cert ${F('not-yet-valid.crt')} --key ${F('leaf.key')} --chain ${F('chain.pem')}`, `${F('not-yet-valid.crt')}: the certificate CN=future.example.test is not valid until 2090-01-01T00:00:00Z; upload it after that date, or check the clock of this machine and of the CA that issued it`));

  it('a chain that misses an intermediate names the missing issuer', () =>
    expectRefused(
      `--cert ${F('leaf.crt')} --key ${F('leaf.key')} --chain ${F('chain-missing-b.pem')}`,
      `${F('chain-missing-b.pem')}: the chain does not link: no certificate in it signed CN=www.example.test; its issuer "CN=scalectl Test Intermediate B" is missing; add that intermediate certificate (your CA publishes it; fullchain.pem holds it) to --chain`,
    ));

  it('no chain at all for a CA-issued certificate', () =>
    expectRefused(
      `--cert ${F('leaf.crt')} --key ${F('leaf.key')}`,
      `${F('leaf.crt')}: no certificate chain: the issuer "CN=scalectl Test Intermediate B" of CN=www.example.test is missing; pass the intermediate certificates with --chain chain.pem, or give fullchain.pem as --cert; if a root CA signed it directly (a private CA), pass that root with --chain and it is checked, then left out`,
    ));

  it('a certificate in the chain that is not part of it', () =>
    expectRefused(
      `--cert ${F('leaf.crt')} --key ${F('leaf.key')} --chain ${F('chain-with-stranger.pem')}`,
      `${F('chain-with-stranger.pem')}: the chain does not link: the root CN=Unrelated Test CA did not issue this chain; the chain of CN=www.example.test stops at CN=scalectl Test Intermediate A, whose issuer is "CN=scalectl Test Root CA"; add the missing issuer if there is one, and remove certificates that are not part of this chain`,
    ));

  it('two server certificates in --cert', () =>
    expectRefused(`--cert ${F('two-leaves.pem')} --key ${F('leaf.key')}`, `${F('two-leaves.pem')} holds 2 server certificates (CN=www.example.test, CN=expired.example.test); upload-cert takes exactly one; put one server certificate in --cert and its intermediates in --chain`));

  it('--cert and --key swapped', () =>
    expectRefused(`--cert ${F('leaf.key')} --key ${F('leaf.crt')}`, `${F('leaf.key')} holds a private key, not a certificate; give the certificate with --cert and the key with --key`));

  it('a key file that holds a certificate', () =>
    expectRefused(`--cert ${F('fullchain.pem')} --key ${F('leaf.crt')}`, `${F('leaf.crt')} holds a certificate, not a private key; check that --cert and --key are not swapped`));

  it('a certificate request given as --cert', () =>
    expectRefused(`--cert ${F('leaf.csr')} --key ${F('leaf.key')}`, `${F('leaf.csr')} is a certificate request (CSR), not a certificate; send it to your CA and give the certificate it returns`));

  it('an SSH key given as --key', () => {
    writeFileSync(F('id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\n', { mode: 0o600 });
    return expectRefused(`--cert ${F('fullchain.pem')} --key ${F('id_rsa')}`, `${F('id_rsa')} is an SSH key (OpenSSH format), not the TLS key of this certificate; give the private key made with the certificate request (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)`);
  });

  it('a key type the load balancer cannot serve', () =>
    expectRefused(`--cert ${F('fullchain.pem')} --key ${F('ed25519.key')}`, `${F('ed25519.key')} is an ed25519 key; server certificates for the classic load balancer need an RSA or ECDSA key; make a new 2048-bit RSA key and certificate request: openssl req -new -newkey rsa:2048 -nodes -keyout key.pem -out req.csr`));

  it('a DER certificate gets the openssl conversion', () =>
    expectRefused(`--cert ${F('leaf.der')} --key ${F('leaf.key')}`, `${F('leaf.der')} is a binary DER certificate, IAM needs PEM; convert it: openssl x509 -inform der -in ${F('leaf.der')} -out ${F('leaf.pem')}`));

  it('a DER key gets the openssl conversion', () =>
    expectRefused(`--cert ${F('fullchain.pem')} --key ${F('leaf-key.der')}`, `${F('leaf-key.der')} is a binary DER private key, IAM needs PEM; convert it: openssl pkey -inform der -in ${F('leaf-key.der')} -out ${F('leaf-key.pem')}`));

  it('a PKCS#12 bundle gets the openssl pkcs12 commands', () =>
    expectRefused(`--cert ${F('leaf.p12')} --key ${F('leaf.key')}`, `${F('leaf.p12')} looks like a PKCS#12 (.p12/.pfx) bundle, IAM needs PEM files; extract it: openssl pkcs12 -in ${F('leaf.p12')} -clcerts -nokeys -out cert.pem (and -cacerts -nokeys -out chain.pem)`));

  it('a PKCS#7 bundle gets the openssl pkcs7 command', () =>
    expectRefused(`--cert ${F('leaf.p7b')} --key ${F('leaf.key')}`, `${F('leaf.p7b')} is a PKCS#7 bundle, IAM needs PEM certificates; convert it: openssl pkcs7 -print_certs -in ${F('leaf.p7b')} -out ${F('leaf.p7b')}.pem`));

  it('an RSA key size the load balancer does not serve', () =>
    expectRefused(`--cert ${F('odd.crt')} --key ${F('odd.key')} --chain ${F('chain.pem')}`, `${F('odd.key')} is an RSA 1536-bit key; server certificates take RSA 1024/2048/3072/4096 bits; make a new 2048-bit key and certificate request: openssl req -new -newkey rsa:2048 -nodes -keyout key.pem -out req.csr`));

  it('an EC curve the load balancer does not serve', () =>
    expectRefused(`--cert ${F('p521.crt')} --key ${F('p521.key')} --chain ${F('chain.pem')}`, `${F('p521.key')} is an EC key on curve secp521r1; the classic load balancer serves ECDSA P-256 and P-384 only; make a new key: openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out req.csr`));

  it('a file that does not exist', () => expectRefused(`--cert ${F('nope.pem')} --key ${F('leaf.key')}`, `${F('nope.pem')} does not exist; check the file name given to --cert, --key or --chain`));

  it('an invalid name or path', async () => {
    await expectRefused(`--cert x --key y`, 'x does not exist; check the file name given to --cert, --key or --chain');
    const r = await runCli(`upload-cert "bad name" --cert ${F('fullchain.pem')} --key ${F('leaf.key')}`);
    expect([r.code, r.stderr]).toEqual([2, 'error: certificate name "bad name" is not valid; use up to 128 letters, digits and +=,.@_-\n']);
    const p = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --path cloudfront`);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('--path must start and end with /');
    expect(iamMock.calls()).toHaveLength(0);
  });
});

describe('upload-cert: against what IAM already holds', () => {
  it('re-uploading the same certificate under the same name is unchanged, exit 0', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({
      ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'ASCAEXAMPLE1', Arn: ARN }, CertificateBody: LEAF.replace(/\n/g, '\r\n'), CertificateChain: CHAIN },
    });
    const r = await upload(`--cert ${F('letsencrypt/fullchain.pem')} --key ${F('letsencrypt/privkey.pem')} --output json`);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe('unchanged');
    expect(doc.certificate).toEqual({
      name: 'www', arn: ARN, id: 'ASCAEXAMPLE1', path: '/', subject: 'CN=www.example.test', issuer: 'CN=scalectl Test Intermediate B',
      sans: ['www.example.test', 'example.test'], notBefore: '2025-01-01T00:00:00Z', expiration: '2099-12-31T23:59:59Z', serial: '1003', keyType: 'RSA 2048',
    });
    expect(iamMock).toHaveReceivedCommandWith(GetServerCertificateCommand, { ServerCertificateName: 'www' });
    expect(iamMock).toHaveReceivedCommandTimes(UploadServerCertificateCommand, 0);
  });

  it('looks the ARN up when the endpoint answers the upload without it (moto, LocalStack)', async () => {
    iamMock
      .on(GetServerCertificateCommand)
      .rejectsOnce(awsError('NoSuchEntityException', 'not found', 404))
      .resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'ASCALOOKED', Arn: ARN }, CertificateBody: LEAF } });
    iamMock.on(UploadServerCertificateCommand).resolves({});
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --output json`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).certificate).toMatchObject({ name: 'www', arn: ARN, id: 'ASCALOOKED', path: '/' });
    expect(iamMock).toHaveReceivedCommandTimes(GetServerCertificateCommand, 2);
  });

  it('the same certificate stored with a different chain is unchanged, with a warning and the rotation advice', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({
      ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A', Arn: ARN }, CertificateBody: LEAF, CertificateChain: INT_B },
    });
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --quiet`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${ARN}\n`);
    expect(r.stderr).toBe('warning: www is already uploaded with a different chain; IAM cannot replace a certificate in place: upload it under a new name (scalectl upload-cert www-2099-12-31 …), then switch the listener: scalectl set-lb-cert LB --port 443 --cert www-2099-12-31\n');
  });

  it('a re-run that adds --stack tags the certificate already there instead of uploading', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({
      ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A', Arn: ARN }, CertificateBody: LEAF, Tags: [{ Key: 'team', Value: 'web' }] },
    });
    iamMock.on(TagServerCertificateCommand).resolves({});
    const plan = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --tag team=web --stack shop --dry-run --quiet`);
    expect(plan.stdout).toBe('unchanged\tserver-certificate\twww\t\tthe same certificate is already uploaded\ntag\tserver-certificate\twww\tiam:TagServerCertificate\tscalectl:stack=shop\n');
    expect(iamMock).toHaveReceivedCommandTimes(TagServerCertificateCommand, 0);
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --tag team=web --stack shop --output json --quiet`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('updated');
    expect(iamMock).toHaveReceivedCommandWith(TagServerCertificateCommand, { ServerCertificateName: 'www', Tags: [{ Key: 'scalectl:stack', Value: 'shop' }] });
    expect(iamMock).toHaveReceivedCommandTimes(UploadServerCertificateCommand, 0);
  });

  it('on an --endpoint-url whose answer has no Tags field (moto), a re-run is unchanged and sends no TagServerCertificate', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({
      ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A', Arn: ARN }, CertificateBody: LEAF },
    });
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --stack shop --endpoint-url http://127.0.0.1:5000 --output json --quiet`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('unchanged');
    expect(r.stderr).toBe('warning: the endpoint does not report the tags of www; not tagging it again (scalectl:stack=shop)\n');
    expect(iamMock).toHaveReceivedCommandTimes(TagServerCertificateCommand, 0);
  });

  it('against AWS itself an answer without Tags means none: the stack tag is added', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({
      ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A', Arn: ARN }, CertificateBody: LEAF },
    });
    iamMock.on(TagServerCertificateCommand).resolves({});
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --stack shop --output json --quiet`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('updated');
    expect(iamMock).toHaveReceivedCommandWith(TagServerCertificateCommand, { ServerCertificateName: 'www', Tags: [{ Key: 'scalectl:stack', Value: 'shop' }] });
  });

  it('a different certificate under an existing name is exit 1 with the rotation advice', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({
      ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'X', Arn: ARN, Expiration: new Date('2026-12-01T00:00:00Z') }, CertificateBody: fx.read('expiring-soon.crt') },
    });
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --quiet`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: a different certificate is already stored in IAM as www (expires 2026-12-01T00:00:00Z); IAM cannot replace a certificate in place: upload it under a new name (scalectl upload-cert www-2099-12-31 …), then switch the listener: scalectl set-lb-cert LB --port 443 --cert www-2099-12-31\n',
    );
    expect(iamMock).toHaveReceivedCommandTimes(UploadServerCertificateCommand, 0);
  });

  it.each([
    ['MalformedCertificateException', 'Unable to validate certificate chain.', 'error: IAM refused the certificate as malformed: Unable to validate certificate chain.; the files passed the local checks, so compare the chain with what your CA publishes (intermediates only, leaf issuer first) and check the certificate is not past its dates on the IAM side\n'],
    ['KeyPairMismatchException', 'Public key certificate and private key doesn\'t match.', "error: IAM says the private key does not match the certificate: Public key certificate and private key doesn't match.; the key matched locally; check that --cert names the server certificate (not an intermediate) and re-run with the key made for it\n"],
    ['EntityAlreadyExistsException', 'The Server Certificate with name www already exists.', 'error: a server certificate named www already exists in IAM; IAM cannot replace a certificate in place: upload it under a new name (scalectl upload-cert www-2099-12-31 …), then switch the listener: scalectl set-lb-cert LB --port 443 --cert www-2099-12-31\n'],
    ['LimitExceededException', 'Cannot exceed quota for ServerCertificatesPerAccount: 20', 'error: IAM refused the upload: the account is at its server-certificate limit (20 by default): Cannot exceed quota for ServerCertificatesPerAccount: 20; delete certificates no longer in use (scalectl list-certs, then scalectl teardown --cert NAME) or raise the quota (up to 1,000) in Service Quotas\n'],
  ])('explains %s plainly, exit 1', async (name, message, stderr) => {
    iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'not found', 404));
    iamMock.on(UploadServerCertificateCommand).rejects(awsError(name, message, 400));
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --quiet`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(stderr);
    expectNoKey(r.stdout + r.stderr);
  });
});

describe('upload-cert: output and secrecy', () => {
  beforeEach(mockNew);

  it('table shows name, ARN, id, path, subject, SANs and expiry', async () => {
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')}`, { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe(
      [
        'FIELD    VALUE',
        'status   uploaded',
        'name     www',
        `arn      ${ARN}`,
        'id       ASCAEXAMPLE1',
        'path     /',
        'subject  CN=www.example.test',
        'sans     www.example.test, example.test',
        'key      RSA 2048',
        'expires  2099-12-31T23:59:59Z',
        '',
      ].join('\n'),
    );
  });

  it('json has the certificate, status, notes and warnings', async () => {
    const r = await upload(`--cert ${F('weak.crt')} --key ${F('weak.key')} --chain ${F('chain-shuffled.pem')} --output json`);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({
      kind: 'server-certificate',
      name: 'www',
      changes: ['upload server-certificate'],
      arn: ARN,
      certificate: {
        name: 'www', arn: ARN, id: 'ASCAEXAMPLE1', path: '/', subject: 'CN=weak.example.test', issuer: 'CN=scalectl Test Intermediate B',
        sans: ['weak.example.test'], notBefore: '2025-01-01T00:00:00Z', expiration: '2099-12-31T23:59:59Z', serial: expect.any(String), keyType: 'RSA 1024',
      },
      status: 'created',
      notes: [
        `converted the PKCS#8 key in ${F('weak.key')} to PKCS#1 (BEGIN RSA PRIVATE KEY), the form IAM expects`,
        'reordered the chain so each certificate is signed by the next: CN=scalectl Test Intermediate B → CN=scalectl Test Intermediate A',
      ],
      warnings: [`${F('weak.key')} is an RSA 1024-bit key, which is weak and refused by current browsers; reissue the certificate with a 2048-bit key`],
    });
  });

  it('--dry-run shows the request with the key redacted, in every format, and sends no write', async () => {
    for (const format of ['json', 'text', 'table']) {
      const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --dry-run --output ${format}`);
      expect(r.code).toBe(0);
      expectNoKey(r.stdout + r.stderr);
      if (format === 'json') {
        const step = JSON.parse(r.stdout).steps[0];
        expect(step.request).toEqual({
          service: 'iam',
          operation: 'UploadServerCertificate',
          input: { ServerCertificateName: 'www', Path: '/', CertificateBody: LEAF, CertificateChain: CHAIN, PrivateKey: '***redacted***' },
        });
      }
      if (format === 'text') expect(r.stdout).toBe('upload\tserver-certificate\twww\tiam:UploadServerCertificate\tCN=www.example.test, RSA 2048, expires 2099-12-31T23:59:59Z\n');
    }
    expect(iamMock).toHaveReceivedCommandTimes(UploadServerCertificateCommand, 0);
  });

  it('--dry-run with no credentials plans the upload offline', async () => {
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --dry-run --output json`, { env: { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).steps.map((s: { action: string }) => s.action)).toEqual(['upload']);
    expect(r.stderr).toContain('planning without reading AWS');
    expect(iamMock.calls()).toHaveLength(0);
  });

  it('--dry-run of an already uploaded certificate plans unchanged', async () => {
    iamMock.on(GetServerCertificateCommand).resolves({ ServerCertificate: { ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A', Arn: ARN }, CertificateBody: LEAF } });
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --dry-run`);
    expect(r.stdout).toBe('unchanged\tserver-certificate\twww\t\tthe same certificate is already uploaded\n');
  });

  it('--debug shows no key, and the logged request input is redacted', async () => {
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --debug`);
    expect(r.code).toBe(0);
    expectNoKey(r.stdout + r.stderr);
    // The --debug middleware logs redact(input); the mocks bypass middleware, so check that directly.
    const { redact } = await import('../../../src/domain/redact.js');
    const input = iamMock.commandCalls(UploadServerCertificateCommand)[0]!.args[0].input;
    expect(input.PrivateKey).toBe(PKCS1);
    expectNoKey(JSON.stringify(redact(input)));
  });

  it('an error never carries the key', async () => {
    iamMock.on(UploadServerCertificateCommand).rejects(awsError('InvalidInputException', `bad key ${PKCS1}`, 400));
    const r = await upload(`--cert ${F('fullchain.pem')} --key ${F('leaf.key')} --debug`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: IAM refused the request: bad key -----RSA PRIVATE KEY ***redacted***-----');
    expectNoKey(r.stdout + r.stderr);
  });
});
