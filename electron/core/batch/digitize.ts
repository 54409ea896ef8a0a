// The batch's one way into the pipeline: core.digitize reports a failure as an outcome; anything
// it throws is a bug, turned into a failed outcome here so that it stays off the other batches.
import { asErrorInfo } from '../../../shared/errors';
import type { DigitizeOptions, DigitizeOutcome, RecordPage } from '../pipeline/types';
import type { BatchCore } from './types';

export async function digitizeSafely(
  core: BatchCore,
  pages: readonly RecordPage[],
  options: DigitizeOptions & { title: string },
): Promise<DigitizeOutcome> {
  try {
    return await core.digitize(pages, options);
  } catch (e) {
    return {
      record: null,
      pdfPath: null,
      fileErrors: [asErrorInfo(e, 'INTERNAL', options.title)],
      timings: [],
      pages: [],
    };
  }
}
