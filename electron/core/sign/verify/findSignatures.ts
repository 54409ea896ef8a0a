// The signatures of a PDF: the /V dictionaries of its signature fields, reached from the
// AcroForm's field tree (with inherited /FT). A field whose value is a dictionary is a
// signature, however broken: a missing, null or empty /ByteRange or /Contents (the "universal
// signature forgery" family) is a signature that fails, never a field the reader skips. Only a
// placeholder a signer has not filled yet (/Contents all zeros) is not a signature.
import type { PdfDocument } from '../pdf/document';
import { PdfRef, PdfString, isName, type PdfDict, type PdfValue } from '../pdf/values';

export interface Candidate {
  /** Fully qualified field name. */
  field: string;
  ref?: PdfRef;
  dict: PdfDict;
  /** The field itself (its /Lock says what signing it freezes). */
  fieldDict: PdfDict;
}

function isPlaceholder(doc: PdfDocument, value: PdfDict): boolean {
  const c = doc.resolve(value.get('Contents'));
  return c instanceof PdfString && c.bytes.length > 0 && c.bytes.every((byte) => byte === 0);
}

export function findSignatures(doc: PdfDocument): { found: Candidate[]; sharedValues: boolean } {
  const found: Candidate[] = [];
  const seenFields = new Set<string>();
  const seenValues = new Set<string>();
  let sharedValues = false;
  const walk = (items: PdfValue[], prefix: string, inheritedFt: boolean, depth: number) => {
    if (depth > 16) return;
    for (const item of items.slice(0, 10_000)) {
      const key = item instanceof PdfRef ? item.key : '';
      if (key && seenFields.has(key)) continue;
      if (key) seenFields.add(key);
      const field = doc.dict(item);
      if (!field) continue;
      const t = field.get('T');
      const name = t instanceof PdfString ? t.text() : '';
      const full = prefix && name ? `${prefix}.${name}` : name || prefix;
      const isSig = isName(field.get('FT'), 'Sig') || (inheritedFt && !field.has('FT'));
      const kids = doc.resolve(field.get('Kids'));
      if (Array.isArray(kids)) walk(kids, full, isSig, depth + 1);
      const v = field.get('V');
      const value = doc.dict(v);
      if (!isSig || !value || isPlaceholder(doc, value)) continue;
      const vkey = v instanceof PdfRef ? v.key : `direct:${found.length}`;
      if (seenValues.has(vkey)) {
        sharedValues = true;
        continue;
      }
      seenValues.add(vkey);
      found.push({
        field: full || `Signature${found.length + 1}`,
        ...(v instanceof PdfRef ? { ref: v } : {}),
        dict: value,
        fieldDict: field,
      });
    }
  };
  const fields = doc.resolve(doc.dict(doc.catalog?.get('AcroForm'))?.get('Fields'));
  if (Array.isArray(fields)) walk(fields, '', false, 0);
  return { found, sharedValues };
}
