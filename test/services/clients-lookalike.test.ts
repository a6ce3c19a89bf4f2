import { describe, expect, it } from 'vitest';
import { isUnreadableServerError, lookAlikeRetryStrategy } from '../../src/services/clients.js';

/** What the SDK throws for moto's HTML 500 page (an operation moto does not implement). */
function motoNotImplemented(): Error {
  return Object.assign(new Error('@aws-sdk XML parse error: mismatched tags <html> and </title>.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { $metadata: { httpStatusCode: 500 } });
}

describe('retries against an AWS look-alike endpoint', () => {
  it('an unreadable 500 (moto: not implemented) is final instead of eight attempts over ~40 s', async () => {
    const s = await lookAlikeRetryStrategy(8, () => 0);
    const token = await s.acquireInitialRetryToken('iam');
    const err = motoNotImplemented();
    await expect(s.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT', error: err } as never)).rejects.toBe(err);
  });

  it('throttling and AWS-shaped server errors are still retried', async () => {
    const s = await lookAlikeRetryStrategy(8, () => 0);
    const token = await s.acquireInitialRetryToken('iam');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
    await expect(s.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: throttled } as never)).resolves.toBeDefined();
    const internal = Object.assign(new Error('We encountered an internal error.'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
    const s2 = await lookAlikeRetryStrategy(8, () => 0);
    await expect(s2.refreshRetryTokenForRetry(await s2.acquireInitialRetryToken('iam'), { errorType: 'TRANSIENT', error: internal } as never)).resolves.toBeDefined();
  });

  it('only a 500 with a body that is not an AWS error counts (a proxy 502/503 page stays transient)', () => {
    expect(isUnreadableServerError(motoNotImplemented())).toBe(true);
    expect(isUnreadableServerError(Object.assign(motoNotImplemented(), { $metadata: { httpStatusCode: 503 } }))).toBe(false);
    expect(isUnreadableServerError(Object.assign(new Error('boom'), { $metadata: { httpStatusCode: 500 } }))).toBe(false);
  });
});
