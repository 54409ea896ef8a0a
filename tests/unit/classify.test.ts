import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../electron/cli/main';
import { classifyText } from '../../electron/core/classify/classify';
import { evaluate, writeGeneratedSet } from '../../electron/core/classify/evaluate';
import { NaiveBayes, StoredNaiveBayes } from '../../electron/core/classify/model';
import { applyRules } from '../../electron/core/classify/rules';
import { generateDocuments } from '../../electron/core/classify/sampleDocs';
import { openDeskDatabase } from '../../electron/core/dossier/db';
import { DOCUMENT_TYPES } from '../../shared/classification';

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-cls-'));

test('rules: titles survive split words and look-alike digits; a cited decision is not a decision', () => {
  const decision = classifyText(
    'UBND HUYỆN PHÚ BÌNH\nSố: 12/QĐ-UBND\nQUYÊT DlNH\nVề việc thành lập tổ công tác',
  );
  assert.equal(decision.type, 'decision');
  assert.ok(decision.evidence.some((e) => e.startsWith('tiêu đề')));
  const birth = classifyText(
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGIAY KHAl  S1NH\nNgười đi khai sinh: Mẹ',
  );
  assert.equal(birth.type, 'birth_certificate');
  const letter = applyRules(
    'UBND HUYỆN\nSố: 45/UBND-VP\nV/v đôn đốc số hóa\nThực hiện Quyết định số 12/QĐ-UBND ngày 1/2/2025\nKính gửi: các xã\nTrân trọng./.',
  );
  const top = [...letter.scores.entries()].sort((a, b) => b[1] - a[1])[0];
  assert.equal(top?.[0], 'official_letter');
});

test('weak evidence goes to review with the top candidates, never silently assigned', () => {
  const c = classifyText('Kính gửi: Ủy ban nhân dân xã\nTôi tên là Nguyễn Văn A');
  assert.equal(c.needsReview, true);
  assert.equal(c.type, null);
  assert.ok(c.candidates.length >= 1 && c.candidates.length <= 3);
  assert.ok(c.candidates.some((x) => x.type === 'petition'));
  const nothing = classifyText('lorem ipsum');
  assert.equal(nothing.needsReview, true);
  assert.equal(nothing.source, 'none');
});

test('the learned layer lifts accuracy on damaged documents over rules alone (held-out seeds)', () => {
  const train = generateDocuments({ seed: 7, perType: 8, noise: 1.2, titleLoss: 0.4 });
  const testSet = generateDocuments({ seed: 8, perType: 4, noise: 1.2, titleLoss: 0.4 });
  const model = new NaiveBayes();
  for (const d of train) model.learn(d.text, d.type);
  const rulesOnly = evaluate(testSet, {});
  const combined = evaluate(testSet, { model });
  assert.equal(rulesOnly.n, DOCUMENT_TYPES.length * 4);
  assert.ok(
    combined.accuracy > rulesOnly.accuracy,
    `${combined.accuracy} vs ${rulesOnly.accuracy}`,
  );
  assert.ok(combined.accuracy >= 0.85, String(combined.accuracy));
  assert.ok(combined.errorRate <= 0.05);
});

test('the model learns incrementally, unlearns a corrected label, and persists in SQLite', async () => {
  const dir = await tmp();
  const db = openDeskDatabase(dir);
  const model = StoredNaiveBayes.load(db);
  const docs = generateDocuments({ seed: 3, perType: 3, noise: 0.5 });
  for (const d of docs) model.learn(d.text, d.type);
  // A clerk's mistake, corrected: learned as contract, then unlearned.
  const petition = docs.find((d) => d.type === 'petition')!;
  model.learn(petition.text, 'contract');
  model.unlearn(petition.text, 'contract');
  const before = model.predict(petition.text);
  db.close();
  const db2 = openDeskDatabase(dir);
  const reloaded = StoredNaiveBayes.load(db2);
  assert.equal(reloaded.documentCount, docs.length);
  assert.deepEqual(reloaded.predict(petition.text), before);
  assert.equal(before[0]?.type, 'petition');
  const rows = db2.prepare('SELECT count(*) AS n FROM classifier_terms WHERE count <= 0').get() as {
    n: number;
  };
  assert.equal(rows.n, 0);
  db2.close();
  // eval-classify can measure the desk's own model, learned from the clerks' confirmations.
  const setDir = path.join(dir, 'set');
  await writeGeneratedSet(setDir, generateDocuments({ seed: 4, perType: 1, noise: 0.5 }));
  const out: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  try {
    assert.equal(
      await main(['eval-classify', '--dir', setDir, '--data-dir', dir, '--lang', 'en']),
      0,
    );
  } finally {
    console.log = log;
  }
  assert.match(out.join('\n'), new RegExp(`rules \\+ desk model \\(${docs.length} documents\\)`));
  assert.match(out.at(-1)!, new RegExp(`over ${DOCUMENT_TYPES.length} documents$`));
});

test('sohoa eval-classify prints the confusion table and ends with the accuracy line', async () => {
  const dir = await tmp();
  const out: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  try {
    assert.equal(
      await main([
        'eval-classify',
        '--generate',
        path.join(dir, 'train'),
        '--seed',
        '5',
        '--per-type',
        '4',
      ]),
      0,
    );
    assert.equal(
      await main([
        'eval-classify',
        '--generate',
        path.join(dir, 'test'),
        '--seed',
        '6',
        '--per-type',
        '2',
      ]),
      0,
    );
    out.length = 0;
    assert.equal(
      await main([
        'eval-classify',
        '--dir',
        path.join(dir, 'test'),
        '--train',
        path.join(dir, 'train'),
        '--lang',
        'en',
      ]),
      0,
    );
  } finally {
    console.log = log;
  }
  assert.match(out.join('\n'), /Document typing/);
  const n = DOCUMENT_TYPES.length * 2;
  assert.match(out.at(-1)!, new RegExp(`^accuracy \\d+\\.\\d% over ${n} documents$`));
  const labels = await fs.readFile(path.join(dir, 'test', 'labels.tsv'), 'utf8');
  assert.equal(labels.trim().split('\n').length, n);
});
