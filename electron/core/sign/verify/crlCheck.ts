// A certificate revocation list (RFC 5280 section 5) about one certificate: issued under the
// certificate's issuer's name, signed with that issuer's key (which must be allowed to sign
// CRLs), and whether it lists the certificate's serial number. The revoked entries are scanned
// without building objects for them: a CA's CRL can hold hundreds of thousands.
import type { X509Certificate } from 'node:crypto';
import { verifySignature } from './cmsVerify';
import { children, contents, isContext, raw, readTlv, timeOf, type Tlv } from './der';
import { keyUsageBits } from './pathValidation';

export interface CrlAnswer {
  revoked: boolean;
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export type CrlResult = { answer: CrlAnswer } | { problem: string };

function tbsOf(cert: X509Certificate) {
  const tbs = children(children(readTlv(cert.raw, 0))[0]!);
  const o = isContext(tbs[0], 0) ? 1 : 0;
  return { serial: contents(tbs[o]!), issuer: raw(tbs[o + 2]!) };
}

const isTime = (t: Tlv | undefined) =>
  t !== undefined && t.cls === 0 && (t.tag === 23 || t.tag === 24);

export function checkCrl(crl: Buffer, cert: X509Certificate, issuer: X509Certificate): CrlResult {
  try {
    const [tbsTlv, sigAlg, sigBits] = children(readTlv(crl, 0));
    if (!tbsTlv || !sigAlg || !sigBits) return { problem: 'malformed CRL' };
    const tbs = children(tbsTlv);
    let i = tbs[0]?.tag === 2 && tbs[0].cls === 0 ? 1 : 0; // optional version
    i++; // signature algorithm
    const crlIssuer = raw(tbs[i++]!);
    const thisUpdate = timeOf(tbs[i++]!);
    const nextUpdate = isTime(tbs[i]) ? timeOf(tbs[i++]!) : undefined;
    const { serial, issuer: certIssuer } = tbsOf(cert);
    if (!crlIssuer.equals(certIssuer)) return { problem: 'the CRL is from another issuer' };
    const usage = keyUsageBits(issuer);
    if (usage && !usage.has('cRLSign')) return { problem: 'the issuer may not sign CRLs' };
    const signature = contents(sigBits).subarray(1);
    if (!verifySignature(sigAlg, 'sha256', raw(tbsTlv), issuer.publicKey, signature).ok) {
      return { problem: 'the CRL signature does not verify' };
    }
    const answer: CrlAnswer = { revoked: false, thisUpdate, ...(nextUpdate ? { nextUpdate } : {}) };
    const list = tbs[i];
    if (list && list.cls === 0 && list.tag === 16) {
      for (let p = list.contentStart; p < list.contentEnd;) {
        const entry = readTlv(list.buf, p, list.contentEnd);
        p = entry.end;
        const num = readTlv(entry.buf, entry.contentStart, entry.contentEnd);
        if (!contents(num).equals(serial)) continue;
        answer.revoked = true;
        answer.revokedAt = timeOf(readTlv(entry.buf, num.end, entry.contentEnd));
        break;
      }
    }
    return { answer };
  } catch {
    return { problem: 'the CRL cannot be read' };
  }
}
