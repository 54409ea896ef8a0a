import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { generateDocuments } from '../../electron/core/classify/sampleDocs';
import { handlerContext } from '../../electron/core/api/context';
import { createDossierHandlers } from '../../electron/core/api/dossierHandlers';
import { dataPaths } from '../../electron/core/config/paths';
import type { Core } from '../../electron/core/pipeline/core';
import {
  cardBackMrz,
  cccdQrPayload,
  renderCardQrSide,
  SAMPLE_HOLDERS,
} from '../../electron/core/identity/sampleCard';
import { DOSSIER_CHANNELS } from '../../shared/contracts/dossier';

type Channels = typeof DOSSIER_CHANNELS;
/** A thẻ căn cước: the QR and the MRZ are both on its back. */
const HOLDER = SAMPLE_HOLDERS['can-cuoc'];

test('every dossier channel validates its request and returns what its schema says', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-api-'));
  const handlers = createDossierHandlers(handlerContext({ paths: dataPaths(dir) } as Core));
  // Through the schemas, as the shell's invoke() does.
  const call = async <C extends keyof Channels>(channel: C, payload: unknown) => {
    const request = DOSSIER_CHANNELS[channel].request.parse(payload) as never;
    const value = await (handlers[channel] as (r: never) => Promise<unknown>)(request);
    return DOSSIER_CHANNELS[channel].response.parse(value) as ReturnType<
      Channels[C]['response']['parse']
    >;
  };
  const procedures = await call('listProcedures', {});
  assert.ok(procedures.procedures.length >= 12);

  const card = await call('readCard', {
    imageBase64: (await renderCardQrSide(HOLDER)).toString('base64'),
    mrz: cardBackMrz(HOLDER, '2043-12-01'),
  });
  assert.equal(card.holder?.idNumber, HOLDER.idNumber);
  assert.equal(card.holder?.card, 'can-cuoc');
  assert.ok(
    card.checks.every((c) => c.ok || c.severity === 'note'),
    JSON.stringify(card.checks.filter((c) => !c.ok)),
  );
  assert.deepEqual([...new Set(card.fields.map((f) => f.source))].sort(), ['mrz', 'qr']);
  const typed = await call('readCard', { typed: cccdQrPayload(HOLDER) + '\r\n' });
  assert.equal(typed.holder?.fullName, 'Đỗ Quang Minh');
  assert.throws(() => DOSSIER_CHANNELS.readCard.request.parse({}));

  const docs = generateDocuments({ seed: 77, perType: 1, noise: 0.2, titleLoss: 0 });
  const form = docs.find((d) => d.type === 'application_form')!;
  const classified = await call('classifyDocument', { text: form.text });
  assert.equal(classified.classification.type, 'application_form');

  const received = await call('receiveDossier', {
    procedureCode: '2.000635',
    applicant: { fullName: HOLDER.fullName, idNumber: HOLDER.idNumber, source: 'qr' },
    documents: [
      { name: 'to-khai', text: form.text },
      { name: 'cccd', text: docs.find((d) => d.type === 'cccd_front')!.text },
    ],
    agencyId: 'H49.64.33',
    agencyName: 'UBND xã Tân Hòa',
    place: 'Tân Hòa',
    clerk: 'cb.binh',
  });
  assert.equal(received.slip.kind, 'receipt');
  assert.equal(received.dossier.state, 'complete');
  assert.ok(Buffer.from(received.slip.pdfBase64, 'base64').subarray(0, 5).toString() === '%PDF-');

  const signed = await call('transitionDossier', {
    code: received.dossier.code,
    to: 'signed',
    clerk: 'cb.binh',
  });
  assert.equal(signed.state, 'signed');
  const history = await call('dossierHistory', { code: received.dossier.code });
  assert.deepEqual(
    history.transitions.map((t) => t.to),
    ['draft', 'receiving', 'complete', 'signed'],
  );

  const confirmed = await call('confirmDocument', {
    documentId: 1,
    type: 'application_form',
    clerk: 'cb.binh',
  });
  assert.equal(confirmed.confirmedBy, 'cb.binh');
});
