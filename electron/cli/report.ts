// Human-readable report of one digitize run: errors per file, the record, the signed PDF's
// path, and the time spent in each stage.
import type { DigitizeOutcome } from '../core/pipeline/types';
import { STAGE_LABELS, t, type Lang } from './messages';

export function printOutcome(lang: Lang, outcome: DigitizeOutcome, databasePath: string): void {
  for (const e of outcome.fileErrors)
    console.error(`✗ ${t(lang, 'fileFailed')}: ${e.message[lang]}`);
  if (!outcome.record || !outcome.pdfPath) {
    console.error(t(lang, 'noOutput'));
    return;
  }
  printPages(lang, outcome);
  const d = outcome.record;
  console.log(`✓ ${t(lang, 'dossier', { code: d.code, pages: d.pageCount })}`);
  console.log(`  ${t(lang, 'signedPdf')}: ${outcome.pdfPath}`);
  console.log(`  SHA-256: ${d.sha256}`);
  console.log(`  ${t(lang, 'archive')}: ${databasePath}`);
  if (d.signature?.demo) console.log(`  ⚠ ${t(lang, 'demoWarning')}`);
  console.log(`${t(lang, 'timings')}:`);
  // Σ lines add up work done in parallel: they explain the wall time, they are not part of it.
  const total = outcome.timings
    .filter((x) => !x.stage.startsWith('Σ'))
    .reduce((s, x) => s + x.ms, 0);
  for (const s of outcome.timings) {
    const label = STAGE_LABELS[s.stage]?.[lang] ?? s.stage;
    console.log(`  ${label.padEnd(26)} ${String(s.ms).padStart(7)} ms`);
  }
  console.log(`  ${t(lang, 'total').padEnd(26)} ${String(total).padStart(7)} ms`);
}

/** Below this mean word confidence a page goes to the review queue. */
export const REVIEW_CONFIDENCE = 70;

function printPages(lang: Lang, outcome: DigitizeOutcome): void {
  if (outcome.pages.length === 0) return;
  console.log(t(lang, 'pagesHeader'));
  for (const p of outcome.pages) {
    const a = p.analysis;
    const notes = [
      a.blank ? t(lang, 'blankFlag', { ink: (a.inkRatio * 100).toFixed(3) }) : '',
      !a.blank && p.confidence < REVIEW_CONFIDENCE ? t(lang, 'lowConfidence') : '',
      a.textFromSource ? t(lang, 'sourceText') : '',
    ].filter(Boolean);
    console.log(
      [
        String(p.ordinal).padStart(5),
        ' ',
        p.sourceName.slice(0, 30).padEnd(31),
        p.confidence.toFixed(1).padStart(6),
        `${a.skewDeg.toFixed(2)}°`.padStart(9),
        `${a.rotatedDeg}°`.padStart(6),
        '  ',
        notes.join('; '),
      ].join(''),
    );
  }
}
