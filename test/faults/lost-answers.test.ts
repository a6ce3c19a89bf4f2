// Lost answers against moto: the request took effect, the answer never came (the fault server
// drops the connection after forwarding), the SDK retried. Each command must still tell the truth.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asMock, ec2Mock, elbMock, iamMock, restoreRealWire } from '../helpers/aws.js';
import { certFixtures } from '../helpers/certs.js';
import { queryError, startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { MOTO, startMoto, type Moto } from '../helpers/moto.js';
import { runCli, TEST_ENV } from '../helpers/run-cli.js';

let moto: Moto | undefined;
let fs: FaultServer;
const certs = certFixtures();
const env = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_ACCESS_KEY: 'AKIDFAULTTEST0000001', AWS_SECRET_KEY: 'fault-test-secret-never-printed-0001', AWS_MAX_ATTEMPTS: '3' };
const cli = (args: string) => runCli(`--endpoint-url ${fs.url} --output json ${args}`, { env, retryDelayMs: 0 });
const sent = (action: string) => fs.requests.filter((q) => q.action === action);
const param = (body: string, name: string) => new URLSearchParams(body).get(name);
const ASG = (name: string, type = 't3.micro') => `create-asg ${name} --image-id ami-12c6146b --instance-type ${type} --min 0 --max 1 --zones us-east-1a`;

describe.skipIf(!MOTO)('lost answers (moto behind a fault server)', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    moto = await startMoto();
    fs = await startFaultServer({ upstream: moto.url });
  }, 60_000);
  afterAll(async () => {
    await fs?.close();
    await moto?.stop();
  });
  beforeEach(async () => {
    restoreRealWire(); // the real wire
    await moto?.reset();
    fs.faults.length = 0;
    fs.requests.length = 0;
  });

  it('#5 upload-cert: the retry refused as EntityAlreadyExists is our own upload: uploaded, exit 0', async () => {
    // AWS refuses the retry of an upload that took effect (moto would store it twice).
    fs.faults.push({ action: 'UploadServerCertificate', kind: 'lost-answer' }, { action: 'UploadServerCertificate', kind: queryError('EntityAlreadyExists', 'The Server Certificate with name www already exists.', 409) });
    const r = await cli(`upload-cert www --cert ${certs.path('leaf.crt')} --key ${certs.path('leaf.key')} --chain ${certs.path('chain.pem')}`);
    expect(r.stderr).not.toContain('already exists');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'created', certificate: { name: 'www', arn: expect.stringContaining('server-certificate/www') } });
    expect(sent('UploadServerCertificate')).toHaveLength(2);
  });

  it('#7 a delete whose answer was lost is reported deleted, not already gone', async () => {
    expect((await cli(`upload-cert www --cert ${certs.path('leaf.crt')} --key ${certs.path('leaf.key')} --chain ${certs.path('chain.pem')}`)).code).toBe(0);
    fs.faults.push({ action: 'DeleteServerCertificate', kind: 'lost-answer' });
    const r = await cli('teardown --cert www --yes');
    expect(r.code).toBe(0);
    expect(sent('DeleteServerCertificate')).toHaveLength(2);
    expect(r.stdout).toContain('"deleted"');
    expect(r.stdout).not.toContain('already gone');
  });

  it('#4 CreateLaunchTemplateVersion carries a client token made from the name and data, the same on the retry', async () => {
    expect((await cli(ASG('web'))).code).toBe(0);
    const create = sent('CreateLaunchTemplate')[0]!;
    expect(param(create.body, 'ClientToken')).toMatch(/^scalectl-[0-9a-f]{54}$/);
    fs.faults.push({ action: 'CreateLaunchTemplateVersion', kind: 'lost-answer' });
    const r = await cli(ASG('web', 't3.small'));
    expect(r.code).toBe(0);
    const versions = sent('CreateLaunchTemplateVersion');
    expect(versions).toHaveLength(2);
    const token = param(versions[0]!.body, 'ClientToken');
    expect(token).toMatch(/^scalectl-[0-9a-f]{54}$/);
    expect(param(versions[1]!.body, 'ClientToken')).toBe(token);
    expect(token).not.toBe(param(create.body, 'ClientToken'));
    // The same data from another run asks for the same token: EC2 answers with the version it made.
    await moto!.reset();
    fs.requests.length = 0;
    await cli(ASG('web'));
    await cli(ASG('web', 't3.small'));
    expect(param(sent('CreateLaunchTemplateVersion')[0]!.body, 'ClientToken')).toBe(token);
  });

  it('#6 create-asg: a lost CreateLaunchTemplate answer converges instead of "AlreadyExists", exit 0', async () => {
    fs.faults.push({ action: 'CreateLaunchTemplate', kind: 'lost-answer' });
    const r = await cli(ASG('web'));
    expect(r.stderr).not.toContain('AlreadyExists');
    expect(r.code).toBe(0);
    expect(sent('CreateLaunchTemplate')).toHaveLength(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'web' });
    expect((await cli(ASG('web'))).stdout).toContain('"unchanged"');
  });

  it('#6 create-asg: a lost CreateAutoScalingGroup answer converges instead of exit 5 with the group "not done"', async () => {
    fs.faults.push({ action: 'CreateAutoScalingGroup', kind: 'lost-answer' }, { action: 'CreateAutoScalingGroup', kind: queryError('AlreadyExists', 'AutoScalingGroup by this name already exists - A group with the name web already exists') });
    const r = await cli(ASG('web'));
    expect(r.stderr).not.toContain('not done');
    expect(r.code).toBe(0);
    expect(sent('CreateAutoScalingGroup')).toHaveLength(2);
    const again = await cli(ASG('web'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('"unchanged"');
  });
});
