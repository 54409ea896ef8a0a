// What a batch archives carries its own facts and its own key (an archive must never hold a
// record it cannot prove, and never hold one twice), on the real core: real SQLite, real signed
// PDFs. A separated batch's records hold their document type (typeName) and paper dossier code
// (paperFileCode) in their TT 05/2025 metadata and are found by the archive screen's type filter;
// digitize with the same sourceRef archives once, also when two runs race; a hot folder's burst
// delivered again maps onto the record it made and says so; a restart finds a batch's record by
// its key.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { DOCUMENT_TYPE_LABELS } from '../../shared/classification';
import type { SeparationOptions } from '../../shared/contracts/intake';
import { BatchQueue, burstSourceRef } from '../../electron/core/batch/queue';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import type { PageSource } from '../../electron/core/pipeline/types';
import { queryArchive } from '../../electron/core/records/archiveQuery';
import { batch as batchStrings } from '../../renderer/src/i18n/screens/batch';
import { blankPage, scannedSeparatorSheets } from '../e2e/batch-separation-stack';
import { run } from '../helpers/tools';

let work: string;
let blank: Buffer;
before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-batch-rec-'));
  blank = await blankPage();
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

async function withCore(name: string, fn: (core: Core) => Promise<void>): Promise<void> {
  const core = await openCore({ dataDir: path.join(work, name), ocrWorkers: 1 });
  try {
    await fn(core);
  } finally {
    await core.close();
  }
}

/** The stored metadata of a record, from the archive's own SQLite file. */
function storedMetadata(core: Core, id: number) {
  const db = new Database(core.paths.database, { readonly: true });
  try {
    const d = db.prepare('SELECT metadata, source_ref FROM dossiers WHERE id = ?').get(id) as {
      metadata: string;
      source_ref: string | null;
    };
    const docs = (
      db
        .prepare('SELECT metadata FROM documents WHERE dossier_id = ? ORDER BY ordinal')
        .all(id) as { metadata: string }[]
    ).map((r) => JSON.parse(r.metadata) as Record<string, unknown>);
    return {
      record: JSON.parse(d.metadata) as Record<string, unknown>,
      sourceRef: d.source_ref,
      docs,
    };
  } finally {
    db.close();
  }
}

const page = (name: string, bytes: Buffer): PageSource => ({
  name,
  read: () => Promise.resolve(bytes),
});

