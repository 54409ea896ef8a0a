// The cost of encryption at rest on the whole scan-to-PDF/A pipeline (`sohoa digitize`): the same
// pages digitized into a plain data folder and into an encrypted one (a vault opened with an IT
// key file, as a headless desk does), alternately, in rounds, in the same run. Every store write
// is then encrypted (archive pages, sealed blobs, drafts, page caches); the OCR is the same. The
// table gives the median pages/min and CPU s/page of each and the median of the per-round ratios.
// Goal: at most 5 % slower.
import fs from 'node:fs';
import path from 'node:path';
import { DataKey } from '../../../electron/core/vault/dataKey';
import { fileKeyProvider } from '../../../electron/core/vault/keyProvider';
import { forgetVaults } from '../../../electron/core/vault/registry';
import { createVault } from '../../../electron/core/vault/setup';
import { measure, type Measured } from './measure';
import type { GeneratedPage } from './pageSet';
import { table } from './tables';
import { REPO, sohoaArgs, sohoaEnv } from './tools';

type Side = 'plain' | 'encrypted';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function vaultSection(
  pages: GeneratedPage[],
  workRoot: string,
  rounds: number,
  log: (s: string) => void,
): Promise<string> {
  const root = path.join(workRoot, 'vault-cost');
  const keyFile = path.join(root, 'it.key');
  const dataDir = { plain: path.join(root, 'plain'), encrypted: path.join(root, 'encrypted') };
  fs.mkdirSync(dataDir.plain, { recursive: true });
  createVault(dataDir.encrypted, fileKeyProvider(keyFile), DataKey.generate());
  fs.rmSync(path.join(dataDir.encrypted, 'vault-migration.json'));
  forgetVaults();
  const env = { ...sohoaEnv('wasm'), SOHOA_VAULT_KEY_FILE: keyFile };
  const files = pages.map((p) => p.image);
  let run = 0;
  const digitize = (side: Side, batch: string[]): Promise<Measured> =>
    measure(process.execPath, sohoaArgs(batch, path.join(root, `out-${run++}`), dataDir[side]), {
      cwd: REPO,
      env,
    });
  // Untimed: each folder's first start makes its demo key and unpacks the OCR models.
  for (const side of ['plain', 'encrypted'] as const) await digitize(side, files.slice(0, 1));
  const results: Record<Side, Measured[]> = { plain: [], encrypted: [] };
  for (let r = 0; r < rounds; r++) {
    const order: Side[] = r % 2 ? ['plain', 'encrypted'] : ['encrypted', 'plain'];
    for (const side of order) {
      log(`  mã hóa / encryption cost: round ${r + 1}/${rounds}, ${side}…`);
      const m = await digitize(side, files);
      if (m.status !== 0) throw new Error(`sohoa digitize (${side}) failed: ${m.stderr}`);
      results[side].push(m);
    }
  }
  const perMin = (m: Measured) => files.length / (m.ms / 60_000);
  const cpu = (m: Measured) => (m.cpuSeconds ?? NaN) / files.length;
  const slower = (ratios: number[]) => `${((median(ratios) - 1) * 100).toFixed(1)} %`;
  const ratios = (f: (m: Measured) => number, time: boolean) =>
    results.plain.map((p, i) => {
      const e = results.encrypted[i]!;
      return time ? f(e) / f(p) : f(p) / f(e);
    });
  return [
    `The same ${files.length} pages digitized (WebAssembly engine) into a plain and an encrypted data folder, alternately, ${rounds} rounds, medians:`,
    '',
    table(
      ['measure', 'plain', 'encrypted', 'encrypted slower by'],
      [
        [
          'pages/min (wall)',
          median(results.plain.map(perMin)).toFixed(1),
          median(results.encrypted.map(perMin)).toFixed(1),
          slower(ratios(perMin, false)),
        ],
        [
          'CPU s/page',
          median(results.plain.map(cpu)).toFixed(2),
          median(results.encrypted.map(cpu)).toFixed(2),
          slower(ratios(cpu, true)),
        ],
      ],
    ),
  ].join('\n');
}
