import { describe, expect, it } from 'vitest';
import { redact, REDACTED } from '../src/domain/redact.js';
import { classifyError, formatError } from '../src/errors.js';
import { awsError } from './helpers/aws.js';

describe('one-line errors', () => {
  it('folds an AWS message that spans lines into one line', () => {
    const e = classifyError(awsError('ValidationError', 'Invalid value\n  for parameter\nImageId'));
    expect(formatError(e)).toBe('error: AWS refused: ValidationError: Invalid value for parameter ImageId\n');
  });
});

describe('answers that are not AWS answers', () => {
  it('says the endpoint did not answer like AWS instead of quoting the parser', () => {
    const moto = Object.assign(new Error(`Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`), { name: 'SyntaxError', $metadata: { httpStatusCode: 500 } });
    expect(formatError(classifyError(moto))).toBe(
      "error: the endpoint's answer (HTTP 500) is not an AWS response; an AWS look-alike may not implement this call, or a proxy is in the way; check --endpoint-url, and run with --debug for the request\n",
    );
  });
});

describe('network failures', () => {
  it('are not blamed on AWS even though the SDK gives them $metadata', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { name: 'Error', code: 'ECONNREFUSED', $metadata: { attempts: 8 } });
    expect(formatError(classifyError(refused))).toBe('error: could not reach the AWS endpoint (ECONNREFUSED); check the network, --endpoint-url and --region\n');
  });
});

describe('redaction of user data', () => {
  it('hides launch-template user data in printed requests, whatever its case', () => {
    expect(redact({ LaunchTemplateData: { UserData: 'IyEvYmluL2Jhc2g=', ImageId: 'ami-1' }, userData: '<user data, 27 bytes>' })).toEqual({
      LaunchTemplateData: { UserData: `<user data, 16 characters, ${REDACTED}>`, ImageId: 'ami-1' },
      userData: '<user data, 27 bytes>',
    });
  });
});
