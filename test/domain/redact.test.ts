import { describe, expect, it } from 'vitest';
import { REDACTED, redact, scrubText } from '../../src/domain/redact.js';
import { memoryIo } from '../../src/output/io.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

describe('redact', () => {
  it('replaces every secret-named field at any depth and keeps the rest', () => {
    const input = {
      ServerCertificateName: 'web',
      PrivateKey: PEM,
      Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't' },
      Nested: [{ password: 'p', Name: 'n' }, { token: 'x', TokenCount: 2 }],
      aws_secret_access_key: 'k',
      Count: 3,
      Flag: false,
      Empty: null,
      Missing: undefined,
    };
    expect(redact(input)).toEqual({
      ServerCertificateName: 'web',
      PrivateKey: REDACTED,
      Credentials: REDACTED,
      Nested: [{ password: REDACTED, Name: 'n' }, { token: REDACTED, TokenCount: 2 }],
      aws_secret_access_key: REDACTED,
      Count: 3,
      Flag: false,
      Empty: null,
      Missing: undefined,
    });
    expect(input.PrivateKey).toBe(PEM); // a copy: the request itself is untouched
  });

  it('scrubs secrets from free text inside values, summarises bytes, keeps dates, survives cycles', () => {
    const when = new Date('2026-11-21T12:00:00Z');
    const cyclic: Record<string, unknown> = { Name: 'a' };
    cyclic.self = cyclic;
    expect(redact({ Script: `#!/bin/sh\necho ${PEM}`, Body: new Uint8Array(5), When: when, cyclic })).toEqual({
      Script: `#!/bin/sh\necho -----PRIVATE KEY ${REDACTED}-----`,
      Body: '<5 bytes>',
      When: when,
      cyclic: { Name: 'a', self: '[circular]' },
    });
  });
});

describe('scrubText', () => {
  it('removes private-key PEM blocks, even unterminated ones, and keeps certificates', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(scrubText(`key:\n${PEM}\ncert:\n${cert}`)).toBe(`key:\n-----PRIVATE KEY ${REDACTED}-----\ncert:\n${cert}`);
    expect(scrubText('-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA')).toBe(`-----RSA PRIVATE KEY ${REDACTED}-----`);
    expect(scrubText('-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----')).toBe(`-----EC PRIVATE KEY ${REDACTED}-----`);
  });

  it('removes secret=value pairs whatever their spelling', () => {
    expect(scrubText('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG')).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(scrubText('AWSSecretKey=wJalrXUtnFEMI/K7MDENG\nAWSAccessKeyId=AKIA')).toBe(`AWSSecretKey=${REDACTED}\nAWSAccessKeyId=AKIA`);
    expect(scrubText('{"secretAccessKey":"abc123","sessionToken": "tok"}')).toBe(`{"secretAccessKey":"${REDACTED}","sessionToken": "${REDACTED}"}`);
  });

  it('leaves placeholders in our own hints alone', () => {
    expect(scrubText('it needs AWSAccessKeyId=… and AWSSecretKey=… lines')).toBe('it needs AWSAccessKeyId=… and AWSSecretKey=… lines');
  });

  it('removes registered secret values of 8 characters or more wherever they appear', () => {
    expect(scrubText('signed with abcd1234efgh and again abcd1234efgh', ['abcd1234efgh', 'short'])).toBe(`signed with ${REDACTED} and again ${REDACTED}`);
    expect(scrubText('a short one', ['short'])).toBe('a short one');
  });

  it('every write to stdout or stderr passes through it', () => {
    const io = memoryIo();
    io.addSecret('env-secret-value-0001');
    io.out('out env-secret-value-0001\n');
    io.err(`err ${PEM}\n`);
    expect(io.stdout()).toBe(`out ${REDACTED}\n`);
    expect(io.stderr()).toBe(`err -----PRIVATE KEY ${REDACTED}-----\n`);
  });
});
