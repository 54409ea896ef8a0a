// Printable separator sheets (A4): Kodak patch bars at the leading edge, which scanners with patch
// readers see in hardware and this desk finds in the image, and a QR code saying "separator",
// optionally with the type of the document that follows and the dossier code. Everything is
// vector (bars and QR modules are rectangles), so it prints sharp at any printer resolution.
// The text is Vietnamese first, set in DejaVu Sans (full Vietnamese coverage, from npm).
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { DOCUMENT_TYPE_LABELS } from '../../../shared/classification';
import {
  SeparatorSheetSpec,
  type PatchCode,
  type SeparatorSheetSpecInput,
} from '../../../shared/contracts/intake';
import { SohoaError } from '../../../shared/errors';
import { TEXT_LAYER_FONT } from '../pdf/fonts';
import { PATCH_LENGTH_MM, patchElementsMm } from './patchCode';
import { encodeSeparator } from './separatorCode';

const PT_PER_MM = 72 / 25.4;
const A4_MM = { width: 210, height: 297 };
/** The bars start this far below the top (leading) edge: inside every feeder's patch reader. */
export const PATCH_TOP_MM = 12;
export const QR_SIZE_MM = 45;
export const QR_TOP_MM = 122;
const BOLD_FONT = TEXT_LAYER_FONT.replace(/DejaVuSans\.ttf$/, 'DejaVuSans-Bold.ttf');

const PATCH_MEANING: Record<PatchCode, { vi: string; en: string }> = {
  '1': { vi: 'Patch 1', en: 'Patch 1' },
  '2': { vi: 'Patch 2 — bắt đầu hồ sơ mới', en: 'Patch 2 — a new dossier starts' },
  '3': { vi: 'Patch 3 — tài liệu mới', en: 'Patch 3 — a new document starts' },
  '4': { vi: 'Patch 4', en: 'Patch 4' },
  '6': { vi: 'Patch 6', en: 'Patch 6' },
  T: { vi: 'Patch T — tài liệu mới', en: 'Patch T — a new document starts' },
};

export async function separatorSheetPdf(
  specs: readonly SeparatorSheetSpecInput[],
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle('Tờ phân tách tài liệu / Separator sheets');
  doc.setProducer('Sohoa Desk');
  const [regular, bold] = await Promise.all(
    [TEXT_LAYER_FONT, BOLD_FONT].map(async (f) =>
      doc.embedFont(await readFile(f), { subset: true }),
    ),
  );
  for (const input of specs) {
    const parsed = SeparatorSheetSpec.safeParse(input);
    if (!parsed.success)
      throw new SohoaError('SEPARATOR_SHEET_INVALID', parsed.error.issues[0]?.message ?? '');
    const spec = parsed.data;
    if (!spec.patch && !spec.qr) throw new SohoaError('SEPARATOR_SHEET_INVALID', 'patch / QR');
    const page = doc.addPage([A4_MM.width * PT_PER_MM, A4_MM.height * PT_PER_MM]);
    if (spec.patch) drawPatch(page, spec.patch);
    drawTexts(page, spec, regular!, bold!);
    if (spec.qr) drawQr(page, encodeSeparator(spec));
  }
  return Buffer.from(await doc.save());
}

/** Page coordinates in PDF points from millimetres measured from the top-left corner. */
function rectMm(page: PDFPage, xMm: number, topMm: number, wMm: number, hMm: number): void {
  page.drawRectangle({
    x: xMm * PT_PER_MM,
    y: (A4_MM.height - topMm - hMm) * PT_PER_MM,
    width: wMm * PT_PER_MM,
    height: hMm * PT_PER_MM,
    color: rgb(0, 0, 0),
  });
}

function drawPatch(page: PDFPage, code: PatchCode): void {
  const elements = patchElementsMm(code);
  const total = elements.reduce((s, e) => s + e, 0);
  let x = (A4_MM.width - total) / 2;
  elements.forEach((w, k) => {
    if (k % 2 === 0) rectMm(page, x, PATCH_TOP_MM, w, PATCH_LENGTH_MM);
    x += w;
  });
}

function drawQr(page: PDFPage, text: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const module = QR_SIZE_MM / n;
  const left = (A4_MM.width - QR_SIZE_MM) / 2;
  for (let r = 0; r < n; r++) {
    // One rectangle per run of dark modules: fewer operators, no hairline seams between modules.
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const from = c;
      while (c < n && qr.modules.get(r, c)) c++;
      rectMm(page, left + from * module, QR_TOP_MM + r * module, (c - from) * module, module);
    }
  }
}

function drawTexts(page: PDFPage, spec: SeparatorSheetSpec, regular: PDFFont, bold: PDFFont): void {
  const centred = (text: string, topMm: number, font: PDFFont, size: number) => {
    const width = font.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: (page.getWidth() - width) / 2,
      y: (A4_MM.height - topMm) * PT_PER_MM - size,
      size,
      font,
      color: rgb(0, 0, 0),
    });
  };
  // Text starts below the bars' quiet zone, so nothing printed can be read as a bar.
  let y = PATCH_TOP_MM + PATCH_LENGTH_MM + 12;
  centred('TỜ PHÂN TÁCH TÀI LIỆU', y, bold, 24);
  centred('Document separator sheet', (y += 11), regular, 12);
  if (spec.patch) {
    const meaning = PATCH_MEANING[spec.patch];
    centred(meaning.vi, (y += 9), bold, 14);
    centred(meaning.en, (y += 6.5), regular, 10);
  }
  y = spec.qr ? QR_TOP_MM + QR_SIZE_MM + 8 : y + 14;
  if (spec.type) {
    const label = DOCUMENT_TYPE_LABELS[spec.type];
    centred(`Loại giấy tờ: ${label.vi}`, y, bold, 14);
    centred(`Document type: ${label.en}`, (y += 6.5), regular, 10);
    y += 9;
  }
  if (spec.dossierCode) {
    centred(`Mã hồ sơ: ${spec.dossierCode}`, y, bold, 14);
    centred(`Dossier code: ${spec.dossierCode}`, y + 6.5, regular, 10);
  }
  const notes = [
    'Đặt tờ này ngay trước tài liệu mới trong xấp giấy; dùng lại được nhiều lần.',
    'In trực tiếp từ phần mềm, khổ A4, tỉ lệ 100%. Không photo: máy photo làm vạch dày lên.',
    'Place this sheet right before each new document; it can be reused.',
    'Print from the app on A4 at 100% scale. Do not photocopy: copiers thicken the bars.',
  ];
  notes.forEach((line, k) => centred(line, 262 + k * 6, regular, 9.5));
}
