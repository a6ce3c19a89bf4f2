import { describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import {
  ConfigError, EXIT_CODE_TABLE, ExitCode, InterruptedError, NotFoundError, OperationError, PartialError, UsageError,
  asInterrupted, classifyError, debugDetails, formatError,
} from '../src/errors.js';
import { memoryIo } from '../src/output/io.js';
import { run } from '../src/program.js';
import { createAwsClients } from '../src/services/clients.js';
import { awsError } from './helpers/aws.js';
import { runCli, TEST_ENV } from './helpers/run-cli.js';

/** An error shaped like the SDK's credential-chain failure (it has no $metadata). */
function providerError(message: string): Error {
  return Object.assign(new Error(message), { name: 'CredentialsProviderError', tryNextLink: false });
}

describe('exit codes', () => {
  it('are the contract of CLI.md and never change meaning', () => {
    expect(ExitCode).toEqual({ Ok: 0, Failed: 1, Usage: 2, Config: 3, NotFound: 4, Partial: 5, Interrupted: 130 });
    expect(EXIT_CODE_TABLE.map(([code]) => code)).toEqual([0, 1, 2, 3, 4, 5, 130]);
    expect(new UsageError('u').exitCode).toBe(2);
    expect(new ConfigError('c').exitCode).toBe(3);
    expect(new NotFoundError('n').exitCode).toBe(4);
    expect(new OperationError('o').exitCode).toBe(1);
    expect(new PartialError('p', [], []).exitCode).toBe(5);
    expect(new InterruptedError('i').exitCode).toBe(130);
    expect(new NotFoundError('n').name).toBe('NotFoundError');
  });
});

describe('classifyError', () => {
  it('passes our own errors through', () => {
    const e = new NotFoundError('load balancer web does not exist', 'list them with describe-lbs');
    expect(classifyError(e)).toBe(e);
  });

  it("commander's InvalidArgumentError thrown by an action → exit 2 with its message", async () => {
    const { InvalidArgumentError } = await import('commander');
    const e = classifyError(new InvalidArgumentError('--adjust must be a whole number.'));
    expect(e).toBeInstanceOf(UsageError);
    expect(formatError(e)).toBe('error: --adjust must be a whole number\n');
  });

  it('missing credentials → exit 3 with how to fix it', () => {
    const e = classifyError(providerError('Could not load credentials from any providers'));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe('no AWS credentials found');
    expect(e.hint).toMatch(/^set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });

  it('credentials AWS refuses (expired, unknown) → exit 3', () => {
    for (const name of ['ExpiredToken', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'AuthFailure']) {
      const e = classifyError(awsError(name, 'The security token included in the request is expired', 403));
      expect(e, name).toBeInstanceOf(ConfigError);
      expect(e.message).toBe(`AWS rejected the credentials (${name}): The security token included in the request is expired`);
      expect(e.hint).toBe('check which credentials are in use with "scalectl config"');
    }
  });

  it('an SSO token problem → exit 3 with the login command', () => {
    const e = classifyError(Object.assign(new Error('The SSO session token has expired'), { name: 'TokenProviderError' }));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.hint).toBe('run "aws sso login" for this profile');
  });

  it('a missing region from the SDK → exit 3', () => {
    expect(classifyError(new Error('Region is missing'))).toMatchObject({ exitCode: 3, message: 'no AWS region configured' });
  });

  it('any other AWS error → exit 1 "AWS refused: Name: message"', () => {
    const e = classifyError(awsError('ValidationError', 'Listener protocol is invalid'));
    expect(e).toBeInstanceOf(OperationError);
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe('AWS refused: ValidationError: Listener protocol is invalid');
    expect(e.cause).toBeDefined();
  });

  it('an unreachable endpoint → exit 1 naming the network code and pointing at --endpoint-url', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    expect(classifyError(refused)).toMatchObject({ exitCode: 1, message: 'could not reach the AWS endpoint (ECONNREFUSED)', hint: 'check the network, --endpoint-url and --region' });
    const wrapped = Object.assign(new Error('socket hang up'), { cause: { code: 'ECONNRESET' } });
    expect(classifyError(wrapped).message).toBe('could not reach the AWS endpoint (ECONNRESET)');
  });

  it('a host name that does not resolve → exit 1 naming the host (trust #14)', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND elasticloadbalancing.us-esat-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'elasticloadbalancing.us-esat-1.amazonaws.com' });
    expect(classifyError(dns)).toMatchObject({ exitCode: 1, message: "could not resolve the AWS endpoint's host name elasticloadbalancing.us-esat-1.amazonaws.com (ENOTFOUND)" });
    const wrapped = Object.assign(new Error('socket hang up'), { cause: { code: 'EAI_AGAIN' } });
    expect(classifyError(wrapped).message).toBe("could not resolve the AWS endpoint's host name (EAI_AGAIN)");
  });

  it('anything else → exit 1 with a hint to run with --debug', () => {
    expect(classifyError(new TypeError('x is not a function'))).toMatchObject({ exitCode: 1, message: 'unexpected error: x is not a function', hint: 'run again with --debug for the stack trace' });
    expect(classifyError('a string')).toMatchObject({ exitCode: 1, message: 'unexpected error: a string' });
  });
});

