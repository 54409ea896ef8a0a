// `sohoa export`: a BagIt (RFC 8493) package checked by tools we did not write: coreutils'
// sha256sum reads both manifests, Python's XML parser reads the metadata, qpdf checks the PDF.
// (No BagIt validator installs here: bagit-python is neither in Debian bookworm nor on npm.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { exportCommand } from '../../electron/cli/commands/export';
import { openArchive } from '../../electron/core/archive/open';
import { run } from '../helpers/tools';

const CODE = 'H49.64.33-261123-0001';

async function archiveWithRecord(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-export-'));
  const o = openArchive(dataDir);
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 3; i++) pdf.addPage().drawText(`Page ${i}`, { x: 50, y: 700, font });
  const bytes = Buffer.from(await pdf.save());
  const sha256 = await o.blobs.put(bytes);
  o.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: 'Đăng ký khai sinh cho cháu Nguyễn Văn An & "gia đình"',
    metadata: { maintenance: '01', keyword: 'hộ tịch; khai sinh' },
    documents: [
      {
        metadata: {
          typeName: 'Tờ khai',
          subject: 'Tờ khai đăng ký khai sinh <bản chính>',
          issuedDate: '20/11/2026',
        },
        pages: [1, 2],
      },
      { metadata: { typeName: 'Căn cước công dân', organName: 'Bộ Công an' }, pages: [3] },
    ],
    pages: [1, 2, 3].map((ordinal) => ({
      ordinal,
      sourceName: `p${ordinal}.jpg`,
      widthPx: 1654,
      heightPx: 2339,
      dpi: 200,
      text: `Trang ${ordinal}`,
      confidence: 90,
    })),
    file: { sha256, bytes: bytes.length, signature: null },
  });
  o.close();
  return dataDir;
}

const XML_CHECK = `
import sys, xml.etree.ElementTree as ET
ns = {'m': 'urn:sohoa-desk:tt05-2025:1'}
root = ET.parse(sys.argv[1]).getroot()
print(root.find('m:fileCode', ns).text)
print(root.find('m:title', ns).text)
print(root.find('m:totalDoc', ns).text, root.find('m:numberOfPage', ns).text)
for d in root.findall('m:Documents/m:Document', ns):
    print(d.find('m:docCode', ns).text, d.find('m:typeName', ns).text, d.find('m:pages', ns).text)
`;

test('a dossier exports as a BagIt package that independent tools validate', async () => {
  const dataDir = await archiveWithRecord();
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-bags-'));
  const log = console.log;
  console.log = () => undefined;
  const code = await exportCommand
    .run([CODE, target, '--data-dir', dataDir], { lang: 'vi' })
    .finally(() => (console.log = log));
  assert.equal(code, 0);
  assert.deepEqual(fs.readdirSync(target), [CODE], 'no partial folder left');
  const bag = path.join(target, CODE);

  assert.equal(
    fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8'),
    'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
  );
  for (const manifest of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
    const r = spawnSync('sha256sum', ['--check', '--strict', manifest], {
      cwd: bag,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `${manifest}: ${r.stdout}${r.stderr}`);
  }
  // Completeness (RFC 8493 §3): every payload file is in the manifest, and nothing else is.
  const listed = fs
    .readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/)[1])
    .sort();
  const onDisk = (fs.readdirSync(path.join(bag, 'data'), { recursive: true }) as string[])
    .filter((p) => fs.statSync(path.join(bag, 'data', p)).isFile())
    .map((p) => `data/${p.split(path.sep).join('/')}`)
    .sort();
  assert.deepEqual(listed, onDisk);
  const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
  const octets = onDisk.reduce((n, p) => n + fs.statSync(path.join(bag, p)).size, 0);
  assert.match(info, new RegExp(`^Payload-Oxum: ${octets}\\.${onDisk.length}$`, 'm'));
  assert.match(info, /^External-Identifier: H49\.64\.33-261123-0001$/m);

  const xml = run('python3', ['-c', XML_CHECK, path.join(bag, 'data/metadata', `${CODE}.xml`)]);
  assert.equal(xml.status, 0, xml.stderr);
  assert.deepEqual(xml.stdout.trim().split('\n'), [
    CODE,
    'Đăng ký khai sinh cho cháu Nguyễn Văn An & "gia đình"',
    '2 3',
    `${CODE}.0000001 Tờ khai 1 2`,
    `${CODE}.0000002 Căn cước công dân 3`,
  ]);
  const json = JSON.parse(
    fs.readFileSync(path.join(bag, 'data/metadata', `${CODE}.json`), 'utf8'),
  ) as { dossier: { maintenance: string }; files: { sha256: string }[] };
  assert.equal(json.dossier.maintenance, '01');
  const qpdf = run('qpdf', ['--check', path.join(bag, 'data', `${CODE}.pdf`)]);
  assert.equal(qpdf.status, 0, qpdf.stdout + qpdf.stderr);

  // The check can fail: one changed byte in the payload is reported by sha256sum.
  const pdfPath = path.join(bag, 'data', `${CODE}.pdf`);
  const bytes = fs.readFileSync(pdfPath);
  bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
  fs.writeFileSync(pdfPath, bytes);
  const bad = spawnSync('sha256sum', ['--check', '--strict', 'manifest-sha256.txt'], {
    cwd: bag,
    encoding: 'utf8',
  });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /\.pdf: FAILED/);

  // Exporting over an existing package is refused; the export is in the audit log.
  const o = openArchive(dataDir);
  try {
    const { exportRecord } = await import('../../electron/core/archive/recordPackage');
    await assert.rejects(exportRecord(o.archive, o.blobs, CODE, target), /Could not export/);
    const actions = o.archive.audit.entriesFor('dossier', CODE).map((e) => e.action);
    assert.deepEqual(actions, ['dossier.recorded', 'dossier.exported']);
    assert.equal(o.archive.verify().ok, true);
  } finally {
    o.close();
  }
});
