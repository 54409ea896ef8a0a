// The token's PIN is asked by the host (the app's main process; here the test plays it), at
// signing time, never typed into the page: through createApi's digitize channel on a real
// SoftHSM2 token configured in the saved settings. Cancel: a typed error and nothing archived;
// wrong then right: asked twice, signed (pdfsig checks it); the logged-in session is kept (no
// ask), and after the token logs out the next signature asks again. At the counter (the desk's
// receive + sign), a cancelled PIN leaves the received dossier to be signed again, which asks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { createApi, type Api } from '../../electron/core/api';
import { receiveAtReception, signAtReception } from '../../electron/core/reception/receive';
import { openCore } from '../../electron/core/pipeline/core';
import { saveSettings } from '../../electron/core/settings/store';
import type { Response } from '../../shared/contract';
import type { PinRequest } from '../../shared/contracts/host';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createPki } from '../helpers/pki';
import {
  generateKeyOnToken,
  initToken,
  openTokenSession,
  SOFTHSM_MODULE,
  storeCertificate,
  TOKEN_LABEL,
  USER_PIN,
} from '../helpers/softhsm';
import { run } from '../helpers/tools';

let work: string;
let api: Api;
let page: string;
/** The clerk at the PIN window: the next answers (null = Cancel), and every ask seen. */
const answers: (string | null)[] = [];
const asks: PinRequest[] = [];

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-host-pin-'));
  const pki = createPki(path.join(work, 'pki'));
  initToken(path.join(work, 'hsm'));
  const t = openTokenSession();
  const pub = generateKeyOnToken(t, 'agency-key', Buffer.from([9]), 'ec');
  const cert = pki.issue({ cn: 'UBND xã Hòa Tiến', publicKeyPem: pub });
  storeCertificate(t, 'agency-key', Buffer.from([9]), cert.certDer);
  t.close();
  const dataDir = path.join(work, 'data');
  const saved = saveSettings(
    { dataDir, keysDir: path.join(dataDir, 'keys') },
    {
      ...DEFAULT_SETTINGS,
      agency: { ...DEFAULT_SETTINGS.agency, id: 'H49.64.33', name: 'UBND xã Hòa Tiến' },
      signing: { kind: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN_LABEL },
    },
  );
  assert.ok(saved.ok, JSON.stringify(saved));
  // A blank sheet: nothing to read, so each dossier is made quickly.
  page = (
    await sharp({ create: { width: 600, height: 840, channels: 3, background: '#ffffff' } })
      .png()
      .withMetadata({ density: 72 })
      .toBuffer()
  ).toString('base64');
  api = await createApi({
    dataDir,
    ocrWorkers: 1,
    host: {
      askPin(request) {
        asks.push(request);
        return Promise.resolve(answers.length > 0 ? answers.shift()! : null);
      },
    },
  });
});

