import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, TEST_ENV } from '../../helpers/run-cli.js';

describe('config without credentials exits 3, as the README says (trust #22)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('asks the instance metadata service before reporting an instance role, and exits 3 when none answers', async () => {
    // The SDK reads its own settings from process.env: a closed loopback port stands in for "not on EC2".
    const env = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' };
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    const r = await runCli('config --output json', { env });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).credentials).toMatchObject({ kind: 'instance-metadata', verified: false });
    expect(r.stderr).toMatch(/^error: credentials did not resolve: [^\n]+\n$/);
  });
});
