// The counter's A5 papers under the one-stop decree ND 118/2025/NĐ-CP, simplified: the receipt
// "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", the request for supplement "Phiếu yêu cầu bổ sung,
// hoàn thiện hồ sơ" and the refusal slip "Phiếu từ chối tiếp nhận giải quyết hồ sơ" (laid out as
// the forms of the former TT 01/2018/TT-VPCP: no new form numbers were confirmed). The receiving
// unit is the one configured (a Trung tâm Phục vụ hành chính công, or a ministry's Bộ phận tiếp
// nhận và trả kết quả); the receipt names where the applicant chose to collect the result and
// whether the appointment's year follows an official holiday notice or an estimate. Each slip
// carries a QR code in the top-left corner (TT 01/2023/TT-VPCP) with the dossier code, the
// procedure code and the applicant's ID number. Text is set in DejaVu Serif (full Vietnamese, from npm), embedded as a
// subset so a slip is ~40 KB; not Tinos, whose glyph table @pdf-lib/fontkit's subsetter corrupts
// (see sign/markFont.ts), and a full Tinos embedding would be ~1 MB per slip.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { SohoaError } from '../../../shared/errors';
import { formatDate } from '../../../shared/format';
import type { Component, Procedure } from '../../../shared/procedures';
import { vietnamTimeParts } from '../../../shared/time';

const require = createRequire(import.meta.url);
const DEJAVU = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(DEJAVU, 'DejaVuSerif.ttf');
const BOLD = path.join(DEJAVU, 'DejaVuSerif-Bold.ttf');
const ITALIC = path.join(DEJAVU, 'DejaVuSerif-Italic.ttf');

/** A5 portrait in points. */
const A5: [number, number] = [419.53, 595.28];
const MARGIN = 28;
const QR_SIZE = 64;

export interface SlipParty {
  /** The agency's name as printed, e.g. "UBND XÃ TÂN HÒA". */
  agencyName: string;
  /**
   * The receiving unit as configured, e.g. "Trung tâm Phục vụ hành chính công xã Tân Hòa";
   * empty or absent: the agency receives in its own name.
   */
  unitName?: string;
  /** The place for the date line, e.g. "Tân Hòa". */
  place: string;
  clerkName: string;
}

export interface SlipApplicant {
  fullName: string;
  /** The 12-digit personal identification number. */
  idNumber: string;
  /** The old CMND number read from the card's QR, printed only as the old number. */
  oldIdNumber?: string;
  address?: string;
  phone?: string;
}

/** Where the applicant collects the result: a place, or by public postal service. */
export type SlipDelivery =
  { kind: 'place'; name: string; address: string } | { kind: 'post'; address: string };

/** Whether the appointment's year follows an official holiday notice or an estimate. */
export interface AppointmentBasis {
  year: number;
  status: 'official' | 'estimated';
  /** "Thông báo 9441/TB-BNV ngày 16/10/2025", '' when there is none. */
  notice: string;
}

export interface SlipBase extends SlipParty {
  dossierCode: string;
  procedure: Pick<Procedure, 'code' | 'name' | 'processingDays'>;
  applicant: SlipApplicant;
  issuedAt: Date;
}

export interface ReceiptInput extends SlipBase {
  components: { component: Pick<Component, 'name' | 'form'>; count: number }[];
  receivedAt: Date;
  /** Appointment date, ISO YYYY-MM-DD (shared/workingDays dueDate). */
  appointmentDate: string;
  /** Appointment hour "HH:MM" (default 14:00). */
  appointmentTime?: string;
  /** True when a day counted came from an estimate rather than a notice. */
  appointmentEstimated?: boolean;
  /** The appointment year's holiday basis, printed under the date. */
  appointmentBasis?: AppointmentBasis;
  /** Where the applicant chose to collect the result (default: the receiving unit). */
  delivery?: SlipDelivery;
}

export interface SupplementInput extends SlipBase {
  /** What to add or fix, one line each. */
  items: string[];
  reason?: string;
}

export interface RefusalInput extends SlipBase {
  reason: string;
}

/** The QR payload: pipe-separated like the CCCD's, in a fixed order any reader can split. */
export function slipQrPayload(
  s: Pick<SlipBase, 'dossierCode' | 'procedure' | 'applicant'>,
): string {
  return ['SOHOA1', s.dossierCode, s.procedure.code, s.applicant.idNumber].join('|');
}

