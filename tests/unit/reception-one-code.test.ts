// One code per dossier: a dossier received at the counter is archived, queued for upload and
// printed on its receipt under the same code (the reception's), on a real data folder and a real
// core. The pages come as already read (as the counter's session hands them over), so no OCR runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { EMPTY_PAGE_ANALYSIS } from '../../shared/contract';
import { BlobStore } from '../../electron/core/archive/blobStore';
import { openDeskDatabase } from '../../electron/core/dossier/db';
import { Outbox } from '../../electron/core/outbox/outbox';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import type { PreReadPage } from '../../electron/core/pipeline/types';
import {
  receiveAtReception,
  signAtReception,
  type ReceptionReceiveInput,
} from '../../electron/core/reception/receive';

let work: string;
let core: Core;
let png: Buffer;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-one-code-'));
  core = await openCore({ dataDir: work, ocrWorkers: 1 });
  png = await sharp({
    create: { width: 400, height: 300, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer();
});

after(async () => {
  await core.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const readPage = (id: string): PreReadPage => ({
  name: `${id}.png`,
  turn: 0,
  load: () =>
    Promise.resolve({
      widthPx: 400,
      heightPx: 300,
      dpi: 100,
      archival: { format: 'png', bytes: png },
      ocr: { text: '', confidence: 0, lines: [], widthPx: 400, heightPx: 300 },
      analysis: EMPTY_PAGE_ANALYSIS,
    }),
});

function input(): ReceptionReceiveInput {
  const doc = (id: string, type: 'application_form' | 'cccd_front') => ({
    pages: [{ id, rotation: 0 as const }],
    type,
    confirmed: true,
    fields: [],
  });
  return {
    procedureCode: '2.000635',
    applicant: { fullName: 'Trần Thị Ngọc Lan', idNumber: '036195000123', source: 'qr' },
    clerk: 'Cán bộ A',
    agency: { id: 'H49.64.33', name: 'UBND xã Hải Minh' },
    place: 'Hải Minh',
    documents: [doc('form', 'application_form'), doc('card', 'cccd_front')],
    pageText: () => Promise.resolve(''),
    pageSource: (id) => Promise.resolve(readPage(id)),
  };
}

test('the receipt, the archived record and the outbox item carry one code', async () => {
  const first = await receiveAtReception(core, input());
  const second = await receiveAtReception(core, input());
  for (const out of [first, second]) {
    assert.equal(out.slip.kind, 'receipt');
    assert.equal(out.state, 'signed', JSON.stringify(out.fileErrors));
    assert.equal(out.archived?.code, out.dossierCode);
    const record = core.archive.findByCode(out.dossierCode);
    assert.equal(record?.pageCount, 2);
    const item = new Outbox(core.archive, new BlobStore(core.paths.blobsDir)).get(out.dossierCode);
    assert.equal(item?.state, 'pending');
  }
  // Two dossiers of the day, numbered one after the other: no number is spent on a second code.
  const seq = (code: string) => Number(code.slice(code.lastIndexOf('-') + 1));
  assert.equal(seq(second.dossierCode), seq(first.dossierCode) + 1);
  assert.deepEqual(
    core.archive
      .listRecords()
      .map((r) => r.code)
      .sort(),
    [first.dossierCode, second.dossierCode].sort(),
  );
});

test('signing again a dossier already archived finds its record, never a second one', async () => {
  const out = await receiveAtReception(core, input());
  const before = core.archive.listRecords().length;
  // The state change after archiving was lost (a crash): the record stands, signing again reuses it.
  const db = openDeskDatabase(work);
  try {
    db.prepare("UPDATE reception_dossiers SET state = 'complete' WHERE code = ?").run(
      out.dossierCode,
    );
  } finally {
    db.close();
  }
  const again = await signAtReception(core, {
    code: out.dossierCode,
    clerk: 'Cán bộ A',
    title: 't',
    pages: [{ id: 'form', rotation: 0 }],
    pageSource: (id) => Promise.resolve(readPage(id)),
  });
  assert.equal(again.state, 'signed');
  assert.equal(again.archived?.code, out.dossierCode);
  assert.equal(core.archive.listRecords().length, before);
});
