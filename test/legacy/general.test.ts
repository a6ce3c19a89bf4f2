// The general options and environment of the legacy tools: credentials, region, URLs, X.509,
// and the output options that are not about records.
import { DescribeAutoScalingGroupsCommand, type AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { GetServerCertificateCommand, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsError, asMock, iamMock } from '../helpers/aws.js';
import { certFixtures } from '../helpers/certs.js';
import { runCli, TEST_ENV } from '../helpers/run-cli.js';

const BASE = { AWS_CONFIG_FILE: TEST_ENV.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: TEST_ENV.AWS_SHARED_CREDENTIALS_FILE, AWS_EC2_METADATA_DISABLED: 'true' };
const KEYS = { ...BASE, AWS_ACCESS_KEY: 'AKIDLEGACYENV0000000', AWS_SECRET_KEY: 'legacy-env-secret-0000000' };
const group = { AutoScalingGroupName: 'g', MinSize: 0, MaxSize: 1, DesiredCapacity: 0, DefaultCooldown: 300, HealthCheckType: 'EC2', AvailabilityZones: ['a'], CreatedTime: new Date(), Instances: [], Tags: [] };

async function client(): Promise<{ keyId: string; region: string; endpoint?: string }> {
  const c = asMock.send.lastCall.thisValue as AutoScalingClient;
  const creds = await (c.config.credentials as () => Promise<{ accessKeyId: string }>)();
  const ep = c.config.endpoint ? await c.config.endpoint() : undefined;
  return { keyId: creds.accessKeyId, region: await c.config.region(), ...(ep ? { endpoint: `${ep.protocol}//${ep.hostname}${ep.port ? `:${ep.port}` : ''}` } : {}) };
}

describe('credentials and region', () => {
  it('-I/-S win over the environment; without a region anywhere the legacy default us-east-1 applies', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
    const r = await runCli('legacy as-describe-auto-scaling-groups -I AKIDLEGACY0000000000 -S legacy-secret-0000000000000000', { env: { ...BASE, AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'x' } });
    expect(r.code).toBe(0);
    expect(await client()).toEqual({ keyId: 'AKIDLEGACY0000000000', region: 'us-east-1' });
  });

  it('--aws-credential-file / AWS_CREDENTIAL_FILE, AWS_ACCESS_KEY/AWS_SECRET_KEY and EC2_REGION', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
    const dir = mkdtempSync(join(tmpdir(), 'legacy-cred-'));
    writeFileSync(join(dir, 'cred'), 'AWSAccessKeyId=AKIDFROMFILE00000000\nAWSSecretKey=file-secret-00000000000000\n');
    await runCli(`legacy as-describe-auto-scaling-groups --aws-credential-file ${join(dir, 'cred')}`, { env: { ...BASE, EC2_REGION: 'eu-west-1' } });
    expect(await client()).toEqual({ keyId: 'AKIDFROMFILE00000000', region: 'eu-west-1' });
    await runCli('legacy as-describe-auto-scaling-groups', { env: { ...BASE, AWS_CREDENTIAL_FILE: join(dir, 'cred'), EC2_REGION: 'eu-west-1' } });
    expect((await client()).keyId).toBe('AKIDFROMFILE00000000');
    await runCli('legacy as-describe-auto-scaling-groups --region ap-south-1', { env: { ...BASE, AWS_ACCESS_KEY: 'AKIDLEGACYENV0000000', AWS_SECRET_KEY: 'legacy-env-secret-0000000' } });
    expect(await client()).toEqual({ keyId: 'AKIDLEGACYENV0000000', region: 'ap-south-1' });
  });

  it('AWS_AUTO_SCALING_URL / -U: an AWS URL names the region, any other URL is the endpoint', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
    await runCli('legacy as-describe-auto-scaling-groups', { env: { ...KEYS, AWS_AUTO_SCALING_URL: 'https://autoscaling.eu-west-1.amazonaws.com' } });
    expect(await client()).toEqual({ keyId: KEYS.AWS_ACCESS_KEY, region: 'eu-west-1' });
    await runCli('legacy as-describe-auto-scaling-groups -U http://127.0.0.1:5000', { env: { ...KEYS, AWS_AUTO_SCALING_URL: 'https://autoscaling.eu-west-1.amazonaws.com' } });
    expect(await client()).toEqual({ keyId: KEYS.AWS_ACCESS_KEY, region: 'us-east-1', endpoint: 'http://127.0.0.1:5000' });
  });

  it('X.509 credentials: one line saying they are gone and what to use, exit 3, nothing sent', async () => {
    const r = await runCli('legacy as-describe-auto-scaling-groups -K pk.pem -C cert.pem');
    expect([r.code, r.stdout]).toEqual([3, '']);
    expect(r.stderr).toBe('as-describe-auto-scaling-groups:  X.509 certificates (EC2_CERT, EC2_PRIVATE_KEY, -K, -C) no longer sign AWS API requests; use an access key instead (-I/-S, AWS_CREDENTIAL_FILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a profile)\n');
    const env = await runCli('legacy elb-describe-lbs', { env: { ...BASE, EC2_CERT: 'cert.pem', EC2_PRIVATE_KEY: 'pk.pem' } });
    expect(env.code).toBe(3);
    expect(env.stderr).toMatch(/^elb-describe-lbs:  X\.509 certificates/);
    expect(asMock.calls()).toEqual([]);
  });
});

