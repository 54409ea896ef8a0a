// Algorithm identifiers for CMS (RFC 5754 for SHA-2, RFC 4055 for RSASSA-PSS, RFC 5758 for
// ECDSA) and the mapping from what the key is to what the SignerInfo announces.
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { DigestAlgorithm, SignatureScheme } from './types';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

export const DIGEST_OIDS: Record<DigestAlgorithm, string> = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};
export const DIGEST_LENGTH: Record<DigestAlgorithm, number> = {
  sha256: 32,
  sha384: 48,
  sha512: 64,
};

export const SIG_OIDS = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecdsa: {
    sha256: '1.2.840.10045.4.3.2',
    sha384: '1.2.840.10045.4.3.3',
    sha512: '1.2.840.10045.4.3.4',
  },
} as const;

const seq = (items: Node[]): Node => asn1.create(U, T.SEQUENCE, true, items);
const oid = (value: string): Node => asn1.create(U, T.OID, false, asn1.oidToDer(value).getBytes());
const explicit = (tag: number, inner: Node): Node =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [inner]);

/** RFC 5754: SHA-2 identifiers are generated with absent parameters. */
export const digestAlgorithm = (digest: DigestAlgorithm): Node => seq([oid(DIGEST_OIDS[digest])]);

export function digestFromOid(value: string): DigestAlgorithm | 'sha1' | undefined {
  if (value === '1.3.14.3.2.26') return 'sha1';
  return (Object.keys(DIGEST_OIDS) as DigestAlgorithm[]).find((d) => DIGEST_OIDS[d] === value);
}

/** The SignerInfo's signatureAlgorithm for a scheme and digest. */
export function signatureAlgorithm(scheme: SignatureScheme, digest: DigestAlgorithm): Node {
  switch (scheme) {
    case 'rsa-pkcs1':
      // RFC 8017 keeps the explicit NULL for rsaEncryption.
      return seq([oid(SIG_OIDS.rsaEncryption), asn1.create(U, T.NULL, false, '')]);
    case 'rsa-pss':
      return seq([
        oid(SIG_OIDS.rsassaPss),
        seq([
          explicit(0, digestAlgorithm(digest)),
          explicit(1, seq([oid(SIG_OIDS.mgf1), digestAlgorithm(digest)])),
          explicit(
            2,
            asn1.create(U, T.INTEGER, false, asn1.integerToDer(DIGEST_LENGTH[digest]).getBytes()),
          ),
        ]),
      ]);
    case 'ecdsa':
      return seq([oid(SIG_OIDS.ecdsa[digest])]);
  }
}

/** The scheme a certificate's key implies, RSA padding chosen by the caller. */
export function schemeForCertificate(
  der: Buffer,
  rsaPadding: 'pkcs1' | 'pss' = 'pkcs1',
): SignatureScheme {
  const type = new X509Certificate(der).publicKey.asymmetricKeyType;
  if (type === 'ec') return 'ecdsa';
  if (type === 'rsa-pss') return 'rsa-pss';
  if (type === 'rsa') return rsaPadding === 'pss' ? 'rsa-pss' : 'rsa-pkcs1';
  throw new Error(`Unsupported key type in the signer's certificate: ${String(type)}`);
}

/** ECDSA r||s (PKCS#11 raw form) → DER SEQUENCE { INTEGER r, INTEGER s } (CMS form). */
export function ecdsaRawToDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const int = (bytes: Buffer) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let v = bytes.subarray(i);
    if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return asn1.create(U, T.INTEGER, false, v.toString('binary'));
  };
  const node = seq([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}
