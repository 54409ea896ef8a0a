// A PDF received signed is archived byte for byte as it came, its signature still valid, with its
// verification stored; the desk's OCR text layer and signature go into a companion file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import PDFDocument from 'pdfkit';
import Database from 'better-sqlite3';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { BlobStore } from '../../electron/core/archive/blobStore';
import { openCore } from '../../electron/core/pipeline/core';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import { createPki, P12_PASSWORD } from '../helpers/pki';
import { runSohoa } from '../helpers/sign-tools';
import { run } from '../helpers/tools';

const ORIGINAL_SIGNER = 'Nguyễn Văn Bình';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function scannedPdf(lines: string[]): Promise<Buffer> {
  const scan = await renderPage({ lines, dpi: 300, format: 'jpeg' });
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.addPage({ size: 'A4', margin: 0 });
  doc.image(scan, 0, 0, { width: doc.page.width, height: doc.page.height });
  doc.end();
  await once(doc, 'end');
  return Buffer.concat(chunks);
}

function pdftotext(file: string): string {
  const r = run('pdftotext', ['-layout', file, '-']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('a signed PDF is archived as it came, with a searchable signed companion', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-received-'));
  const pki = createPki(path.join(dir, 'pki'));
  const leaf = pki.issue({ cn: ORIGINAL_SIGNER });
  const keySource = await openPkcs12(leaf.p12Path!, P12_PASSWORD);
  const scan = await scannedPdf(['# GIẤY XÁC NHẬN', 'Họ và tên: Lê Thị Hồng Nhung']);
  const signed = await signPdf(scan, {
    keySource,
    signingTime: new Date(),
    appearance: { kind: 'agency', agencyName: 'Ủy ban nhân dân xã Tân Hòa', demo: false },
    reason: 'Ban hành',
  });
  const input = path.join(dir, 'giay-xac-nhan-da-ky.pdf');
  await fs.writeFile(input, signed.bytes);

  const dataDir = path.join(dir, 'data');
  const core = await openCore({ dataDir, ocrWorkers: 1 });
  let recordId: number;
  try {
    const outcome = await core.digitize([{ name: input, read: () => fs.readFile(input) }], {
      title: 'Văn bản nhận đã ký',
    });
    assert.deepEqual(outcome.fileErrors, []);
    assert.ok(outcome.record && outcome.pdfPath && outcome.companionPath);
    recordId = outcome.record.id;
    const inputSha = sha256(signed.bytes);
    assert.equal(outcome.record.sha256, inputSha, 'the record points at the original');
    assert.equal(outcome.record.signature?.signer, ORIGINAL_SIGNER);
    assert.equal(core.archive.listRecords(10).length, 1, 'one record listed, not one per file');

    const blobs = new BlobStore(path.join(dataDir, 'blobs'));
    const archived = await blobs.read(inputSha);
    assert.equal(sha256(archived), inputSha, 'archived byte for byte');
    assert.ok((await fs.readFile(outcome.pdfPath)).equals(Buffer.from(signed.bytes)));
    const blobPath = blobs.pathOf(inputSha);
    const sig = run('pdfsig', [blobPath]);
    assert.match(sig.stdout, /Signature is Valid/, sig.stdout);
    assert.match(sig.stdout, new RegExp(ORIGINAL_SIGNER), 'pdfsig names the original signer');

    // The companion: the desk's OCR text and its own signature.
    assert.match(pdftotext(outcome.companionPath), /Hồng\s+Nhung/);
    const companionSig = run('pdfsig', [outcome.companionPath]);
    assert.match(companionSig.stdout, /Signature is Valid/);
    assert.doesNotMatch(companionSig.stdout, new RegExp(ORIGINAL_SIGNER));
    const detail = core.archive.getRecord(recordId)!;
    assert.match(detail.pages[0]!.text, /Hồng Nhung/, 'the search text comes from OCR');
    assert.deepEqual(
      detail.files?.map((f) => [f.role, f.receivedSigners]),
      [
        ['received', [ORIGINAL_SIGNER]],
        ['companion', undefined],
      ],
    );
    assert.equal(detail.files?.[1]?.sha256, sha256(await fs.readFile(outcome.companionPath)));
  } finally {
    await core.close();
  }

  // What the archive keeps: both files hashed in the record, the report with the original.
  const db = new Database(path.join(dataDir, 'archive.sqlite'), { readonly: true });
  try {
    const files = db
      .prepare('SELECT name, role, sha256, report FROM files WHERE dossier_id = ? ORDER BY id')
      .all(recordId) as { name: string; role: string; sha256: string; report: string | null }[];
    assert.deepEqual(
      files.map((f) => f.role),
      ['received', 'companion'],
    );
    const report = JSON.parse(files[0]!.report!) as {
      signatures: { signer?: string; cryptoValid: boolean; intact: boolean }[];
    };
    assert.equal(report.signatures[0]?.signer, ORIGINAL_SIGNER);
    assert.equal(report.signatures[0]?.cryptoValid, true);
    assert.equal(report.signatures[0]?.intact, true);
    assert.equal(files[1]!.report, null);
  } finally {
    db.close();
  }
  // `sohoa audit verify`: the chain, the record hash over both files, every stored file re-hashed.
  const audit = await runSohoa(['audit', 'verify', '--data-dir', dataDir, '--json']);
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  assert.deepEqual((JSON.parse(audit.stdout) as { badFiles: string[] }).badFiles, []);
});

test('a signed PDF changed after signing is kept as it came but never shown as signed', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-forged-'));
  const pki = createPki(path.join(dir, 'pki'));
  const keySource = await openPkcs12(pki.issue({ cn: ORIGINAL_SIGNER }).p12Path!, P12_PASSWORD);
  const scan = await scannedPdf(['# GIẤY XÁC NHẬN', 'Họ và tên: Lê Thị Hồng Nhung']);
  const signed = await signPdf(scan, {
    keySource,
    signingTime: new Date(),
    appearance: { kind: 'agency', agencyName: 'Ủy ban nhân dân xã Tân Hòa', demo: false },
    reason: 'Ban hành',
  });
  // One byte of the header's binary comment: inside the first signed range, the structure intact.
  const forged = Buffer.from(signed.bytes);
  assert.equal(forged.subarray(0, 10).toString('latin1'), '%PDF-1.3\n%');
  forged[10] = forged[10]! ^ 0x01;
  const input = path.join(dir, 'giay-xac-nhan-sua.pdf');
  await fs.writeFile(input, forged);
  assert.doesNotMatch(run('pdfsig', [input]).stdout, /Signature is Valid/, 'really forged');

  const dataDir = path.join(dir, 'data');
  const core = await openCore({ dataDir, ocrWorkers: 1 });
  try {
    const outcome = await core.digitize([{ name: input, read: () => fs.readFile(input) }], {
      title: 'Văn bản nhận bị sửa',
    });
    assert.deepEqual(outcome.fileErrors, []);
    assert.ok(outcome.record && outcome.pdfPath);
    assert.equal(outcome.record.sha256, sha256(forged), 'the record points at the file received');
    assert.equal(outcome.record.signature, null, 'not shown as signed');
    const blobs = new BlobStore(path.join(dataDir, 'blobs'));
    assert.ok((await blobs.read(sha256(forged))).equals(forged), 'kept byte for byte');
    const detail = core.archive.getRecord(outcome.record.id)!;
    assert.equal(detail.signature, null);
    assert.equal(core.archive.listRecords(10)[0]?.signature, null, 'the list shows it unsigned');
    assert.deepEqual(
      detail.files?.map((f) => [f.role, f.receivedSigners]),
      [
        ['received', []],
        ['companion', undefined],
      ],
    );
  } finally {
    await core.close();
  }
});
