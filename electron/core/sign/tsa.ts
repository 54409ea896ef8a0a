// RFC 3161 client: asks a time-stamping authority to stamp a signature value (PAdES B-T). The
// request and response are a few DER structures, written with forge's ASN.1 like the CMS;
// transport is an HTTP POST (RFC 3161 §3.4) with Node's fetch.
import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { SohoaError } from '../../../shared/errors';
import { DIGEST_OIDS, digestFromOid } from './algorithms';
import { parseDer, toDer } from './certificate';
import type { DigestAlgorithm } from './types';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const TSA_TIMEOUT_MS = 15_000;

export function buildTimestampRequest(
  imprint: Buffer,
  digest: DigestAlgorithm,
  nonce: Buffer,
): Buffer {
  const node = asn1.create(U, T.SEQUENCE, true, [
    asn1.create(U, T.INTEGER, false, asn1.integerToDer(1).getBytes()),
    asn1.create(U, T.SEQUENCE, true, [
      asn1.create(U, T.SEQUENCE, true, [
        asn1.create(U, T.OID, false, asn1.oidToDer(DIGEST_OIDS[digest]).getBytes()),
      ]),
      asn1.create(U, T.OCTETSTRING, false, imprint.toString('binary')),
    ]),
    asn1.create(U, T.INTEGER, false, nonce.toString('binary')),
    asn1.create(U, T.BOOLEAN, false, String.fromCharCode(0xff)), // certReq: include the TSA's cert
  ]);
  return toDer(node);
}

const kids = (node: Node | undefined): Node[] => {
  if (!node || !Array.isArray(node.value)) throw new Error('Malformed timestamp structure');
  return node.value;
};

export interface TstInfo {
  digest: string;
  imprint: Buffer;
  genTime: Date;
  nonce?: Buffer;
}

/** Reads the TSTInfo inside a TimeStampToken (ContentInfo → SignedData → eContent). */
export function readTstInfo(token: Node): TstInfo {
  const signedData = kids(kids(kids(token)[1])[0]);
  const encap = kids(signedData[2]);
  const eContent = kids(encap[1])[0]!;
  const octets = Array.isArray(eContent.value)
    ? eContent.value.map((n) => n.value as string).join('')
    : eContent.value;
  const tst = kids(parseDer(Buffer.from(octets, 'binary')));
  const imprint = kids(tst[2]);
  const genTime = asn1.generalizedTimeToDate(tst[4]!.value as string);
  const nonceNode = tst.slice(5).find((n) => n.tagClass === U && n.type === T.INTEGER);
  return {
    digest: digestFromOid(asn1.derToOid(kids(imprint[0])[0]!.value as string)) ?? 'unknown',
    imprint: Buffer.from(imprint[1]!.value as string, 'binary'),
    genTime,
    ...(nonceNode ? { nonce: Buffer.from(nonceNode.value as string, 'binary') } : {}),
  };
}

/** A TimeStampToken (DER ContentInfo) over `signatureValue`, checked to be about it. */
export async function requestTimestamp(
  url: string,
  signatureValue: Buffer,
  digest: DigestAlgorithm,
): Promise<Buffer> {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  try {
    const imprint = createHash(digest).update(signatureValue).digest();
    const nonce = randomBytes(8);
    nonce[0] = (nonce[0]! & 0x7f) | 0x01; // positive, minimal INTEGER
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: new Uint8Array(buildTimestampRequest(imprint, digest, nonce)),
      signal: AbortSignal.timeout(TSA_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`TSA answered HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    const resp = kids(parseDer(body));
    const status = kids(resp[0])[0]!;
    const code = Buffer.from(status.value as string, 'binary').readUIntBE(0, 1);
    // 0 granted, 1 grantedWithMods; anything else is a refusal.
    if (code > 1 || !resp[1]) throw new Error(`TSA refused the request (status ${code})`);
    const info = readTstInfo(resp[1]);
    if (!info.imprint.equals(imprint)) throw new Error('The timestamp is about other data');
    if (info.nonce && !info.nonce.equals(nonce)) throw new Error('The timestamp nonce differs');
    return toDer(resp[1]);
  } catch (cause) {
    throw new SohoaError('TSA_FAILED', host, { cause });
  }
}