after(async () => {
  await api?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function digitize(): Promise<Response<'digitize'>> {
  const r = await api.invoke('digitize', {
    title: 'Hồ sơ ký bằng token',
    files: [{ name: 'trang-1.png', dataBase64: page }],
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as Response<'digitize'>;
}

async function archivedCount(): Promise<number> {
  const r = await api.invoke('listRecords', {});
  assert.ok(r.ok);
  return (r.value as Response<'listRecords'>).records.length;
}

test('nothing is asked when the core opens; a cancel at signing is a typed error, nothing archived', async () => {
  assert.equal(asks.length, 0, 'the PIN is asked at signing time, not at start');
  answers.push(null);
  const outcome = await digitize();
  assert.equal(outcome.record, null);
  assert.deepEqual(
    outcome.fileErrors.map((e) => e.code),
    ['TOKEN_PIN_CANCELLED'],
  );
  assert.match(outcome.fileErrors[0]!.message.vi, /Chưa nhập mã PIN/);
  assert.deepEqual(asks, [{ tokenLabel: TOKEN_LABEL, attempt: 1 }]);
  assert.equal(await archivedCount(), 0);
  assert.deepEqual(fs.readdirSync(path.join(work, 'data', 'tmp')), [], 'no draft left behind');
});

test('a wrong PIN then the right one: asked twice, signed on the token', async () => {
  asks.length = 0;
  answers.push('000000', USER_PIN);
  const outcome = await digitize();
  assert.deepEqual(outcome.fileErrors, []);
  assert.ok(outcome.record);
  assert.equal(asks.length, 2);
  assert.equal(asks[1]?.attempt, 2);
  assert.equal(asks[1]?.lastError?.code, 'TOKEN_PIN_INCORRECT');
  assert.equal(outcome.record.signature?.demo, false);
  const pdf = path.join(work, 'data', 'output', outcome.record.fileName);
  const sig = run('pdfsig', [pdf]);
  assert.match(sig.stdout, /Signer Certificate Common Name: UBND xã Hòa Tiến/, sig.stdout);
  assert.match(sig.stdout, /Signature Validation: Signature is Valid/, sig.stdout);
});

test('while the token stays logged in nothing is asked; after a logout the next signature asks again', async () => {
  asks.length = 0;
  const second = await digitize();
  assert.ok(second.record, JSON.stringify(second.fileErrors));
  assert.equal(asks.length, 0, 'the logged-in session is reused');

  // Another program (or the token's own button) logs the token out.
  const other = openTokenSession();
  other.lib.C_Logout(other.session);
  other.close();
  answers.push(USER_PIN);
  const third = await digitize();
  assert.ok(third.record, JSON.stringify(third.fileErrors));
  assert.equal(asks.length, 1);
  assert.equal(asks[0]?.attempt, 1);
  assert.equal(await archivedCount(), 3);
});

test('at the counter: a cancelled PIN leaves the received dossier complete; signing again asks and signs', async () => {
  // Log the token out so this second core's key source has to ask.
  const other = openTokenSession();
  other.lib.C_Logout(other.session);
  other.close();
  const deskAsks: PinRequest[] = [];
  const deskAnswers: (string | null)[] = [null, USER_PIN];
  const core = await openCore({
    dataDir: path.join(work, 'desk'),
    ocrWorkers: 1,
    agency: { id: 'H49.64.33', name: 'UBND xã Hòa Tiến' },
    keySource: {
      kind: 'pkcs11',
      modulePath: SOFTHSM_MODULE!,
      tokenLabel: TOKEN_LABEL,
      askPin: (request) => {
        deskAsks.push(request);
        return Promise.resolve(deskAnswers.shift() ?? null);
      },
    },
  });
  try {
    const scan = { name: 'trang.png', read: () => Promise.resolve(Buffer.from(page, 'base64')) };
    const doc = (id: string, type: 'application_form' | 'cccd_front') => ({
      pages: [{ id, rotation: 0 as const }],
      type,
      confirmed: true,
      fields: [],
    });
    const out = await receiveAtReception(core, {
      procedureCode: '2.000635',
      applicant: { fullName: 'Trần Thị Ngọc Lan', idNumber: '036195000123', source: 'qr' },
      clerk: 'Cán bộ A',
      agency: { id: 'H49.64.33', name: 'UBND xã Hòa Tiến' },
      place: 'Hòa Tiến',
      documents: [doc('form', 'application_form'), doc('copy', 'cccd_front')],
      pageText: () => Promise.resolve(''),
      pageSource: () => Promise.resolve(scan),
    });
    assert.equal(out.slip.kind, 'receipt', 'the receipt is in hand');
    assert.equal(out.state, 'complete');
    assert.equal(out.archived, null);
    assert.deepEqual(
      out.fileErrors.map((e) => e.code),
      ['TOKEN_PIN_CANCELLED'],
    );
    assert.equal(core.archive.listRecords().length, 0, 'nothing archived half-done');

    const again = await signAtReception(core, {
      code: out.dossierCode,
      clerk: 'Cán bộ A',
      title: 'Cấp bản sao trích lục – Trần Thị Ngọc Lan',
      pages: [
        { id: 'form', rotation: 0 },
        { id: 'copy', rotation: 0 },
      ],
      pageSource: () => Promise.resolve(scan),
    });
    assert.equal(again.state, 'signed', JSON.stringify(again.fileErrors));
    assert.equal(again.archived?.demo, false);
    assert.equal(again.archived?.pageCount, 2);
    assert.equal(deskAsks.length, 2);
    assert.deepEqual(
      deskAsks.map((a) => a.attempt),
      [1, 1],
      'each signing starts a fresh ask',
    );
    assert.equal(core.archive.listRecords().length, 1);
  } finally {
    await core.close();
  }
});
