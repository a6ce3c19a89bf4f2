// trust #11: a server whose error message echoes the request body must never get the private key
// printed, in whatever form it echoes it; echoed AWS messages are capped in length.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { certFixtures } from '../helpers/certs.js';
import { queryError, startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { asMock, iamMock } from '../helpers/aws.js';
import { runCli, TEST_ENV } from '../helpers/run-cli.js';

let fs: FaultServer;
const certs = certFixtures();
const env = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ACCESS_KEY: 'AKIDFAULTTEST0000001', AWS_SECRET_KEY: 'fault-test-secret-never-printed-0001', AWS_MAX_ATTEMPTS: '2' };
const NOT_FOUND = { action: 'GetServerCertificate', times: Infinity, kind: queryError('NoSuchEntity', 'The Server Certificate with name www cannot be found.', 404) };

beforeAll(async () => {
  fs = await startFaultServer();
});
afterAll(() => fs.close());
beforeEach(() => {
  iamMock.restore();
  asMock.restore();
  fs.faults.length = 0;
  fs.requests.length = 0;
});

/** The key as sent, from the request body. */
const sentKey = (body: string) => new URLSearchParams(body).get('PrivateKey') ?? '';
/** The key's base64 lines (each secret on its own), of the file and of what was sent. */
function keyLines(sent: string): string[] {
  return [...certs.read('leaf.key').split('\n'), ...sent.split('\n')].map((l) => l.trim()).filter((l) => l.length >= 16 && !l.startsWith('-----'));
}

describe('#11 secrets echoed by a server', () => {
  it.each([
    ['the raw request body', (body: string) => `Invalid request: ${body}`],
    ['the key form-encoded with + for spaces', (body: string) => `bad key ${new URLSearchParams({ k: sentKey(body) }).toString()}`],
    ['the key JSON-escaped', (body: string) => `{"PrivateKey":${JSON.stringify(sentKey(body))}}`],
    ['the key decoded', (body: string) => `bad key: ${sentKey(body)}`],
    ['the key lines without their PEM header', (body: string) => `bad key: ${sentKey(body).split('\n').filter((l) => !l.startsWith('-----')).join(' ')}`],
    ['one base64 line URL-encoded', (body: string) => `bad line ${encodeURIComponent(sentKey(body).split('\n')[3] ?? '')}`],
  ])('%s: not printed, with or without --debug', async (_what, echo) => {
    for (const debug of ['', '--debug ']) {
      fs.faults.push(NOT_FOUND, { action: 'UploadServerCertificate', kind: { respond: (body) => queryError('MalformedCertificate', echo(body)) } });
      const r = await runCli(`${debug}--endpoint-url ${fs.url} upload-cert www --cert ${certs.path('leaf.crt')} --key ${certs.path('leaf.key')} --chain ${certs.path('chain.pem')}`, { env, retryDelayMs: 0 });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('error: IAM refused the certificate as malformed');
      const body = fs.requests.find((q) => q.action === 'UploadServerCertificate')?.body ?? '';
      const lines = keyLines(sentKey(body));
      expect(lines.length).toBeGreaterThan(5);
      for (const l of lines) {
        for (const form of [l, encodeURIComponent(l)]) {
          expect(r.stderr).not.toContain(form);
          expect(r.stdout).not.toContain(form);
        }
      }
      fs.requests.length = 0;
    }
  });

  it('an echoed AWS message is capped in length', async () => {
    fs.faults.push({ kind: queryError('ValidationError', `bad value ${'x'.repeat(5000)}`), times: Infinity });
    const r = await runCli(`--endpoint-url ${fs.url} describe-asgs`, { env, retryDelayMs: 0 });
    expect(r.code).toBe(1);
    const line = r.stderr.split('\n').find((l) => l.startsWith('error:')) ?? '';
    expect(line).toContain('AWS refused: ValidationError: bad value xxx');
    expect(line.length).toBeLessThan(500);
    expect(line).toContain('more characters');
  });
});
