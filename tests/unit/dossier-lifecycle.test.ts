import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { classifyText } from '../../electron/core/classify/classify';
import { StoredNaiveBayes } from '../../electron/core/classify/model';
import { deskOperator } from '../../electron/core/operator/desk';
import { openDeskDatabase } from '../../electron/core/dossier/db';
import { DossierStore, type Applicant } from '../../electron/core/dossier/store';
import {
  codePatternRegExp,
  formatCodeWithPattern,
  isValidCodePattern,
} from '../../shared/dossierCode';
import { isSohoaError } from '../../shared/errors';

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-dos-'));
const APPLICANT: Applicant = {
  fullName: 'Trần Thị Ngọc Lan',
  idNumber: '036195000123',
  source: 'qr',
};
const at = new Date('2026-11-23T02:00:00Z'); // 09:00 in Vietnam

test('code patterns: default, custom, validation and recognition', () => {
  assert.equal(
    formatCodeWithPattern('{AGENCY}-{YYMMDD}-{NNNN}', 'H49.64.33', '241103', 7),
    'H49.64.33-241103-0007',
  );
  assert.equal(
    formatCodeWithPattern('{YYYYMMDD}/{AGENCY}/{NNNNN}', 'X01', '261123', 42),
    '20261123/X01/00042',
  );
  assert.ok(isValidCodePattern('{AGENCY}-{YYMMDD}-{NNNN}'));
  assert.ok(!isValidCodePattern('{AGENCY}-{NNNN}'));
  assert.ok(!isValidCodePattern('{AGENCY}-{YYMMDD}-{NN}'));
  assert.ok(!isValidCodePattern('{AGENCY} {YYMMDD} {NNNN}'));
  const re = codePatternRegExp('{AGENCY}-{YYMMDD}-{NNNN}');
  assert.ok(re.test('H49.64.33-241103-0007'));
  assert.ok(!re.test('H49.64.33-241103-007'));
});

test('lifecycle: allowed moves only, reasons required, every move logged with the clerk', async () => {
  const db = openDeskDatabase(await tmp());
  const store = new DossierStore(db, () => at);
  const d = store.create({
    procedureCode: '1.001193',
    applicant: APPLICANT,
    clerk: 'cb.lan',
    agencyId: 'H49.64.33',
  });
  assert.equal(d.code, 'H49.64.33-261123-0001');
  assert.equal(d.state, 'draft');
  assert.throws(
    () => store.transition(d.code, 'signed', { clerk: 'cb.lan' }),
    (e) => isSohoaError(e) && e.code === 'DOSSIER_TRANSITION_INVALID',
  );
  store.transition(d.code, 'receiving', { clerk: 'cb.lan' });
  store.transition(d.code, 'incomplete', { clerk: 'cb.lan' });
  assert.throws(
    () => store.transition(d.code, 'returned_for_supplement', { clerk: 'cb.lan', reason: '  ' }),
    (e) => isSohoaError(e) && e.code === 'REASON_REQUIRED',
  );
  store.transition(d.code, 'returned_for_supplement', {
    clerk: 'cb.lan',
    reason: 'Thiếu giấy chứng sinh',
  });
  store.transition(d.code, 'receiving', { clerk: 'cb.hung' });
  const done = store.transition(d.code, 'complete', { clerk: 'cb.hung', dueDate: '2026-11-23' });
  assert.equal(done.dueDate, '2026-11-23');
  assert.equal(done.receivedAt, at.toISOString());
  const history = store.history(d.code);
  assert.deepEqual(
    history.map((h) => `${h.from ?? '∅'}→${h.to}:${h.clerk}`),
    // Each move names the clerk who typed their name and the account signed in to the computer.
    [
      '∅→draft:cb.lan',
      'draft→receiving:cb.lan',
      'receiving→incomplete:cb.lan',
      'incomplete→returned_for_supplement:cb.lan',
      'returned_for_supplement→receiving:cb.hung',
      'receiving→complete:cb.hung',
    ].map((line) => `${line} (${deskOperator().account})`),
  );
  assert.equal(history[3]?.reason, 'Thiếu giấy chứng sinh');
  // The log is append-only, even for someone with the database open.
  assert.throws(() => db.prepare('DELETE FROM reception_transitions').run(), /append-only/);
  assert.throws(
    () => db.prepare("UPDATE reception_transitions SET clerk = 'x'").run(),
    /append-only/,
  );
  // Refusal ends the lifecycle.
  const r = store.create({
    procedureCode: '1.001193',
    applicant: APPLICANT,
    clerk: 'cb.lan',
    agencyId: 'H49.64.33',
  });
  assert.equal(r.code, 'H49.64.33-261123-0002');
  store.transition(r.code, 'refused', { clerk: 'cb.lan', reason: 'Không thuộc thẩm quyền' });
  assert.throws(() => store.transition(r.code, 'receiving', { clerk: 'cb.lan' }));
  // A code from the provincial system is used as is; a malformed one is refused.
  const ext = store.create({
    procedureCode: '1.001193',
    applicant: APPLICANT,
    clerk: 'cb.lan',
    agencyId: 'H49.64.33',
    externalCode: 'G22.25-251104-0099',
  });
  assert.equal(ext.code, 'G22.25-251104-0099');
  assert.throws(
    () =>
      store.create({
        procedureCode: '1.001193',
        applicant: APPLICANT,
        clerk: 'cb.lan',
        agencyId: 'H49.64.33',
        externalCode: 'G22.25-251104-0099',
      }),
    (e) => isSohoaError(e) && e.code === 'DOSSIER_CODE_TAKEN',
  );
  assert.throws(() =>
    store.create({
      procedureCode: 'x',
      applicant: APPLICANT,
      clerk: 'c',
      agencyId: 'H49',
      externalCode: 'a b',
    }),
  );
  db.close();
});

