// Backups restore onto a new machine only with the recovery code: an encrypted backup refused
// there without it, restored with the code read off the printed sheet (its QR decoded by zbarimg
// and its groups by pdftotext, tools we did not write), and from then on opened by the new
// machine's own key provider. A mistyped code is refused, not tried.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { backupArchive, restoreArchive } from '../../electron/core/archive/backup';
import { openArchive } from '../../electron/core/archive/open';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { keyFromRecoveryCode, QR_PREFIX } from '../../electron/core/vault/recoveryCode';
import { makeRecoverySheet } from '../../electron/core/vault/recoverySheet';
import { forgetVaults, rememberKey, useKeyProvider } from '../../electron/core/vault/registry';
import { prepareVault, vaultStatus } from '../../electron/core/vault/setup';
import { isSohoaError } from '../../shared/errors';
import { run } from '../helpers/tools';

let work: string;
let backupDir: string;
let sheetText: string;
let qrCode: string;
const pdf = Buffer.concat([Buffer.from('%PDF-1.7 Nguyễn Văn An '), randomBytes(200_000)]);

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-vault-recovery-'));
  const home = path.join(work, 'home');
  useKeyProvider(fileKeyProvider(path.join(work, 'it-old', 'desk.key')));
  await prepareVault(home);
  assert.equal(vaultStatus(home).level, 'warning'); // a key file, and no sheet yet
  const opened = openArchive(home);
  const sha256 = await opened.blobs.put(pdf);
  opened.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: 'Hồ sơ của Nguyễn Văn An',
    pages: [
      {
        ordinal: 1,
        sourceName: 'a.png',
        widthPx: 10,
        heightPx: 10,
        dpi: 200,
        text: 'An',
        confidence: 90,
      },
    ],
    file: { sha256, bytes: pdf.length, signature: null },
  });
  backupDir = (await backupArchive(opened, path.join(work, 'usb'))).dir;
  opened.close();
  const sheet = await makeRecoverySheet(home, { agencyName: 'UBND xã Hải Minh' });
  const file = path.join(work, 'sheet.pdf');
  fs.writeFileSync(file, sheet.pdf);
  sheetText = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).stdout;
  run('pdftoppm', ['-r', '150', '-png', '-singlefile', file, path.join(work, 'sheet')]);
  qrCode = run('zbarimg', ['--raw', '-q', path.join(work, 'sheet.png')]).stdout.trim();
  assert.ok(vaultStatus(home).recoverySheetAt, 'the sheet is noted');
});

after(() => {
  forgetVaults();
  useKeyProvider(null);
  fs.rmSync(work, { recursive: true, force: true });
});

test('the sheet shows the same code as text and as a QR code', () => {
  assert.ok(qrCode.startsWith(QR_PREFIX), qrCode);
  const groups = qrCode.slice(QR_PREFIX.length).match(/.{4}/g)!;
  assert.equal(groups.length, 14);
  for (const g of groups) assert.ok(sheetText.includes(g), `${g} printed`);
  assert.match(sheetText, /PHIẾU KHÓA KHÔI PHỤC/);
});

test('on a new machine the backup is refused without the code and restored with it', async () => {
  forgetVaults();
  useKeyProvider(fileKeyProvider(path.join(work, 'it-new', 'desk.key')));
  const target = path.join(work, 'new-machine');
  await assert.rejects(restoreArchive(backupDir, target), (e) => {
    assert.ok(isSohoaError(e) && e.code === 'VAULT_LOCKED', String(e));
    return true;
  });
  // Typed from the sheet with a slip of one character: refused by the check group.
  const typed = qrCode.slice(QR_PREFIX.length).match(/.{4}/g)!.join('-');
  const slip = (typed[0] === 'A' ? 'B' : 'A') + typed.slice(1);
  assert.throws(
    () => keyFromRecoveryCode(slip),
    (e) => isSohoaError(e) && e.code === 'VAULT_RECOVERY_INVALID',
  );
  rememberKey(keyFromRecoveryCode(typed.toLowerCase()));
  const report = await restoreArchive(backupDir, target);
  assert.equal(report.dossiers, 1);
  // From now on the new machine's own provider opens it, with no code.
  forgetVaults();
  const opened = openArchive(target);
  try {
    assert.ok(opened.archive.verify().ok);
    const record = opened.archive.listRecords()[0]!;
    assert.ok((await opened.blobs.read(record.sha256)).equals(pdf));
  } finally {
    opened.close();
  }
});
