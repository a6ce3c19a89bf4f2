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

describe('redaction of user data', () => {
  it('hides launch-template user data in printed requests, whatever its case', () => {
    expect(redact({ LaunchTemplateData: { UserData: 'IyEvYmluL2Jhc2g=', ImageId: 'ami-1' }, userData: '<user data, 27 bytes>' })).toEqual({
      LaunchTemplateData: { UserData: `<user data, 16 characters, ${REDACTED}>`, ImageId: 'ami-1' },
      userData: '<user data, 27 bytes>',
    });
  });
});
