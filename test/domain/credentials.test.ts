import { describe, expect, it } from 'vitest';
import { maskKeyId, parseLegacyCredentialFile, profileCredentialKind } from '../../src/domain/credentials.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('the legacy AWS_CREDENTIAL_FILE reader', () => {
  it('reads the two lines of a good file', () => {
    expect(parseLegacyCredentialFile(`AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE\nAWSSecretKey=${SECRET}\n`)).toEqual({
      ok: true,
      keys: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
    });
  });

  it('tolerates comments, CRLF, blank lines and spaces around =', () => {
    const text = `# keys for the build box\r\n\r\n   \r\nAWSAccessKeyId = AKIAIOSFODNN7EXAMPLE\r\n  # another comment\r\nAWSSecretKey   =${SECRET}  \r\n\r\n`;
    expect(parseLegacyCredentialFile(text)).toEqual({ ok: true, keys: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET } });
  });

  it('keeps a session token when one is given', () => {
    const r = parseLegacyCredentialFile(`AWSAccessKeyId=ASIAEXAMPLE0001\nAWSSecretKey=${SECRET}\nAWSSessionToken=tok-123\n`);
    expect(r).toEqual({ ok: true, keys: { accessKeyId: 'ASIAEXAMPLE0001', secretAccessKey: SECRET, sessionToken: 'tok-123' } });
  });

  it('names the missing keys, and never a value', () => {
    const noSecret = parseLegacyCredentialFile('AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE\n');
    expect(noSecret).toEqual({ ok: false, problem: 'has no AWSSecretKey value' });
    const noId = parseLegacyCredentialFile(`AWSSecretKey=${SECRET}\n`);
    expect(noId).toEqual({ ok: false, problem: 'has no AWSAccessKeyId value' });
    expect(parseLegacyCredentialFile('# nothing here\n')).toEqual({ ok: false, problem: 'has no AWSAccessKeyId and no AWSSecretKey value' });
    expect(parseLegacyCredentialFile('AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE\nAWSSecretKey=\n')).toEqual({ ok: false, problem: 'has no AWSSecretKey value' });
    expect(JSON.stringify(noId)).not.toContain(SECRET);
  });

  it('rejects a line that is not KEY=VALUE, naming the line and not its text', () => {
    const r = parseLegacyCredentialFile(`AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE\n${SECRET}\nAWSSecretKey=${SECRET}\n`);
    expect(r).toEqual({ ok: false, problem: 'line 2 is not KEY=VALUE' });
    expect(parseLegacyCredentialFile('=value\n')).toEqual({ ok: false, problem: 'line 1 is not KEY=VALUE' });
  });
});

describe('maskKeyId', () => {
  it('shows the first and last four characters of an access key id, never the whole', () => {
    expect(maskKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskKeyId('ABCDEFGHI')).toBe('ABCD…FGHI');
    expect(maskKeyId('ABCDEFGH')).toBe('****');
    expect(maskKeyId('')).toBe('****');
  });
});

describe('profileCredentialKind', () => {
  it('tells how a profile gets its credentials from its settings alone', () => {
    expect(profileCredentialKind(undefined, { aws_access_key_id: 'AKIA', aws_secret_access_key: 's' })).toBe('profile');
    expect(profileCredentialKind({ aws_access_key_id: 'AKIA', aws_secret_access_key: 's' }, undefined)).toBe('profile');
    expect(profileCredentialKind({ sso_session: 'corp', sso_account_id: '1', sso_role_name: 'r' }, undefined)).toBe('sso');
    expect(profileCredentialKind({ sso_start_url: 'https://corp.awsapps.com/start' }, undefined)).toBe('sso');
    expect(profileCredentialKind({ role_arn: 'arn:aws:iam::1:role/x', source_profile: 'base' }, undefined)).toBe('assume-role');
    expect(profileCredentialKind({ role_arn: 'arn:aws:iam::1:role/x', web_identity_token_file: '/t' }, undefined)).toBe('web-identity');
    expect(profileCredentialKind({ credential_process: '/bin/creds' }, undefined)).toBe('process');
    expect(profileCredentialKind({ region: 'eu-west-1' }, undefined)).toBeUndefined();
    expect(profileCredentialKind(undefined, { aws_access_key_id: 'AKIA' })).toBeUndefined();
    expect(profileCredentialKind(undefined, undefined)).toBeUndefined();
  });
});
