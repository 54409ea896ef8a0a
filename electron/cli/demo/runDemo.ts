// `npm run demo`: the main job on built-in defaults. Renders two scanned-looking Vietnamese
// pages from text we wrote, digitizes them, and shows the signed PDF, page 1's text and the
// archive's record.
import fs from 'node:fs/promises';
import path from 'node:path';
import { coreOptionsFromEnv, openCore } from '../../core/pipeline/core';
import { printOutcome } from '../report';
import { t, type Lang } from '../messages';
import { renderPage } from './samplePages';
import { SAMPLE_DOCUMENTS } from './sampleText';

export async function runDemo(opts: { lang: Lang; dataDir: string }): Promise<number> {
  const inputDir = path.join(opts.dataDir, 'demo-input');
  await fs.mkdir(inputDir, { recursive: true });
  const files: string[] = [];
  for (const doc of SAMPLE_DOCUMENTS) {
    const file = path.join(inputDir, `${doc.name}.jpg`);
    await fs.writeFile(
      file,
      await renderPage({
        lines: doc.lines,
        skewDeg: doc.skewDeg,
        noise: 10,
        blur: 0.4,
        format: 'jpeg',
      }),
    );
    files.push(file);
  }
  console.log(`${t(opts.lang, 'demoPages')} ${inputDir}`);

  const core = await openCore({ ...coreOptionsFromEnv(), dataDir: opts.dataDir });
  try {
    const outcome = await core.digitize(
      files.map((f) => ({ name: f, read: () => fs.readFile(f) })),
      { title: 'Hồ sơ mẫu: đăng ký khai sinh' },
    );
    printOutcome(opts.lang, outcome, core.paths.database);
    if (!outcome.record) return 1;
    const record = core.archive.getRecord(outcome.record.id)!;
    console.log(`\n${t(opts.lang, 'page1Text')}:\n${'─'.repeat(60)}`);
    console.log(record.pages[0]?.text ?? '');
    console.log('─'.repeat(60));
    const { pages, ...summary } = record;
    console.log(`\n${t(opts.lang, 'record')}:`);
    console.log(
      JSON.stringify(
        { ...summary, pages: pages.map((p) => ({ ...p, text: `${p.text.slice(0, 60)}…` })) },
        null,
        2,
      ),
    );
    return outcome.fileErrors.length === 0 ? 0 : 1;
  } finally {
    await core.close();
  }
}
