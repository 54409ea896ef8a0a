// The counter's reception in the core (electron/core/reception/receive.ts) on a real data folder
// and a real core: the clerk's types win and teach the classifier, an incomplete dossier gets the
// request for supplement, a failed signature leaves the received dossier to be signed again
// (never a second dossier), and the desk's recent procedures come newest first.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDeskDatabase } from '../../electron/core/dossier/db';
import { DossierStore } from '../../electron/core/dossier/store';
import {
  finishAtReception,
  receiveAtReception,
  recentProcedureCodes,
  signAtReception,
  type ReceptionReceiveInput,
} from '../../electron/core/reception/receive';
import { openCore, type Core } from '../../electron/core/pipeline/core';

const FORM = `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH
Kính gửi: Ủy ban nhân dân xã Hải Minh`;
const COPY = 'Giấy tờ kèm theo\nTrần Thị Ngọc Lan\n036195000123';
const TEXTS: Record<string, string> = { form: FORM, copy: COPY };

let work: string;
let core: Core;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-desk-'));
  core = await openCore({ dataDir: work, ocrWorkers: 1 });
});

after(async () => {
  await core.close();
  fs.rmSync(work, { recursive: true, force: true });
});

function input(
  documents: ReceptionReceiveInput['documents'],
  procedureCode = '2.000635',
): ReceptionReceiveInput {
  return {
    procedureCode,
    applicant: { fullName: 'Trần Thị Ngọc Lan', idNumber: '036195000123', source: 'qr' },
    clerk: 'Cán bộ A',
    agency: { id: 'H49.64.33', name: 'UBND xã Hải Minh' },
    place: 'Hải Minh',
    documents,
    pageText: (id) => Promise.resolve(TEXTS[id] ?? ''),
    // A page whose file is gone: digitizing fails without running OCR.
    pageSource: (id) =>
      Promise.resolve({
        name: `${id}.png`,
        read: () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })),
      }),
  };
}

const doc = (id: string, type: 'application_form' | 'cccd_front' | null, confirmed: boolean) => ({
  pages: [{ id, rotation: 0 as const }],
  type,
  confirmed,
  fields: [],
});

test('a dossier missing a mandatory paper gets the request for supplement, nothing is digitized', async () => {
  const out = await receiveAtReception(
    core,
    input([doc('form', 'application_form', false), doc('copy', null, false)]),
  );
  assert.equal(out.slip.kind, 'supplement');
  assert.equal(out.state, 'returned_for_supplement');
  assert.equal(out.archived, null);
  assert.equal(Buffer.from(out.slip.pdf.subarray(0, 5)).toString(), '%PDF-');
  assert.equal(out.missing.length, 1);
  assert.match(out.missing[0]!, /Căn cước/);
  assert.equal(core.archive.listRecords().length, 0);
});

test("the clerk's correction completes the dossier and is learned; a failed signature can be retried", async () => {
  const out = await receiveAtReception(
    core,
    input([doc('form', 'application_form', false), doc('copy', 'cccd_front', true)]),
  );
  assert.equal(out.slip.kind, 'receipt');
  assert.ok(out.dueDate);
  // The page could not be read: the dossier is received (receipt in hand) but not yet signed.
  assert.equal(out.state, 'complete');
  assert.equal(out.archived, null);
  assert.deepEqual(
    out.fileErrors.map((e) => e.code),
    ['FILE_NOT_FOUND', 'FILE_NOT_FOUND'],
  );
  const db = openDeskDatabase(work);
  try {
    const docs = new DossierStore(db).documents(out.dossierCode);
    assert.deepEqual(
      docs.map((d) => [d.type, d.needsReview, d.confirmedBy]),
      [
        ['application_form', false, null],
        ['cccd_front', false, 'Cán bộ A'],
      ],
    );
    // What the model learned is recorded with the document (so it can be unlearned exactly).
    const learned = db
      .prepare('SELECT learned_type FROM reception_documents ORDER BY id DESC LIMIT 1')
      .get() as { learned_type: string };
    assert.equal(learned.learned_type, 'cccd_front');
  } finally {
    db.close();
  }
  // Signing again works on the same dossier (and fails the same way while the page is gone).
  const again = await signAtReception(core, {
    code: out.dossierCode,
    clerk: 'Cán bộ A',
    title: 't',
    pages: [{ id: 'form', rotation: 0 }],
    pageSource: input([]).pageSource,
  });
  assert.equal(again.state, 'complete');
  assert.equal(again.fileErrors[0]?.code, 'FILE_NOT_FOUND');
  // Finishing a dossier that is not signed leaves it as it is.
  assert.equal(finishAtReception(work, out.dossierCode, 'Cán bộ A'), 'complete');
});

test('signing a dossier that is not waiting for its signature is refused', async () => {
  const out = await receiveAtReception(core, input([doc('form', 'application_form', false)]));
  await assert.rejects(
    signAtReception(core, {
      code: out.dossierCode,
      clerk: 'Cán bộ A',
      title: 't',
      pages: [{ id: 'form', rotation: 0 }],
      pageSource: input([]).pageSource,
    }),
    /returned_for_supplement→signed/,
  );
});

test('recent procedures, newest first, each once', async () => {
  await receiveAtReception(core, input([doc('form', 'application_form', false)], '1.004222'));
  assert.deepEqual(recentProcedureCodes(work).slice(0, 2), ['1.004222', '2.000635']);
});