const FORM_LABEL: Record<Component['form'], string> = {
  original: 'bản chính',
  copy: 'bản sao',
  original_or_copy: 'bản chính hoặc bản sao',
  shown: 'xuất trình bản chính',
};

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** A cursor that writes wrapped lines down the page. */
class Writer {
  y: number;
  constructor(
    readonly page: PDFPage,
    readonly fonts: Fonts,
    top: number,
  ) {
    this.y = top;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (line && font.widthOfTextAtSize(next, size) > width) {
          lines.push(line);
          line = word;
        } else line = next;
      }
      lines.push(line);
    }
    return lines;
  }

  text(
    text: string,
    opts: {
      font?: keyof Fonts;
      size?: number;
      x?: number;
      width?: number;
      center?: boolean;
      gap?: number;
    } = {},
  ): void {
    const font = this.fonts[opts.font ?? 'regular'];
    const size = opts.size ?? 9.5;
    const x = opts.x ?? MARGIN;
    const width = opts.width ?? A5[0] - MARGIN - x;
    for (const line of this.wrap(text, font, size, width)) {
      this.y -= size * 1.3;
      const dx = opts.center ? (width - font.widthOfTextAtSize(line, size)) / 2 : 0;
      this.page.drawText(line, { x: x + dx, y: this.y, size, font, color: rgb(0, 0, 0) });
    }
    this.y -= opts.gap ?? 0;
  }
}

async function startSlip(base: SlipBase, title: string): Promise<{ doc: PDFDocument; w: Writer }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regular, bold, italic] = await Promise.all(
    [REGULAR, BOLD, ITALIC].map(async (f) => doc.embedFont(await readFile(f), { subset: true })),
  );
  const fonts = { regular: regular!, bold: bold!, italic: italic! };
  doc.setTitle(`${title} – ${base.dossierCode}`);
  doc.setAuthor(base.agencyName);
  doc.setSubject(base.procedure.name);
  doc.setCreator('Sohoa Desk');
  doc.setCreationDate(base.issuedAt);
  doc.setModificationDate(base.issuedAt);
  const page = doc.addPage(A5);
  const qr = await doc.embedPng(
    await QRCode.toBuffer(slipQrPayload(base), { errorCorrectionLevel: 'M', margin: 1, scale: 6 }),
  );
  const top = A5[1] - MARGIN;
  page.drawImage(qr, { x: MARGIN - 4, y: top - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
  // Header: agency (left, beside the QR) and the national motto (right).
  const left = new Writer(page, fonts, top);
  const leftX = MARGIN + QR_SIZE + 4;
  const leftW = 104;
  left.text(base.agencyName.toUpperCase(), {
    font: 'bold',
    size: 7.5,
    x: leftX,
    width: leftW,
    center: true,
  });
  if (base.unitName?.trim()) {
    left.text(base.unitName.trim().toUpperCase(), {
      font: 'bold',
      size: 7.5,
      x: leftX,
      width: leftW,
      center: true,
    });
  }
  left.text(`Số: ${base.dossierCode}`, { size: 7.5, x: leftX, width: leftW, center: true });
  const right = new Writer(page, fonts, top);
  const rightX = leftX + leftW + 6;
  right.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', {
    font: 'bold',
    size: 7.5,
    x: rightX,
    center: true,
  });
  right.text('Độc lập - Tự do - Hạnh phúc', { font: 'bold', size: 8, x: rightX, center: true });
  const t = vietnamTimeParts(base.issuedAt);
  right.text(`${base.place}, ngày ${t.day} tháng ${t.month} năm ${t.year}`, {
    font: 'italic',
    size: 8,
    x: rightX,
    center: true,
  });
  const w = new Writer(page, fonts, Math.min(left.y, right.y, top - QR_SIZE) - 10);
  w.text(title, { font: 'bold', size: 11.5, center: true });
  w.text(`Mã hồ sơ: ${base.dossierCode}`, { font: 'bold', size: 10, center: true, gap: 6 });
  return { doc, w };
}

/** The unit that receives, as the slip names it: the configured unit, else the agency. */
const receiver = (base: SlipParty) => base.unitName?.trim() || base.agencyName;

function applicantLines(w: Writer, base: SlipBase): void {
  w.text(`${receiver(base)} tiếp nhận hồ sơ của:`);
  w.text(`Ông/Bà: ${base.applicant.fullName}`, { font: 'bold' });
  w.text(`Số định danh cá nhân: ${base.applicant.idNumber}`);
  if (base.applicant.oldIdNumber) {
    w.text(`Số chứng minh nhân dân đã cấp (đọc từ mã QR của thẻ): ${base.applicant.oldIdNumber}`, {
      size: 8.5,
    });
  }
  if (base.applicant.address) w.text(`Địa chỉ: ${base.applicant.address}`);
  if (base.applicant.phone) w.text(`Số điện thoại: ${base.applicant.phone}`);
  w.text(`Nội dung yêu cầu giải quyết: ${base.procedure.name} (mã thủ tục ${base.procedure.code})`);
}

