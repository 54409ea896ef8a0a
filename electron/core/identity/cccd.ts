// Reading the applicant's chip ID card at the counter: the front QR from a scanned image (ZXing
// via imaging/barcodes), or typed by a handheld scanner, then parsed and checked (shared/identity).
import { SohoaError } from '../../../shared/errors';
import { parseCccdQr, type QrParse } from '../../../shared/identity';
import { decodeBarcodes } from '../imaging/barcodes';

export type CardRead = Extract<QrParse, { ok: true }> & {
  source: 'qr-image' | 'qr-keyboard';
  /** Where the QR was found on the image, so the UI can outline it. */
  position?: { x: number; y: number }[];
};

/** Decodes and parses the front QR of a card scan. `name` is the file name for messages. */
export async function readCardImage(image: Buffer, name: string): Promise<CardRead> {
  const codes = await decodeBarcodes(image, ['QRCode']);
  if (codes.length === 0) throw new SohoaError('CCCD_QR_NOT_FOUND', name);
  let firstFailure = '';
  for (const code of codes) {
    const parsed = parseCccdQr(code.text);
    if (parsed.ok) return { ...parsed, source: 'qr-image', position: code.position };
    firstFailure ||= code.text.slice(0, 40);
  }
  throw new SohoaError('CCCD_QR_INVALID', firstFailure);
}
