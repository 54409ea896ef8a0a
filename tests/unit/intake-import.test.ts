// File and folder import (recursive, natural stable order, hidden/system files skipped) and the
// intake channels through the contract's own schemas.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { contract } from '../../shared/contract';
import { SohoaError } from '../../shared/errors';
import { FileImportDriver, listScanFiles } from '../../electron/core/acquire/fileImport';
import { dataPaths } from '../../electron/core/config/paths';
import { ledgerFileIn } from '../../electron/core/acquire/hotFolderDriver';
import { HotFolderLedger } from '../../electron/core/acquire/hotFolderLedger';
import { saveSettings } from '../../electron/core/settings/store';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createIntakeHandlers } from '../../electron/core/api/intakeHandlers';
import { handlerContext } from '../../electron/core/api/context';
import type { Core } from '../../electron/core/pipeline/core';

async function tree(files: string[]): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-import-'));
  for (const f of files) {
    await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await fs.writeFile(path.join(root, f), f);
  }
  return root;
}

test('a folder imports recursively in natural order, skipping hidden and system files', async () => {
  const root = await tree([
    'trang10.jpg',
    'trang2.JPG',
    'trang1.png',
    'Hồ sơ B/scan.pdf',
    'hồ sơ a/2.tif',
    'hồ sơ a/10.tiff',
    '.hidden.jpg',
    '.git/x.jpg',
    'Thumbs.db',
    'desktop.ini',
    '~$don.docx',
    'notes.txt',
  ]);
  try {
    const listing = await listScanFiles(root);
    assert.deepEqual(
      listing.files.map((f) => f.name),
      [
        'hồ sơ a/2.tif',
        'hồ sơ a/10.tiff',
        'Hồ sơ B/scan.pdf',
        'trang1.png',
        'trang2.JPG',
        'trang10.jpg',
      ],
    );
    assert.equal(listing.skipped, 6);
    // The same order every time.
    assert.deepEqual(await listScanFiles(root), listing);
    // One file picked by hand is taken whatever its extension.
    const single = await listScanFiles(path.join(root, 'notes.txt'));
    assert.deepEqual(
      single.files.map((f) => f.name),
      ['notes.txt'],
    );

    const driver = new FileImportDriver();
    const got: string[] = [];
    const progress: number[] = [];
    for await (const p of driver.acquire(
      root,
      {},
      { onProgress: (e) => progress.push(e.pagesDone) },
    ))
      got.push(`${p.index}:${p.name}:${(await p.read()).toString()}`);
    assert.equal(got[0], '0:hồ sơ a/2.tif:hồ sơ a/2.tif');
    assert.equal(got.length, 6);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('missing paths and empty folders are typed errors', async () => {
  const root = await tree(['only.txt']);
  try {
    await assert.rejects(
      listScanFiles(path.join(root, 'nope')),
      (e: unknown) => e instanceof SohoaError && e.code === 'IMPORT_PATH_NOT_FOUND',
    );
    const iterate = async () => {
      for await (const p of new FileImportDriver().acquire(root, {})) void p;
    };
    await assert.rejects(
      iterate(),
      (e: unknown) => e instanceof SohoaError && e.code === 'IMPORT_NOTHING_FOUND',
    );
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('intake channels: responses satisfy the contract', async () => {
  const root = await tree(['in/a.jpg', 'in/b.jpg']);
  try {
    const context = handlerContext({ paths: dataPaths(path.join(root, 'data')) } as Core);
    const handlers = createIntakeHandlers(context, [
      { inbox: path.join(root, 'in'), label: 'Máy quét tầng 1' },
    ]);
    const status = await handlers.hotFolderStatus({});
    contract.hotFolderStatus.response.parse(status);
    assert.equal(status.folders[0]!.label, 'Máy quét tầng 1');
    assert.equal(status.folders[0]!.watching, false);
    assert.equal(status.folders[0]!.lastError, null);

    // The folder comes as a grant of the host's dialog, never as a path the page typed.
    const grant = context.host.grants.issue('importFolder', path.join(root, 'in'));
    const listing = await handlers.importFolder({ grant });
    assert.deepEqual(
      listing.files.map((f) => f.name),
      ['a.jpg', 'b.jpg'],
    );

    const request = contract.planSeparation.request.parse({
      pages: [
        { name: 'p1', blank: false },
        { name: 'p2', blank: true },
        { name: 'p3', blank: false },
      ],
      options: { blank: true },
    });
    const planned = await handlers.planSeparation(request);
    contract.planSeparation.response.parse(planned);
    assert.deepEqual(
      planned.plan.documents.map((d) => d.pages),
      [[0], [2]],
    );
    const adjusted = await handlers.adjustSplits(
      contract.adjustSplits.request.parse({ plan: planned.plan, edit: { op: 'remove', at: 2 } }),
    );
    assert.deepEqual(
      adjusted.plan.documents.map((d) => d.pages),
      [[0, 2]],
    );

    const sheet = await handlers.separatorSheet(
      contract.separatorSheet.request.parse({ sheets: [{ patch: 'T', type: 'cccd_front' }] }),
    );
    assert.ok(Buffer.from(sheet.pdfBase64, 'base64').subarray(0, 5).toString() === '%PDF-');
    assert.equal(
      contract.separatorSheet.request.safeParse({ sheets: [{ dossierCode: 'a b;c' }] }).success,
      false,
    );
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('hotFolderStatus reads the folders from Settings, with the ledger and the live feed', async () => {
  const root = await tree(['scans/x.txt']);
  try {
    const paths = dataPaths(path.join(root, 'data'));
    const inbox = path.join(root, 'scans');
    const saved = saveSettings(
      { dataDir: paths.root, keysDir: paths.keysDir },
      { ...DEFAULT_SETTINGS, hotFolders: [{ path: inbox, label: 'Tầng 1', target: 'batch' }] },
    );
    assert.ok(saved.ok);
    const ledger = new HotFolderLedger(ledgerFileIn(paths.root), inbox);
    const entry = ledger.take('a.jpg', 'ab'.repeat(32), 10, new Date('2026-11-23T08:00:00Z'))!;
    ledger.finish(entry.id, 'failed', 'IMAGE_CORRUPT', new Date('2026-11-23T08:00:01Z'));
    ledger.close();
    const handlers = createIntakeHandlers(handlerContext({ paths } as Core));
    const { folders } = contract.hotFolderStatus.response.parse(await handlers.hotFolderStatus({}));
    assert.equal(folders.length, 1);
    assert.equal(folders[0]!.label, 'Tầng 1');
    assert.deepEqual(folders[0]!.counts, { taken: 0, done: 0, failed: 1 });
    assert.deepEqual(folders[0]!.feed, [
      { at: '2026-11-23T08:00:01.000Z', kind: 'error', name: 'a.jpg', code: 'IMAGE_CORRUPT' },
    ]);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