async function until<T>(what: string, fn: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('digitize with a sourceRef archives once (also when two runs race), with its metadata in the same record; bad metadata is refused before any page is read', async () => {
  await withCore('digitize', async (core) => {
    const options = {
      title: 'Hồ sơ thử',
      sourceRef: 'test:one',
      metadata: { paperFileCode: 'HS-GIAY-01' },
      documentMetadata: { typeName: DOCUMENT_TYPE_LABELS.petition.vi },
    };
    const first = await core.digitize([page('a.jpg', blank)], options);
    assert.ok(first.record, JSON.stringify(first.fileErrors));
    assert.equal(first.alreadyArchived, undefined);
    assert.equal(run('qpdf', ['--check', first.pdfPath!]).status, 0);
    const stored = storedMetadata(core, first.record.id);
    assert.equal(stored.sourceRef, 'test:one');
    assert.equal(stored.record.paperFileCode, 'HS-GIAY-01');
    assert.deepEqual(
      stored.docs.map((d) => d.typeName),
      [DOCUMENT_TYPE_LABELS.petition.vi],
    );

    let read = 0;
    const counted: PageSource = {
      name: 'a.jpg',
      read: () => {
        read++;
        return Promise.resolve(blank);
      },
    };
    const again = await core.digitize([counted], options);
    assert.equal(again.alreadyArchived, true);
    assert.equal(again.record?.id, first.record.id);
    assert.equal(again.pdfPath, null);
    assert.equal(again.pages.length, 1, 'the existing record is reported with its pages');
    assert.equal(read, 0, 'a known sourceRef reads no page');
    assert.equal(core.archive.recordCount(), 1);

    // Two runs with a new key start together: both pass the early check, the archive's write
    // transaction lets one record; the other reports that record.
    const both = await Promise.all([
      core.digitize([page('b.jpg', blank)], { title: 'Đua 1', sourceRef: 'test:race' }),
      core.digitize([page('b.jpg', blank)], { title: 'Đua 2', sourceRef: 'test:race' }),
    ]);
    assert.ok(both[0].record && both[1].record);
    assert.equal(both[0].record.id, both[1].record.id);
    assert.deepEqual(both.map((o) => o.alreadyArchived === true).sort(), [false, true]);
    assert.equal(core.archive.recordCount(), 2);

    read = 0;
    const bad = await core.digitize([counted], {
      sourceRef: 'test:bad',
      documentMetadata: { issuedDate: '31/02/2024' },
    });
    assert.equal(bad.record, null);
    assert.equal(bad.fileErrors[0]?.code, 'METADATA_INVALID');
    assert.equal(read, 0);
    assert.equal(core.archive.recordCount(), 2);
  });
});

test('a separated batch: each record holds its type and paper dossier code in its metadata and is found by the type filter; a restart finds a batch record by its key', async () => {
  const [sheet] = await scannedSeparatorSheets([
    { patch: null, type: 'birth_certificate', dossierCode: 'HS-0007' },
  ]);
  const separation: SeparationOptions = {
    blank: false,
    patchCodes: [],
    codes: true,
    classifier: false,
    keepSeparators: false,
    duplex: false,
  };
  await withCore('separated', async (core) => {
    let queue = new BatchQueue(core);
    queue.separationDefaults(separation);
    const stack = [blank, sheet!, blank];
    const { id } = await queue.queueFiles({
      files: stack.map((b, i) => ({
        name: `trang-${i + 1}.jpg`,
        dataBase64: b.toString('base64'),
      })),
      more: false,
    });
    await queue.whenIdle();
    assert.equal(queue.detail(id).batch.state, 'awaiting-split');
    queue.acceptSplits(id);
    await queue.whenIdle();
    const records = queue.splitPlan(id).records;
    assert.deepEqual(
      records.map((r) => [r.type, r.dossierCode]),
      [
        [null, null],
        ['birth_certificate', 'HS-0007'],
      ],
    );
    const [plain, birth] = records.map((r) => storedMetadata(core, r.archived!.id));
    assert.equal(birth!.record.paperFileCode, 'HS-0007');
    assert.deepEqual(
      birth!.docs.map((d) => d.typeName),
      [DOCUMENT_TYPE_LABELS.birth_certificate.vi],
    );
    assert.equal(plain!.docs[0]!.typeName, undefined, 'no type is invented');
    assert.equal(plain!.record.paperFileCode, records[0]!.archived!.code, "the archive's default");
    assert.match(birth!.sourceRef!, new RegExp(`^batch:[0-9a-f-]{36}:${id}:doc:[0-9a-f]{16}$`));

    // The archive screen's type filter (archiveSearch) finds the typed record, and only it.
    const hits = queryArchive(core.archive, '', { docType: 'birth_certificate' }, 50);
    assert.deepEqual(
      hits.map((h) => h.dossierCode),
      [records[1]!.archived!.code],
    );
    assert.deepEqual(
      queryArchive(core.archive, 'HS-0007', {}, 50).map((h) => h.dossierCode),
      [records[1]!.archived!.code],
      'the paper dossier code is searchable',
    );

    // An ordinary batch, then a restart that finds it "running" (a crash after the archive
    // commit, before the queue noted it): its record is found by its key, not made again.
    queue.separationDefaults(null);
    const one = await queue.queueFiles({
      files: [{ name: 'don.jpg', dataBase64: blank.toString('base64') }],
      more: false,
    });
    await queue.whenIdle();
    const made = queue.detail(one.id).batch.record!;
    assert.match(
      storedMetadata(core, made.id).sourceRef!,
      new RegExp(`^batch:[0-9a-f-]{36}:${one.id}$`),
    );
    await queue.close();
    const db = new Database(path.join(core.paths.root, 'batches.sqlite'));
    db.prepare(
      "UPDATE batches SET state = 'running', dossier_id = NULL, dossier_code = NULL WHERE id = ?",
    ).run(one.id);
    db.close();
    const count = core.archive.recordCount();
    queue = new BatchQueue(core, { autoStart: false });
    const recovered = queue.detail(one.id).batch;
    assert.equal(recovered.state, 'done');
    assert.deepEqual(recovered.record, made);
    assert.equal(recovered.alreadyArchived, false, "the batch's own record");
    assert.equal(core.archive.recordCount(), count);
    await queue.close();
  });
});

test('a hot folder burst delivered again maps onto the record it made, and the batch says so (vi + en, naming the record)', async () => {
  // The same image with other bytes (a decoder ignores what follows the JPEG's end).
  const second = Buffer.concat([blank, Buffer.from('2')]);
  await withCore('burst', async (core) => {
    const queue = new BatchQueue(core);
    const deliver = (pages: [string, Buffer][]) =>
      queue.feed(
        'Máy quét tầng 1',
        async function* () {
          // As a hot folder hands them over: one at a time, as each file is complete.
          for (const [name, bytes] of pages) yield await Promise.resolve(page(name, bytes));
        },
        20,
      );
    const finished = (n: number) =>
      until(`${n} finished bursts`, () => {
        const done = queue
          .list(50)
          .batches.filter((b) => b.state === 'done' || b.state === 'failed');
        return done.length >= n ? done : undefined;
      });

    deliver([
      ['scan-001.jpg', blank],
      ['scan-002.jpg', second],
    ]);
    const [first] = await finished(1);
    assert.equal(first!.state, 'done', JSON.stringify(first!.error));
    assert.equal(first!.alreadyArchived, false);
    const made = first!.record!;
    const ref = storedMetadata(core, made.id).sourceRef;
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    assert.equal(ref, burstSourceRef([sha(blank), sha(second)]));

    // The same scans again, in the other order and under other names (a crash before the hot
    // folder noted them, or the clerk copying them in again).
    deliver([
      ['lai-2.jpg', second],
      ['lai-1.jpg', blank],
    ]);
    const again = (await finished(2)).find((b) => b.id !== first!.id)!;
    assert.equal(again.state, 'done');
    assert.equal(again.alreadyArchived, true);
    assert.deepEqual(again.record, made);
    assert.equal(core.archive.recordCount(), 1, 'archived once');
    assert.equal(queue.review({ batchId: again.id, state: 'all' }).length, 0);
    for (const locale of ['vi', 'en'] as const)
      assert.ok(batchStrings[locale].alreadyArchived(made.code).includes(made.code));

    // Different content is a new burst and a new record.
    deliver([['scan-003.jpg', Buffer.concat([blank, Buffer.from('3')])]]);
    const third = (await finished(3)).find((b) => b.id !== first!.id && b.id !== again.id)!;
    assert.equal(third.alreadyArchived, false);
    assert.notEqual(third.record?.id, made.id);
    assert.equal(core.archive.recordCount(), 2);
    await queue.close();
  });
});

test('a file handed over again after a crash, while the batch holding it waits, is not queued twice', async () => {
  const [a, b, d] = ['a', 'b', 'd'].map((x) => Buffer.concat([blank, Buffer.from(x)]));
  await withCore('crash-window', async (core) => {
    // The first desk process takes a and b into a burst, then "dies" before the hot folder noted
    // b done: its source stays open (no seal) while a second queue opens as after a restart.
    const first = new BatchQueue(core);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    first.feed(
      'Máy quét',
      async function* () {
        yield page('a.jpg', a!);
        yield page('b.jpg', b!);
        await held;
      },
      60_000,
    );
    const cut = await until('a burst of two files', () =>
      first.list(10).batches.find((x) => x.state === 'uploading' && x.files === 2),
    );
    const restarted = new BatchQueue(core);
    assert.equal(restarted.detail(cut.id).batch.state, 'paused', 'an interrupted burst waits');
    // The hot folder hands b over again (its take never finished), then a new scan d.
    restarted.feed(
      'Máy quét',
      async function* () {
        yield await Promise.resolve(page('b.jpg', b!));
        yield await Promise.resolve(page('d.jpg', d!));
      },
      20,
    );
    const next = await until('the new burst archived', () =>
      restarted.list(10).batches.find((x) => x.id !== cut.id && x.state === 'done'),
    );
    assert.deepEqual(
      restarted.detail(next.id).files.map((f) => f.name),
      ['d.jpg'],
      'b is in the waiting batch already',
    );
    restarted.control(cut.id, 'resume');
    await restarted.whenIdle();
    assert.equal(restarted.detail(cut.id).batch.state, 'done');
    const pages = [cut.id, next.id].flatMap((id) =>
      core.archive.getRecord(restarted.detail(id).batch.record!.id)!.pages.map((p) => p.sourceName),
    );
    assert.deepEqual(pages.sort(), ['a.jpg', 'b.jpg', 'd.jpg'], 'each scan archived once');
    release();
    await first.close();
    await restarted.close();
  });
});

test('a separated hot folder burst delivered again, renamed and reordered, finds its records: none made twice', async () => {
  const [a, b] = ['x', 'y'].map((x) => Buffer.concat([blank, Buffer.from(x)]));
  await withCore('separated-burst', async (core) => {
    const queue = new BatchQueue(core);
    queue.separationDefaults({
      blank: false,
      patchCodes: [],
      codes: false,
      classifier: false,
      keepSeparators: false,
      duplex: false,
      fixedCount: 1,
    });
    const deliver = (pages: [string, Buffer][]) =>
      queue.feed(
        'Máy quét kho',
        async function* () {
          for (const [name, bytes] of pages) yield await Promise.resolve(page(name, bytes));
        },
        20,
      );
    const accepted = async (skip: number[]) => {
      const b = await until('a burst to review', () =>
        queue.list(10).batches.find((x) => x.state === 'awaiting-split' && !skip.includes(x.id)),
      );
      queue.acceptSplits(b.id);
      await queue.whenIdle();
      const { records } = queue.splitPlan(b.id);
      return {
        id: b.id,
        codes: records.map((r) => r.archived?.code),
        already: records.map((r) => r.alreadyArchived === true),
        summary: queue.detail(b.id).batch,
      };
    };
    deliver([
      ['scan-1.jpg', a!],
      ['scan-2.jpg', b!],
    ]);
    const first = await accepted([]);
    assert.equal(first.codes.length, 2);
    assert.deepEqual(first.already, [false, false]);
    assert.equal(first.summary.alreadyArchived, false);
    assert.equal(core.archive.recordCount(), 2);
    deliver([
      ['lai-b.jpg', b!],
      ['lai-a.jpg', a!],
    ]);
    const again = await accepted([first.id]);
    assert.deepEqual(
      [...again.codes].sort(),
      [...first.codes].sort(),
      'the same records, found by content',
    );
    assert.equal(core.archive.recordCount(), 2, 'none made twice');
    // The clerk is told: each document names the record it already is, and the batch says so.
    assert.deepEqual(again.already, [true, true]);
    assert.equal(again.summary.alreadyArchived, true);
    assert.equal(queue.detail(first.id).batch.alreadyArchived, false, 'the first batch made them');
    await queue.close();
  });
});

test('a hot folder burst cancelled while its files arrive stays cancelled; later files make a batch of their own', async () => {
  const [a, b, c] = ['p', 'q', 'r'].map((x) => Buffer.concat([blank, Buffer.from(x)]));
  await withCore('cancelled-burst', async (core) => {
    const queue = new BatchQueue(core);
    let more!: () => void;
    const gate = new Promise<void>((resolve) => (more = resolve));
    queue.feed(
      'Máy quét',
      async function* () {
        yield page('a.jpg', a!);
        yield page('b.jpg', b!);
        await gate;
        yield page('c.jpg', c!);
      },
      200,
    );
    const burst = await until('a burst of two files', () =>
      queue.list(10).batches.find((x) => x.state === 'uploading' && x.files === 2),
    );
    queue.control(burst.id, 'cancel');
    // The quiet window passes: sealing the burst must not queue what the archivist cancelled.
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(queue.detail(burst.id).batch.state, 'cancelled');
    more();
    const later = await until('the later scan archived', () =>
      queue.list(10).batches.find((x) => x.id !== burst.id && x.state === 'done'),
    );
    assert.deepEqual(
      queue.detail(later.id).files.map((f) => f.name),
      ['c.jpg'],
    );
    assert.equal(queue.detail(burst.id).batch.state, 'cancelled');
    assert.equal(core.archive.recordCount(), 1, 'only the later scan is archived');
    await queue.close();
  });
});
