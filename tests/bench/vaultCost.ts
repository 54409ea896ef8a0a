// The cost of encryption at rest, measured in the same run on the same pages: two archives, one
// plain and one in a vault (SQLCipher pages), filled alternately with identical dossiers (so
// both see the same machine noise), then searched with the same queries; and a 20 MB signed-PDF
// sized blob written and read back plain and sealed. The goal: at most 5 % slower.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Archive } from '../../electron/core/archive/archive';
import { BlobStore, sha256Hex } from '../../electron/core/archive/blobStore';
import { DataKey } from '../../electron/core/vault/dataKey';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { forgetVaults } from '../../electron/core/vault/registry';
import { createVault } from '../../electron/core/vault/setup';

interface SearchStats {
  p50: number;
  p95: number;
}

export async function measureVaultCost(
  dir: string,
  pages: number,
  page: () => string,
  measureSearch: (archive: Archive) => SearchStats,
): Promise<void> {
  const plainDir = path.join(dir, 'vault-plain');
  const vaultDir = path.join(dir, 'vault-sealed');
  fs.mkdirSync(plainDir, { recursive: true });
  createVault(vaultDir, fileKeyProvider(path.join(dir, 'bench.key')), DataKey.generate());
  fs.rmSync(path.join(vaultDir, 'vault-migration.json'));
  const clock = () => new Date('2026-11-23T03:00:00Z');
  const plain = new Archive(path.join(plainDir, 'archive.sqlite'), { clock });
  const sealed = new Archive(path.join(vaultDir, 'archive.sqlite'), { clock });
  const ms = { plain: 0, sealed: 0 };
  for (let n = 0; n < pages / 10; n++) {
    const texts = Array.from({ length: 10 }, page);
    const input = {
      agencyId: 'SOHOA.BENCH',
      receivedAt: new Date('2026-11-23T02:00:00Z'),
      title: `Hồ sơ ${n}`,
      pages: texts.map((text, i) => ({
        ordinal: i + 1,
        sourceName: `p${i + 1}.jpg`,
        widthPx: 1654,
        heightPx: 2339,
        dpi: 200,
        text,
        confidence: 90,
      })),
      file: { sha256: sha256Hex(Buffer.from(String(n))), bytes: 1, signature: null },
    };
    // Alternating which goes first cancels the cache warmth the second one would get.
    const order: ('plain' | 'sealed')[] = n % 2 ? ['plain', 'sealed'] : ['sealed', 'plain'];
    for (const which of order) {
      const t0 = performance.now();
      (which === 'plain' ? plain : sealed).addRecord(input);
      ms[which] += performance.now() - t0;
    }
  }
  const search = { plain: measureSearch(plain), sealed: measureSearch(sealed) };
  const again = { sealed: measureSearch(sealed), plain: measureSearch(plain) };
  const p95 = {
    plain: Math.min(search.plain.p95, again.plain.p95),
    sealed: Math.min(search.sealed.p95, again.sealed.p95),
  };
  plain.close();
  sealed.close();
  printTable(pages, ms, p95, await blobCost(dir));
  forgetVaults();
}

async function blobCost(dir: string): Promise<{ plain: number; sealed: number }> {
  const bytes = randomBytes(20 * 1024 * 1024);
  const rate = { plain: 0, sealed: 0 };
  for (const which of ['plain', 'sealed', 'plain', 'sealed'] as const) {
    const store = new BlobStore(path.join(dir, `vault-${which}`, 'blobs', String(Math.random())));
    const t0 = performance.now();
    const sha = await store.put(bytes);
    await store.read(sha);
    rate[which] = Math.max(rate[which], 40 / ((performance.now() - t0) / 1000));
  }
  return rate;
}

function printTable(
  pages: number,
  ms: { plain: number; sealed: number },
  p95: { plain: number; sealed: number },
  blob: { plain: number; sealed: number },
): void {
  const ingest = { plain: pages / (ms.plain / 1000), sealed: pages / (ms.sealed / 1000) };
  const slower = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
  console.log(`\nCost of encryption at rest (${pages.toLocaleString('en')} pages each, same run):`);
  console.log('| measure | plain | encrypted | encrypted slower by |');
  console.log('|---|---|---|---|');
  console.log(
    `| ingest (pages/s, durable commit per dossier) | ${ingest.plain.toFixed(0)} | ${ingest.sealed.toFixed(0)} | ${slower(ingest.plain, ingest.sealed)} |`,
  );
  console.log(
    `| search p95 (ms) | ${p95.plain.toFixed(2)} | ${p95.sealed.toFixed(2)} | ${slower(p95.sealed, p95.plain)} |`,
  );
  console.log(
    `| 20 MB blob write + read (MB/s) | ${blob.plain.toFixed(0)} | ${blob.sealed.toFixed(0)} | ${slower(blob.plain, blob.sealed)} |`,
  );
}
