// A dossier recorded straight into an archive (random bytes as its file, one page), so outbox
// tests have something to upload without running the pipeline. The archive queues it in the
// outbox in the same transaction, dated 2026-11-23 (Vietnam time), agency H49.64.33.
import { randomBytes } from 'node:crypto';
import type { Archive } from '../../electron/core/archive/archive';
import type { BlobStore } from '../../electron/core/archive/blobStore';

export async function addQueuedRecord(
  target: { archive: Archive; blobs: BlobStore },
  i: number,
  bytes = 5000,
): Promise<string> {
  const file = randomBytes(bytes);
  const sha256 = await target.blobs.put(file);
  return target.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: `Hồ sơ ${i}`,
    pages: [
      {
        ordinal: 1,
        sourceName: 'a.jpg',
        widthPx: 1,
        heightPx: 1,
        dpi: 200,
        text: 'x',
        confidence: 90,
      },
    ],
    file: { sha256, bytes: file.length, signature: null },
  }).code;
}
