// The learned classifier keeps words about kinds of papers, never about people: a name the clerk's
// correction teaches is not in the stored model (the model's tables written to a file of their own
// and searched byte for byte), a word seen in too few documents is not either, and a model stored
// before these rules is cleaned when it is loaded.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { classifyText } from '../../electron/core/classify/classify';
import { StoredNaiveBayes } from '../../electron/core/classify/model';
import { MIN_DOCUMENTS } from '../../electron/core/classify/privacy';
import { openDeskDatabase } from '../../electron/core/dossier/db';
import { DossierStore } from '../../electron/core/dossier/store';

const APPLICANTS = [
  { fullName: 'Khuất Thị Zuyênh', idNumber: '038199012345' },
  { fullName: 'Lò Văn Phửng', idNumber: '011200000123' },
  { fullName: 'Đinh Thị Quýnhh', idNumber: '079300004567' },
];
/** Someone else named on two of the papers (a father): rarer than MIN_DOCUMENTS. */
const RARE = 'Trịnh Văn Xoằng';
const NEVER_KEPT = ['zuyenh', 'khuat', 'phung', 'quynhh', 'xoang', 'trinh'];

/** The model's tables copied into a file of their own, as bytes. */
async function modelFile(db: ReturnType<typeof openDeskDatabase>, dir: string): Promise<Buffer> {
  const file = path.join(dir, 'model-only.sqlite');
  db.prepare('ATTACH DATABASE ? AS m').run(file);
  db.exec(`CREATE TABLE m.classifier_terms AS SELECT * FROM main.classifier_terms;
           CREATE TABLE m.classifier_labels AS SELECT * FROM main.classifier_labels;`);
  db.exec('DETACH DATABASE m');
  return fs.readFile(file);
}

test('a name taught by a correction, and a rare word, never reach the stored model', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-classify-privacy-'));
  const db = openDeskDatabase(dir);
  t.after(() => {
    db.close();
    return fs.rm(dir, { recursive: true, force: true });
  });
  const store = new DossierStore(db);
  assert.ok(APPLICANTS.length >= MIN_DOCUMENTS);
  APPLICANTS.forEach((a, i) => {
    const d = store.create({
      procedureCode: '1.001193',
      applicant: { ...a, source: 'qr', address: 'Thôn Quỳnh Đôi' },
      clerk: 'cb.lan',
      agencyId: 'H49.64.33',
    });
    const father = i < 2 ? `Họ tên cha: ${RARE}\n` : '';
    const text = `GIẤY KHAI SINH\nHọ và tên: ${a.fullName}\nSố định danh: ${a.idNumber}\n${father}Nơi đăng ký khai sinh: UBND xã`;
    const doc = store.addDocument(d.code, { text, classification: classifyText(text), fields: [] });
    // Each is corrected from a wrong label, back and forth: one document, however often it is
    // learned again, counts once towards a word being common.
    for (const type of ['petition', 'birth_certificate', 'petition', 'birth_certificate'] as const)
      store.confirmDocument(doc.id, type, 'cb.hung', StoredNaiveBayes.load(db));
  });

  const terms = db.prepare('SELECT term FROM classifier_terms').pluck().all() as string[];
  assert.ok(terms.includes('khai_sinh'), 'words of the paper itself are learned');
  for (const w of NEVER_KEPT)
    assert.equal(terms.filter((x) => x.split('_').includes(w)).length, 0, `${w} not in the model`);
  const bytes = await modelFile(db, dir);
  assert.ok(bytes.includes(Buffer.from('khai_sinh')), 'the copy holds the model');
  for (const w of NEVER_KEPT)
    assert.equal(bytes.includes(Buffer.from(w)), false, `${w} in the model file`);
  const model = StoredNaiveBayes.load(db);
  assert.equal(model.predict('GIẤY KHAI SINH Nơi đăng ký khai sinh')[0]?.type, 'birth_certificate');
});

test('a model stored before the rules loses its applicants’ words and rare words when loaded', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-classify-clean-'));
  const db = openDeskDatabase(dir);
  t.after(() => {
    db.close();
    return fs.rm(dir, { recursive: true, force: true });
  });
  new DossierStore(db).create({
    procedureCode: '1.001193',
    applicant: { ...APPLICANTS[0]!, source: 'typed' },
    clerk: 'cb.lan',
    agencyId: 'H49.64.33',
  });
  db.exec(`INSERT INTO classifier_labels VALUES ('birth_certificate', 9, 26);
           INSERT INTO classifier_terms VALUES ('birth_certificate', 'khai_sinh', 9),
             ('birth_certificate', 'zuyenh', 9), ('birth_certificate', 'ten_khuat', 5),
             ('birth_certificate', 'xoang', 1), ('birth_certificate', 'cha', 2);`);
  StoredNaiveBayes.load(db);
  assert.deepEqual(db.prepare('SELECT term, count FROM classifier_terms').all(), [
    { term: 'khai_sinh', count: 9 },
  ]);
  assert.equal(db.prepare('SELECT tokens FROM classifier_labels').pluck().get(), 9);
});
