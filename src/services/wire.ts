// What the client layer checks on the wire, for every command alike: that an answer is AWS's own
// document (not a captive portal's or a proxy's page), which read-only answers are worth another
// attempt, and whether an earlier attempt of this very request went unanswered (a lost answer).

/** The SDK protocols whose parsers accept any page as an empty answer: AWS query (ELB, IAM, Auto Scaling, SNS) and EC2. */
export type XmlProtocol = 'query' | 'ec2';

/** An answer that is not the operation's response document nor an AWS error document. */
export class NotAnAwsResponseError extends Error {
  override name = 'NotAnAwsResponse';
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number; requestId?: string };
  /** Present (so the SDK retries it) for read-only operations and server errors. */
  $retryable?: { throttling?: boolean };
  constructor(
    status: number,
    /** The first characters of the body, for --debug. */
    readonly bodyStart: string,
    requestId?: string,
  ) {
    super(`the endpoint's answer (HTTP ${status}) is not an AWS response`);
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
  }
}

/** Describe*, Get*, List*: sending them again changes nothing, so an unreadable answer is retried. */
export function isReadOnlyOperation(commandName: string | undefined): boolean {
  return /^(Describe|Get|List)/.test(commandName ?? '');
}

/** The name of the first element of an XML document (after any declaration, comments and whitespace). */
export function rootElement(text: string): string | undefined {
  const m = /^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/.exec(text);
  return m?.[1];
}

/** Whether `body` is the answer the protocol allows for `operation` at HTTP `status`. */
export function isAwsDocument(protocol: XmlProtocol, operation: string, status: number, body: string): boolean {
  const root = rootElement(body);
  if (status >= 200 && status < 300) return root === `${operation}Response`;
  // Query protocol errors: <ErrorResponse><Error>…; EC2: <Response><Errors><Error>…
  return protocol === 'ec2' ? root === 'Response' || root === 'ErrorResponse' : root === 'ErrorResponse' || root === 'Error';
}

interface HttpResponseLike {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

async function readAll(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  const chunks: Uint8Array[] = [];
  for await (const c of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof c === 'string' ? new TextEncoder().encode(c) : c);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Marks on an error thrown by a request (see `attemptTracking`). */
interface AttemptMarks {
  $metadata?: { httpStatusCode?: number };
  $retryable?: object;
  /** An earlier attempt of this same request got no readable answer: it may have taken effect. */
  $earlierAttemptUnanswered?: boolean;
  message?: string;
  name?: string;
}

/**
 * True when an earlier attempt of the request that failed with `err` went unanswered (the
 * connection dropped, the answer was unreadable, a timeout or a server error): a `NotFound` from a
 * delete or an `AlreadyExists` from a create may then be that earlier attempt's own effect.
 */
export function earlierAttemptUnanswered(err: unknown): boolean {
  return (err as AttemptMarks | undefined)?.$earlierAttemptUnanswered === true;
}

/** An attempt's failure that says nothing about whether the request took effect. */
function unanswered(err: AttemptMarks): boolean {
  const status = err.$metadata?.httpStatusCode;
  return status === undefined || status >= 500 || err.name === 'NotAnAwsResponse' || (status < 300 && /Deserialization error|XML parse error/i.test(err.message ?? ''));
}

/** A 2xx answer the SDK could not read (truncated, garbled) or that was not AWS's. */
function unreadableSuccess(err: AttemptMarks): boolean {
  const status = err.$metadata?.httpStatusCode;
  return status !== undefined && status >= 200 && status < 300 && (err.name === 'NotAnAwsResponse' || /Deserialization error|XML parse error|Unexpected|JSON/i.test(err.message ?? ''));
}

interface Stack {
  middlewareStack: { add(mw: unknown, opts: { step: string; name: string; priority?: string }): void };
}
type Ctx = { commandName?: string; [key: string]: unknown };

const UNANSWERED = '__scalectlEarlierAttemptUnanswered';

/**
 * Adds the checks to a client. `protocol` set: a body that is not the operation's response
 * document (nor an error document) fails as `NotAnAwsResponse`. For every client: a read-only
 * call whose 2xx answer is unreadable is retried like a transient fault (a write is not: it may
 * have taken effect), and an error after an unanswered attempt is marked (`earlierAttemptUnanswered`).
 */
export function addWireChecks(client: Stack, protocol: XmlProtocol | undefined): void {
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<{ output: unknown }>, ctx: Ctx) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (err) {
        const e = err as AttemptMarks;
        if (e && typeof e === 'object') {
          if (ctx[UNANSWERED]) e.$earlierAttemptUnanswered = true;
          if (unanswered(e)) ctx[UNANSWERED] = true;
          if (unreadableSuccess(e) && isReadOnlyOperation(ctx.commandName)) e.$retryable ??= {};
        }
        throw err;
      }
    },
    // Outside the SDK's deserializer (which throws an unreadable answer's error), inside the retries.
    { step: 'deserialize', name: 'scalectlAttemptTracking', priority: 'high' },
  );
  if (!protocol) return;
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<{ response: unknown; output: unknown }>, ctx: Ctx) => async (args: unknown) => {
      const result = await next(args);
      const res = result.response as HttpResponseLike | undefined;
      const status = res?.statusCode;
      if (!res || status === undefined || (status >= 300 && status < 400)) return result;
      const bytes = await readAll(res.body);
      res.body = bytes; // the SDK's deserializer reads it from here
      const head = new TextDecoder().decode(bytes.subarray(0, 2048));
      const operation = (ctx.commandName ?? '').replace(/Command$/, '');
      if (!isAwsDocument(protocol, operation, status, head)) {
        const requestId = res.headers?.['x-amzn-requestid'] ?? res.headers?.['x-amz-request-id'];
        throw new NotAnAwsResponseError(status, head.slice(0, 200), requestId);
      }
      return result;
    },
    // Inside the deserializer: sees the raw answer before the SDK parses it.
    { step: 'deserialize', name: 'scalectlAwsDocumentCheck', priority: 'low' },
  );
}

/** One raw answer of the service, as it came off the wire (for the legacy tools' --show-xml). */
export interface RawAnswer {
  service: string;
  operation: string;
  status: number;
  body: string;
}

/** Hands every answer's body to `onAnswer` before the SDK parses it; the body itself is kept. */
export function addAnswerCapture(client: Stack, service: string, onAnswer: (a: RawAnswer) => void): void {
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<{ response: unknown; output: unknown }>, ctx: Ctx) => async (args: unknown) => {
      const result = await next(args);
      const res = result.response as HttpResponseLike | undefined;
      if (!res || res.statusCode === undefined) return result;
      const bytes = await readAll(res.body);
      res.body = bytes;
      onAnswer({ service, operation: (ctx.commandName ?? '').replace(/Command$/, ''), status: res.statusCode, body: new TextDecoder().decode(bytes) });
      return result;
    },
    { step: 'deserialize', name: 'scalectlAnswerCapture', priority: 'low' },
  );
}

/** The wire protocol of each client that `addWireChecks` checks documents for. */
export const XML_PROTOCOL: Record<string, XmlProtocol | undefined> = { elb: 'query', elbv2: 'query', iam: 'query', autoscaling: 'query', sns: 'query', ec2: 'ec2' };
