// PAdES B-LT: after the signature, fetch an OCSP response for each certificate of the chain
// (RFC 6960, over HTTP POST to the responder named in the certificate's AIA) and store the chain
// and the responses in the document security store (/DSS, ETSI EN 319 142-1 §5.4) by one more
// incremental update, so the signature can be validated after the certificates expire.
import { X509Certificate, createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName } from 'pdf-lib';
import { SohoaError } from '../../../shared/errors';
import { loadForUpdate, writeIncrement } from './incremental';
import { children, contents, isContext, raw, readTlv } from './verify/der';

const OCSP_TIMEOUT_MS = 15_000;

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const len = body.length;
  const header =
    len < 0x80
      ? Buffer.from([tag, len])
      : len < 0x100
        ? Buffer.from([tag, 0x81, len])
        : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([header, body]);
}

function tbsParts(cert: X509Certificate) {
  const tbs = children(children(readTlv(cert.raw, 0))[0]!);
  const o = isContext(tbs[0], 0) ? 1 : 0;
  return { serial: tbs[o]!, subject: tbs[o + 4]!, spki: tbs[o + 5]! };
}

/** OCSPRequest with one CertID (SHA-1 hashes, as every responder accepts). */
export function buildOcspRequest(cert: X509Certificate, issuer: X509Certificate): Buffer {
  const issuerParts = tbsParts(issuer);
  const keyBits = contents(children(issuerParts.spki)[1]!).subarray(1); // drop unused-bits byte
  const sha1 = (b: Buffer) => createHash('sha1').update(b).digest();
  const certId = der(
    0x30,
    der(0x30, Buffer.from('06052b0e03021a0500', 'hex')), // sha1, NULL
    der(0x04, sha1(raw(issuerParts.subject))),
    der(0x04, sha1(keyBits)),
    raw(tbsParts(cert).serial),
  );
  return der(0x30, der(0x30, der(0x30, der(0x30, certId))));
}

export type OcspStatus = 'good' | 'revoked' | 'unknown';

/** The response status and the first SingleResponse's certStatus. */
export function readOcspResponse(response: Buffer): OcspStatus {
  const top = children(readTlv(response, 0));
  if (contents(top[0]!)[0] !== 0) throw new Error(`OCSP responder error ${contents(top[0]!)[0]}`);
  const bytes = children(children(top[1]!)[0]!);
  const basic = children(readTlv(contents(bytes[1]!), 0));
  const tbs = children(basic[0]!);
  const o = isContext(tbs[0], 0) ? 1 : 0;
  const single = children(children(tbs[o + 2]!)[0]!);
  const status = single[1]!;
  return status.tag === 0 ? 'good' : status.tag === 1 ? 'revoked' : 'unknown';
}

function ocspUrl(cert: X509Certificate): string | undefined {
  return /OCSP - URI:(\S+)/.exec(cert.infoAccess ?? '')?.[1];
}

export async function fetchOcsp(cert: X509Certificate, issuer: X509Certificate): Promise<Buffer> {
  const url = ocspUrl(cert);
  if (!url) throw new Error('The certificate names no OCSP responder');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/ocsp-request' },
    body: new Uint8Array(buildOcspRequest(cert, issuer)),
    signal: AbortSignal.timeout(OCSP_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`OCSP responder answered HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/**
 * Revocation data for every non-root certificate of `chain` (signer first). Throws CERT_REVOKED
 * for a revoked certificate and REVOCATION_FAILED when a response cannot be had.
 */
export async function collectValidationData(
  chainDer: Buffer[],
  /** False for the TSA's chain: its revocation data is welcome but not required. */
  required = true,
): Promise<Buffer[]> {
  const chain = chainDer.map((d) => new X509Certificate(d));
  const responses: Buffer[] = [];
  for (const cert of chain) {
    if (cert.checkIssued(cert)) continue; // a root is trusted as an anchor, not checked online
    const issuer = chain.find((c) => c !== cert && cert.checkIssued(c));
    const name = /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject;
    if (!issuer) continue;
    let response: Buffer;
    let status: OcspStatus;
    try {
      response = await fetchOcsp(cert, issuer);
      status = readOcspResponse(response);
    } catch (cause) {
      // An intermediate without a responder is common (CRL only); the signer's own is required.
      if (cert !== chain[0] || !required) continue;
      throw new SohoaError('REVOCATION_FAILED', name, { cause });
    }
    if (status === 'revoked') throw new SohoaError('CERT_REVOKED', name);
    responses.push(response);
  }
  return responses;
}

/** Appends a /DSS with the certificates and OCSP responses (one more incremental update). */
export async function addDss(
  pdf: Buffer,
  certificates: Buffer[],
  ocsps: Buffer[],
): Promise<Buffer> {
  const { doc, snapshot } = await loadForUpdate(pdf);
  const ctx = doc.context;
  const streams = (items: Buffer[]) => items.map((b) => ctx.register(ctx.stream(b)));
  // A later signature's data joins what earlier signatures stored: their signers keep theirs.
  const existing = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  const kept = (key: string) => existing?.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? [];
  const dss = ctx.obj({ Type: 'DSS' });
  dss.set(PDFName.of('Certs'), ctx.obj([...kept('Certs'), ...streams(certificates)]));
  dss.set(PDFName.of('OCSPs'), ctx.obj([...kept('OCSPs'), ...streams(ocsps)]));
  const crls = kept('CRLs');
  if (crls.length) dss.set(PDFName.of('CRLs'), ctx.obj(crls));
  doc.catalog.set(PDFName.of('DSS'), ctx.register(dss));
  return writeIncrement(pdf, doc, snapshot);
}
