// `sohoa eval classify` and `sohoa eval extract` on the corpus's real documents (scanned and
// born-digital decisions, directives, laws, decrees, a circular, official letters, a court
// precedent; page 1 of each), read by a person: the goals the archive needs are asserted, and
// the tables are printed for the record. The rules alone are measured, as a new desk runs.
// OCR of page 1 of the scans takes a few minutes on two cores.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../electron/cli/main';

const CORPUS =
  process.env.SOHOA_CORPUS ?? path.resolve(import.meta.dirname, '../../../shared/corpus');
const DIR = path.join(CORPUS, 'documents');

async function capture(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  try {
    const code = await main(argv);
    return { code, out: lines.join('\n') };
  } finally {
    console.log = log;
  }
}

interface FieldRow {
  field: string;
  n: number;
  exact: number;
  wrong: number;
}

test(
  'real documents: ≥ 90% typed right, ≥ 90% notation and issue date exact, ≤ 3% wrong with high confidence',
  {
    skip: !fs.existsSync(path.join(DIR, 'labels.tsv')) && `no corpus at ${DIR}`,
    timeout: 30 * 60_000,
  },
  async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'sohoa-corpus-eval-'));
    const common = ['--dir', DIR, '--data-dir', data, '--workers', '2', '--lang', 'en'];
    try {
      const started = performance.now();
      const table = await capture(['eval', 'classify', ...common, '--rules-only']);
      const seconds = (performance.now() - started) / 1000;
      assert.equal(table.code, 0, table.out);
      console.log(table.out);
      console.log(`read, typed and described in ${seconds.toFixed(0)} s`);
      const typing = JSON.parse(
        (await capture(['eval', 'classify', ...common, '--rules-only', '--json'])).out,
      ) as { n: number; accuracy: number; highConfidenceWrong: number };
      assert.ok(typing.n >= 30, String(typing.n));
      assert.ok(typing.accuracy >= 0.9, `type accuracy ${typing.accuracy}`);
      assert.ok(typing.highConfidenceWrong <= 0.03, `sure but wrong ${typing.highConfidenceWrong}`);

      const fields = await capture(['eval', 'extract', ...common]);
      console.log(fields.out);
      const extract = JSON.parse((await capture(['eval', 'extract', ...common, '--json'])).out) as {
        fields: FieldRow[];
      };
      const exact = (name: string) => {
        const row = extract.fields.find((f) => f.field === name)!;
        return row.exact / row.n;
      };
      assert.ok(exact('codeNotation') >= 0.9, `notation ${exact('codeNotation')}`);
      // Days and months are often written or stamped by hand: the date line is read a second
      // time, with its day and month cut out alone (reread.ts).
      assert.ok(exact('issuedDate') >= 0.9, `issue date ${exact('issuedDate')}`);
      // Read but wrong is what costs the archivist: a wrong date shown as if read.
      const date = extract.fields.find((f) => f.field === 'issuedDate')!;
      assert.ok(date.wrong / date.n <= 0.1, `wrong dates ${date.wrong}/${date.n}`);
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  },
);
