// An OCSP response (RFC 6960) about one certificate, checked the way a relying party must:
// the response is about this certificate of this issuer (serial and issuer key hash), it is
// signed, and its signer is authorised: the issuing CA itself, or a delegated responder whose
// certificate that CA issued with id-kp-OCSPSigning and which was valid when it answered.
// A response that fails any of this is no evidence at all.
import { X509Certificate, createHash } from 'node:crypto';
import { verifySignature, hashName } from './cmsVerify';
import { children, contents, isContext, oidOf, raw, readTlv, timeOf, type Tlv } from './der';
import { extendedKeyUsage } from './pathValidation';

export interface OcspAnswer {
  status: 'good' | 'revoked' | 'unknown';
  thisUpdate: Date;
  nextUpdate?: Date;
  producedAt: Date;
  revokedAt?: Date;
}

export type OcspResult = { answer: OcspAnswer } | { problem: string };

const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

function tbsParts(cert: X509Certificate) {
  const tbs = children(children(readTlv(cert.raw, 0))[0]!);
  const o = isContext(tbs[0], 0) ? 1 : 0;
  return { serial: contents(tbs[o]!), subject: raw(tbs[o + 4]!), spki: tbs[o + 5]! };
}

/** The subjectPublicKey bits (without the unused-bits octet), as CertID and ResponderID hash them. */
const keyBits = (cert: X509Certificate) => contents(children(tbsParts(cert).spki)[1]!).subarray(1);

function matchesCertId(certId: Tlv[], cert: X509Certificate, issuer: X509Certificate): boolean {
  const hash = hashName(oidOf(children(certId[0]!)[0]!));
  if (!hash || !contents(certId[3]!).equals(tbsParts(cert).serial)) return false;
  const keyHash = createHash(hash).update(keyBits(issuer)).digest();
  const nameHash = createHash(hash).update(tbsParts(issuer).subject).digest();
  return contents(certId[2]!).equals(keyHash) && contents(certId[1]!).equals(nameHash);
}

function responderMatches(id: Tlv, cert: X509Certificate): boolean {
  if (isContext(id, 1)) return raw(children(id)[0]!).equals(tbsParts(cert).subject);
  if (isContext(id, 2)) {
    return contents(children(id)[0]!).equals(createHash('sha1').update(keyBits(cert)).digest());
  }
  return false;
}

function authorised(responder: X509Certificate, issuer: X509Certificate, at: Date): boolean {
  if (
    responder.raw.equals(issuer.raw) ||
    (responder.subject === issuer.subject && responder.publicKey.equals(issuer.publicKey))
  ) {
    return true;
  }
  try {
    return (
      responder.checkIssued(issuer) &&
      responder.verify(issuer.publicKey) &&
      (extendedKeyUsage(responder) ?? []).includes(OCSP_SIGNING) &&
      at >= new Date(responder.validFrom) &&
      at <= new Date(responder.validTo)
    );
  } catch {
    return false;
  }
}

function readSingle(single: Tlv): Omit<OcspAnswer, 'producedAt'> {
  const parts = children(single);
  const status = parts[1]!;
  const thisUpdate = timeOf(parts[2]!);
  const next = parts.slice(3).find((p) => isContext(p, 0));
  const answer: Omit<OcspAnswer, 'producedAt'> = {
    status: status.tag === 0 ? 'good' : status.tag === 1 ? 'revoked' : 'unknown',
    thisUpdate,
    ...(next ? { nextUpdate: timeOf(children(next)[0]!) } : {}),
  };
  if (status.tag === 1 && status.constructed) answer.revokedAt = timeOf(children(status)[0]!);
  return answer;
}

export function checkOcsp(
  response: Buffer,
  cert: X509Certificate,
  issuer: X509Certificate,
  pool: X509Certificate[],
): OcspResult {
  try {
    const top = children(readTlv(response, 0));
    if (contents(top[0]!)[0] !== 0 || !top[1])
      return { problem: 'the responder refused to answer' };
    const basic = children(readTlv(contents(children(children(top[1])[0]!)[1]!), 0));
    const [tbsTlv, sigAlg, sigBits] = basic;
    if (!tbsTlv || !sigAlg || !sigBits) return { problem: 'malformed OCSP response' };
    const tbs = children(tbsTlv);
    const o = isContext(tbs[0], 0) ? 1 : 0;
    const producedAt = timeOf(tbs[o + 1]!);
    const single = children(tbs[o + 2]!).find((s) =>
      matchesCertId(children(children(s)[0]!), cert, issuer),
    );
    if (!single) return { problem: 'the OCSP response is about another certificate' };
    const embedded = isContext(basic[3], 0)
      ? children(children(basic[3])[0]!).map((c) => new X509Certificate(raw(c)))
      : [];
    const candidates = [issuer, ...embedded, ...pool].filter((c) => responderMatches(tbs[o]!, c));
    const signature = contents(sigBits).subarray(1);
    const signer = candidates.find((c) => {
      try {
        return verifySignature(sigAlg, 'sha256', raw(tbsTlv), c.publicKey, signature).ok;
      } catch {
        return false;
      }
    });
    if (!signer) return { problem: 'the OCSP response signature does not verify' };
    if (!authorised(signer, issuer, producedAt)) {
      return { problem: 'the OCSP response is signed by a responder the CA did not authorise' };
    }
    return { answer: { ...readSingle(single), producedAt } };
  } catch {
    return { problem: 'the OCSP response cannot be read' };
  }
}
