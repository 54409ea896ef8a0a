// Backup while the archive is open, restore into an empty folder, and check every hash; a damaged
// or unfinished backup is refused and the target is left untouched.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { backupCommand, restoreCommand } from '../../electron/cli/commands/backup';
import { BACKUP_MANIFEST, backupArchive, restoreArchive } from '../../electron/core/archive/backup';
import { openArchive, verifyFiles, type OpenedArchive } from '../../electron/core/archive/open';
import { isSohoaError } from '../../shared/errors';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

async function addRecord(o: OpenedArchive, i: number): Promise<string> {
  const bytes = randomBytes(20_000 + i);
  const sha256 = await o.blobs.put(bytes);
  return o.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: `Hồ sơ ${i}`,
    pages: [1, 2].map((ordinal) => ({
      ordinal,
      sourceName: `p${ordinal}.jpg`,
      widthPx: 100,
      heightPx: 100,
      dpi: 200,
      text: `Trang ${ordinal} hồ sơ ${i} Lê Thị Hồng`,
      confidence: 88,
    })),
    file: { sha256, bytes: bytes.length, signature: null },
  }).code;
}

const quietly = async <T>(fn: () => Promise<T>): Promise<T> => {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await fn();
  } finally {
    console.log = log;
  }
};

test('a backup restores into an empty folder with every hash, the audit log and search intact', async () => {
  const live = openArchive(tmp('sohoa-live-'));
  for (let i = 1; i <= 5; i++) await addRecord(live, i);
  const target = tmp('sohoa-bk-');
  const { dir, manifest } = await backupArchive(live, target);
  await addRecord(live, 6); // after the snapshot: not in the backup
  live.close();
  assert.equal(manifest.dossiers, 5);
  assert.equal(manifest.files.length, 5);

  const restoredDir = path.join(tmp('sohoa-restored-'), 'data');
  assert.equal(
    await quietly(() => restoreCommand.run([dir, '--data-dir', restoredDir], { lang: 'vi' })),
    0,
  );
  const restored = openArchive(restoredDir);
  try {
    assert.equal(restored.archive.recordCount(), 5);
    assert.equal(restored.archive.integrityCheck(), 'ok');
    assert.deepEqual(await verifyFiles(restored), []);
    for (const f of restored.archive.storedFiles())
      assert.ok(await restored.blobs.verify(f.sha256));
    const v = restored.archive.verify();
    assert.equal(v.ok, true, JSON.stringify(v));
    assert.equal(restored.archive.search('le thi hong').length, 10);
    const last = [...restored.archive.audit.entries()].at(-1)!;
    assert.equal(last.action, 'archive.restored');
  } finally {
    restored.close();
  }
});

test('the CLI backs up; a damaged file or a missing manifest is refused, the target untouched', async () => {
  const dataDir = tmp('sohoa-live-');
  const live = openArchive(dataDir);
  await addRecord(live, 1);
  await addRecord(live, 2);
  live.close();
  const target = tmp('sohoa-bk-');
  assert.equal(
    await quietly(() => backupCommand.run([target, '--data-dir', dataDir], { lang: 'en' })),
    0,
  );
  const [name] = fs.readdirSync(target);
  const dir = path.join(target, name!);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, BACKUP_MANIFEST), 'utf8')) as {
    files: { sha256: string }[];
  };
  const blob = path.join(
    dir,
    'blobs',
    manifest.files[0]!.sha256.slice(0, 2),
    manifest.files[0]!.sha256,
  );
  const original = fs.readFileSync(blob);
  const damaged = Buffer.from(original);
  damaged[100] = damaged[100]! ^ 0xff;
  fs.writeFileSync(blob, damaged);

  const restoredDir = tmp('sohoa-restored-');
  await assert.rejects(restoreArchive(dir, restoredDir), (e: unknown) => {
    assert.ok(isSohoaError(e));
    assert.equal(e.code, 'BACKUP_CORRUPT');
    return true;
  });
  assert.equal(fs.existsSync(path.join(restoredDir, 'archive.sqlite')), false);

  fs.writeFileSync(blob, original);
  // A restore never silently replaces an existing archive.
  await assert.rejects(restoreArchive(dir, dataDir), /already holds an archive/);

  fs.rmSync(path.join(dir, BACKUP_MANIFEST));
  await assert.rejects(restoreArchive(dir, restoredDir), /backup is damaged or incomplete/);
  assert.equal(fs.existsSync(path.join(restoredDir, 'archive.sqlite')), false);
});
