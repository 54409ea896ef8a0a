// npm run bench:reception — what signing costs at the counter once the clerk has added the pages.
// A generated 10-page dossier (A4, 200 dpi, skewed and noisy like a scan; one page turned by the
// clerk) is added to a desk session once (decode, upright, deskew, OCR on the core's pool), then
// received and signed several times in the same run, alternating:
//   "before": the pages are read again from the session's images (the path signing took until
//             the session's read was reused: decode, deskew, crop, OCR again), kept callable as
//             ReceptionSessions.source(..., { reRead: true }) for this peer;
//   "after":  the session's pre-read pages are only assembled (the app's path).
// Each run reports wall time, CPU seconds of the whole process (all threads: OCR workers, PDFium)
// and the OCR recognitions the core's pool ran, counted on the pool itself.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_DOCUMENTS } from '../../electron/cli/demo/sampleText';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { receiveAtReception, type ReceptionDocument } from '../../electron/core/reception/receive';
import { ReceptionSessions } from '../../electron/core/reception/session';
import { openCore } from '../../electron/core/pipeline/core';

const PAGES = Number(process.env.BENCH_PAGES ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SESSION = 'aaaaaaaa-bench-desk';

interface Run {
  mode: 'before' | 'after';
  wallS: number;
  cpuS: number;
  recognitions: number;
  pages: number;
}

async function main(): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-bench-desk-'));
  const core = await openCore({ dataDir: path.join(work, 'data') });
  try {
    const sessions = new ReceptionSessions({
      root: path.join(core.paths.root, 'desk-sessions'),
      ocr: () => core.sharedOcr('interactive'),
      orientation: () => core.orientation(),
    });
    const files = await Promise.all(
      Array.from({ length: PAGES }, async (_, i) => {
        const doc = SAMPLE_DOCUMENTS[i % SAMPLE_DOCUMENTS.length]!;
        const bytes = await renderPage({
          lines: doc.lines,
          dpi: 200,
          skewDeg: ((i % 5) - 2) * 0.6,
          noise: 8,
          blur: 0.4,
          format: 'jpeg',
          jpegQuality: 85,
        });
        return { name: `trang-${String(i + 1).padStart(2, '0')}.jpg`, bytes };
      }),
    );

    const addStart = measureStart(core.ocrStats().recognitions);
    const added = await sessions.addPages(SESSION, files);
    const add = measureEnd(addStart, core.ocrStats().recognitions);
    if (added.fileErrors.length) throw new Error(JSON.stringify(added.fileErrors));
    const ids = added.pages.map((p) => p.id);
    // Nine pages of application, the last one the ID card the clerk turned a quarter.
    const documents: ReceptionDocument[] = [
      {
        pages: ids.slice(0, -1).map((id) => ({ id, rotation: 0 as const })),
        type: 'application_form',
        confirmed: true,
        fields: [],
      },
      {
        pages: [{ id: ids.at(-1)!, rotation: 90 as const }],
        type: 'cccd_front',
        confirmed: true,
        fields: [],
      },
    ];

    const runs: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ['before', 'after'] as const) {
        const start = measureStart(core.ocrStats().recognitions);
        const out = await receiveAtReception(core, {
          procedureCode: '2.000635',
          applicant: { fullName: 'Nguyễn Văn An', idNumber: '019090001234', source: 'qr' },
          clerk: 'Cán bộ đo',
          agency: { id: 'H49.64.33', name: 'UBND xã Tân Hòa' },
          place: 'Tân Hòa',
          documents,
          pageText: (id) => sessions.text(SESSION, id),
          pageSource: (id, rotation) =>
            sessions.source(SESSION, id, rotation, { reRead: mode === 'before' }),
        });
        const m = measureEnd(start, core.ocrStats().recognitions);
        if (!out.archived) throw new Error(`${mode}: not signed ${JSON.stringify(out.fileErrors)}`);
        runs.push({ mode, ...m, pages: out.archived.pageCount });
      }
    }

    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const of = (mode: Run['mode']) => runs.filter((r) => r.mode === mode);
    const before = of('before');
    const after = of('after');
    const f = (n: number) => n.toFixed(2);
    console.log(
      `\nSohoa desk: sign a ${PAGES}-page dossier after the pages were added ` +
        `(${os.availableParallelism()} cores, ${ROUNDS} rounds, means)\n`,
    );
    console.log('| path | wall s | CPU s | OCR recognitions | pages |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(
      `| adding the pages (once, both paths) | ${f(add.wallS)} | ${f(add.cpuS)} | ${add.recognitions} | ${PAGES} |`,
    );
    for (const [label, rs] of [
      ['sign, before: pages read again', before],
      ['sign, after: pre-read pages assembled', after],
    ] as const)
      console.log(
        `| ${label} | ${f(mean(rs.map((r) => r.wallS)))} | ${f(mean(rs.map((r) => r.cpuS)))} | ${mean(rs.map((r) => r.recognitions))} | ${rs[0]!.pages} |`,
      );
    const ratio = (a: number[], b: number[]) => (mean(a) / mean(b)).toFixed(1);
    console.log(
      `\nsign wall time ${ratio(
        before.map((r) => r.wallS),
        after.map((r) => r.wallS),
      )}× shorter, CPU ${ratio(
        before.map((r) => r.cpuS),
        after.map((r) => r.cpuS),
      )}× less with the pre-read pages`,
    );
    console.log(
      `every run: ${runs.map((r) => `${r.mode} ${f(r.wallS)} s / ${f(r.cpuS)} CPU s`).join('; ')}`,
    );
  } finally {
    await core.close();
    await fs.rm(work, { recursive: true, force: true });
  }
}

function measureStart(recognitions: number) {
  return { t0: performance.now(), cpu0: process.cpuUsage(), recognitions };
}

function measureEnd(start: ReturnType<typeof measureStart>, recognitions: number) {
  const cpu = process.cpuUsage(start.cpu0);
  return {
    wallS: (performance.now() - start.t0) / 1000,
    cpuS: (cpu.user + cpu.system) / 1e6,
    recognitions: recognitions - start.recognitions,
  };
}

await main();
