// Chain building: from the leaf, each certificate must be signed by the next. The pool is whatever
// the user gave (the rest of a fullchain.pem plus --chain); order, copies and roots are fixed here.
import type { X509Certificate } from 'node:crypto';
import { UsageError } from '../errors.js';

/** `CN=www.example.com` from a subject of `CN=…\nO=…` (the common name, else the whole name). */
export function shortName(dn: string): string {
  const lines = dn.split('\n');
  return lines.find((l) => l.startsWith('CN=')) ?? lines.join(', ');
}

export function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

export function selfSigned(cert: X509Certificate): boolean {
  return signedBy(cert, cert);
}

export interface ChainResult {
  /** Intermediates in order: the leaf's issuer first. */
  chain: X509Certificate[];
  notes: string[];
}

/**
 * Orders `pool` so each certificate signs the one before it, starting at `leaf`. Drops copies of
 * the leaf, duplicates and a self-signed root (clients already have it). `source` names the file(s)
 * the pool came from, for messages. Throws a UsageError when the chain does not link.
 */
export function buildChain(leaf: X509Certificate, pool: X509Certificate[], source: string): ChainResult {
  const notes: string[] = [];
  const seen = new Set<string>([leaf.fingerprint256]);
  const unique: X509Certificate[] = [];
  let leafCopies = 0;
  for (const c of pool) {
    if (c.fingerprint256 === leaf.fingerprint256) leafCopies++;
    else if (!seen.has(c.fingerprint256)) {
      seen.add(c.fingerprint256);
      unique.push(c);
    }
  }
  if (leafCopies > 0) notes.push(`dropped a copy of the certificate ${shortName(leaf.subject)} from the chain in ${source}`);

  const chain: X509Certificate[] = [];
  const rest = [...unique];
  let roots: X509Certificate[] = [];
  let current = leaf;
  while (!selfSigned(current)) {
    const i = rest.findIndex((c) => signedBy(current, c));
    if (i < 0) break;
    const next = rest.splice(i, 1)[0]!;
    if (selfSigned(next)) roots = [next];
    else chain.push(next);
    current = next;
  }
  if (roots.length) notes.push(`dropped the root certificate ${shortName(roots[0]!.subject)} from the chain in ${source}: clients already hold it`);

  if (rest.length > 0) {
    if (chain.length === 0 && roots.length === 0 && !selfSigned(leaf)) {
      throw new UsageError(
        `${source}: the chain does not link: no certificate in it signed ${shortName(leaf.subject)}; its issuer "${shortName(leaf.issuer)}" is missing`,
        'add that intermediate certificate (your CA publishes it; fullchain.pem holds it) to --chain',
      );
    }
    const stray = rest[0]!;
    const what = selfSigned(stray) ? `the root ${shortName(stray.subject)} did not issue this chain` : `${shortName(stray.subject)} (issued by "${shortName(stray.issuer)}") signed none of the other certificates`;
    const top = chain.at(-1) ?? leaf;
    throw new UsageError(
      `${source}: the chain does not link: ${what}; the chain of ${shortName(leaf.subject)} stops at ${shortName(top.subject)}, whose issuer is "${shortName(top.issuer)}"`,
      'add the missing issuer if there is one, and remove certificates that are not part of this chain',
    );
  }
  if (chain.length === 0 && roots.length === 0 && !selfSigned(leaf)) {
    throw new UsageError(
      `${source}: no certificate chain: the issuer "${shortName(leaf.issuer)}" of ${shortName(leaf.subject)} is missing`,
      'pass the intermediate certificates with --chain chain.pem, or give fullchain.pem as --cert; if a root CA signed it directly (a private CA), pass that root with --chain and it is checked, then left out',
    );
  }
  const given = unique.filter((c) => !roots.includes(c));
  if (given.some((c, i) => c !== chain[i])) {
    notes.push(`reordered the chain so each certificate is signed by the next: ${chain.map((c) => shortName(c.subject)).join(' → ')}`);
  }
  return { chain, notes };
}
