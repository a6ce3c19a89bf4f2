import { UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCtx, type Deps } from '../../src/deps.js';
import { memoryIo } from '../../src/output/io.js';
import { backoffDelay, createAwsClients } from '../../src/services/clients.js';
import { iamMock } from '../helpers/aws.js';

// A real IAM client against a local HTTP server: the class-level mocks replace `send`, so they
// never run the middleware stack (signing, retries, --debug logging). Here the wire is real.

const PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0wirexsecretkeymaterial0000\n-----END RSA PRIVATE KEY-----\n';
const SECRET_KEY = 'legacy-secret-key-never-printed-000000';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const throttled = (id: string) => ({
  status: 400,
  id,
  body: `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
});
const uploaded = (id: string) => ({
  status: 200,
  id,
  body: `<UploadServerCertificateResponse xmlns="${IAM_NS}"><UploadServerCertificateResult><ServerCertificateMetadata><Path>/</Path><ServerCertificateName>web</ServerCertificateName><ServerCertificateId>ASCAEXAMPLE</ServerCertificateId><Arn>arn:aws:iam::123456789012:server-certificate/web</Arn><UploadDate>2026-11-21T12:00:00Z</UploadDate></ServerCertificateMetadata></UploadServerCertificateResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></UploadServerCertificateResponse>`,
});
const denied = (id: string) => ({
  status: 403,
  id,
  body: `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
});

let server: Server;
let endpoint: string;
let replies: Array<{ status: number; id: string; body: string }> = [];
let received: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      const reply = replies.shift() ?? { status: 500, id: 'none', body: 'no reply queued' };
      res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': reply.id });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  iamMock.restore(); // the real send, for this file only
  replies = [];
  received = [];
  backoffCalls = [];
});

/** A run context as `--endpoint-url URL --debug` builds it, with legacy keys and a 1 ms backoff. */
let backoffCalls: number[] = [];

async function debugRun(extraEnv: Record<string, string> = {}, debug = true) {
  const io = memoryIo();
  const deps: Deps = {
    io,
    env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY: 'AKIAWIRETEST00001111', AWS_SECRET_KEY: SECRET_KEY, AWS_CONFIG_FILE: '/nonexistent/c', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/k', AWS_EC2_METADATA_DISABLED: 'true', ...extraEnv },
    clock: { now: () => 0, sleep: async () => {} },
    signal: new AbortController().signal,
    confirm: async () => false,
    makeClients: (s) => createAwsClients(s, { backoff: (attempt) => (backoffCalls.push(attempt), 1) }),
  };
  const ctx = await createCtx(deps, { color: false, debug, endpointUrl: endpoint });
  const upload = async () =>
    (await ctx.aws.iam()).send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', PrivateKey: PRIVATE_KEY }));
  return { io, ctx, upload };
}

