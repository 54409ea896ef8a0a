// Human-readable report of one digitize run: errors per file, the dossier, the signed PDF's
// path, and the time spent in each stage.
import type { DigitizeOutcome } from '../core/pipeline/types';
import { STAGE_LABELS, t, type Lang } from './messages';

export function printOutcome(lang: Lang, outcome: DigitizeOutcome, databasePath: string): void {
  for (const e of outcome.fileErrors)
    console.error(`✗ ${t(lang, 'fileFailed')}: ${e.message[lang]}`);
  if (!outcome.dossier || !outcome.pdfPath) {
    console.error(t(lang, 'noOutput'));
    return;
  }
  const d = outcome.dossier;
  console.log(`✓ ${t(lang, 'dossier', { code: d.code, pages: d.pageCount })}`);
  console.log(`  ${t(lang, 'signedPdf')}: ${outcome.pdfPath}`);
  console.log(`  SHA-256: ${d.sha256}`);
  console.log(`  ${t(lang, 'archive')}: ${databasePath}`);
  if (d.signature?.demo) console.log(`  ⚠ ${t(lang, 'demoWarning')}`);
  console.log(`${t(lang, 'timings')}:`);
  const total = outcome.timings.reduce((s, x) => s + x.ms, 0);
  for (const s of outcome.timings) {
    const label = STAGE_LABELS[s.stage]?.[lang] ?? s.stage;
    console.log(`  ${label.padEnd(26)} ${String(s.ms).padStart(7)} ms`);
  }
  console.log(`  ${t(lang, 'total').padEnd(26)} ${String(total).padStart(7)} ms`);
}
