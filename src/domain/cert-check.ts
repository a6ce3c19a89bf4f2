// Everything IAM would refuse (or a browser would), checked locally before anything is sent:
// one leaf, chain order, validity window, key type/size, key ↔ certificate match.
import { X509Certificate } from 'node:crypto';
import { UsageError } from '../errors.js';
import { buildChain, selfSigned, shortName } from './cert-chain.js';
import { DAY_MS as DAY, daysLeft as daysUntil, EXPIRY_WARNING_DAYS } from './cert-dates.js';
import { keyMatches, readPrivateKey } from './cert-key.js';
import { readCertificates, type InputFile } from './pem.js';

/** API model limits of UploadServerCertificate. */
const MAX_BODY = 16_384;
const MAX_CHAIN = 2_097_152;

/** What a certificate says about itself, as shown by upload-cert and list-certs. */
export interface CertificateInfo {
  /** e.g. `CN=www.example.com`. */
  subject: string;
  issuer: string;
  /** DNS names (and `IP Address:…` entries) from subjectAltName; empty when none. */
  sans: string[];
  notBefore: string;
  /** ISO 8601. */
  expiration: string;
  serial: string;
  /** e.g. `RSA 2048`, `ECDSA P-256`. */
  keyType: string;
}

/** The three PEM strings UploadServerCertificate takes, and what was done to get them. */
export interface PreparedCertificate {
  body: string;
  /** Intermediates, leaf issuer first; undefined when the certificate is self-signed. */
  chain?: string;
  /** Secret: only ever sent to IAM. */
  privateKey: string;
  info: CertificateInfo;
  fingerprint: string;
  /** What was fixed on the way (conversions, reordering); said on stderr and in json. */
  notes: string[];
  warnings: string[];
}

export interface CertificateFiles {
  cert: InputFile;
  key: InputFile;
  chain?: InputFile;
}

/** Checks and normalises the files; throws a one-line UsageError (exit 2) on the first problem. */
export function prepareCertificate(files: CertificateFiles, now: number): PreparedCertificate {
  const certs = readCertificates(files.cert, 'certificate');
  const leaf = pickLeaf(certs, files.cert.path);
  const chainCerts = files.chain ? readCertificates(files.chain, 'chain') : [];
  const fromCertFile = certs.filter((c) => c !== leaf);
  const source = [fromCertFile.length ? files.cert.path : '', files.chain?.path ?? ''].filter(Boolean).join(' + ') || files.cert.path;
  const notes: string[] = [];
  if (fromCertFile.length) notes.push(`${files.cert.path} holds ${certs.length} certificates: sending ${shortName(leaf.subject)} as the certificate and the rest as its chain`);

  checkValidity(leaf, files.cert.path, now);
  const key = readPrivateKey(files.key);
  if (!keyMatches(key.object, leaf)) {
    const other = [...certs, ...chainCerts].find((c) => c !== leaf && keyMatches(key.object, c));
    throw new UsageError(
      `${files.key.path} does not match the certificate ${shortName(leaf.subject)} in ${files.cert.path}${other ? ` (it belongs to ${shortName(other.subject)})` : ''}`,
      'use the private key that was made with this certificate\'s request (compare: openssl x509 -noout -pubkey -in CERT and openssl pkey -pubout -in KEY)',
    );
  }
  const built = buildChain(leaf, [...fromCertFile, ...chainCerts], source);
  notes.push(...key.notes, ...built.notes);

  const warnings = [...key.warnings];
  const daysLeft = daysUntil(Date.parse(leaf.validTo), now);
  if (daysLeft <= EXPIRY_WARNING_DAYS) warnings.push(`the certificate ${shortName(leaf.subject)} expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${iso(leaf.validTo)}); renew it soon`);
  for (const c of built.chain) {
    if (Date.parse(c.validTo) < now) warnings.push(`the chain certificate ${shortName(c.subject)} expired on ${iso(c.validTo)}; get the current intermediate from your CA`);
  }

  const body = leaf.toString();
  const chain = built.chain.length ? built.chain.map((c) => c.toString()).join('') : undefined;
  if (body.length > MAX_BODY) throw new UsageError(`${files.cert.path}: the certificate is ${body.length} characters, over IAM's limit of ${MAX_BODY}`, 'check that the file holds one certificate');
  if (chain && chain.length > MAX_CHAIN) throw new UsageError(`${source}: the chain is over IAM's limit of ${MAX_CHAIN} characters`, 'give only the intermediates');
  return { body, ...(chain ? { chain } : {}), privateKey: key.pem, info: { ...certificateInfo(leaf), keyType: key.description }, fingerprint: leaf.fingerprint256, notes, warnings };
}

/** Exactly one end-entity certificate; with several (a fullchain.pem), the one no other was issued by. */
function pickLeaf(certs: X509Certificate[], path: string): X509Certificate {
  if (certs.length === 1) return certs[0]!;
  const leaves = certs.filter((c) => !c.ca && !selfSigned(c));
  if (leaves.length === 1) return leaves[0]!;
  if (leaves.length === 0) throw new UsageError(`${path} holds ${certs.length} CA certificates and no server certificate`, 'give the server (leaf) certificate with --cert and the CA certificates with --chain');
  throw new UsageError(`${path} holds ${leaves.length} server certificates (${leaves.map((c) => shortName(c.subject)).join(', ')}); upload-cert takes exactly one`, 'put one server certificate in --cert and its intermediates in --chain');
}

function checkValidity(leaf: X509Certificate, path: string, now: number): void {
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  if (to < now) {
    throw new UsageError(`${path}: the certificate ${shortName(leaf.subject)} expired on ${iso(leaf.validTo)} (${Math.floor((now - to) / DAY)} days ago)`, 'renew it with your CA and upload the new certificate');
  }
  if (from > now) {
    throw new UsageError(`${path}: the certificate ${shortName(leaf.subject)} is not valid until ${iso(leaf.validFrom)}`, 'upload it after that date, or check the clock of this machine and of the CA that issued it');
  }
}

function iso(date: string): string {
  return new Date(Date.parse(date)).toISOString().replace('.000Z', 'Z');
}

/** Subject, SANs and dates of a certificate (also used on certificates read back from IAM). */
export function certificateInfo(cert: X509Certificate): Omit<CertificateInfo, 'keyType'> {
  return {
    subject: shortName(cert.subject),
    issuer: shortName(cert.issuer),
    sans: (cert.subjectAltName ?? '').split(/,\s*/).filter(Boolean).map((s) => s.replace(/^DNS:/, '')),
    notBefore: iso(cert.validFrom),
    expiration: iso(cert.validTo),
    serial: cert.serialNumber,
  };
}

/** Whether a PEM body read back from IAM is the prepared certificate (line endings and wrapping aside). */
export function sameCertificate(pem: string, prepared: Pick<PreparedCertificate, 'fingerprint'>): boolean {
  try {
    return new X509Certificate(pem).fingerprint256 === prepared.fingerprint;
  } catch {
    return false;
  }
}

/** Whether two PEM chains hold the same certificates in the same order. */
export function sameChain(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '');
  return norm(a) === norm(b);
}
