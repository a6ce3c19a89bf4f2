#!/usr/bin/env node
// Generates the TEST-ONLY certificates and keys under test/fixtures/certs/ with the openssl binary.
// Nothing here is secret or trusted anywhere: a throwaway CA (root → intermediate A → intermediate B
// → leaf) and every classic upload mistake as a file. Run: `node scripts/gen-test-certs.mjs`.
//
// Dates are fixed (via `openssl ca -startdate/-enddate`), never relative to "now", so the fixtures
// keep working: the tests run on a fake clock at 2026-11-21T12:00:00Z, the good certificates are
// valid 2025-01-01 … 2099-12-31, the expired one ended in 2021, the not-yet-valid one starts in 2090
// and the expiring-soon one ends 2026-12-01 (10 days after the fake "now").
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'certs');
const work = mkdtempSync(join(tmpdir(), 'scalectl-certs-'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const openssl = (...args) => execFileSync('openssl', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
const w = (name, text) => writeFileSync(join(out, name), text);
const r = (name) => readFileSync(join(out, name), 'utf8');
const crlf = (text) => text.replace(/\r?\n/g, '\r\n');

const GOOD = ['20250101000000Z', '20991231235959Z'];

writeFileSync(
  join(work, 'ca.cnf'),
  `[ca]
default_ca = test
[test]
dir = ${work}
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
email_in_dn = no
[any]
commonName = supplied
organizationName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_int]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`,
);
writeFileSync(join(work, 'index.txt'), '');
writeFileSync(join(work, 'serial'), '1000\n');

/** A PKCS#8 key file in the work dir. */
function rsaKey(file, bits = 2048) {
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', file);
}
function ecKey(file, curve) {
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`, '-out', file);
}

/** Issues a certificate for `keyFile` signed by `ca` (or self-signed), with fixed dates. */
function issue({ name, keyFile, subject, ext, ca, dates = GOOD, san }) {
  const csr = `${name}.csr`;
  const args = ['req', '-new', '-key', keyFile, '-subj', subject, '-out', csr, '-config', 'ca.cnf'];
  if (san) args.push('-addext', `subjectAltName=${san}`);
  openssl(...args);
  const sign = ['ca', '-batch', '-config', 'ca.cnf', '-in', csr, '-out', `${name}.crt`, '-extensions', ext, '-startdate', dates[0], '-enddate', dates[1], '-notext'];
  if (ca) sign.push('-cert', ca.crt, '-keyfile', ca.key);
  else sign.push('-selfsign', '-keyfile', keyFile);
  openssl(...sign);
  return { crt: `${name}.crt`, key: keyFile, pem: readFileSync(join(work, `${name}.crt`), 'utf8') };
}

rsaKey('root.key');
const root = issue({ name: 'root', keyFile: 'root.key', subject: '/O=scalectl test/CN=scalectl Test Root CA', ext: 'v3_root', dates: ['20200101000000Z', '20991231235959Z'] });
rsaKey('int-a.key');
const intA = issue({ name: 'int-a', keyFile: 'int-a.key', subject: '/O=scalectl test/CN=scalectl Test Intermediate A', ext: 'v3_int', ca: root, dates: ['20200101000000Z', '20991231235959Z'] });
rsaKey('int-b.key');
const intB = issue({ name: 'int-b', keyFile: 'int-b.key', subject: '/O=scalectl test/CN=scalectl Test Intermediate B', ext: 'v3_int', ca: intA, dates: ['20200101000000Z', '20991231235959Z'] });

const SAN = 'DNS:www.example.test,DNS:example.test';
rsaKey('leaf.key');
const leaf = issue({ name: 'leaf', keyFile: 'leaf.key', subject: '/CN=www.example.test', ext: 'v3_leaf', ca: intB, san: SAN });

// Keys: the same leaf key as PKCS#8 (OpenSSL 3 default), PKCS#1, encrypted both ways.
w('leaf.key', readFileSync(join(work, 'leaf.key'), 'utf8'));
w('leaf-pkcs1.key', openssl('pkey', '-in', 'leaf.key', '-traditional').toString());
w('leaf-encrypted.key', openssl('pkcs8', '-topk8', '-in', 'leaf.key', '-v2', 'aes-256-cbc', '-passout', 'pass:test').toString());
w('leaf-encrypted-pkcs1.key', openssl('rsa', '-in', 'leaf.key', '-aes256', '-traditional', '-passout', 'pass:test').toString());
rsaKey('other.key');
w('other.key', readFileSync(join(work, 'other.key'), 'utf8'));

// Certificates.
w('root.crt', root.pem);
w('int-a.crt', intA.pem);
w('int-b.crt', intB.pem);
w('leaf.crt', leaf.pem);
w('chain.pem', intB.pem + intA.pem);
w('chain-shuffled.pem', intA.pem + intB.pem);
w('chain-with-root.pem', intB.pem + intA.pem + root.pem);
w('chain-with-leaf.pem', leaf.pem + intB.pem + intA.pem);
w('chain-missing-b.pem', intA.pem);
w('fullchain.pem', leaf.pem + intB.pem + intA.pem);

// Let's Encrypt layout (certbot's live/DOMAIN/): fullchain.pem + PKCS#8 privkey.pem.
mkdirSync(join(out, 'letsencrypt'), { recursive: true });
w('letsencrypt/cert.pem', leaf.pem);
w('letsencrypt/chain.pem', intB.pem + intA.pem);
w('letsencrypt/fullchain.pem', leaf.pem + intB.pem + intA.pem);
w('letsencrypt/privkey.pem', r('leaf.key'));

// CRLF line endings and text around the PEM blocks (as `openssl x509 -text` or a PKCS#12 export writes).
w('leaf-crlf.crt', crlf(leaf.pem));
w('leaf-crlf.key', crlf(r('leaf.key')));
w('chain-crlf.pem', crlf(intB.pem + intA.pem));
w('leaf-text.crt', openssl('x509', '-in', join(work, 'leaf.crt'), '-text').toString() + '\n# issued for the scalectl tests\n');
w('chain-text.pem', `Bag Attributes\n    friendlyName: scalectl Test Intermediate B\nsubject=/CN=scalectl Test Intermediate B\n${intB.pem}\nBag Attributes\n    friendlyName: A\n${intA.pem}trailing words\n`);
w('leaf-text.key', `Bag Attributes\n    localKeyID: 01 02 03\nKey Attributes: <No Attributes>\n${r('leaf.key')}\n`);

// Validity window: expired (2020-2021), not yet valid (2090-), expiring soon (2026-12-01).
w('expired.crt', issue({ name: 'expired', keyFile: 'leaf.key', subject: '/CN=expired.example.test', ext: 'v3_leaf', ca: intB, dates: ['20200101000000Z', '20210101000000Z'], san: 'DNS:expired.example.test' }).pem);
w('not-yet-valid.crt', issue({ name: 'notyet', keyFile: 'leaf.key', subject: '/CN=future.example.test', ext: 'v3_leaf', ca: intB, dates: ['20900101000000Z', '20991231235959Z'], san: 'DNS:future.example.test' }).pem);
w('expiring-soon.crt', issue({ name: 'soon', keyFile: 'leaf.key', subject: '/CN=soon.example.test', ext: 'v3_leaf', ca: intB, dates: ['20250101000000Z', '20261201000000Z'], san: 'DNS:soon.example.test' }).pem);

// Two end-entity certificates in one --cert file.
w('two-leaves.pem', leaf.pem + r('expired.crt'));

// Key types: weak RSA 1024, RSA 8192 is too big to build quickly so 1536 stands for "odd size",
// EC P-256 (PKCS#8 and SEC1) and P-521 (not served by the classic load balancer).
rsaKey('weak.key', 1024);
w('weak.key', readFileSync(join(work, 'weak.key'), 'utf8'));
w('weak.crt', issue({ name: 'weak', keyFile: 'weak.key', subject: '/CN=weak.example.test', ext: 'v3_leaf', ca: intB, san: 'DNS:weak.example.test' }).pem);
rsaKey('odd.key', 1536);
w('odd.key', readFileSync(join(work, 'odd.key'), 'utf8'));
w('odd.crt', issue({ name: 'odd', keyFile: 'odd.key', subject: '/CN=odd.example.test', ext: 'v3_leaf', ca: intB, san: 'DNS:odd.example.test' }).pem);
ecKey('ec.key', 'P-256');
w('ec.key', readFileSync(join(work, 'ec.key'), 'utf8'));
w('ec-sec1.key', openssl('ec', '-in', 'ec.key').toString());
w('ec.crt', issue({ name: 'ec', keyFile: 'ec.key', subject: '/CN=ec.example.test', ext: 'v3_leaf', ca: intB, san: 'DNS:ec.example.test' }).pem);
ecKey('p521.key', 'P-521');
w('p521.key', readFileSync(join(work, 'p521.key'), 'utf8'));
w('p521.crt', issue({ name: 'p521', keyFile: 'p521.key', subject: '/CN=p521.example.test', ext: 'v3_leaf', ca: intB, san: 'DNS:p521.example.test' }).pem);

// A self-signed certificate (needs no chain) and an unrelated CA that links to nothing here.
rsaKey('self.key');
w('self.key', readFileSync(join(work, 'self.key'), 'utf8'));
w('self-signed.crt', issue({ name: 'self', keyFile: 'self.key', subject: '/CN=self.example.test', ext: 'v3_root' }).pem);
rsaKey('stranger.key');
w('stranger-ca.crt', issue({ name: 'stranger', keyFile: 'stranger.key', subject: '/CN=Unrelated Test CA', ext: 'v3_root' }).pem);
w('chain-with-stranger.pem', intB.pem + intA.pem + r('stranger-ca.crt'));

// Binary and bundle formats IAM does not take: DER certificate, PKCS#12 bundle, PKCS#7.
w('leaf.der', openssl('x509', '-in', join(work, 'leaf.crt'), '-outform', 'DER'));
w('leaf.p12', openssl('pkcs12', '-export', '-in', join(work, 'leaf.crt'), '-inkey', 'leaf.key', '-passout', 'pass:test'));
w('leaf.p7b', openssl('crl2pkcs7', '-nocrl', '-certfile', join(work, 'leaf.crt')).toString());
w('leaf-key.der', openssl('pkey', '-in', 'leaf.key', '-outform', 'DER'));

// A CSR (given as --cert by mistake) and an SSH key (given as --key by mistake).
w('leaf.csr', readFileSync(join(work, 'leaf.csr'), 'utf8'));
openssl('genpkey', '-algorithm', 'ED25519', '-out', 'ed.key');
w('ed25519.key', readFileSync(join(work, 'ed.key'), 'utf8'));
w('README.md', '# TEST-ONLY certificates and keys\n\nGenerated by `node scripts/gen-test-certs.mjs` for the scalectl tests. The CA, keys and\ncertificates here are throwaway test material, trusted nowhere and protecting nothing.\n');

rmSync(work, { recursive: true, force: true });
console.log(`test certificates written to ${out}`);
