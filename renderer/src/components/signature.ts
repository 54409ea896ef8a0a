import type { SignatureSummary } from '../../../shared/contract';
import type { Messages } from '../i18n/vi';

export function signatureLabel(signature: SignatureSummary | null, t: Messages): string {
  if (!signature) return t.signatureNone;
  return signature.demo ? t.signatureDemo : t.signatureSigned;
}

export function signatureClass(signature: SignatureSummary | null): string {
  if (!signature) return 'badge badge-none';
  return signature.demo ? 'badge badge-demo' : 'badge badge-signed';
}
