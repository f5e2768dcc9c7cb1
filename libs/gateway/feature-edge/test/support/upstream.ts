import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP service standing in for one OneWindow service: `/echo/*` and every other path answer
 * with what they received, `/slow` never answers in time, `/public/cacheable/*` answers as a public answer
 * the edge may keep (Surrogate-Key `test-public`), `/openapi.json` serves `document` (404 when
 * there is none). Every request is recorded, so tests can prove what did or did not reach it.
 */
export class TestUpstream {
  private constructor(
    private readonly server: Server,
    readonly name: string,
    readonly received: ReceivedRequest[],
  ) {}

  static async start(name: string, document?: object): Promise<TestUpstream> {
    const log: ReceivedRequest[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        log.push(received);
        if (request.url === '/slow') return; // never answers; the gateway's timeout fires first
        if (request.url === '/openapi.json') {
          if (!document) response.writeHead(404).end();
          else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
          return;
        }
        if (request.url?.startsWith('/public/cacheable/')) {
          // A public answer marked for the edge, as the catalogue's are; its body counts the renders.
          const body = JSON.stringify({ upstream: name, url: request.url, render: log.filter((r) => r.url === request.url).length });
          response
            .writeHead(200, {
              'content-type': 'application/json; charset=utf-8',
              'content-length': Buffer.byteLength(body),
              etag: '"v1"',
              'cache-control': 'public, no-cache',
              'surrogate-control': 'max-age=300',
              'surrogate-key': 'test-public',
            })
            .end(body);
          return;
        }
        if (request.url === '/unavailable') {
          response.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '7' }).end('{"code":"MAINTENANCE"}');
          return;
        }
        response
          .writeHead(200, {
            'content-type': 'application/json',
            'x-upstream': name,
            server: 'internal-build-1.2.3',
            'access-control-allow-origin': '*',
          })
          .end(JSON.stringify({ upstream: name, ...received }));
      });
    });
    const instance = new TestUpstream(server, name, log);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): ReceivedRequest[] {
    return this.received.filter((request) => request.url.startsWith(prefix));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A URL on which nothing listens: connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
