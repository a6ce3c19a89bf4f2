// A small IMDSv2 look-alike on a loopback port: PUT /latest/api/token hands out a token, and every
// GET must carry it (401 otherwise), as on EC2. moto's own emulation only answers 169.254.169.254.
import { createServer, type Server } from 'node:http';

export interface FakeMetadata {
  /** Base URL for AWS_EC2_METADATA_SERVICE_ENDPOINT. */
  endpoint: string;
  /** Paths under /latest/ and their answers; absent = 404. Change it between requests freely. */
  data: Record<string, string>;
  /** Every request as `METHOD path token-or-none`. */
  log: string[];
  close(): Promise<void>;
}

export async function startMetadataServer(data: Record<string, string>): Promise<FakeMetadata> {
  const tokens = new Set<string>();
  const log: string[] = [];
  const state = { data };
  let n = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/latest\//, '');
    const token = req.headers['x-aws-ec2-metadata-token'];
    log.push(`${req.method} ${path} ${typeof token === 'string' ? token : 'none'}`);
    if (req.method === 'PUT' && path === 'api/token') {
      if (!req.headers['x-aws-ec2-metadata-token-ttl-seconds']) return void res.writeHead(400).end();
      const t = `token-${++n}`;
      tokens.add(t);
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(t);
    }
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (typeof token !== 'string' || !tokens.has(token)) return void res.writeHead(401).end();
    const body = state.data[path];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get data() { return state.data; },
    set data(d) { state.data = d; },
    log,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
