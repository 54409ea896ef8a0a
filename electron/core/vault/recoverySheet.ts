// The recovery sheet IT prints at first run and keeps locked away: the data key as a QR code and
// as groups of characters, with what it opens and how to use it. It is made only from the key
// open in this process (the key wrapped by this machine's keystore or IT's key file), never
// stored: the file is written where IT says and is theirs to print and delete.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { SohoaError } from '../../../shared/errors';
import { vietnamTimeParts } from '../../../shared/time';
import { QR_PREFIX, recoveryGroups } from './recoveryCode';
import { keyForRoot, vaultRootOfDir } from './registry';
import { writeVaultFile } from './setup';
import { readVaultFile } from './vaultFile';

const require = createRequire(import.meta.url);
const DEJAVU = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const A4: [number, number] = [595.28, 841.89];

export interface RecoverySheet {
  pdf: Buffer;
  keyId: string;
}

/**
 * The sheet of the vault `dataDir` lies in; the key must open here (a sheet is never made from
 * anything but the current key). Marks in vault.json when a sheet was last made.
 */
export async function makeRecoverySheet(
  dataDir: string,
  options: { agencyName?: string; now?: Date } = {},
): Promise<RecoverySheet> {
  const root = vaultRootOfDir(dataDir);
  const vault = root ? readVaultFile(root) : null;
  if (!root || !vault) throw new SohoaError('VAULT_LOCKED', path.basename(dataDir));
  const key = keyForRoot(root);
  const now = options.now ?? new Date();
  const groups = recoveryGroups(key);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regular, bold, mono] = await Promise.all(
    ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSansMono-Bold.ttf'].map(async (f) =>
      doc.embedFont(await readFile(path.join(DEJAVU, f)), { subset: true }),
    ),
  );
  doc.setTitle('Phiếu khóa khôi phục – Sohoa Desk');
  doc.setCreator('Sohoa Desk');
  doc.setCreationDate(now);
  const page = doc.addPage(A4);
  let y = A4[1] - 60;
  const line = (text: string, size = 11, font = regular) => {
    page.drawText(text, { x: 50, y, size, font, color: rgb(0, 0, 0) });
    y -= size * 1.6;
  };
  line('PHIẾU KHÓA KHÔI PHỤC DỮ LIỆU – SOHOA DESK', 16, bold);
  line('Recovery sheet of the data key', 11, regular);
  y -= 6;
  const t = vietnamTimeParts(now);
  line(`Cơ quan: ${options.agencyName ?? '……………………………'}`);
  line(`Mã khóa (key id): ${key.id}    Lập ngày ${t.day}/${t.month}/${t.year}`);
  line(`Thư mục dữ liệu: ${root}`, 9);
  y -= 10;
  const qr = QRCode.create(QR_PREFIX + groups.join(''), { errorCorrectionLevel: 'M' });
  const cells = qr.modules.size;
  const cell = 180 / cells;
  const top = y;
  for (let r = 0; r < cells; r++)
    for (let c = 0; c < cells; c++)
      if (qr.modules.get(r, c))
        page.drawRectangle({
          x: 50 + c * cell,
          y: top - (r + 1) * cell,
          width: cell,
          height: cell,
          color: rgb(0, 0, 0),
        });
  let gy = top - 14;
  for (let row = 0; row < groups.length; row += 4) {
    const text = groups.slice(row, row + 4).join('  ');
    page.drawText(`${String(row / 4 + 1)}.  ${text}`, { x: 260, y: gy, size: 14, font: mono });
    gy -= 26;
  }
  y = top - 200;
  for (const text of SHEET_TEXT) line(text, 10);
  const pdf = Buffer.from(await doc.save());
  writeVaultFile(root, { ...vault, recoverySheetAt: now.toISOString() });
  return { pdf, keyId: key.id };
}

const SHEET_TEXT = [
  'Mã này mở được toàn bộ hồ sơ, ảnh quét và bản sao lưu của máy này. Ai có mã và một bản sao',
  'của thư mục dữ liệu đều đọc được dữ liệu của công dân: cất phiếu trong tủ khóa, không chụp ảnh,',
  'không gửi qua mạng. Khi cần khôi phục sang máy mới:  sohoa restore <bản sao lưu> --recovery-code "…"',
  'hoặc mở lại thư mục dữ liệu:  sohoa vault recover --code "…". Nhóm cuối là mã kiểm tra.',
  '',
  'This code opens every dossier, scan and backup of this desk. Anyone with it and a copy of the',
  'data folder reads the citizens’ data: keep it locked away, never photograph or send it. To move',
  'to a new machine: sohoa restore <backup> --recovery-code "…", or sohoa vault recover --code "…".',
];
