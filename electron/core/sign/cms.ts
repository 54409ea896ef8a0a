// CAdES detached SignedData (ETSI EN 319 122-1 baseline B-B) built by hand with forge's ASN.1
// primitives. Hand-built because forge's PKCS#7 signer wants the private key itself, while our
// key sources (PKCS#12 today, PKCS#11 tokens later) only offer sign(); and because the signed
// attributes must be exactly those PAdES allows (no signing-time: the time lives in /M).
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { DIGEST_LENGTH, digestAlgorithm, signatureAlgorithm } from './algorithms';
import { readCertificate, toDer, parseDer, type CertificateInfo } from './certificate';
import type { DigestAlgorithm, KeySource, SignatureScheme } from './types';

const { asn1 } = forge;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

type Node = forge.asn1.Asn1;

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

const seq = (items: Node[]): Node => asn1.create(U, T.SEQUENCE, true, items);
const oid = (value: string): Node => asn1.create(U, T.OID, false, asn1.oidToDer(value).getBytes());
const int = (value: number): Node =>
  asn1.create(U, T.INTEGER, false, asn1.integerToDer(value).getBytes());
const octets = (value: Buffer): Node =>
  asn1.create(U, T.OCTETSTRING, false, value.toString('binary'));
const explicit = (tag: number, inner: Node): Node =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [inner]);

const attribute = (type: string, value: Node): Node =>
  seq([oid(type), asn1.create(U, T.SET, true, [value])]);

/** X.690 §11.6: a DER SET OF orders its elements by their encodings, shorter padded with 0s. */
export function compareDer(a: Buffer, b: Buffer): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The signed attributes as a DER SET (tag 0x31): exactly the bytes the key signs. In the
 * SignerInfo the same content is carried under the implicit tag [0].
 */
export function buildSignedAttributes(documentDigest: Buffer, signer: CertificateInfo): Buffer {
  // ESSCertIDv2 binds the signature to this certificate so it cannot be swapped for another one
  // with the same key (CAdES requires it; hashAlgorithm is omitted because SHA-256 is the default).
  const issuerSerial = seq([
    seq([explicit(4, signer.issuer)]), // GeneralNames { directoryName [4] Name }
    signer.serialNumber,
  ]);
  const essCertIdV2 = seq([octets(createHash('sha256').update(signer.der).digest()), issuerSerial]);
  const encoded = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(documentDigest)),
    attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ]
    .map(toDer)
    .sort(compareDer);
  const body = Buffer.concat(encoded);
  return Buffer.concat([derHeader(0x31, body.length), body]);
}

function derHeader(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

export interface CmsInput {
  /** Digest of the signed bytes (for a PDF: the two /ByteRange ranges). */
  documentDigest: Buffer;
  /** Default sha256. */
  digest?: DigestAlgorithm;
  /** Default rsa-pkcs1. */
  scheme?: SignatureScheme;
  /** DER certificates, signer first. */
  certificates: Buffer[];
  /** Signs the DER of the signed attributes; a KeySource's sign() bound to digest and scheme. */
  sign: (signedAttributes: Buffer) => Promise<Buffer>;
  /**
   * B-T: returns an RFC 3161 TimeStampToken (DER ContentInfo) over the signature value, which
   * goes in as the signature-time-stamp unsigned attribute.
   */
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>;
}

/** DER ContentInfo wrapping a detached CAdES SignedData with one SignerInfo. */
export async function buildCadesDetached(input: CmsInput): Promise<Buffer> {
  const [signerDer] = input.certificates;
  if (!signerDer) throw new Error('The key source returned no certificate');
  const digest = input.digest ?? 'sha256';
  if (input.documentDigest.length !== DIGEST_LENGTH[digest]) {
    throw new Error(`The document digest is not ${digest}`);
  }
  const signer = readCertificate(signerDer);
  const signedAttributes = buildSignedAttributes(input.documentDigest, signer);
  const signature = await input.sign(signedAttributes);
  const unsigned: Node[] = [];
  if (input.timestamp) {
    const token = await input.timestamp(signature);
    unsigned.push(attribute(OID.timeStampToken, parseDer(token)));
  }

  // Re-tag the already-encoded SET as [0] IMPLICIT so the CMS carries the very bytes signed.
  const signedAttributesNode = parseDer(signedAttributes);
  signedAttributesNode.tagClass = asn1.Class.CONTEXT_SPECIFIC;
  signedAttributesNode.type = 0;

  const signerInfo = seq([
    int(1), // version 1: the signer is identified by issuerAndSerialNumber
    seq([signer.issuer, signer.serialNumber]),
    digestAlgorithm(digest),
    signedAttributesNode,
    signatureAlgorithm(input.scheme ?? 'rsa-pkcs1', digest),
    octets(signature),
    ...(unsigned.length ? [asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, unsigned)] : []),
  ]);
  const certificateNodes = input.certificates.map((der) =>
    der === signerDer ? signer.node : readCertificate(der).node,
  );
  const signedData = seq([
    int(1),
    asn1.create(U, T.SET, true, [digestAlgorithm(digest)]),
    seq([oid(OID.data)]), // detached: no eContent
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificateNodes),
    asn1.create(U, T.SET, true, [signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), explicit(0, signedData)]));
}

/** Convenience for callers holding a KeySource. */
export async function buildCadesDetachedWith(
  keySource: KeySource,
  documentDigest: Buffer,
): Promise<Buffer> {
  const certificates = await keySource.certificateChain();
  return buildCadesDetached({
    documentDigest,
    certificates,
    sign: (data) => keySource.sign(data, 'sha256'),
  });
}
