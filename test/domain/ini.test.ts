import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFileProfiles, parseIni } from '../../src/domain/ini.js';

const dir = mkdtempSync(join(tmpdir(), 'scalectl-ini-'));

/** Parses both files with our reader and with the SDK's loader, which the clients use. */
async function both(config: string, credentials: string) {
  const configPath = join(dir, `config-${Math.random()}`);
  const credentialsPath = join(dir, `credentials-${Math.random()}`);
  writeFileSync(configPath, config);
  writeFileSync(credentialsPath, credentials);
  const sdk = await loadSharedConfigFiles({ configFilepath: configPath, filepath: credentialsPath, ignoreCache: true });
  return { ours: { configFile: configFileProfiles(parseIni(config)), credentialsFile: parseIni(credentials) }, sdk };
}

const CONFIG = [
  '# comment',
  '; another comment',
  '[default]',
  'region = us-east-1 # trailing comment',
  'output=json',
  '',
  '[profile prod]',
  'region   =   eu-west-1',
  'role_arn = arn:aws:iam::123456789012:role/admin',
  'source_profile = default',
  's3 =',
  '  max_concurrent_requests = 20',
  '  addressing_style = path',
  'cli_pager=',
  '[profile "quoted.name"]',
  'region = ap-south-1',
  '[profile empty]',
  '[profile default]',
  'region = us-west-2',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = eu-west-1',
  '[services local]',
  'iam =',
  '  endpoint_url = http://127.0.0.1:4566',
  '[unknown thing]',
  'ignored = yes',
  '[plain]',
  'kept = yes',
  'no equals sign here',
  '= no key',
  'url = https://example.com/a=b;c#d',
].join('\r\n');

const CREDENTIALS = ['[default]', 'aws_access_key_id = AKIADEFAULT', 'aws_secret_access_key = s1', '', '[profile prod]', 'aws_access_key_id=AKIAPROD', '[prod]', 'aws_access_key_id = AKIAPROD2', 'aws_secret_access_key = s2'].join('\n');

describe('parseIni', () => {
  it('reads config and credentials files exactly as the SDK loader does', async () => {
    const { ours, sdk } = await both(CONFIG, CREDENTIALS);
    expect(ours).toEqual(sdk);
    // and the parts we rely on, spelled out
    expect(ours.configFile.default).toEqual({ region: 'us-west-2' });
    expect(ours.configFile.prod).toMatchObject({ region: 'eu-west-1', 's3.max_concurrent_requests': '20' });
    expect(ours.configFile['quoted.name']).toEqual({ region: 'ap-south-1' });
    expect(ours.configFile.empty).toBeUndefined();
    expect(ours.credentialsFile.prod).toEqual({ aws_access_key_id: 'AKIAPROD2', aws_secret_access_key: 's2' });
  });

  it('treats a file the SDK rejects as empty, as the SDK does', async () => {
    const { ours, sdk } = await both('[profile __proto__]\nregion = x\n[profile ok]\nregion = y\n', '[__proto__]\na = b\n');
    expect(ours).toEqual(sdk);
    expect(ours).toEqual({ configFile: {}, credentialsFile: {} });
  });

  it('an empty file has no sections', () => {
    expect(parseIni('')).toEqual({});
    expect(configFileProfiles({})).toEqual({});
  });
});
