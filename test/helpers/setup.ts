import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach } from 'vitest';
import { resetAws } from './aws.js';
import { driftProblems, takeSent } from './drift.js';

beforeEach(() => {
  resetAws();
  takeSent();
});

// The drift check: a command that sent an action its permissions declaration lacks fails the test
// that ran it (see test/helpers/drift.ts).
afterEach(async () => {
  const problems = await driftProblems(takeSent());
  if (problems.length) throw new Error(`permissions drift:\n${problems.join('\n')}`);
});
