// The retention channels on a real core: Cài đặt's periods saved through the contract are the ones
// each store reports and the sweep applies; an erasure check answers for a dossier still open, and
// the erasure itself refuses it with the same typed reason.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createApi } from '../../electron/core/api';
import { openDeskDatabase } from '../../electron/core/dossier/db';
import { DossierStore } from '../../electron/core/dossier/store';

test('retention status, sweep and erasure refusal through the contract', async (t) => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-retention-api-'));
  const api = await createApi({ dataDir });
  // The counter's dossier is made by a second connection, as another process would.
  const db = openDeskDatabase(dataDir);
  t.after(async () => {
    db.close();
    await api.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  const got = await api.invoke('settingsGet', {});
  assert.ok(got.ok);
  const { settings } = got.value as { settings: Record<string, unknown> };
  const saved = await api.invoke('settingsSave', {
    settings: { ...settings, retention: { ...(settings.retention as object), copiesDays: 3 } },
  });
  assert.ok(saved.ok && (saved.value as { ok: boolean }).ok, JSON.stringify(saved));

  const old = path.join(dataDir, 'output', 'old.pdf');
  await fs.mkdir(path.dirname(old), { recursive: true });
  await fs.writeFile(old, 'copy');
  const fiveDaysAgo = new Date(Date.now() - 5 * 24 * 3600 * 1000);
  await fs.utimes(old, fiveDaysAgo, fiveDaysAgo);

  const swept = await api.invoke('retentionSweep', {});
  assert.ok(swept.ok);
  let status;
  for (let i = 0; i < 100; i++) {
    const s = await api.invoke('retentionStatus', {});
    assert.ok(s.ok);
    status = s.value as {
      stores: { id: string; rule: unknown; files: number }[];
      sweeping: boolean;
      lastSweepAt: string | null;
    };
    if (!status.sweeping && status.lastSweepAt) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.deepEqual(status?.stores.find((s) => s.id === 'copies')?.rule, { kind: 'days', days: 3 });
  await assert.rejects(fs.stat(old), 'the old copy went by the saved period');

  const open = new DossierStore(db).create({
    procedureCode: '1.001193',
    applicant: { fullName: 'Lê Văn B', idNumber: '001200000001', source: 'typed' },
    clerk: 'cb.lan',
    agencyId: 'H49.64.33',
  });
  const check = await api.invoke('personalDataEraseCheck', { dossierCode: open.code });
  assert.ok(check.ok);
  assert.equal((check.value as { refusal: { code: string } }).refusal.code, 'ERASE_DOSSIER_OPEN');
  const erase = await api.invoke('personalDataErase', { dossierCode: open.code });
  assert.equal(erase.ok, false);
  assert.equal(!erase.ok && erase.error.code, 'ERASE_DOSSIER_OPEN');
  const both = await api.invoke('personalDataEraseCheck', { dossierCode: open.code, recordId: 1 });
  assert.equal(both.ok, false, 'one target, never two');
});
