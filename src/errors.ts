/** Exit codes of the CLI contract (CLI.md). Scripts branch on these, so they never change meaning. */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  Usage: 2,
  Config: 3,
  NotFound: 4,
  Partial: 5,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit-code table as printed by `--help` and the README. */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [number, string]> = [
  [0, 'success, including a re-run that changed nothing'],
  [1, 'the operation failed: AWS refused, a wait timed out, or an unexpected error'],
  [2, 'usage: bad flag, value, combination or input file; nothing was sent to AWS'],
  [3, 'configuration: no region or no credentials'],
  [4, 'a named resource does not exist'],
  [5, 'partly done: some steps succeeded, some failed; the report says which'],
  [130, 'interrupted'],
];

/** Base of every error we raise on purpose: its message is for the user, as is its optional hint. */
export class ScalectlError extends Error {
  readonly exitCode: ExitCode = ExitCode.Failed;
  constructor(
    message: string,
    /** One more line telling the user what to do about it. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flag, value, combination or input file. Raised before any request is sent. */
export class UsageError extends ScalectlError {
  override readonly exitCode = ExitCode.Usage;
}

/** No region, no credentials, or credentials AWS rejects. */
export class ConfigError extends ScalectlError {
  override readonly exitCode = ExitCode.Config;
}

/** A resource named on the command line does not exist. */
export class NotFoundError extends ScalectlError {
  override readonly exitCode = ExitCode.NotFound;
}

/** AWS refused, a wait timed out, or the resource is in a state we cannot work with. */
export class OperationError extends ScalectlError {
  override readonly exitCode = ExitCode.Failed;
}

/** An exit code whose one-line report is already on stderr (the legacy layer writes its own). */
export class ReportedExit extends ScalectlError {
  override readonly exitCode: ExitCode;
  constructor(code: ExitCode) {
    super(`exit ${code}`);
    this.exitCode = code;
  }
}

/** Some steps were done before one failed. `done` and `notDone` name the steps for the report. */
export class PartialError extends ScalectlError {
  override readonly exitCode = ExitCode.Partial;
  constructor(
    message: string,
    readonly done: string[],
    readonly notDone: string[],
    hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, hint, options);
  }
}

/** The user pressed Ctrl-C. `remaining` says what was left undone. */
export class InterruptedError extends ScalectlError {
  override readonly exitCode = ExitCode.Interrupted;
}

/**
 * Runs whose Ctrl-C is the normal way to stop (`activities --follow`): the command marks the
 * run's signal here and `run()` exits 0 for it instead of 130.
 */
export const interruptEndsCleanly = new WeakSet<AbortSignal>();

/** AWS error names that mean the credentials themselves were refused: a configuration problem. */
const REJECTED_CREDENTIALS = new Set([
  'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'ExpiredToken',
  'ExpiredTokenException', 'AuthFailure', 'InvalidAccessKeyId', 'IncompleteSignature', 'TokenRefreshRequired',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED']);

interface AwsLikeError extends Error {
  $metadata?: { requestId?: string; httpStatusCode?: number };
  $fault?: string;
  code?: string;
}

/** The endpoint could not be reached at all (no network, a closed port, a name that does not resolve). */
export function isUnreachable(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return code !== undefined && NETWORK_CODES.has(code) && code !== 'CERT_HAS_EXPIRED';
}

/** Longest AWS message echoed in an error line: some servers echo the whole request back. */
export const MAX_AWS_MESSAGE = 300;

/** `message` cut to MAX_AWS_MESSAGE characters, saying so. */
export function capMessage(message: string): string {
  return message.length > MAX_AWS_MESSAGE ? `${message.slice(0, MAX_AWS_MESSAGE)}… (${message.length - MAX_AWS_MESSAGE} more characters; --debug shows the request)` : message;
}

const THROTTLE_NAMES = /^(Throttling|ThrottlingException|ThrottledException|RequestLimitExceeded|RequestThrottled|RequestThrottledException|TooManyRequestsException|SlowDown)$/;
const isThrottleName = (e: AwsLikeError) => THROTTLE_NAMES.test(e.name) || e.$metadata?.httpStatusCode === 429 || /rate exceeded/i.test(e.message);

/** Turns anything thrown during a run into our own error type, so the exit code and message follow. */
export function classifyError(err: unknown): ScalectlError {
  if (err instanceof ScalectlError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as AwsLikeError;
  // commander's InvalidArgumentError thrown from an action (not from a parser, where commander
  // reports it itself): a bad value like any other.
  if (e.code === 'commander.invalidArgument') return new UsageError(e.message.replace(/\.$/, ''), undefined, { cause: e });
  if (e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message)) {
    return new ConfigError(
      'no AWS credentials found',
      'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run "aws configure" or "aws sso login", pass --profile, or set AWS_CREDENTIAL_FILE',
      { cause: e },
    );
  }
  if (e.name === 'TokenProviderError' || /sso.*(expired|token)/i.test(e.message) && !e.$metadata) {
    return new ConfigError(`AWS SSO session is not usable: ${e.message}`, 'run "aws sso login" for this profile', { cause: e });
  }
  if (/region is missing/i.test(e.message)) {
    return new ConfigError('no AWS region configured', 'pass --region or set AWS_REGION', { cause: e });
  }
  if (REJECTED_CREDENTIALS.has(e.name)) {
    return new ConfigError(`AWS rejected the credentials (${e.name}): ${e.message}`, 'check which credentials are in use with "scalectl config"', { cause: e });
  }
  // The SDK puts $metadata on network failures too: tell those apart before blaming AWS.
  const code = e.code ?? (e.cause as { code?: string } | undefined)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = (e as { hostname?: string }).hostname ?? (e.cause as { hostname?: string } | undefined)?.hostname ?? /(?:ENOTFOUND|EAI_AGAIN)\s+(\S+)/.exec(e.message)?.[1];
    return new OperationError(`could not resolve the AWS endpoint's host name${host ? ` ${host}` : ''} (${code})`, 'check --region and --endpoint-url for a typo, and the network', { cause: e });
  }
  if (code && NETWORK_CODES.has(code)) {
    return new OperationError(`could not reach the AWS endpoint (${code})`, 'check the network, --endpoint-url and --region', { cause: e });
  }
  const refused = (e as { scalectlRefusedAction?: string; scalectlRefusedCode?: string });
  if (refused.scalectlRefusedAction) {
    // EC2 appends an encoded authorization blob that only `aws sts decode-authorization-message` reads.
    const said = refused.scalectlRefusedCode === 'HTTP 403' ? '' : e.message.replace(/\s*Encoded authorization failure message:.*$/s, '').trim();
    return new OperationError(`AWS refused ${refused.scalectlRefusedAction} (${refused.scalectlRefusedCode ?? e.name}): ${said || 'the credentials in use are not allowed this action'}`, 'run "scalectl policy COMMAND" for the IAM policy a command needs', { cause: e });
  }
  if (e.name === 'NotAnAwsResponse' || (e.$metadata && /Deserialization error/i.test(e.message))) {
    // The SDK could not read the answer as AWS's: an HTML error page from a proxy, or an AWS
    // look-alike (moto, LocalStack) that lacks the operation. Its parser message helps nobody.
    const status = e.$metadata?.httpStatusCode;
    return new OperationError(`the endpoint's answer${status ? ` (HTTP ${status})` : ''} is not an AWS response`, 'an AWS look-alike may not implement this call, or a proxy is in the way; check --endpoint-url, and run with --debug for the request', { cause: e });
  }
  if (e.$metadata && isThrottleName(e)) {
    return new OperationError(`AWS is throttling requests (${e.name}): ${capMessage(e.message)}`, 'the retries ran out; wait a minute and run again, and check what else is calling AWS with these credentials', { cause: e });
  }
  if (e.$metadata) {
    return new OperationError(`AWS refused: ${e.name}: ${capMessage(e.message)}`, undefined, { cause: e });
  }
  return new OperationError(`unexpected error: ${e.message}`, 'run again with --debug for the stack trace', { cause: e });
}

/**
 * What a run reports when it was interrupted (Ctrl-C) and then failed: the interrupt, exit 130,
 * whatever the failure looked like (an aborted request, a failed wait). If steps were done
 * before it, the report keeps saying which, so the user knows what a re-run will finish.
 */
export function asInterrupted(err: unknown): InterruptedError {
  const e = classifyError(err);
  if (e instanceof InterruptedError) return e;
  if (e instanceof PartialError) {
    const report = [e.done.length ? `done: ${e.done.join(', ')}` : '', e.notDone.length ? `not done: ${e.notDone.join(', ')}` : ''].filter(Boolean);
    return new InterruptedError(['interrupted', ...report].join('; '), e.hint, { cause: err });
  }
  return new InterruptedError('interrupted', undefined, { cause: err });
}

/** The stderr report for an error: `error: what; what to do`, then the partial-progress report. */
export function formatError(err: ScalectlError): string {
  // AWS messages sometimes span lines; the error stays one line whatever they hold.
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
  const lines = [`error: ${oneLine(err.message)}${err.hint ? `; ${oneLine(err.hint)}` : ''}`];
  if (err instanceof PartialError) {
    if (err.done.length) lines.push(`done: ${err.done.join(', ')}`);
    if (err.notDone.length) lines.push(`not done: ${err.notDone.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Stack and AWS request id of the original error, for --debug. */
export function debugDetails(err: ScalectlError): string {
  const root = (err.cause ?? err) as AwsLikeError;
  const id = root.$metadata?.requestId ? `request-id: ${root.$metadata.requestId}\n` : '';
  return `${id}${root.stack ?? String(root)}\n`;
}
