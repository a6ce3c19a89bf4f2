import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { redact } from '../domain/redact.js';
import { isThrottle } from '../domain/retry.js';
import { addAnswerCapture, addWireChecks, XML_PROTOCOL, type RawAnswer } from './wire.js';
import { tagRefusedAction } from './refused-action.js';

/** One lazily built client per service per run. Only the services a command calls are loaded. */
export interface AwsClients {
  elb(): Promise<ElasticLoadBalancingClient>;
  iam(): Promise<IAMClient>;
  autoscaling(): Promise<AutoScalingClient>;
  cloudwatch(): Promise<CloudWatchClient>;
  ec2(): Promise<EC2Client>;
  elbv2(): Promise<ElasticLoadBalancingV2Client>;
  route53(): Promise<Route53Client>;
  tagging(): Promise<ResourceGroupsTaggingAPIClient>;
  sns(): Promise<SNSClient>;
}

/** What every client is built from; resolved once per run from flags, env and config files. */
export interface ClientSettings {
  region: string;
  profile?: string;
  endpoint?: string;
  /**
   * Requests go to an AWS look-alike (--endpoint-url or AWS_ENDPOINT_URL*: LocalStack, moto): a
   * 500 answer that is not an AWS error document is not retried (see `lookAlikeRetryStrategy`).
   */
  lookAlike?: boolean;
  staticKeys?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Credentials from a provider of our own (a profile's credential_process), when not staticKeys. */
  credentialProvider?: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;
  /** Attempts per request, throttling included (AWS_MAX_ATTEMPTS overrides). */
  maxAttempts: number;
  /** Called with one line per request and per retried attempt when --debug is on. */
  debug?: (line: string) => void;
  /** Called with the SDK's own warnings, made one line; without it they are dropped. */
  warn?: (line: string) => void;
  /** Ctrl-C: aborts requests in flight (and their retries) instead of waiting for them. */
  signal?: AbortSignal;
  /** Called with one line before each retried attempt (`throttled by AWS, retrying (attempt 3 of 8)`). */
  /** Every raw answer, before the SDK parses it (the legacy tools' --show-xml). */
  onAnswer?: (answer: RawAnswer) => void;
  /** A dry run: an endpoint that cannot be connected to at all is not retried (the plan goes offline). */
  failFastUnconnected?: boolean;
  notice?: (line: string) => void;
}

/** No answer within this long is a failed attempt (retried like any other), not a hang. */
export const REQUEST_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The SDK's logger. Without one the SDK writes some warnings straight to the process's stderr
 * with console.warn, over several lines (e.g. when a profile and environment keys are both set).
 */
function sdkLogger(warn: ((line: string) => void) | undefined) {
  const noop = () => {};
  return {
    debug: noop,
    info: noop,
    error: noop,
    warn: (...parts: unknown[]) => {
      const text = parts.map(String).join(' ');
      warn?.(
        /Multiple credential sources/.test(text)
          ? 'a profile and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are both set; using the profile, as the AWS SDK does'
          : text.replace(/\s+/g, ' ').trim(),
      );
    },
  };
}

/** Exponential backoff with full jitter, capped at 20 s: a large teardown outlasts throttling. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(20_000, 250 * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A 500 whose body could not be read as an AWS error: what moto sends (an HTML "500 Internal
 * Server Error" page) for an operation it does not implement, e.g. ListServerCertificateTags.
 */
export function isUnreadableServerError(err: unknown): boolean {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.$metadata?.httpStatusCode === 500 && (e?.name === 'NotAnAwsResponse' || /Deserialization error|XML parse error/i.test(e?.message ?? ''));
}

/** The endpoint's host name does not resolve: retrying cannot help (a mistyped region or --endpoint-url). */
export function isUnresolvedHost(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code ?? ((err as { cause?: { code?: string } } | undefined)?.cause?.code);
  return code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/** No connection could be made at all (refused, unreachable, no route): not a fault of AWS's. */
export function isUnconnected(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code ?? ((err as { cause?: { code?: string } } | undefined)?.cause?.code);
  return isUnresolvedHost(err) || code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
}

/** The line shown before a retried attempt: why, and which attempt of how many comes next. */
export function retryNotice(err: unknown, attempt: number, maxAttempts: number): string {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const of = `retrying (attempt ${attempt} of ${maxAttempts})`;
  if (isThrottle(err) || e?.$metadata?.httpStatusCode === 429) return `throttled by AWS, ${of}`;
  const status = e?.$metadata?.httpStatusCode;
  if (status && status < 300) return `the endpoint's answer (HTTP ${status}) could not be read, ${of}`;
  if (status) return `the endpoint answered HTTP ${status}${e?.name && e.name !== 'NotAnAwsResponse' && !/^Unknown|Error$/.test(e.name) ? ` (${e.name})` : ''}, ${of}`;
  if (e?.code === 'ECONNRESET' || e?.code === 'EPIPE') return `the connection closed before an answer came (${e.code}), ${of}`;
  if (e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT') return `no answer from the endpoint in time, ${of}`;
  return `could not reach the endpoint${e?.code ? ` (${e.code})` : ''}, ${of}`;
}

/**
 * The usual retries, except that against a look-alike endpoint an unreadable 500 is final: the
 * look-alike lacks the operation and answers the same every time, so eight attempts only cost
 * ~40 s before the caller sees the same error (AWS itself always answers with an error document).
 */
export async function lookAlikeRetryStrategy(maxAttempts: number, delay: (attempt: number) => number = backoffDelay) {
  return runRetryStrategy({ maxAttempts, lookAlike: true }, delay);
}

/**
 * The SDK's retries (throttling, transient faults) with our rules: a host name that does not
 * resolve fails at once, a look-alike's unreadable 500 is final (see above), and each retry is
 * announced through `notice` so a long run of retries is never silent.
 */
export async function runRetryStrategy(s: { maxAttempts: number; lookAlike?: boolean; notice?: (line: string) => void; failFastUnconnected?: boolean }, delay: (attempt: number) => number = backoffDelay) {
  const { ConfiguredRetryStrategy } = await import('@smithy/util-retry');
  return new (class extends ConfiguredRetryStrategy {
    override async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
      if (s.lookAlike && isUnreadableServerError(errorInfo.error)) throw errorInfo.error;
      if (isUnresolvedHost(errorInfo.error) || (s.failFastUnconnected && isUnconnected(errorInfo.error))) throw errorInfo.error;
      const next = token.getRetryCount() + 2;
      if ((errorInfo.errorType === 'THROTTLING' || errorInfo.errorType === 'TRANSIENT') && next <= s.maxAttempts) s.notice?.(retryNotice(errorInfo.error, next, s.maxAttempts));
      return super.refreshRetryTokenForRetry(token, errorInfo);
    }
  })(s.maxAttempts, delay);
}

/** Test seams; production passes none. */
export interface ClientInternals {
  /** Milliseconds to wait before retry number `attempt` (default: backoffDelay). */
  backoff?: (attempt: number) => number;
  /** Per-attempt request timeout (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

export function createAwsClients(s: ClientSettings, internals: ClientInternals = {}): AwsClients {
  const cache = new Map<string, Promise<unknown>>();
  const backoff = internals.backoff ?? ((attempt: number) => backoffDelay(attempt));
  const config = async () => ({
    region: s.region,
    ...(s.profile ? { profile: s.profile } : {}),
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.staticKeys ? { credentials: s.staticKeys } : s.credentialProvider ? { credentials: s.credentialProvider } : {}),
    logger: sdkLogger(s.warn),
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: internals.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    retryStrategy: await runRetryStrategy({ maxAttempts: s.maxAttempts, ...(s.lookAlike ? { lookAlike: true } : {}), ...(s.notice ? { notice: s.notice } : {}), ...(s.failFastUnconnected ? { failFastUnconnected: true } : {}) }, backoff),
  });
  function lazy<T>(key: string, make: () => Promise<T>): () => Promise<T> {
    return () => {
      if (!cache.has(key)) {
        cache.set(key, make().then((c) => {
          addWireChecks(c as unknown as DebuggableClient, XML_PROTOCOL[key]);
          if (s.onAnswer) addAnswerCapture(c as unknown as DebuggableClient, key, s.onAnswer);
          if (s.debug) addDebugLogging(c as unknown as DebuggableClient, key, s.debug);
          if (s.signal) abortOnInterrupt(c as unknown as Sender, s.signal);
          tagRefusedAction(c as unknown as Sender, key);
          return c;
        }));
      }
      return cache.get(key) as Promise<T>;
    };
  }
  return {
    elb: lazy('elb', async () => new (await import('@aws-sdk/client-elastic-load-balancing')).ElasticLoadBalancingClient(await config())),
    iam: lazy('iam', async () => new (await import('@aws-sdk/client-iam')).IAMClient(await config())),
    autoscaling: lazy('autoscaling', async () => new (await import('@aws-sdk/client-auto-scaling')).AutoScalingClient(await config())),
    cloudwatch: lazy('cloudwatch', async () => new (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient(await config())),
    ec2: lazy('ec2', async () => new (await import('@aws-sdk/client-ec2')).EC2Client(await config())),
    elbv2: lazy('elbv2', async () => new (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client(await config())),
    route53: lazy('route53', async () => new (await import('@aws-sdk/client-route-53')).Route53Client(await config())),
    tagging: lazy('tagging', async () => new (await import('@aws-sdk/client-resource-groups-tagging-api')).ResourceGroupsTaggingAPIClient(await config())),
    sns: lazy('sns', async () => new (await import('@aws-sdk/client-sns')).SNSClient(await config())),
  };
}

interface Sender {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Every request of this client carries the run's Ctrl-C signal, unless the caller gave its own. */
function abortOnInterrupt(client: Sender, signal: AbortSignal): void {
  const send = client.send.bind(client);
  client.send = (command, options) => send(command, { abortSignal: signal, ...options });
}

interface DebuggableClient {
  middlewareStack: { add(mw: unknown, opts: { step: string; name: string; priority?: string }): void };
}

interface MetadataBearer {
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number; totalRetryDelay?: number };
}

/**
 * --debug: the operation and its redacted input before it is sent, each failed attempt (so retries
 * are visible), and the request id, attempt count and retry delay when it completes.
 */
function addDebugLogging(client: DebuggableClient, service: string, log: (line: string) => void): void {
  const describe = (ctx: { commandName?: string }) => `${service} ${ctx.commandName ?? 'request'}`;
  client.middlewareStack.add(
    (next: (a: { input: unknown }) => Promise<{ output: MetadataBearer }>, ctx: { commandName?: string }) =>
      async (args: { input: unknown }) => {
        log(`→ ${describe(ctx)} ${JSON.stringify(redact(args.input))}`);
        try {
          const res = await next(args);
          const m = res.output.$metadata ?? {};
          log(`← ${describe(ctx)} ${m.httpStatusCode ?? '?'} request-id=${m.requestId ?? '-'} attempts=${m.attempts ?? 1} retry-delay=${m.totalRetryDelay ?? 0}ms`);
          return res;
        } catch (err) {
          const e = err as Error & MetadataBearer;
          const m = e.$metadata ?? {};
          log(`✗ ${describe(ctx)} ${e.name}: ${e.message} request-id=${m.requestId ?? '-'} attempts=${m.attempts ?? 1}`);
          throw err;
        }
      },
    { step: 'initialize', name: 'scalectlDebugRequest' },
  );
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, ctx: { commandName?: string }) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (err) {
        const e = err as Error & MetadataBearer;
        log(`  attempt failed: ${describe(ctx)} ${e.name} (HTTP ${e.$metadata?.httpStatusCode ?? '?'}, request-id=${e.$metadata?.requestId ?? '-'}); retrying if allowed`);
        throw err;
      }
    },
    // High priority: outside the SDK's deserializer, which is what throws a failed attempt's error
    // (at normal priority this ran inside it, saw only the raw response, and never logged a retry).
    { step: 'deserialize', name: 'scalectlDebugAttempt', priority: 'high' },
  );
}
