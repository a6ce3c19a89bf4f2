import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareCertificate } from '../../src/domain/cert-check.js';
import { pemBlocks } from '../../src/domain/pem.js';
import { UsageError } from '../../src/errors.js';

const dir = new URL('../fixtures/certs/', import.meta.url);
const file = (name: string, data: string | Buffer = readFileSync(new URL(name, dir))) => ({ path: name, data: Buffer.from(data) });
const text = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const NOW = Date.parse('2026-11-21T12:00:00Z');

describe('prepareCertificate', () => {
  it('finds the leaf of a fullchain written in any order and orders the rest', () => {
    const p = prepareCertificate({ cert: file('backwards.pem', text('int-a.crt') + text('leaf.crt') + text('int-b.crt')), key: file('leaf.key') }, NOW);
    expect(p.body).toBe(text('leaf.crt'));
    expect(p.chain).toBe(text('int-b.crt') + text('int-a.crt'));
    expect(p.notes).toContain('reordered the chain so each certificate is signed by the next: CN=scalectl Test Intermediate B → CN=scalectl Test Intermediate A');
  });

  it('names the missing issuer when the middle of the chain is missing', () => {
    expect(() => prepareCertificate({ cert: file('leaf.crt'), key: file('leaf.key'), chain: file('gap.pem', text('int-b.crt') + text('root.crt')) }, NOW)).toThrow(
      'gap.pem: the chain does not link: the root CN=scalectl Test Root CA did not issue this chain; the chain of CN=www.example.test stops at CN=scalectl Test Intermediate B, whose issuer is "CN=scalectl Test Intermediate A"',
    );
  });

  it('merges the rest of a fullchain with --chain, dropping duplicates', () => {
    const p = prepareCertificate({ cert: file('fullchain.pem'), key: file('leaf.key'), chain: file('chain.pem') }, NOW);
    expect(p.chain).toBe(text('int-b.crt') + text('int-a.crt'));
  });

  it('refuses a file of CA certificates only', () => {
    expect(() => prepareCertificate({ cert: file('chain.pem'), key: file('leaf.key') }, NOW)).toThrow(UsageError);
  });

  it('warns on the day of expiry boundary: 30 days left warns, 31 does not', () => {
    const end = Date.parse('2026-12-01T00:00:00Z');
    const at = (days: number) => prepareCertificate({ cert: file('expiring-soon.crt'), key: file('leaf.key'), chain: file('chain.pem') }, end - days * 86_400_000 - 1).warnings;
    expect(at(30)).toEqual(['the certificate CN=soon.example.test expires in 30 days (2026-12-01T00:00:00Z); renew it soon']);
    expect(at(31)).toEqual([]);
  });
});

describe('pemBlocks', () => {
  it('normalises CRLF and ignores text and indentation around blocks', () => {
    const crlf = `junk\r\n  ${text('int-a.crt').replace(/\n/g, '\r\n  ')}more junk`;
    expect(pemBlocks(crlf).map((b) => b.pem)).toEqual([text('int-a.crt')]);
  });
});
