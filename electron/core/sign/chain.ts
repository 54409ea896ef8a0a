// Certification paths: from a signer's certificate up through the issuers we were given to a
// trust anchor. Node's X509Certificate does the cryptography (checkIssued, verify); the path is
// built here because Node has no path builder and OpenSSL's is not exposed.
import { X509Certificate } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const MAX_PATH = 10;

export interface ChainResult {
  /** Leaf first; ends at an anchor when trusted, else wherever the known issuers ran out. */
  path: X509Certificate[];
  /** The path ends at one of the anchors (each link's signature checked). */
  trusted: boolean;
  /** A link's signature did not verify (a forged or mismatched issuer). */
  broken: boolean;
}

const sameCert = (a: X509Certificate, b: X509Certificate) => a.fingerprint256 === b.fingerprint256;

export function buildChain(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  anchors: X509Certificate[],
): ChainResult {
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    if (anchors.some((a) => sameCert(a, current))) return { path, trusted: true, broken: false };
    // An anchor beats an intermediate of the same name, so a re-issued root in the CMS is ignored.
    const candidates = [...anchors, ...intermediates].filter(
      (c) => !sameCert(c, current) && current.checkIssued(c),
    );
    const issuer = candidates.find((c) => safeVerify(current, c));
    if (!issuer) {
      const selfSigned = current.checkIssued(current);
      return { path, trusted: false, broken: candidates.length > 0 && !selfSigned };
    }
    path.push(issuer);
    current = issuer;
  }
  return { path, trusted: false, broken: false };
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Every certificate (PEM, possibly several per file, or DER) in the files of a folder. */
export async function loadAnchors(dir: string): Promise<X509Certificate[]> {
  const out: X509Certificate[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.(pem|crt|cer|der)$/i.test(name)) continue;
    out.push(...parseCertificates(await readFile(path.join(dir, name))));
  }
  return out;
}

export function parseCertificates(bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (blocks) return blocks.map((b) => new X509Certificate(b));
  return [new X509Certificate(bytes)];
}
