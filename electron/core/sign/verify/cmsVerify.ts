// Verification of a CMS SignedData (RFC 5652) with one SignerInfo: the message digest over the
// content, the signature over the signed attributes exactly as they sit in the file, and the
// signer's certificate. Node's crypto does the mathematics (RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA,
// EdDSA with Ed25519 and Ed448).
import { X509Certificate, constants, createHash, verify, type KeyObject } from 'node:crypto';
import { children, contents, isContext, oidOf, raw, readTlv, timeOf, type Tlv } from './der';

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.8': 'sha3-256',
  '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
  '2.16.840.1.101.3.4.2.11': 'shake128',
  '2.16.840.1.101.3.4.2.12': 'shake256',
  // id-shake256-len (RFC 8419, with Ed448): SHAKE256 with a stated output length, 512 bits in CMS.
  '2.16.840.1.101.3.4.2.18': 'shake256',
};

/** SHAKE output lengths used with signatures (RFC 8419, RFC 8702): 256 and 512 bits. */
const SHAKE_BYTES: Record<string, number> = { shake128: 32, shake256: 64 };

/** A hash of the named algorithm, SHAKE with its signature-use output length. */
export function newHash(name: string) {
  const length = SHAKE_BYTES[name];
  return length ? createHash(name, { outputLength: length }) : createHash(name);
}

