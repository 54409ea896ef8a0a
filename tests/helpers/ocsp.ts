// A real OCSP responder on loopback: each request is answered by `openssl ocsp` in one-shot mode
// (-reqin/-respout) from the test PKI's `openssl ca` database, signed with a responder
// certificate (EKU OCSPSigning), behind a tiny HTTP server bound to 127.0.0.1. One-shot mode
// re-reads the database each time, so a revocation shows up at once.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Pki } from './pki';

const execFileAsync = promisify(execFile);

export interface OcspResponder {
  url: string;
  served(): number;
  close(): Promise<void>;
}

/** Starts the responder; issue leaves with `ocspUrl: responder.url` after this. */
export async function startOcsp(pki: Pki, dir: string): Promise<OcspResponder> {
  await fs.mkdir(dir, { recursive: true });
  const responder = pki.issue({
    cn: 'Sohoa Test OCSP',
    keyUsage: 'digitalSignature',
    extendedKeyUsage: 'OCSPSigning',
  });
  let count = 0;
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const n = ++seq;
        const reqFile = path.join(dir, `q${n}.der`);
        const respFile = path.join(dir, `r${n}.der`);
        try {
          await fs.writeFile(reqFile, Buffer.concat(chunks));
          await execFileAsync('openssl', [
            'ocsp',
            '-index',
            pki.indexPath,
            '-rsigner',
            responder.certPath,
            '-rkey',
            responder.keyPath!,
            '-CA',
            pki.intermediate.certPath,
            '-reqin',
            reqFile,
            '-respout',
            respFile,
          ]);
          count++;
          res
            .writeHead(200, { 'Content-Type': 'application/ocsp-response' })
            .end(await fs.readFile(respFile));
        } catch (e) {
          res.writeHead(500).end(String(e));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ocsp`,
    served: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
