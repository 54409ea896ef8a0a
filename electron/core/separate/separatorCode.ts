// The text a separator sheet's QR code (or Code 128 barcode) carries. Ours is
// `SOHOA:TACH;LOAI=<document type>;HS=<dossier code>` (both parts optional); `PATCHT`, the
// separator text paperless-ngx prints by default, is read too so sheets offices already have work.
// Any other code on a page (a receipt's QR, a CCCD's QR) is content, never a separator.
import { DocumentType } from '../../../shared/classification';
import type { SeparatorContent, SeparatorSheetSpec } from '../../../shared/contracts/intake';
import { SohoaError } from '../../../shared/errors';

export const SEPARATOR_PREFIX = 'SOHOA:TACH';
const FOREIGN_SEPARATORS = new Set(['PATCHT', 'PATCH T']);

export function encodeSeparator(spec: Pick<SeparatorSheetSpec, 'type' | 'dossierCode'>): string {
  const parts = [SEPARATOR_PREFIX];
  if (spec.type) parts.push(`LOAI=${spec.type}`);
  if (spec.dossierCode) {
    if (/[;=\s]/.test(spec.dossierCode))
      throw new SohoaError('SEPARATOR_SHEET_INVALID', spec.dossierCode);
    parts.push(`HS=${spec.dossierCode}`);
  }
  return parts.join(';');
}

/** What a decoded code says, or null when it is not a separator. */
export function decodeSeparator(text: string): SeparatorContent | null {
  const t = text.trim();
  if (FOREIGN_SEPARATORS.has(t.toUpperCase())) return {};
  const [head, ...fields] = t.split(';');
  if (head !== SEPARATOR_PREFIX) return null;
  const out: SeparatorContent = {};
  for (const field of fields) {
    const [key, value] = field.split('=', 2);
    if (!value) continue;
    if (key === 'LOAI') {
      const type = DocumentType.safeParse(value);
      if (type.success) out.type = type.data;
    } else if (key === 'HS') out.dossierCode = value.slice(0, 64);
  }
  return out;
}