/** Signature algorithm OIDs that name their own hash. */
const SIG_HASH: Record<string, { kind: 'rsa' | 'ecdsa'; hash: string }> = {
  '1.2.840.113549.1.1.5': { kind: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { kind: 'rsa', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.14': { kind: 'rsa', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.15': { kind: 'rsa', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.16': { kind: 'rsa', hash: 'sha3-512' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.10': { kind: 'ecdsa', hash: 'sha3-256' },
};

export const ATTR = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  signaturePolicy: '1.2.840.113549.1.9.16.2.15',
} as const;

export interface CmsCheck {
  /** Problems that make the signature invalid, in English keys the report translates. */
  errors: string[];
  digestAlgorithm?: string;
  signatureAlgorithm?: string;
  signer?: X509Certificate;
  certificates: X509Certificate[];
  /** The signed attributes by OID (first value). */
  signedAttributes: Map<string, Tlv>;
  unsignedAttributes: Map<string, Tlv>;
  signatureValue?: Buffer;
  /** The encapsulated content when not detached (TSTInfo for a timestamp). */
  eContent?: Buffer;
  eContentType?: string;
  signerInfoCount: number;
}

function attributes(tlv: Tlv): Map<string, Tlv> {
  const out = new Map<string, Tlv>();
  for (const attr of children(tlv)) {
    const [type, values] = children(attr);
    const first = values ? children(values)[0] : undefined;
    if (type && first && !out.has(oidOf(type))) out.set(oidOf(type), first);
  }
  return out;
}

function certificateIds(cert: X509Certificate): { issuerSerial: Buffer; ski?: Buffer } {
  const tbs = children(children(readTlv(cert.raw, 0))[0]!);
  const offset = isContext(tbs[0], 0) ? 1 : 0;
  const serial = tbs[offset]!;
  const issuer = tbs[offset + 2]!;
  let ski: Buffer | undefined;
  const extensions = tbs.find((t) => isContext(t, 3));
  if (extensions) {
    for (const ext of children(children(extensions)[0]!)) {
      const parts = children(ext);
      if (oidOf(parts[0]!) === '2.5.29.14') {
        ski = contents(readTlv(contents(parts[parts.length - 1]!), 0));
      }
    }
  }
  return { issuerSerial: Buffer.concat([raw(issuer), contents(serial)]), ...(ski ? { ski } : {}) };
}

export function verifySignature(
  algorithm: Tlv,
  digestName: string,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
): { ok: boolean; name: string } {
  const parts = children(algorithm);
  const oid = oidOf(parts[0]!);
  if (oid === '1.2.840.113549.1.1.1') {
    return { ok: verify(digestName, data, key, signature), name: `RSA/${digestName}` };
  }
  if (oid === '1.2.840.113549.1.1.10') {
    // RSASSA-PSS parameters: [0] hash, [1] MGF1(hash), [2] salt length (default 20).
    let hash = 'sha1';
    let saltLength = 20;
    for (const p of parts[1] ? children(parts[1]) : []) {
      if (isContext(p, 0)) hash = DIGESTS[oidOf(children(children(p)[0]!)[0]!)] ?? 'unknown';
      if (isContext(p, 2))
        saltLength = contents(children(p)[0]!).readUIntBE(0, contents(children(p)[0]!).length);
    }
    const ok = verify(
      hash,
      data,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
      signature,
    );
    return { ok, name: `RSASSA-PSS/${hash}` };
  }
  if (oid === '1.2.840.10045.2.1') {
    return {
      ok: verify(digestName, data, { key, dsaEncoding: 'der' }, signature),
      name: `ECDSA/${digestName}`,
    };
  }
  if (oid === '1.3.101.112' || oid === '1.3.101.113') {
    // Pure EdDSA: the signature is over the data itself, no separate hash.
    return {
      ok: verify(null, data, key, signature),
      name: oid.endsWith('112') ? 'Ed25519' : 'Ed448',
    };
  }
  const known = SIG_HASH[oid];
  if (!known) throw new Error(`unsupported-signature-algorithm ${oid}`);
  const ok =
    known.kind === 'ecdsa'
      ? verify(known.hash, data, { key, dsaEncoding: 'der' }, signature)
      : verify(known.hash, data, key, signature);
  return { ok, name: `${known.kind.toUpperCase()}/${known.hash}` };
}

export function hashName(oid: string): string | undefined {
  return DIGESTS[oid];
}

/**
 * Checks a DER ContentInfo. `content` is the detached content (the PDF byte ranges) or
 * undefined to use the encapsulated content (timestamps). Never throws for a bad signature:
 * problems go to `errors`; only an undecodable structure throws.
 */
/** Signed content in pieces (a PDF's two byte ranges), hashed without joining them. */
export type Content = Buffer | Buffer[];
const pieces = (c: Content): Buffer[] => (Array.isArray(c) ? c : [c]);
const digestOf = (hash: string, c: Content) => {
  const h = newHash(hash);
  for (const part of pieces(c)) h.update(part);
  return h.digest();
};

export function checkSignedData(cms: Buffer, content?: Content): CmsCheck {
  const result: CmsCheck = {
    errors: [],
    certificates: [],
    signedAttributes: new Map(),
    unsignedAttributes: new Map(),
    signerInfoCount: 0,
  };
  const contentInfo = children(readTlv(cms, 0));
  if (oidOf(contentInfo[0]!) !== '1.2.840.113549.1.7.2') throw new Error('not SignedData');
  const signedData = children(children(contentInfo[1]!)[0]!);
  const encap = children(signedData[2]!);
  result.eContentType = oidOf(encap[0]!);
  if (encap[1]) result.eContent = contents(children(encap[1])[0]!);
  let i = 3;
  if (isContext(signedData[i], 0)) {
    for (const c of children(signedData[i]!)) {
      if (c.cls === 0 && c.tag === 16) {
        try {
          result.certificates.push(new X509Certificate(raw(c)));
        } catch {
          // An attribute certificate or a broken one: not a candidate signer.
        }
      }
    }
    i++;
  }
  if (isContext(signedData[i], 1)) i++;
  const signerInfos = children(signedData[i]!);
  result.signerInfoCount = signerInfos.length;
  if (signerInfos.length !== 1) result.errors.push('signer-info-count');
  const si = signerInfos[0];
  if (!si) return result;
  const f = children(si);
  const sid = f[1]!;
  const digestOid = oidOf(children(f[2]!)[0]!);
  const digestName = DIGESTS[digestOid];
  result.digestAlgorithm = digestName ?? digestOid;
  let k = 3;
  let signedAttrsTlv: Tlv | undefined;
  if (isContext(f[k], 0)) {
    signedAttrsTlv = f[k];
    result.signedAttributes = attributes(f[k]!);
    k++;
  }
  const sigAlg = f[k]!;
  const signatureValue = contents(f[k + 1]!);
  result.signatureValue = signatureValue;
  if (isContext(f[k + 2], 1)) result.unsignedAttributes = attributes(f[k + 2]!);

  // The signer: issuerAndSerialNumber or [0] subjectKeyIdentifier.
  const want = isContext(sid, 0)
    ? { ski: contents(sid) }
    : { issuerSerial: Buffer.concat([raw(children(sid)[0]!), contents(children(sid)[1]!)]) };
  result.signer = result.certificates.find((cert) => {
    const ids = certificateIds(cert);
    return want.ski ? ids.ski?.equals(want.ski) : ids.issuerSerial.equals(want.issuerSerial);
  });
  if (!result.signer) result.errors.push('signer-certificate-missing');
  if (!digestName) {
    result.errors.push('unsupported-digest');
    return result;
  }

  const data = content ?? result.eContent;
  if (!data) {
    result.errors.push('no-content');
    return result;
  }
  let signedBytes: Buffer;
  if (signedAttrsTlv) {
    const md = result.signedAttributes.get(ATTR.messageDigest);
    if (!md) result.errors.push('message-digest-missing');
    else if (!contents(md).equals(digestOf(digestName, data))) {
      result.errors.push('message-digest-mismatch');
    }
    if (!result.signedAttributes.has(ATTR.contentType)) result.errors.push('content-type-missing');
    // The signature covers the attributes with a SET OF tag (0x31), not their [0] tag.
    signedBytes = Buffer.from(raw(signedAttrsTlv));
    signedBytes[0] = 0x31;
  } else {
    // No signed attributes: the signature is over the content itself.
    signedBytes = Buffer.concat(pieces(data));
  }
  if (result.signer) {
    try {
      const { ok, name } = verifySignature(
        sigAlg,
        digestName,
        signedBytes,
        result.signer.publicKey,
        signatureValue,
      );
      result.signatureAlgorithm = name;
      if (!ok) result.errors.push('signature-mismatch');
    } catch (e) {
      result.errors.push(
        /unsupported/.test(String(e)) ? 'unsupported-signature-algorithm' : 'signature-mismatch',
      );
    }
  }
  return result;
}

export interface TimestampCheck {
  time: Date;
  errors: string[];
  tsa?: X509Certificate;
  certificates: X509Certificate[];
}

/** An RFC 3161 token: its own CMS, and whether its message imprint is over `imprinted`. */
export function checkTimestampToken(token: Buffer, imprinted: Content): TimestampCheck {
  const cms = checkSignedData(token);
  const errors = [...cms.errors];
  if (cms.eContentType !== '1.2.840.113549.1.9.16.1.4' || !cms.eContent) {
    return {
      time: new Date(NaN),
      errors: [...errors, 'not-a-timestamp'],
      certificates: cms.certificates,
    };
  }
  const tst = children(readTlv(cms.eContent, 0));
  const imprint = children(tst[2]!);
  const hash = DIGESTS[oidOf(children(imprint[0]!)[0]!)];
  if (!hash) errors.push('unsupported-digest');
  else if (!contents(imprint[1]!).equals(digestOf(hash, imprinted))) {
    errors.push('timestamp-imprint-mismatch');
  }
  return {
    time: timeOf(tst[4]!),
    errors,
    ...(cms.signer ? { tsa: cms.signer } : {}),
    certificates: cms.certificates,
  };
}

/** ESSCertIDv2 / ESSCertID: does the signing-certificate attribute name this certificate? */
export function signingCertificateMatches(
  attrs: Map<string, Tlv>,
  cert: X509Certificate,
): boolean | undefined {
  const v2 = attrs.get(ATTR.signingCertificateV2);
  const v1 = attrs.get(ATTR.signingCertificate);
  const attr = v2 ?? v1;
  if (!attr) return undefined;
  const certIds = children(children(attr)[0]!);
  const first = certIds[0];
  if (!first) return false;
  const parts = children(first);
  let hash = v2 ? 'sha256' : 'sha1';
  let hashTlv = parts[0]!;
  if (v2 && parts[0]!.constructed) {
    hash = DIGESTS[oidOf(children(parts[0]!)[0]!)] ?? 'unknown';
    hashTlv = parts[1]!;
  }
  try {
    return contents(hashTlv).equals(newHash(hash).update(cert.raw).digest());
  } catch {
    return false;
  }
}
