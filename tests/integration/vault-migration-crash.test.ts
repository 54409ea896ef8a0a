// An existing plain data folder is encrypted in place while the migrating process is killed
// with SIGKILL at random moments (between durable steps and inside them), round after round.
// After every kill nothing is lost: each record's PDF reads back byte-identical (still plain or
// already sealed), each database opens (plain or encrypted) with all its rows. When a run
// finishes, the folder is fully encrypted, the audit chain verifies and every PDF is identical;
// then a fresh plain copy is killed again, until SOHOA_VAULT_CRASH_ROUNDS kills (default 20).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { openArchive } from '../../electron/core/archive/open';
import { BatchStore } from '../../electron/core/batch/store';
import { readDataFile } from '../../electron/core/vault/files';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { forgetVaults, useKeyProvider } from '../../electron/core/vault/registry';
import { looksSealed } from '../../electron/core/vault/sealedFormat';
import { isPlainSqlite, openDatabase } from '../../electron/core/vault/sqlite';

const ROUNDS = Number(process.env.SOHOA_VAULT_CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.SOHOA_VAULT_CRASH_SEED ?? Date.now() % 100_000);
const RECORDS = 24;

let work: string;
let template: string;
const pdfs = new Map<string, Buffer>();

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-vault-crash-'));
  template = path.join(work, 'template');
  // A plain data folder as an earlier version left it: records with their PDFs, a batch store,
  // a reception session's files.
  const opened = openArchive(template);
  for (let i = 1; i <= RECORDS; i++) {
    const bytes = Buffer.concat([
      Buffer.from(`%PDF-1.7 hồ sơ ${i} `),
      randomBytes(40_000 + i * 3000),
    ]);
    const sha256 = await opened.blobs.put(bytes);
    pdfs.set(sha256, bytes);
    opened.archive.addRecord({
      agencyId: 'H49.64.33',
      receivedAt: new Date('2026-11-23T02:00:00Z'),
      title: `Hồ sơ ${i} của Nguyễn Văn An`,
      pages: [
        {
          ordinal: 1,
          sourceName: `trang-${i}.png`,
          widthPx: 1654,
          heightPx: 2339,
          dpi: 200,
          text: `Nguyễn Văn An số ${i}`,
          confidence: 90,
        },
      ],
      file: { sha256, bytes: bytes.length, signature: null },
    });
  }
  opened.close();
  const batches = new BatchStore(path.join(template, 'batches.sqlite'));
  batches.close();
  const session = path.join(template, 'desk-sessions', 'aaaaaaaa-crash');
  fs.mkdirSync(session, { recursive: true });
  for (let p = 0; p < 6; p++)
    fs.writeFileSync(path.join(session, `p${p}.json`), JSON.stringify({ text: `trang ${p}` }));
});

after(() => {
  forgetVaults();
  useKeyProvider(null);
  fs.rmSync(work, { recursive: true, force: true });
});

/** Runs the worker; kills it after `killAtStep` steps and `delayMs` more (null: let it finish). */
function runWorker(
  dataDir: string,
  keyFile: string,
  kill: { atStep: number; delayMs: number } | null,
): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/helpers/vaultMigrationWorker.ts', dataDir, keyFile],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    );
    let steps = -1;
    let err = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line === 'ready' || line.startsWith('step ')) steps++;
        if (kill && !armed && steps >= kill.atStep) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`worker exited ${code}: ${err}`));
    });
  });
}

/** Nothing lost: every PDF reads back identical, every database opens with all its rows. */
async function assertNothingLost(dataDir: string, round: number): Promise<void> {
  forgetVaults();
  for (const [sha256, bytes] of pdfs) {
    const file = path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);
    const back = await readDataFile(file);
    assert.ok(back.equals(bytes), `round ${round}: ${sha256.slice(0, 12)} differs`);
  }
  const db = path.join(dataDir, 'archive.sqlite');
  const plain = isPlainSqlite(db);
  const conn = plain ? openPlain(db) : openDatabase(db, { readonly: true });
  try {
    const n = conn.prepare('SELECT count(*) FROM dossiers').pluck().get();
    assert.equal(n, RECORDS, `round ${round}: records`);
  } finally {
    conn.close();
  }
}

/** A plain file inside a vault root still opens unkeyed while the migration is under way. */
const openPlain = (file: string) => new Database(file, { readonly: true });

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(full) : [full];
  });
}

/** A finished migration: no journal, nothing plain left, the audit chain and every PDF good. */
async function assertFinished(dataDir: string): Promise<void> {
  forgetVaults();
  assert.ok(!fs.existsSync(path.join(dataDir, 'vault-migration.json')));
  const plainLeft = allFiles(dataDir).filter((f) => {
    const rel = path.relative(dataDir, f);
    if (rel === 'vault.json' || rel.endsWith('-shm') || rel.endsWith('-wal')) return false;
    if (rel.endsWith('.sqlite')) return isPlainSqlite(f);
    return !looksSealed(fs.readFileSync(f));
  });
  assert.deepEqual(plainLeft, []);
  const opened = openArchive(dataDir);
  try {
    const report = opened.archive.verify();
    assert.ok(report.ok, JSON.stringify(report).slice(0, 500));
    assert.equal(opened.archive.recordCount(), RECORDS);
    for (const [sha256, bytes] of pdfs)
      assert.ok((await opened.blobs.read(sha256)).equals(bytes), sha256.slice(0, 12));
  } finally {
    opened.close();
  }
}

test(`${ROUNDS} kills during the migration lose nothing and it resumes (seed ${SEED})`, async () => {
  const random = mulberry32(SEED);
  const keyFile = path.join(work, 'it', 'desk.key');
  useKeyProvider(fileKeyProvider(keyFile));
  let kills = 0;
  let finished = 0;
  let copies = 0;
  let dataDir = '';
  const fresh = () => {
    dataDir = path.join(work, `data-${++copies}`);
    fs.cpSync(template, dataDir, { recursive: true });
  };
  fresh();
  // Steps: ready, two databases, one per sealed file (PDFs, session files, the audit anchor).
  const steps = 1 + 2 + RECORDS + 6 + 1;
  while (kills < ROUNDS) {
    const kill = { atStep: Math.floor(random() * steps), delayMs: Math.floor(random() * 12) };
    const outcome = await runWorker(dataDir, keyFile, kill);
    if (outcome === 'killed') {
      kills++;
      await assertNothingLost(dataDir, kills);
    } else {
      await assertFinished(dataDir);
      finished++;
      fresh();
    }
  }
  assert.equal(await runWorker(dataDir, keyFile, null), 'finished');
  await assertFinished(dataDir);
  console.log(`${kills} kills over ${copies} folders, ${finished + 1} migrations finished`);
});