describe('formatError', () => {
  it('prints one line: error: message; hint', () => {
    expect(formatError(new UsageError('--min must be a whole number', 'for example --min 2'))).toBe('error: --min must be a whole number; for example --min 2\n');
    expect(formatError(new OperationError('wait timed out'))).toBe('error: wait timed out\n');
  });

  it('reports what a partial run did and did not do', () => {
    const e = new PartialError('create alarm high-cpu failed: AWS refused: LimitExceeded: too many', ['create load-balancer web', 'create policy up'], ['create alarm high-cpu'], 're-run the same command to finish');
    expect(formatError(e)).toBe(
      'error: create alarm high-cpu failed: AWS refused: LimitExceeded: too many; re-run the same command to finish\n' +
        'done: create load-balancer web, create policy up\n' +
        'not done: create alarm high-cpu\n',
    );
  });

  it('debugDetails gives the request id and the stack of the original error', () => {
    const cause = awsError('Throttling', 'Rate exceeded');
    const details = debugDetails(classifyError(cause));
    expect(details.startsWith('request-id: req-test-1\nThrottling: Rate exceeded\n    at ')).toBe(true);
  });
});

describe('stack traces only with --debug, through the program', () => {
  const env = { ...TEST_ENV, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CREDENTIAL_FILE: '/nonexistent/scalectl/legacy' };
  const message = 'error: AWS_CREDENTIAL_FILE /nonexistent/scalectl/legacy cannot be read (ENOENT); fix the path or unset AWS_CREDENTIAL_FILE\n';

  it('without --debug: the one line and nothing else', async () => {
    expect(await runCli('config', { env })).toMatchObject({ code: 3, stdout: '', stderr: message });
  });

  it('with --debug: the line, then the stack', async () => {
    const r = await runCli('config --debug', { env });
    expect(r.code).toBe(3);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr.slice(message.length)).toMatch(/^ConfigError: AWS_CREDENTIAL_FILE .* cannot be read \(ENOENT\)\n {4}at .*settings\.ts/);
  });
});

describe('an unexpected failure inside a command, through the program', () => {
  /** A run of `config` whose stdout breaks on the first write (as a closed pipe might). */
  async function brokenStdout(argv: string[]) {
    const io = memoryIo();
    const broken = Object.assign(Object.create(io) as typeof io, { out: () => { throw new TypeError('stdout is broken'); } });
    const deps: Deps = { io: broken, env: { ...TEST_ENV }, clock: { now: () => 0, sleep: async () => {} }, signal: new AbortController().signal, confirm: async () => false, makeClients: createAwsClients };
    return { code: await run(argv, deps), stderr: io.stderr() };
  }

  it('exits 1 with one line and a hint to use --debug', async () => {
    expect(await brokenStdout(['config'])).toEqual({ code: 1, stderr: 'error: unexpected error: stdout is broken; run again with --debug for the stack trace\n' });
  });

  it('with --debug the original stack follows', async () => {
    const r = await brokenStdout(['config', '--debug']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: unexpected error: stdout is broken; run again with --debug for the stack trace\nTypeError: stdout is broken\n {4}at /);
  });
});

describe('asInterrupted (what a run reports after Ctrl-C)', () => {
  it('keeps an InterruptedError as it is', () => {
    const e = new InterruptedError('interrupted', 'x');
    expect(asInterrupted(e)).toBe(e);
  });

  it('turns whatever failed because of the interrupt into exit 130', () => {
    const e = asInterrupted(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    expect(e).toBeInstanceOf(InterruptedError);
    expect(formatError(e)).toBe('error: interrupted\n');
  });

  it('keeps the report of a partly done plan, on one line', () => {
    const partial = new PartialError('create policy up failed: interrupted', ['create load-balancer web'], ['create policy up', 'create alarm high'], 're-run the same command to finish');
    const e = asInterrupted(partial);
    expect(e.exitCode).toBe(130);
    expect(formatError(e)).toBe('error: interrupted; done: create load-balancer web; not done: create policy up, create alarm high; re-run the same command to finish\n');
  });
});

describe('interrupted', () => {
  it('a run whose signal was aborted (Ctrl-C) exits 130', async () => {
    const io = memoryIo();
    const controller = new AbortController();
    controller.abort();
    const deps: Deps = { io, env: { ...TEST_ENV }, clock: { now: () => 0, sleep: async () => {} }, signal: controller.signal, confirm: async () => false, makeClients: createAwsClients };
    expect(await run(['config'], deps)).toBe(130);
    expect(io.stderr()).toBe('error: interrupted\n');
  });

  it('an error raised because of the interrupt is reported as the interrupt', async () => {
    const io = memoryIo();
    const controller = new AbortController();
    controller.abort();
    const deps: Deps = { io, env: { ...TEST_ENV, AWS_REGION: undefined }, clock: { now: () => 0, sleep: async () => {} }, signal: controller.signal, confirm: async () => false, makeClients: createAwsClients };
    expect(await run(['config'], deps)).toBe(130);
    expect(io.stderr()).toBe('error: interrupted\n');
  });
});
