// Generated ID-card images for invented people, for tests and the demo: a front with the QR
// code where real cards carry it (top right) and a back with the three MRZ lines. Never used
// with real personal data.
import QRCode from 'qrcode';
import sharp from 'sharp';
import { formatMrzTd1, type CardHolder } from '../../../shared/identity';

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

export function cccdQrPayload(h: CardHolder): string {
  const dmy = (iso: string) => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
  const sex = h.sex === 'M' ? 'Nam' : h.sex === 'F' ? 'Nữ' : '';
  return [
    h.idNumber,
    h.oldIdNumber,
    h.fullName,
    dmy(h.dateOfBirth),
    sex,
    h.address,
    dmy(h.dateOfIssue),
  ].join('|');
}

/** A card front (ID-1 proportions, ~300 dpi) with the QR code; JPEG like a scanner's output. */
export async function renderCardFront(
  h: CardHolder,
  opts: { rotate?: number } = {},
): Promise<Buffer> {
  const width = 1012;
  const height = 638;
  const qr = await QRCode.toBuffer(cccdQrPayload(h), {
    scale: 4,
    margin: 1,
    errorCorrectionLevel: 'M',
  });
  const lines = [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'CĂN CƯỚC CÔNG DÂN',
    `Số / No.: ${h.idNumber}`,
    `Họ và tên / Full name: ${h.fullName}`,
    `Ngày sinh / Date of birth: ${h.dateOfBirth}`,
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" rx="30" fill="#dfe9f2"/>
    ${lines.map((l, i) => `<text x="40" y="${80 + i * 60}" font-family="DejaVu Sans, sans-serif" font-size="26" fill="#123">${escapeXml(l)}</text>`).join('')}
  </svg>`;
  let card = sharp(Buffer.from(svg)).composite([
    { input: qr, top: 30, left: width - 30 - (await sharp(qr).metadata()).width },
  ]);
  if (opts.rotate) {
    card = sharp(await card.png().toBuffer()).rotate(opts.rotate, { background: '#ffffff' });
  }
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

export function cardBackMrz(h: CardHolder, dateOfExpiry: string): string {
  return formatMrzTd1(h, dateOfExpiry).join('\n');
}
