// The private key: one unencrypted PEM key, a type and size the classic load balancer serves,
// matching the certificate, converted to the traditional form IAM documents (PKCS#1 for RSA).
import { createPrivateKey, createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { UsageError } from '../errors.js';
import { pemBlocks, pemText, type InputFile } from './pem.js';

/** RSA sizes AWS lists for server certificates (ACM import / IAM guide); below 2048 is weak. */
export const RSA_SIZES = [1024, 2048, 3072, 4096];
/** ECDSA curves served by the classic load balancer's ECDHE-ECDSA ciphers (node names → NIST names). */
export const EC_CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384' };

/** The key as it will be sent, and what we learned about it. Never printed. */
export interface PreparedKey {
  /** PKCS#1 (`BEGIN RSA PRIVATE KEY`) for RSA, SEC1 (`BEGIN EC PRIVATE KEY`) for EC. */
  pem: string;
  /** e.g. `RSA 2048`, `ECDSA P-256`. */
  description: string;
  object: KeyObject;
  notes: string[];
  warnings: string[];
}

export function readPrivateKey(file: InputFile): PreparedKey {
  const f = file.path;
  const blocks = pemBlocks(pemText(file, 'key'));
  const keys = blocks.filter((b) => /PRIVATE KEY$/.test(b.label));
  if (keys.length === 0) {
    const hasCert = blocks.some((b) => b.label === 'CERTIFICATE');
    throw new UsageError(`${f} holds ${hasCert ? 'a certificate, not a private key' : 'no private key'}`, hasCert ? 'check that --cert and --key are not swapped' : 'give the private key made with the certificate request (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)');
  }
  if (keys.length > 1) throw new UsageError(`${f} holds ${keys.length} private keys`, 'keep only the key that belongs to this certificate in the file');
  const block = keys[0]!;
  if (block.label === 'OPENSSH PRIVATE KEY') {
    throw new UsageError(`${f} is an SSH key (OpenSSH format), not the TLS key of this certificate`, 'give the private key made with the certificate request (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)');
  }
  if (block.label === 'ENCRYPTED PRIVATE KEY' || block.procEncrypted) {
    const cmd = block.label === 'RSA PRIVATE KEY' ? `openssl rsa -in ${f} -out key-plain.pem` : `openssl pkey -in ${f} -out key-plain.pem`;
    throw new UsageError(`${f} is encrypted with a passphrase, and IAM needs an unencrypted key`, `decrypt it (you will be asked for the passphrase): ${cmd}; chmod 600 key-plain.pem`);
  }
  let object: KeyObject;
  try {
    object = createPrivateKey({ key: block.pem, format: 'pem' });
  } catch {
    throw new UsageError(`${f}: the ${block.label} block is damaged and does not parse`, 'export the key again from where it was made');
  }
  const notes: string[] = [];
  const warnings: string[] = [];
  const type = object.asymmetricKeyType;
  if (type === 'rsa') {
    const bits = object.asymmetricKeyDetails?.modulusLength ?? 0;
    if (!RSA_SIZES.includes(bits)) {
      throw new UsageError(`${f} is an RSA ${bits}-bit key; server certificates take RSA ${RSA_SIZES.join('/')} bits`, 'make a new 2048-bit key and certificate request: openssl req -new -newkey rsa:2048 -nodes -keyout key.pem -out req.csr');
    }
    if (bits < 2048) warnings.push(`${f} is an RSA ${bits}-bit key, which is weak and refused by current browsers; reissue the certificate with a 2048-bit key`);
    if (block.label === 'PRIVATE KEY') notes.push(`converted the PKCS#8 key in ${f} to PKCS#1 (BEGIN RSA PRIVATE KEY), the form IAM expects`);
    return { pem: object.export({ type: 'pkcs1', format: 'pem' }).toString(), description: `RSA ${bits}`, object, notes, warnings };
  }
  if (type === 'ec') {
    const curve = object.asymmetricKeyDetails?.namedCurve ?? 'unknown';
    const nist = EC_CURVES[curve];
    if (!nist) {
      throw new UsageError(`${f} is an EC key on curve ${curve}; the classic load balancer serves ECDSA P-256 and P-384 only`, 'make a new key: openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out req.csr');
    }
    if (block.label === 'PRIVATE KEY') notes.push(`converted the PKCS#8 key in ${f} to SEC1 (BEGIN EC PRIVATE KEY), the traditional form IAM expects`);
    return { pem: object.export({ type: 'sec1', format: 'pem' }).toString(), description: `ECDSA ${nist}`, object, notes, warnings };
  }
  throw new UsageError(`${f} is an ${type ?? 'unknown'} key; server certificates for the classic load balancer need an RSA or ECDSA key`, 'make a new 2048-bit RSA key and certificate request: openssl req -new -newkey rsa:2048 -nodes -keyout key.pem -out req.csr');
}

/** Whether `key` is the private half of `cert`'s public key. */
export function keyMatches(key: KeyObject, cert: X509Certificate): boolean {
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  return spki(createPublicKey(key)).equals(spki(cert.publicKey));
}
