// What the machine was unsure about, per finished batch: blank-flagged pages (kept, never
// dropped), pages read with a low OCR confidence, and files whose document type the classifier
// could not decide. The archivist accepts or dismisses each; nothing is changed behind them.
import { LOW_CONFIDENCE } from '../../../shared/contracts/batch';
import { classifyText } from '../classify/classify';
import type { NewReviewItem, PageRow } from './store';

export interface ReviewedPage extends PageRow {
  subject: string;
  textFromSource: boolean;
}

/** Too little text to say what a document is: leave it to the blank / low-confidence flags. */
const MIN_TEXT_TO_CLASSIFY = 40;

export function pageReviewItems(pages: readonly ReviewedPage[]): NewReviewItem[] {
  const items: NewReviewItem[] = [];
  for (const p of pages) {
    const base = {
      subject: p.subject,
      fileId: p.fileId,
      pageInFile: p.pageInFile,
      ordinal: p.ordinal,
      confidence: p.confidence,
      inkRatio: p.inkRatio,
      candidates: [],
    };
    if (p.blank) items.push({ ...base, reason: 'blank' });
    else if (!p.textFromSource && p.confidence < LOW_CONFIDENCE)
      items.push({ ...base, reason: 'low-confidence' });
  }
  return items;
}

/** One item per file whose text the classifier cannot place (rules; below its threshold). */
export function documentReviewItems(
  files: readonly { fileId: number; name: string; firstOrdinal: number; text: string }[],
): NewReviewItem[] {
  const items: NewReviewItem[] = [];
  for (const f of files) {
    if (f.text.replace(/\s+/g, '').length < MIN_TEXT_TO_CLASSIFY) continue;
    const c = classifyText(f.text);
    // No evidence for any type is normal in an archive backlog (most records are not reception
    // documents); the archivist is asked only when the classifier hesitated between types.
    if (!c.needsReview || c.candidates.length === 0 || c.confidence === 0) continue;
    items.push({
      reason: 'unclassified',
      subject: f.name,
      fileId: f.fileId,
      pageInFile: 0,
      ordinal: f.firstOrdinal,
      confidence: c.confidence,
      inkRatio: null,
      candidates: c.candidates.map((x) => x.type),
    });
  }
  return items;
}
