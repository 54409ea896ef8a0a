// A real S3-compatible server (s3rver, from npm) on 127.0.0.1, and a fault-injecting proxy in
// front of it: 500/503 answers, connection resets, a very slow server, a server that is gone.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

// s3rver ships no types; this is the part of its API the tests use.
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;

export const BUCKET = 'luu-tru';
export const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Server {
  endpoint: string;
  directory: string;
  port: number;
  close(): Promise<void>;
}

export async function startS3(port = 0, directory?: string): Promise<S3Server> {
  const dir = directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const addr = await server.run();
  return {
    endpoint: `http://127.0.0.1:${addr.port}`,
    directory: dir,
    port: addr.port,
    close: () => server.close(),
  };
}

export type Fault = 'pass' | 'reset' | 500 | 503 | { slowMs: number };

/** Sits between the client and the server; `decide` picks what happens to each request. */
export class FaultyProxy {
  private server: http.Server;
  private sockets = new Set<Socket>();
  port = 0;
  requests = 0;
  decide: (req: http.IncomingMessage, n: number) => Fault = () => 'pass';

  constructor(private target: () => string) {
    this.server = http.createServer((req, res) => {
      const n = ++this.requests;
      const fault = this.decide(req, n);
      if (fault === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault === 500 || fault === 503) {
        req.resume();
        req.on('end', () => {
          res.writeHead(fault, { 'content-type': 'application/xml' });
          res.end(
            `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault === 503 ? 'SlowDown' : 'InternalError'}</Code><Message>injected</Message></Error>`,
          );
        });
        return;
      }
      const forward = () => {
        const upstream = http.request(
          `${this.target()}${req.url}`,
          { method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => req.socket.destroy());
        req.pipe(upstream);
      };
      if (typeof fault === 'object') setTimeout(forward, fault.slowMs);
      else forward();
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
