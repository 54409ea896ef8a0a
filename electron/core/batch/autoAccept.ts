// Whether a separated batch's plan may skip the archivist's review (SeparationOptions.autoAccept):
// only when every split was read from the paper itself — a separator sheet's QR/barcode or a patch
// code — and every file was read. A split guessed from a blank page, the classifier or a page
// count, or a file that could not be read, needs a person: the batch waits for review as before.
import type { SplitPlan } from '../../../shared/contracts/intake';

const MACHINE_READ = new Set(['code', 'patch']);

export function autoAcceptable(plan: SplitPlan, unreadFiles: number): boolean {
  if (!plan.options.autoAccept || unreadFiles > 0 || plan.documents.length === 0) return false;
  let machineRead = 0;
  for (const [i, doc] of plan.documents.entries()) {
    // The first document may start at the top of the stack with no evidence; every later start
    // must be a sheet or patch, and no reason may be a guess.
    const reasons = i === 0 ? doc.reasons.filter((r) => r.method !== 'start') : doc.reasons;
    if (i > 0 && reasons.length === 0) return false;
    for (const r of reasons) {
      if (!MACHINE_READ.has(r.method)) return false;
      machineRead++;
    }
  }
  // No sheet or patch found at all: maybe none was read; a person should look.
  return machineRead > 0;
}
