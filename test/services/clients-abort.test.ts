import { ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/services/clients.js';
import { iamMock } from '../helpers/aws.js';

// A server that accepts every request and never answers: a hung endpoint or a network partition.
let server: Server;
let endpoint: string;
const open: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    open.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => iamMock.restore()); // the real send, for this file only

const settings = { region: 'us-east-1', endpoint: '', maxAttempts: 3, staticKeys: { accessKeyId: 'AKIDHANG', secretAccessKey: 'hang-secret' } };

describe('a request that gets no answer', () => {
  it('is abandoned at once on Ctrl-C, retries included', async () => {
    const controller = new AbortController();
    const iam = await createAwsClients({ ...settings, endpoint, signal: controller.signal }, { backoff: () => 1 }).iam();
    const pending = iam.send(new ListServerCertificatesCommand({}));
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('times out per attempt instead of hanging, and the attempt is retried', async () => {
    const before = open.length;
    const iam = await createAwsClients({ ...settings, endpoint, maxAttempts: 2 }, { backoff: () => 1, requestTimeoutMs: 200 }).iam();
    await expect(iam.send(new ListServerCertificatesCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(open.length - before).toBe(2);
  });
});
