// The process the crash test kills: it "digitizes" a batch (each item's pages become a PDF made
// with pdf-lib and OCR text taken from the item), records each dossier in the archive, and sends
// the outbox to the S3 server the test runs. Run again after a SIGKILL it carries on: recorded
// items are recognised by their source reference, half-sent uploads are sent again.
// argv: <data dir> <batch dir> <S3 endpoint> <bucket>
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openArchive } from '../../electron/core/archive/open';
import { Outbox } from '../../electron/core/outbox/outbox';
import { S3Connector } from '../../electron/core/outbox/s3Connector';
import { CREDENTIALS } from './s3';

export interface BatchItem {
  title: string;
  pages: string[];
}

const [dataDir, batchDir, endpoint, bucket] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];

async function makePdf(item: BatchItem): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  // Fixed dates: the same item always gives the same bytes, whatever round made it.
  pdf.setCreationDate(new Date('2026-11-23T00:00:00Z'));
  pdf.setModificationDate(new Date('2026-11-23T00:00:00Z'));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const [i] of item.pages.entries())
    pdf.addPage([300, 400]).drawText(`page ${i + 1}`, { x: 20, y: 360, font, size: 12 });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

const opened = openArchive(dataDir);
const outbox = new Outbox(opened.archive, opened.blobs, {
  random: Math.random,
  policy: { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 1000 },
});
const connector = new S3Connector({
  endpoint,
  region: 'us-east-1',
  bucket,
  ...CREDENTIALS,
  // Small enough that the bigger items go up in several parts.
  multipartThresholdBytes: 5 * 1024 * 1024,
  partSizeBytes: 5 * 1024 * 1024,
  // s3rver on loopback speaks plain HTTP: allowed by name, as IT would.
  allowHttp: true,
});
outbox.recoverInterrupted();
process.stdout.write('ready\n');

for (const name of fs.readdirSync(batchDir).sort()) {
  const item = JSON.parse(fs.readFileSync(path.join(batchDir, name), 'utf8')) as BatchItem;
  if (opened.archive.findBySourceRef(name)) continue;
  const pdf = await makePdf(item);
  // Large items carry a padding payload so multipart uploads happen while the test kills us.
  const bytes =
    item.pages.length > 4 ? Buffer.concat([pdf, Buffer.alloc(5.5 * 1024 * 1024, 0x25)]) : pdf;
  const sha256 = await opened.blobs.put(bytes);
  opened.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: item.title,
    pages: item.pages.map((text, i) => ({
      ordinal: i + 1,
      sourceName: `${name}#${i + 1}`,
      widthPx: 1654,
      heightPx: 2339,
      dpi: 200,
      text,
      confidence: 90,
    })),
    file: { sha256, bytes: bytes.length, signature: null },
    sourceRef: name,
    actor: 'batch',
  });
  await outbox.drain(connector);
}
while (outbox.counts().done < opened.archive.recordCount()) {
  await outbox.drain(connector);
  await new Promise((r) => setTimeout(r, 20));
}
connector.close();
opened.close();
process.stdout.write('finished\n');
