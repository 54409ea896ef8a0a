// A real OCSP responder on loopback: each request is answered by `openssl ocsp` in one-shot mode
// (-reqin/-respout) from the test PKI's `openssl ca` database, signed with a responder
// certificate (EKU OCSPSigning), behind a tiny HTTP server bound to 127.0.0.1. One-shot mode
// re-reads the database each time, so a revocation shows up at once.
import fs from 'node:fs/promises';
import { serveOpenssl, type OpensslHttpServer } from './opensslHttp';
import type { Issued, Pki } from './pki';

export type OcspResponder = OpensslHttpServer;

/**
 * Starts the responder; issue leaves with `ocspUrl: responder.url` after this. `signer` makes
 * it sign with another certificate (a responder the CA never authorised).
 */
export async function startOcsp(pki: Pki, dir: string, signer?: Issued): Promise<OcspResponder> {
  await fs.mkdir(dir, { recursive: true });
  const responder =
    signer ??
    pki.issue({
      cn: 'Sohoa Test OCSP',
      keyUsage: 'digitalSignature',
      extendedKeyUsage: 'OCSPSigning',
    });
  return serveOpenssl({
    dir,
    urlPath: '/ocsp',
    requestExt: 'der',
    responseExt: 'der',
    contentType: 'application/ocsp-response',
    opensslArgs: (reqFile, respFile) => [
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
    ],
  });
}
