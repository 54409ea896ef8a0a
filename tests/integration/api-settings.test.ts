// The app opens its core with what the Settings screen saved: an agency identity saved through
// the contract is the one the next session's dossiers carry (code prefix), and the place saved
// for the slips is the one on the receipt's date line (read back with pdftotext), on a real core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { createApi } from '../../electron/core/api';
import { pdftotext } from '../helpers/tools';

test('saved agency settings apply when the core next opens', { timeout: 120_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-api-settings-'));
  try {
    const first = await createApi({ dataDir });
    const got = await first.invoke('settingsGet', {});
    assert.ok(got.ok);
    const view = got.value as { settings: { agency: Record<string, unknown> } };
    const settings = {
      ...view.settings,
      agency: {
        ...view.settings.agency,
        id: 'H49.64.33',
        name: 'UBND phường Hòa Khánh',
        place: 'Hòa Khánh',
      },
    };
    const saved = await first.invoke('settingsSave', { settings });
    assert.ok(saved.ok && (saved.value as { ok: boolean }).ok, JSON.stringify(saved));
    await first.close();

    // A blank sheet: no text to read, so the dossier is made quickly.
    const blank = await sharp({
      create: { width: 827, height: 1169, channels: 3, background: '#ffffff' },
    })
      .png()
      .withMetadata({ density: 100 })
      .toBuffer();
    const second = await createApi({ dataDir });
    try {
      const made = await second.invoke('digitize', {
        files: [{ name: 'trang-trang.png', dataBase64: blank.toString('base64') }],
      });
      assert.ok(made.ok, JSON.stringify(made));
      const dossier = (made.value as { record: { code: string } | null }).record;
      assert.ok(dossier);
      assert.match(dossier.code, /^H49\.64\.33-/);

      // The counter's slip: the place comes from Cài đặt (no SOHOA_AGENCY_PLACE here).
      const added = await second.invoke('receptionAddPages', {
        sessionId: 'aaaaaaaa-settings-place',
        files: [{ name: 'trang-trang.png', dataBase64: blank.toString('base64') }],
      });
      assert.ok(added.ok, JSON.stringify(added));
      const [page] = (added.value as { pages: { id: string }[] }).pages;
      assert.ok(page);
      const received = await second.invoke('receptionReceive', {
        sessionId: 'aaaaaaaa-settings-place',
        procedureCode: '2.000635',
        applicant: { fullName: 'Trần Thị Ngọc Lan', idNumber: '036195000123', source: 'typed' },
        clerk: 'Cán bộ A',
        documents: [
          {
            pages: [{ id: page.id, rotation: 0 }],
            type: 'application_form',
            confirmed: true,
            fields: [],
          },
        ],
      });
      assert.ok(received.ok, JSON.stringify(received));
      const slip = path.join(dataDir, 'slip.pdf');
      fs.writeFileSync(
        slip,
        Buffer.from((received.value as { slipPdfBase64: string }).slipPdfBase64, 'base64'),
      );
      const text = pdftotext(slip);
      assert.match(text, /Hòa Khánh, ngày \d+ tháng \d+ năm \d{4}/);
      assert.doesNotMatch(text, /Xã mẫu/);
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
