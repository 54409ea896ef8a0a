// A real RFC 3161 time-stamping authority on loopback: OpenSSL's `openssl ts -reply` behind a
// tiny HTTP wrapper, with a TSA certificate issued by the test PKI (EKU timeStamping).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Pki } from './pki';

const execFileAsync = promisify(execFile);

export interface Tsa {
  url: string;
  /** How many stamps were served (a test can assert the signer really asked). */
  served(): number;
  close(): Promise<void>;
}

export async function startTsa(pki: Pki, dir: string, ocspUrl?: string): Promise<Tsa> {
  await fs.mkdir(dir, { recursive: true });
  const tsa = pki.issue({
    cn: 'Sohoa Test TSA',
    keyUsage: 'digitalSignature',
    extendedKeyUsage: 'timeStamping',
    ...(ocspUrl ? { ocspUrl } : {}),
  });
  const conf = path.join(dir, 'tsa.cnf');
  await fs.writeFile(path.join(dir, 'serial'), '01\n');
  await fs.writeFile(
    conf,
    [
      '[tsa]',
      'default_tsa = test_tsa',
      '[test_tsa]',
      `serial = ${path.join(dir, 'serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${tsa.certPath}`,
      `certs = ${pki.intermediate.certPath}`,
      `signer_key = ${tsa.keyPath!}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let count = 0;
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const n = ++seq;
        const query = path.join(dir, `q${n}.tsq`);
        const reply = path.join(dir, `r${n}.tsr`);
        try {
          await fs.writeFile(query, Buffer.concat(chunks));
          await execFileAsync('openssl', [
            'ts',
            '-reply',
            '-config',
            conf,
            '-queryfile',
            query,
            '-out',
            reply,
          ]);
          const body = await fs.readFile(reply);
          count++;
          res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(body);
        } catch (e) {
          res.writeHead(500).end(String(e));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    served: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
