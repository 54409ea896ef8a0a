// Validation material a file carries for itself: the document security store (/DSS with its
// /Certs, /OCSPs, /CRLs and per-signature /VRI entries, PAdES B-LT) and, inside a CMS, Adobe's
// revocation archive attribute (adbe-revocationInfoArchival). B-LT and B-LTA files validate
// offline from it.
import { X509Certificate } from 'node:crypto';
import type { PdfDocument } from '../pdf/document';
import { decodeStream } from '../pdf/streams';
import { PdfStream, type PdfDict, type PdfValue } from '../pdf/values';
import { children, isContext, raw, type Tlv } from './der';

const ADBE_REVOCATION = '1.2.840.113583.1.1.8';
const MAX_ITEMS = 500;

export interface Evidence {
  certificates: X509Certificate[];
  ocsps: Buffer[];
  crls: Buffer[];
}

export const emptyEvidence = (): Evidence => ({ certificates: [], ocsps: [], crls: [] });

function streams(doc: PdfDocument, items: PdfValue | undefined): Buffer[] {
  const list = doc.resolve(items);
  const out: Buffer[] = [];
  for (const ref of Array.isArray(list) ? list.slice(0, MAX_ITEMS) : []) {
    const stream = doc.resolve(ref);
    try {
      if (stream instanceof PdfStream) out.push(decodeStream(stream));
    } catch {
      // undecodable: ignored, as if absent
    }
  }
  return out;
}

function certificates(buffers: Buffer[]): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const b of buffers) {
    try {
      out.push(new X509Certificate(b));
    } catch {
      // not a certificate
    }
  }
  return out;
}

function add(into: Evidence, dict: PdfDict | undefined, doc: PdfDocument): void {
  if (!dict) return;
  into.certificates.push(...certificates(streams(doc, dict.get('Certs') ?? dict.get('Cert'))));
  into.ocsps.push(...streams(doc, dict.get('OCSPs') ?? dict.get('OCSP')));
  into.crls.push(...streams(doc, dict.get('CRLs') ?? dict.get('CRL')));
}

/** Everything in the latest /DSS: the store itself and every /VRI entry under it. */
export function dssEvidence(doc: PdfDocument): Evidence {
  const out = emptyEvidence();
  const dss = doc.dict(doc.catalog?.get('DSS'));
  if (!dss) return out;
  add(out, dss, doc);
  const vri = doc.dict(dss.get('VRI'));
  for (const value of [...(vri?.entries.values() ?? [])].slice(0, MAX_ITEMS)) {
    add(out, doc.dict(value), doc);
  }
  return out;
}

/** The adbe-revocationInfoArchival signed attribute: [0] CRLs, [1] OCSP responses. */
export function archivedRevocation(signedAttributes: Map<string, Tlv> | undefined): Evidence {
  const out = emptyEvidence();
  const attr = signedAttributes?.get(ADBE_REVOCATION);
  if (!attr) return out;
  try {
    for (const part of children(attr)) {
      // Each part is an EXPLICIT tag around a SEQUENCE OF.
      const list = children(part)[0];
      if (!list) continue;
      const items = children(list).map((t) => Buffer.from(raw(t)));
      if (isContext(part, 0)) out.crls.push(...items);
      if (isContext(part, 1)) out.ocsps.push(...items);
    }
  } catch {
    // a malformed archive is no evidence
  }
  return out;
}

export function mergeEvidence(...all: Evidence[]): Evidence {
  return {
    certificates: all.flatMap((e) => e.certificates),
    ocsps: all.flatMap((e) => e.ocsps),
    crls: all.flatMap((e) => e.crls),
  };
}
