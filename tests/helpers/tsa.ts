// A real RFC 3161 time-stamping authority on loopback: OpenSSL's `openssl ts -reply` behind a
// tiny HTTP wrapper, with a TSA certificate issued by the test PKI (EKU timeStamping).
import fs from 'node:fs/promises';
import path from 'node:path';
import { serveOpenssl, type OpensslHttpServer } from './opensslHttp';
import type { Pki } from './pki';

/** `served()` counts the stamps (a test can assert the signer really asked). */
export type Tsa = OpensslHttpServer;

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
  return serveOpenssl({
    dir,
    urlPath: '/tsa',
    requestExt: 'tsq',
    responseExt: 'tsr',
    contentType: 'application/timestamp-reply',
    opensslArgs: (query, reply) => [
      'ts',
      '-reply',
      '-config',
      conf,
      '-queryfile',
      query,
      '-out',
      reply,
    ],
  });
}
