// What the loopback OCSP responder and TSA share: a tiny HTTP server on 127.0.0.1 that writes
// each request body to a file, runs `openssl` in one-shot mode on it and answers with the file
// openssl wrote. One openssl run per request keeps every answer as fresh as the files it reads
// (a revocation in the CA database shows up at once).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface OpensslHttpServer {
  url: string;
  /** How many answers were served (a test can assert the client really asked). */
  served(): number;
  close(): Promise<void>;
}

export interface OpensslHttpOptions {
  /** Where request and response files go (`q<n>.<ext>`, `r<n>.<ext>`); must exist. */
  dir: string;
  /** The URL's path, e.g. `/ocsp`; the server answers on any path. */
  urlPath: string;
  requestExt: string;
  responseExt: string;
  contentType: string;
  /** openssl's arguments for one request: read `requestFile`, write `responseFile`. */
  opensslArgs(requestFile: string, responseFile: string): string[];
}

export async function serveOpenssl(options: OpensslHttpOptions): Promise<OpensslHttpServer> {
  let count = 0;
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const n = ++seq;
        const requestFile = path.join(options.dir, `q${n}.${options.requestExt}`);
        const responseFile = path.join(options.dir, `r${n}.${options.responseExt}`);
        try {
          await fs.writeFile(requestFile, Buffer.concat(chunks));
          await execFileAsync('openssl', options.opensslArgs(requestFile, responseFile));
          const body = await fs.readFile(responseFile);
          count++;
          res.writeHead(200, { 'Content-Type': options.contentType }).end(body);
        } catch (e) {
          res.writeHead(500).end(String(e));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.urlPath}`,
    served: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
