// The app opens its core with what the Settings screen saved: an agency identity saved through
// the contract is the one the next session's dossiers carry (code prefix), on a real core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { createApi } from '../../electron/core/api';

test('saved agency settings apply when the core next opens', { timeout: 120_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-api-settings-'));
  try {
    const first = await createApi({ dataDir });
    const got = await first.invoke('settingsGet', {});
    assert.ok(got.ok);
    const view = got.value as { settings: { agency: Record<string, unknown> } };
    const settings = {
      ...view.settings,
      agency: { ...view.settings.agency, id: 'H49.64.33', name: 'UBND phường Hòa Khánh' },
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
      const dossier = (made.value as { dossier: { code: string } | null }).dossier;
      assert.ok(dossier);
      assert.match(dossier.code, /^H49\.64\.33-/);
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
