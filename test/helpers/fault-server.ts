// A fault-injecting loopback HTTP server: answers chosen requests with a fault (an HTML page, a
// throttling error in the protocol's own form, a garbled or truncated body, a dropped connection
// after the request reached the real server) and forwards the rest to `upstream` (moto), if any.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Protocol = 'query' | 'ec2' | 'json';

/** What to do with a matched request. */
export type FaultKind =
  | 'html-200' // a captive portal's page
  | 'html-502' // a proxy's Bad Gateway page
  | 'html-500'
  | 'throttle' // the protocol's own throttling error
  | 'lost-answer' // forward to upstream, then drop the connection instead of answering
  | 'garbled-200' // a 200 whose XML is cut off in the middle
  | { status: number; body: string; contentType?: string }
  /** An answer made from the request body (e.g. an error that echoes it). */
  | { respond(body: string): { status: number; body: string; contentType?: string } };

export interface Fault {
  /** The API operation (query `Action=`, or the JSON `X-Amz-Target` operation); any when absent. */
  action?: string;
  /** Only requests of this protocol (EC2's query dialect, the JSON protocol). */
  protocol?: Protocol;
  /** Only query requests of this API version (`2012-06-01` classic ELB, `2015-12-01` ELBv2: the same action names). */
  version?: string;
  /** How many matching requests get the fault (default 1); Infinity for all. */
  times?: number;
  kind: FaultKind;
}

export interface SeenRequest {
  action: string;
  protocol: Protocol;
  /** The query `Version=`, when there is one. */
  version?: string;
  body: string;
  /** The fault answered, or undefined when forwarded or answered normally. */
  fault?: FaultKind;
}

export interface FaultServer {
  url: string;
  /** Faults, consumed in order of matching. */
  faults: Fault[];
  requests: SeenRequest[];
  close(): Promise<void>;
}

function requestInfo(req: IncomingMessage, body: string): { action: string; protocol: Protocol; version?: string } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { action: target.split('.').pop() ?? target, protocol: 'json' };
  const params = new URLSearchParams(body || (req.url ?? '').split('?')[1] || '');
  const version = params.get('Version') ?? undefined;
  return { action: params.get('Action') ?? '', protocol: version === '2016-11-15' ? 'ec2' : 'query', ...(version ? { version } : {}) };
}

/** Escapes text for an XML element. */
export const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A query-protocol error document. */
export const queryError = (code: string, message: string, status = 400) => ({ status, body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlText(message)}</Message></Error><RequestId>fault</RequestId></ErrorResponse>` });

const HTML = (title: string) => `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>Please sign in to the network.</p></body></html>\n`;

function throttle(protocol: Protocol): { status: number; body: string; contentType: string } {
  if (protocol === 'json') return { status: 400, contentType: 'application/x-amz-json-1.0', body: JSON.stringify({ __type: 'com.amazonaws.cloudwatch#ThrottlingException', message: 'Rate exceeded' }) };
  if (protocol === 'ec2') return { status: 503, contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>fault-ec2</RequestID></Response>' };
  return { status: 400, contentType: 'text/xml', body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-query</RequestId></ErrorResponse>' };
}

async function forward(upstream: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  const u = new URL(upstream);
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: u.hostname, port: u.port, method: req.method, path: req.url, headers: { ...req.headers, host: u.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** Starts the server on a free loopback port. */
export async function startFaultServer(opts: { upstream?: string; faults?: Fault[] } = {}): Promise<FaultServer> {
  const faults: Fault[] = opts.faults ?? [];
  const requests: SeenRequest[] = [];
  const take = (action: string, protocol: Protocol, version?: string): FaultKind | undefined => {
    const i = faults.findIndex((f) => (!f.action || f.action === action) && (!f.protocol || f.protocol === protocol) && (!f.version || f.version === version));
    if (i < 0) return undefined;
    const f = faults[i]!;
    const left = (f.times ?? 1) - 1;
    if (left <= 0) faults.splice(i, 1);
    else f.times = left;
    return f.kind;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const body = raw.toString('utf8');
    const { action, protocol, version } = requestInfo(req, body);
    const kind = take(action, protocol, version);
    requests.push({ action, protocol, body, ...(version ? { version } : {}), ...(kind ? { fault: kind } : {}) });
    const send = (status: number, contentType: string, text: string | Buffer, headers: Record<string, string | string[] | undefined> = {}) => {
      res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    if (kind === 'html-200') return send(200, 'text/html', HTML('Welcome to the guest network'));
    if (kind === 'html-502') return send(502, 'text/html', HTML('502 Bad Gateway'));
    if (kind === 'html-500') return send(500, 'text/html', HTML('500 Internal Server Error'));
    if (kind === 'throttle') {
      const t = throttle(protocol);
      return send(t.status, t.contentType, t.body);
    }
    if (typeof kind === 'object') {
      const a = 'respond' in kind ? kind.respond(body) : kind;
      return send(a.status, a.contentType ?? 'text/xml', a.body);
    }
    if (!opts.upstream) {
      if (kind === 'garbled-200') return send(200, 'text/xml', `<${action}Response xmlns="https://example.com/doc/"><${action}Result><Mem`);
      return send(500, 'text/plain', 'fault server: no upstream and no fault for this request');
    }
    const up = await forward(opts.upstream, req, raw);
    if (kind === 'lost-answer') {
      req.socket.destroy(); // the request took effect; its answer never arrives
      return;
    }
    const { 'content-length': _len, 'transfer-encoding': _te, connection: _c, ...headers } = up.headers;
    if (kind === 'garbled-200') return send(200, String(up.headers['content-type'] ?? 'text/xml'), up.body.subarray(0, Math.floor(up.body.length / 2)), headers);
    return send(up.status, String(up.headers['content-type'] ?? 'text/xml'), up.body, headers);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`fault server error: ${err.message}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
