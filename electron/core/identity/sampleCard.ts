// Generated ID cards of invented people, one of each generation, for tests and the demo: the
// căn cước công dân (QR on the front, MRZ on the back) and the thẻ căn cước (no QR on the front;
// QR, place of residence and MRZ on the back). The QR payload follows each card's field list
// (shared/identity/cardKinds.ts). Never used with real personal data.
import QRCode from 'qrcode';
import sharp from 'sharp';
import { CARD_KINDS, formatMrzTd1, type CardHolder, type CardKind } from '../../../shared/identity';

/** Invented people; the numbers follow the structure but belong to no one. */
export const SAMPLE_HOLDERS: Readonly<Record<CardKind, CardHolder>> = {
  cccd: {
    card: 'cccd',
    // 036: a birth registered in Nam Định, part of Ninh Bình since 2025.
    idNumber: '036195000123',
    oldIdNumber: '162000123',
    fullName: 'Trần Thị Ngọc Lan',
    dateOfBirth: '1995-07-14',
    sex: 'F',
    address: 'Thôn Đông, xã Hải Hậu, tỉnh Ninh Bình',
    dateOfIssue: '2021-04-10',
    cancelledIdNumber: '',
  },
  'can-cuoc': {
    card: 'can-cuoc',
    idNumber: '079203004567',
    oldIdNumber: '',
    fullName: 'Đỗ Quang Minh',
    dateOfBirth: '2003-12-01',
    sex: 'M',
    address: 'Số 12 Lê Lợi, phường Sài Gòn, Thành phố Hồ Chí Minh',
    dateOfIssue: '2025-03-12',
    cancelledIdNumber: '',
  },
};

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

const dmy = (iso: string) => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
const dmySlash = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The card's QR payload: the seven common fields, then a thẻ căn cước's trailing ones. */
export function cccdQrPayload(h: CardHolder): string {
  const sex = h.sex === 'M' ? 'Nam' : h.sex === 'F' ? 'Nữ' : '';
  const common = [
    h.idNumber,
    h.oldIdNumber,
    h.fullName,
    dmy(h.dateOfBirth),
    sex,
    h.address,
    dmy(h.dateOfIssue),
  ];
  const trailing = Array.from({ length: CARD_KINDS[h.card].trailingFields }, () => '');
  if (trailing.length) trailing[0] = h.cancelledIdNumber;
  return [...common, ...trailing].join('|');
}

const WIDTH = 1012;
const HEIGHT = 638;

/** One side of a card (ID-1 proportions, ~300 dpi): text lines, and the QR when given. */
async function cardSide(lines: string[], qr: Buffer | null, rotate = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <rect width="100%" height="100%" rx="30" fill="#dfe9f2"/>
    ${lines.map((l, i) => `<text x="40" y="${80 + i * 60}" font-family="DejaVu Sans, sans-serif" font-size="26" fill="#123">${escapeXml(l)}</text>`).join('')}
  </svg>`;
  let card = sharp(Buffer.from(svg));
  if (qr) {
    const left = WIDTH - 30 - (await sharp(qr).metadata()).width;
    card = card.composite([{ input: qr, top: 30, left }]);
  }
  if (rotate) card = sharp(await card.png().toBuffer()).rotate(rotate, { background: '#ffffff' });
  // Place the card on a flatbed-sized white page, as the counter scanner produces.
  const cardPng = await card.png().toBuffer();
  const meta = await sharp(cardPng).metadata();
  return sharp({
    create: {
      width: meta.width + 300,
      height: meta.height + 300,
      channels: 3,
      background: '#fafafa',
    },
  })
    .composite([{ input: cardPng, left: 150, top: 150 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

const qrImage = (h: CardHolder) =>
  QRCode.toBuffer(cccdQrPayload(h), { scale: 4, margin: 1, errorCorrectionLevel: 'M' });

/** The card's front, JPEG like a scanner's output; only a căn cước công dân has its QR here. */
export async function renderCardFront(
  h: CardHolder,
  opts: { rotate?: number } = {},
): Promise<Buffer> {
  const lines =
    h.card === 'cccd'
      ? [
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'CĂN CƯỚC CÔNG DÂN',
          `Số / No.: ${h.idNumber}`,
          `Họ và tên / Full name: ${h.fullName}`,
          `Ngày sinh / Date of birth: ${dmySlash(h.dateOfBirth)}`,
        ]
      : [
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'CĂN CƯỚC / IDENTITY CARD',
          `Số định danh cá nhân: ${h.idNumber}`,
          `Họ, chữ đệm và tên khai sinh: ${h.fullName}`,
          `Ngày, tháng, năm sinh: ${dmySlash(h.dateOfBirth)}`,
        ];
  return cardSide(lines, h.card === 'cccd' ? await qrImage(h) : null, opts.rotate);
}

/** The card's back: the MRZ, and on a thẻ căn cước the QR and the place of residence too. */
export async function renderCardBack(
  h: CardHolder,
  opts: { dateOfExpiry: string; rotate?: number },
): Promise<Buffer> {
  const mrz = formatMrzTd1(h, opts.dateOfExpiry);
  const lines =
    h.card === 'cccd'
      ? ['Đặc điểm nhận dạng / Personal identification:', '', '', ...mrz]
      : [
          `${CARD_KINDS['can-cuoc'].addressLabel.vi}: ${h.address}`,
          `Ngày cấp: ${dmySlash(h.dateOfIssue)} – BỘ CÔNG AN`,
          '',
          ...mrz,
        ];
  return cardSide(lines, h.card === 'can-cuoc' ? await qrImage(h) : null, opts.rotate);
}

/** The side with the QR code: what the clerk scans ("mặt có mã QR"). */
export function renderCardQrSide(
  h: CardHolder,
  opts: { rotate?: number; dateOfExpiry?: string } = {},
): Promise<Buffer> {
  return h.card === 'cccd'
    ? renderCardFront(h, opts)
    : renderCardBack(h, { dateOfExpiry: opts.dateOfExpiry ?? '2043-12-01', ...opts });
}

export function cardBackMrz(h: CardHolder, dateOfExpiry: string): string {
  return formatMrzTd1(h, dateOfExpiry).join('\n');
}