function signatures(w: Writer, leftTitle: string, rightTitle: string, rightName: string): void {
  const half = (A5[0] - 2 * MARGIN) / 2;
  w.y -= 8;
  const y = w.y;
  w.text(leftTitle, { font: 'bold', size: 9.5, width: half, center: true });
  w.text('(Ký và ghi rõ họ tên)', { font: 'italic', size: 9, width: half, center: true });
  w.y = y;
  w.text(rightTitle, { font: 'bold', size: 9.5, x: MARGIN + half, width: half, center: true });
  w.text('(Ký và ghi rõ họ tên)', {
    font: 'italic',
    size: 9,
    x: MARGIN + half,
    width: half,
    center: true,
  });
  w.y -= 40;
  w.text(rightName, { font: 'bold', size: 10, x: MARGIN + half, width: half, center: true });
}

async function finish(doc: PDFDocument, code: string): Promise<Uint8Array> {
  try {
    return await doc.save({ useObjectStreams: false });
  } catch (cause) {
    throw new SohoaError('RECEIPT_FAILED', code, { cause });
  }
}

/** The line under the appointment: the holiday year it rests on, official or estimated. */
function appointmentNote(input: ReceiptInput): string {
  const b = input.appointmentBasis;
  if (b?.status === 'estimated') {
    return `(Ngày hẹn tính theo lịch nghỉ ước tính năm ${b.year} – chưa có thông báo chính thức; có thể điều chỉnh khi có thông báo.)`;
  }
  if (input.appointmentEstimated) {
    return '(Ngày hẹn có tính ngày nghỉ ước tính – chưa có thông báo chính thức; có thể điều chỉnh khi có thông báo.)';
  }
  if (b) return `(Lịch nghỉ năm ${b.year} theo ${b.notice || 'thông báo chính thức'}.)`;
  return '';
}

/** Where the result is collected, as the applicant chose. */
function deliveryText(input: ReceiptInput): string {
  const d = input.delivery;
  if (!d) return receiver(input);
  if (d.kind === 'post') {
    const to = d.address || input.applicant.address;
    return `gửi qua dịch vụ bưu chính công ích${to ? ` đến địa chỉ: ${to}` : ''}`;
  }
  return d.address ? `${d.name}, ${d.address}` : d.name;
}

export async function renderReceipt(input: ReceiptInput): Promise<Uint8Array> {
  const { doc, w } = await startSlip(input, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  applicantLines(w, input);
  w.text('1. Thành phần hồ sơ nộp gồm:');
  input.components.forEach((c, i) => {
    w.text(
      `${i + 1}) ${c.component.name} – ${FORM_LABEL[c.component.form]}, ${String(c.count).padStart(2, '0')} bản`,
      {
        x: MARGIN + 12,
        size: 10,
      },
    );
  });
  w.text('2. Số lượng hồ sơ: 01 bộ');
  const days = input.procedure.processingDays;
  w.text(
    `3. Thời gian giải quyết hồ sơ theo quy định: ${days === 0 ? 'trong ngày làm việc' : `${days} ngày làm việc`}`,
  );
  const r = vietnamTimeParts(input.receivedAt);
  w.text(
    `4. Thời gian nhận hồ sơ: ${r.hour} giờ ${r.minute} phút, ngày ${r.day}/${r.month}/${r.year}`,
  );
  const [hh, mm] = (input.appointmentTime ?? '14:00').split(':');
  w.text(
    `5. Thời gian trả kết quả giải quyết hồ sơ: ${hh} giờ ${mm} phút, ngày ${formatDate(input.appointmentDate)}`,
    {
      font: 'bold',
    },
  );
  const basis = appointmentNote(input);
  if (basis) w.text(basis, { font: 'italic', size: 8.5 });
  w.text(`6. Nơi nhận kết quả: ${deliveryText(input)}`, { gap: 4 });
  signatures(w, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', input.clerkName);
  return finish(doc, input.dossierCode);
}

export async function renderSupplementRequest(input: SupplementInput): Promise<Uint8Array> {
  const { doc, w } = await startSlip(input, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
  applicantLines(w, input);
  w.text('Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:');
  input.items.forEach((item, i) => w.text(`${i + 1}) ${item}`, { x: MARGIN + 12, size: 10 }));
  if (input.reason) w.text(`Lý do: ${input.reason}`);
  w.text(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ ${receiver(input)} để được hướng dẫn.`,
    { font: 'italic', size: 9.5, gap: 4 },
  );
  signatures(w, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI HƯỚNG DẪN', input.clerkName);
  return finish(doc, input.dossierCode);
}

export async function renderRefusal(input: RefusalInput): Promise<Uint8Array> {
  const { doc, w } = await startSlip(input, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
  applicantLines(w, input);
  w.text(`Qua xem xét, ${input.agencyName} từ chối tiếp nhận hồ sơ với lý do cụ thể như sau:`);
  w.text(input.reason, { x: MARGIN + 12, font: 'bold' });
  w.text('Xin thông báo để ông/bà được biết và thực hiện./.', { gap: 4 });
  signatures(w, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', input.clerkName);
  return finish(doc, input.dossierCode);
}
