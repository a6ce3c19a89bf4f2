// PEM reading: blocks found amid other text, CRLF tolerated, and binary formats recognised so the
// user gets the openssl command that converts them. Pure: takes bytes, returns data or throws UsageError.
import { X509Certificate } from 'node:crypto';
import { UsageError } from '../errors.js';

/** One `-----BEGIN LABEL----- … -----END LABEL-----` block, normalised to LF line endings. */
export interface PemBlock {
  label: string;
  /** The block itself, headers included, ending with a newline. */
  pem: string;
  /** Whether it carries `Proc-Type: 4,ENCRYPTED` (a legacy encrypted PKCS#1/SEC1 key). */
  procEncrypted: boolean;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\n([\s\S]*?)\n?-----END \1-----/g;

/** Every PEM block in `text`, whatever surrounds them (comments, `openssl x509 -text`, Bag Attributes). */
export function pemBlocks(text: string): PemBlock[] {
  const lf = text.replace(/\r\n?/g, '\n');
  const blocks: PemBlock[] = [];
  for (const m of lf.matchAll(BLOCK)) {
    const label = m[1] ?? '';
    const inner = (m[2] ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
    blocks.push({ label, pem: `-----BEGIN ${label}-----\n${inner}\n-----END ${label}-----\n`, procEncrypted: /Proc-Type:\s*4,ENCRYPTED/i.test(inner) });
  }
  return blocks;
}

/** A file as read by the command: its name (for messages) and bytes. */
export interface InputFile {
  path: string;
  data: Uint8Array;
}

/** The file's text when it holds PEM; otherwise a UsageError naming the format and the conversion. */
export function pemText(file: InputFile, role: 'certificate' | 'chain' | 'key'): string {
  const buf = Buffer.from(file.data);
  const text = buf.toString('utf8');
  if (text.includes('-----BEGIN ')) return text;
  const f = file.path;
  if (buf.length === 0) throw new UsageError(`${f} is empty`, `give the PEM file that holds the ${role}`);
  if (buf[0] === 0x30) {
    if (role !== 'key' && isDerCertificate(buf)) {
      throw new UsageError(`${f} is a binary DER certificate, IAM needs PEM`, `convert it: openssl x509 -inform der -in ${f} -out ${pemName(f)}`);
    }
    if (role === 'key' && !/\.(p12|pfx)$/i.test(f)) {
      throw new UsageError(`${f} is a binary DER private key, IAM needs PEM`, `convert it: openssl pkey -inform der -in ${f} -out ${pemName(f)}`);
    }
    // A DER SEQUENCE that is not a certificate: in practice a PKCS#12 (.p12/.pfx) bundle.
    const cmd = role === 'key' ? `openssl pkcs12 -in ${f} -nocerts -nodes -out key.pem` : `openssl pkcs12 -in ${f} -clcerts -nokeys -out cert.pem (and -cacerts -nokeys -out chain.pem)`;
    throw new UsageError(`${f} looks like a PKCS#12 (.p12/.pfx) bundle, IAM needs PEM files`, `extract it: ${cmd}`);
  }
  throw new UsageError(`${f} holds no PEM block (no "-----BEGIN" line)`, `give the PEM file that holds the ${role}`);
}

function isDerCertificate(buf: Buffer): boolean {
  try {
    new X509Certificate(buf);
    return true;
  } catch {
    return false;
  }
}

function pemName(path: string): string {
  return `${path.replace(/\.(der|cer|crt|key|p12|pfx)$/i, '')}.pem`;
}

/** X.509 certificates in one file, in file order, with a message naming any block that does not parse. */
export function readCertificates(file: InputFile, role: 'certificate' | 'chain'): X509Certificate[] {
  const blocks = pemBlocks(pemText(file, role));
  const f = file.path;
  if (blocks.some((b) => b.label === 'PKCS7')) {
    throw new UsageError(`${f} is a PKCS#7 bundle, IAM needs PEM certificates`, `convert it: openssl pkcs7 -print_certs -in ${f} -out ${pemName(f)}`);
  }
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE');
  if (certs.length === 0) {
    if (blocks.some((b) => /CERTIFICATE REQUEST/.test(b.label))) {
      throw new UsageError(`${f} is a certificate request (CSR), not a certificate`, 'send it to your CA and give the certificate it returns');
    }
    const what = blocks.some((b) => /PRIVATE KEY/.test(b.label)) ? 'a private key, not a certificate' : `no certificate (found ${blocks.map((b) => b.label).join(', ')})`;
    throw new UsageError(`${f} holds ${what}`, role === 'certificate' ? 'give the certificate with --cert and the key with --key' : 'give the intermediate certificates with --chain');
  }
  return certs.map((b, i) => {
    try {
      return new X509Certificate(b.pem);
    } catch {
      throw new UsageError(`${f}: certificate block ${i + 1} is damaged and does not parse`, 'download or export the certificate again');
    }
  });
}