describe('AWS clients on the wire', () => {
  it('sends to --endpoint-url, retries throttling, and --debug shows ids and retries but never the key', async () => {
    replies = [throttled('req-thr-1'), throttled('req-thr-2'), uploaded('req-ok-3')];
    const { io, upload } = await debugRun();
    const out = await upload();
    expect(out.ServerCertificateMetadata?.Arn).toBe('arn:aws:iam::123456789012:server-certificate/web');
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, requestId: 'req-ok-3', attempts: 3, totalRetryDelay: 2 });

    // Three requests reached our endpoint, each carrying the key: the secret really was in the request.
    expect(received).toHaveLength(3);
    for (const r of received) {
      expect(r.url).toBe('/');
      expect(r.body).toContain('Action=UploadServerCertificate');
      expect(decodeURIComponent(r.body.replace(/\+/g, ' '))).toContain('MIIEpAIBAAKCAQEA0wirexsecretkeymaterial0000');
    }

    const lines = io.stderr().trimEnd().split('\n');
    expect(lines).toEqual([
      'debug: → iam UploadServerCertificateCommand {"ServerCertificateName":"web","CertificateBody":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----","PrivateKey":"***redacted***"}',
      'debug:   attempt failed: iam UploadServerCertificateCommand Throttling (HTTP 400, request-id=req-thr-1); retrying if allowed',
      'throttled by AWS, retrying (attempt 2 of 8)',
      'debug:   attempt failed: iam UploadServerCertificateCommand Throttling (HTTP 400, request-id=req-thr-2); retrying if allowed',
      'throttled by AWS, retrying (attempt 3 of 8)',
      'debug: ← iam UploadServerCertificateCommand 200 request-id=req-ok-3 attempts=3 retry-delay=2ms',
    ]);
    expect(backoffCalls).toEqual([1, 2]); // the first retry waits backoffDelay(1): 250-500 ms
    expect(io.stderr()).not.toContain('wirexsecretkeymaterial');
    expect(io.stderr()).not.toContain(SECRET_KEY);
  });

  it('gives up after AWS_MAX_ATTEMPTS and reports the last attempt', async () => {
    replies = [throttled('req-a'), throttled('req-b'), throttled('req-c')];
    const { io, upload } = await debugRun({ AWS_MAX_ATTEMPTS: '2' });
    await expect(upload()).rejects.toMatchObject({ name: 'Throttling', $metadata: { attempts: 2 } });
    expect(received).toHaveLength(2);
    expect(io.stderr().trimEnd().split('\n').at(-1)).toBe('debug: ✗ iam UploadServerCertificateCommand Throttling: Rate exceeded request-id=req-b attempts=2');
  });

  it('does not retry a refusal', async () => {
    replies = [denied('req-denied')];
    const { upload } = await debugRun();
    await expect(upload()).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { attempts: 1, requestId: 'req-denied' } });
    expect(received).toHaveLength(1);
  });

  it('without --debug only the retry is announced', async () => {
    replies = [throttled('req-1'), uploaded('req-2')];
    const { io, upload } = await debugRun({}, false);
    expect((await upload()).$metadata.attempts).toBe(2);
    expect(io.stderr()).toBe('throttled by AWS, retrying (attempt 2 of 8)\n');
  });

  it('builds one client per service per run', async () => {
    const { ctx } = await debugRun();
    expect(await ctx.aws.iam()).toBe(await ctx.aws.iam());
  });
});

describe('SDK warnings', () => {
  it('reach stderr as one warning line through our log, not through console.warn', async () => {
    // A named profile with keys, and keys in the environment too: the SDK uses the profile and warns.
    const dir = mkdtempSync(join(tmpdir(), 'scalectl-wire-'));
    writeFileSync(join(dir, 'config'), '[profile wire]\nregion = us-east-1\n');
    writeFileSync(join(dir, 'credentials'), '[wire]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = profile-secret-000000001\n');
    const env = { AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'AKIAENVKEY0000000001', AWS_SECRET_ACCESS_KEY: 'env-secret-0000000001' };
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v); // the SDK reads the real environment
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      replies = [uploaded('req-profile')];
      const io = memoryIo();
      const deps: Deps = { io, env, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: createAwsClients };
      const ctx = await createCtx(deps, { color: false, profile: 'wire', endpointUrl: endpoint });
      await (await ctx.aws.iam()).send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: 'c', PrivateKey: PRIVATE_KEY }));
      expect(received[0]?.body).toContain('Action=UploadServerCertificate');
      expect(consoleWarn).not.toHaveBeenCalled();
      expect(io.stderr()).toBe('warning: a profile and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are both set; using the profile, as the AWS SDK does\n');
    } finally {
      consoleWarn.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter in the upper half, capped at 20 s', () => {
    expect(backoffDelay(1, () => 0)).toBe(250);
    expect(backoffDelay(1, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(1500);
    expect(backoffDelay(10, () => 1)).toBe(20_000);
    expect(backoffDelay(10, () => 0)).toBe(10_000);
  });
});
