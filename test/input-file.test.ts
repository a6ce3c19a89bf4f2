import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputFile } from '../src/input-file.js';
import { iamMock } from './helpers/aws.js';
import { certFixtures } from './helpers/certs.js';
import { runCli, TEST_ENV } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scalectl-input-'));
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
// A safety net for a build without the fix: a blocked open or read of the FIFO would freeze the
// test worker for good; this writer lets it go on (to fail its assertions) after a few seconds.
const writer = spawn('sh', ['-c', `sleep 5; echo x > ${fifo}`], { stdio: 'ignore' });
afterAll(() => {
  writer.kill();
});
const big = join(dir, 'big.pem');
writeFileSync(big, 'x'.repeat(1024 * 1024 + 1));
const fx = certFixtures();

const ASG = 'create-asg web --image-id ami-0abc1234 --instance-type t3.micro --min 1 --max 2 --dry-run';

describe('input files are checked before they are read (trust #9)', () => {
  it.each([
    [`${ASG} --user-data /dev/zero`, '--user-data file /dev/zero is a character device, not a regular file'],
    [`${ASG} --user-data ${fifo}`, `--user-data file ${fifo} is a named pipe (FIFO), not a regular file`],
    [`upload-cert www --cert ${fifo} --key ${fx.path('leaf.key')}`, `--cert ${fifo} is a named pipe (FIFO), not a regular file`],
    [`upload-cert www --cert /dev/zero --key ${fx.path('leaf.key')}`, '--cert /dev/zero is a character device, not a regular file'],
    [`upload-cert www --cert ${fx.path('leaf.crt')} --key ${fifo}`, `--key ${fifo} is a named pipe (FIFO), not a regular file`],
    [`upload-cert www --cert ${fx.path('leaf.crt')} --key ${fx.path('leaf.key')} --chain ${fifo}`, `--chain ${fifo} is a named pipe (FIFO), not a regular file`],
    [`upload-cert www --cert ${big} --key ${fx.path('leaf.key')}`, `--cert ${big} is 1048577 bytes; at most 1048576 are accepted`],
    [`upload-cert www --cert ${dir} --key ${fx.path('leaf.key')}`, `--cert ${dir} is a directory, not a regular file`],
  ])('%s', async (line, message) => {
    const r = await runCli(line);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${message.replace(/[.()*+?[\]\\/]/g, '\\$&')}; [^\n]+\n$`));
    expect(iamMock.calls()).toHaveLength(0);
  });

  it.each([
    ['AWS_CONFIG_FILE', fifo],
    ['AWS_SHARED_CREDENTIALS_FILE', '/dev/zero'],
    ['AWS_CREDENTIAL_FILE', fifo],
  ])('%s=%s is refused with one line, not read', async (name, path) => {
    const env = { ...TEST_ENV, ...(name === 'AWS_CREDENTIAL_FILE' ? { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } : {}), [name]: path };
    const r = await runCli('describe-lbs', { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${name} ${path.replace(/[.()/]/g, '\\$&')} is a (named pipe \\(FIFO\\)|character device), not a regular file; [^\n]+\n$`));
  });

  it('reads at most limit + 1 bytes of a regular file', () => {
    const file = join(dir, 'ten');
    writeFileSync(file, '0123456789');
    expect(readInputFile(file, { label: '--x', limit: 10 }).toString()).toBe('0123456789');
    expect(() => readInputFile(file, { label: '--x', limit: 9 })).toThrow(`--x ${file} is 10 bytes; at most 9 are accepted`);
    expect(() => readInputFile(join(dir, 'absent'), { label: '--x', limit: 9 })).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
