// Revocation evidence stored in a PDF's /DSS (PAdES B-LT): an OCSP response (RFC 6960) about
// the signer's certificate, signed by its issuer or by a responder certificate the issuer made.
import { X509Certificate } from 'node:crypto';
import { children, contents, isContext, raw, readTlv } from './der';
import { verifySignature } from './cmsVerify';

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

function serialOf(cert: X509Certificate): Buffer {
  const tbs = children(children(readTlv(cert.raw, 0))[0]!);
  return contents(tbs[isContext(tbs[0], 0) ? 1 : 0]!);
}

/**
 * The status an OCSP response gives `cert`, if it is about it and its signature verifies with
 * the issuer or a responder certificate issued by the issuer; undefined otherwise.
 */
export function ocspStatusFor(
  response: Buffer,
  cert: X509Certificate,
  issuer: X509Certificate | undefined,
  extraCerts: X509Certificate[],
): RevocationStatus | undefined {
  try {
    const top = children(readTlv(response, 0));
    if (contents(top[0]!)[0] !== 0 || !top[1]) return undefined;
    const basic = children(readTlv(contents(children(children(top[1])[0]!)[1]!), 0));
    const [tbsTlv, sigAlg, sigBits] = basic;
    if (!tbsTlv || !sigAlg || !sigBits) return undefined;
    const tbs = children(tbsTlv);
    const o = isContext(tbs[0], 0) ? 1 : 0;
    const serial = serialOf(cert);
    let status: RevocationStatus | undefined;
    for (const single of children(tbs[o + 2]!)) {
      const parts = children(single);
      const certId = children(parts[0]!);
      if (!contents(certId[3]!).equals(serial)) continue;
      status = parts[1]!.tag === 0 ? 'good' : parts[1]!.tag === 1 ? 'revoked' : 'unknown';
    }
    if (!status) return undefined;
    const embedded = isContext(basic[3], 0)
      ? children(children(basic[3])[0]!).map((c) => new X509Certificate(raw(c)))
      : [];
    const signers = [...(issuer ? [issuer] : []), ...embedded, ...extraCerts].filter(
      (c) =>
        c === issuer ||
        (issuer !== undefined && c.checkIssued(issuer) && c.verify(issuer.publicKey)),
    );
    const signature = contents(sigBits).subarray(1); // BIT STRING: drop the unused-bits octet
    const ok = signers.some((s) => {
      try {
        return verifySignature(sigAlg, 'sha256', raw(tbsTlv), s.publicKey, signature).ok;
      } catch {
        return false;
      }
    });
    return ok ? status : undefined;
  } catch {
    return undefined;
  }
}
