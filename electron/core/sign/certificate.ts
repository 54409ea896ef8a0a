// Just enough X.509 reading for the signer: forge's own certificate parser only accepts RSA keys,
// and tokens increasingly carry ECDSA certificates, so we walk the DER ourselves and keep the
// original encodings (the CMS must repeat the issuer name byte for byte).
import forge from 'node-forge';

const { asn1 } = forge;

export const OID_COMMON_NAME = '2.5.4.3';

/** Binary-string DER → forge tree, without guessing at BIT STRING contents so re-encoding is exact. */
export function parseDer(der: Buffer): forge.asn1.Asn1 {
  const fromDer = asn1.fromDer as unknown as (
    bytes: string,
    options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
  ) => forge.asn1.Asn1;
  return fromDer(der.toString('binary'), {
    strict: true,
    parseAllBytes: true,
    decodeBitStrings: false,
  });
}

export function toDer(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

export interface CertificateInfo {
  der: Buffer;
  /** The tree of the whole certificate, for embedding in the CMS without re-encoding drift. */
  node: forge.asn1.Asn1;
  /** The issuer Name as it appears in the certificate. */
  issuer: forge.asn1.Asn1;
  /** The serial number INTEGER as it appears in the certificate. */
  serialNumber: forge.asn1.Asn1;
  subjectCommonName: string;
  notBefore: Date;
  notAfter: Date;
}

function children(node: forge.asn1.Asn1 | undefined, what: string): forge.asn1.Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Error(`Malformed certificate: ${what}`);
  return node.value;
}

function decodeString(node: forge.asn1.Asn1): string {
  const raw = Buffer.from(node.value as string, 'binary');
  switch (node.type) {
    case asn1.Type.UTF8:
      return raw.toString('utf8');
    case asn1.Type.BMPSTRING:
      return Buffer.from(raw).swap16().toString('utf16le');
    default:
      return raw.toString('latin1');
  }
}

function decodeTime(node: forge.asn1.Asn1): Date {
  const text = node.value as string;
  return node.type === asn1.Type.UTCTIME
    ? asn1.utcTimeToDate(text)
    : asn1.generalizedTimeToDate(text);
}

export function readCertificate(der: Buffer): CertificateInfo {
  const node = parseDer(der);
  if (!toDer(node).equals(der)) throw new Error('Certificate is not in canonical DER');
  const tbs = children(children(node, 'certificate')[0], 'tbsCertificate');
  // The version field is an optional explicit [0]; everything after it shifts by one.
  const first = tbs[0];
  const offset =
    first && first.tagClass === asn1.Class.CONTEXT_SPECIFIC && (first.type as number) === 0 ? 1 : 0;
  const serialNumber = tbs[offset];
  const issuer = tbs[offset + 2];
  const validity = children(tbs[offset + 3], 'validity');
  const subject = children(tbs[offset + 4], 'subject');
  if (!serialNumber || !issuer || !validity[0] || !validity[1]) {
    throw new Error('Malformed certificate: missing fields');
  }
  let subjectCommonName = '';
  for (const rdn of subject) {
    for (const attribute of children(rdn, 'RDN')) {
      const [type, value] = children(attribute, 'attribute');
      if (type && value && asn1.derToOid(type.value as string) === OID_COMMON_NAME) {
        subjectCommonName = decodeString(value).normalize('NFC');
      }
    }
  }
  return {
    der,
    node,
    issuer,
    serialNumber,
    subjectCommonName,
    notBefore: decodeTime(validity[0]),
    notAfter: decodeTime(validity[1]),
  };
}

const OID_KEY_USAGE = '2.5.29.15';

/**
 * The keyUsage bits (RFC 5280 §4.2.1.3) as names, or undefined when the extension is absent
 * (then any usage is allowed). Node's X509Certificate only exposes extended key usage.
 */
export function readKeyUsage(der: Buffer): Set<string> | undefined {
  const names = [
    'digitalSignature',
    'nonRepudiation',
    'keyEncipherment',
    'dataEncipherment',
    'keyAgreement',
    'keyCertSign',
    'cRLSign',
    'encipherOnly',
    'decipherOnly',
  ];
  const tbs = children(children(parseDer(der), 'certificate')[0], 'tbsCertificate');
  const extensions = tbs.find(
    (n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && (n.type as number) === 3,
  );
  if (!extensions) return undefined;
  for (const ext of children(children(extensions, 'extensions')[0], 'extensions')) {
    const parts = children(ext, 'extension');
    if (asn1.derToOid(parts[0]!.value as string) !== OID_KEY_USAGE) continue;
    const octets = parts[parts.length - 1]!;
    const bitString = parseDer(Buffer.from(octets.value as string, 'binary'));
    const bytes = Buffer.from(bitString.value as string, 'binary').subarray(1);
    const usage = new Set<string>();
    names.forEach((name, i) => {
      if ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) usage.add(name);
    });
    return usage;
  }
  return undefined;
}