describe('output options', () => {
  it('--quiet prints nothing; --show-xml prints the answer; --help prints the synopsis', async () => {
    asMock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [group] });
    expect((await runCli('legacy as-describe-auto-scaling-groups --quiet')).stdout).toBe('');
    const xml = await runCli('legacy as-describe-auto-scaling-groups --show-xml');
    // A mocked SDK has no wire answer to show: nothing but the exit code (show-xml.test.ts has the real one).
    expect([xml.code, xml.stdout]).toEqual([0, '']);
    expect((await runCli('legacy as-describe-auto-scaling-groups --help')).stdout).toBe('as-describe-auto-scaling-groups [AutoScalingGroupNames...] [--max-records value] [General Options]\n');
    const both = await runCli('legacy as-describe-auto-scaling-groups --show-long --show-xml');
    expect([both.code, both.stderr]).toEqual([2, 'as-describe-auto-scaling-groups:  --show-long, --show-xml cannot be combined (one output format at a time)\n']);
  });

  it('--show-request prints each request on stderr with the private key redacted', async () => {
    const fx = certFixtures();
    iamMock.on(GetServerCertificateCommand).rejects(awsError('NoSuchEntityException', 'not found', 404));
    iamMock.on(UploadServerCertificateCommand).resolves({ ServerCertificateMetadata: { Path: '/', ServerCertificateName: 'www', ServerCertificateId: 'A1', Arn: 'arn:aws:iam::1:server-certificate/www' } });
    const r = await runCli(`legacy iam-servercertupload -b ${fx.path('leaf.crt')} -k ${fx.path('leaf.key')} -c ${fx.path('chain.pem')} -s www --show-request`);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines.map((l) => l.split('  ')[1])).toEqual(['iam.GetServerCertificate', 'iam.UploadServerCertificate']);
    expect(lines[1]).toContain('"PrivateKey":"***redacted***"');
    expect(r.stderr).not.toContain('PRIVATE KEY');
  });

  it('an unknown legacy command points at the list', async () => {
    const r = await runCli('legacy as-describe-groups');
    expect([r.code, r.stderr]).toEqual([2, "unknown legacy command as-describe-groups; see 'scalectl legacy list'\n"]);
  });
});

describe('the delete prompt', () => {
  it('asks with [Ny], as the Java tools did', async () => {
    const { memoryIo } = await import('../../src/output/io.js');
    const { run } = await import('../../src/program.js');
    const { createAwsClients } = await import('../../src/services/clients.js');
    const asked: Array<[string, string | undefined]> = [];
    const io = memoryIo({ tty: true });
    const code = await run(['legacy', 'as-delete-auto-scaling-group', 'web-asg'], {
      io, env: { ...TEST_ENV }, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, makeClients: createAwsClients,
      confirm: async (q, choices) => {
        asked.push([q, choices]);
        return false;
      },
    });
    expect(code).toBe(1);
    expect(asked).toEqual([['Are you sure you want to delete this AutoScalingGroup?', '[Ny]']]);
    expect(io.stderr()).toBe('as-delete-auto-scaling-group:  not confirmed; nothing deleted\n');
  });
});