test('confirming a document teaches the model; a correction unlearns the first label', async () => {
  const db = openDeskDatabase(await tmp());
  const store = new DossierStore(db, () => at);
  const model = StoredNaiveBayes.load(db);
  const d = store.create({
    procedureCode: '1.001193',
    applicant: APPLICANT,
    clerk: 'cb.lan',
    agencyId: 'H01',
  });
  const text = 'Kính gửi: UBND xã Tân Hòa\nTôi tên là Lê Văn Nam\nNay tôi làm đơn này đề nghị';
  const doc = store.addDocument(d.code, { text, classification: classifyText(text), fields: [] });
  store.confirmDocument(doc.id, 'contract', 'cb.lan', model);
  assert.equal(model.documentCount, 1);
  const fixed = store.confirmDocument(doc.id, 'petition', 'cb.hung', model);
  assert.equal(fixed.type, 'petition');
  assert.equal(fixed.confirmedBy, 'cb.hung');
  assert.equal(model.documentCount, 1);
  const labels = db.prepare('SELECT type, docs FROM classifier_labels WHERE docs > 0').all();
  assert.deepEqual(labels, [{ type: 'petition', docs: 1 }]);
  db.close();
});

const STORE_MODULE = fileURLToPath(
  new URL('../../electron/core/dossier/store.ts', import.meta.url),
);
const DB_MODULE = fileURLToPath(new URL('../../electron/core/dossier/db.ts', import.meta.url));

function allocateInChild(dataDir: string, n: number, tag: string): Promise<string[]> {
  const script = `
    const { openDeskDatabase } = await import(${JSON.stringify(DB_MODULE)});
    const { DossierStore } = await import(${JSON.stringify(STORE_MODULE)});
    const db = openDeskDatabase(${JSON.stringify(dataDir)});
    const store = new DossierStore(db, () => new Date('2026-11-23T02:00:00Z'));
    const codes = [];
    for (let i = 0; i < ${n}; i++) {
      codes.push(store.create({ procedureCode: '1.001193', agencyId: 'H49.64.33', clerk: '${tag}',
        applicant: { fullName: 'A', idNumber: '036195000123', source: 'typed' } }).code);
    }
    db.close();
    process.stdout.write(JSON.stringify(codes));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`exit ${code}`)),
    );
  });
}

test('two processes allocating codes at once get no duplicates and no gaps', async () => {
  const dir = await tmp();
  openDeskDatabase(dir).close(); // migrate once, as the app does at start
  const [a, b] = await Promise.all([
    allocateInChild(dir, 40, 'desk-a'),
    allocateInChild(dir, 40, 'desk-b'),
  ]);
  const all = [...a, ...b];
  assert.equal(new Set(all).size, 80);
  const numbers = all.map((c) => Number(c.slice(-4))).sort((x, y) => x - y);
  assert.deepEqual(
    numbers,
    Array.from({ length: 80 }, (_, i) => i + 1),
  );
  // Each process saw its own codes in increasing order.
  for (const codes of [a, b]) {
    const ns = codes.map((c) => Number(c.slice(-4)));
    assert.deepEqual(
      ns,
      [...ns].sort((x, y) => x - y),
    );
  }
});

test('sohoa reception shows, moves and refuses bad moves, naming the dossier', async () => {
  const { main } = await import('../../electron/cli/main');
  const dir = await tmp();
  const db = openDeskDatabase(dir);
  const d = new DossierStore(db, () => at).create({
    procedureCode: '1.001193',
    applicant: APPLICANT,
    clerk: 'cb.lan',
    agencyId: 'H49.64.33',
  });
  db.close();
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => err.push(a.join(' '));
  try {
    assert.equal(
      await main([
        'reception',
        'move',
        d.code,
        'receiving',
        '--clerk',
        'cb.hung',
        '--data-dir',
        dir,
      ]),
      0,
    );
    assert.equal(
      await main([
        'reception',
        'move',
        d.code,
        'archived',
        '--clerk',
        'cb.hung',
        '--data-dir',
        dir,
      ]),
      1,
    );
    assert.equal(await main(['reception', 'show', d.code, '--data-dir', dir, '--lang', 'en']), 0);
  } finally {
    [console.log, console.error] = [log, error];
  }
  assert.match(err.join('\n'), new RegExp(`${d.code.replace(/\./g, '\\.')}: receiving→archived`));
  assert.match(out.join('\n'), /State: Receiving/);
  assert.match(out.join('\n'), /Draft → Receiving {2}cb\.hung/);
  assert.match(out.join('\n'), /2026-11-23T09:00:00\+07:00/);
});

test('a same-day appointment is never before the receipt time', async () => {
  const { appointmentTime } = await import('../../electron/core/dossier/reception');
  const vn = (s: string) => new Date(`${s}+07:00`);
  assert.equal(appointmentTime(vn('2026-11-23T09:00:00'), '2026-11-23'), '14:00');
  assert.equal(appointmentTime(vn('2026-11-23T14:30:00'), '2026-11-23'), '15:30');
  assert.equal(appointmentTime(vn('2026-11-23T16:40:00'), '2026-11-23'), '17:00');
  assert.equal(appointmentTime(vn('2026-11-23T16:40:00'), '2026-11-26', '08:00'), '08:00');
});
