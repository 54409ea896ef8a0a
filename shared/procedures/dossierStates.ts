// The administrative dossier's lifecycle: its states, the moves allowed between them, the moves
// that must give a reason, and the states' names for the screen.
import { z } from 'zod';

export const DOSSIER_STATES = [
  'draft',
  'receiving',
  'complete',
  'incomplete',
  'returned_for_supplement',
  'refused',
  'signed',
  'archived',
  'uploaded',
] as const;
export const DossierState = z.enum(DOSSIER_STATES);
export type DossierState = z.infer<typeof DossierState>;

/** Allowed moves. A returned dossier comes back to "receiving" when the applicant brings more. */
export const TRANSITIONS: Readonly<Record<DossierState, readonly DossierState[]>> = {
  draft: ['receiving', 'refused'],
  receiving: ['complete', 'incomplete', 'returned_for_supplement', 'refused'],
  incomplete: ['receiving', 'returned_for_supplement', 'refused'],
  complete: ['signed', 'receiving', 'returned_for_supplement'],
  returned_for_supplement: ['receiving'],
  refused: [],
  signed: ['archived'],
  archived: ['uploaded'],
  uploaded: [],
};

/** Moves that must say why, so the applicant is told what to do. */
export const REASON_REQUIRED: readonly DossierState[] = ['returned_for_supplement', 'refused'];

export const DOSSIER_STATE_LABELS: Record<DossierState, { vi: string; en: string }> = {
  draft: { vi: 'Nháp', en: 'Draft' },
  receiving: { vi: 'Đang tiếp nhận', en: 'Receiving' },
  complete: { vi: 'Đủ thành phần', en: 'Complete' },
  incomplete: { vi: 'Thiếu thành phần', en: 'Incomplete' },
  returned_for_supplement: { vi: 'Yêu cầu bổ sung', en: 'Returned for supplement' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  signed: { vi: 'Đã ký số', en: 'Signed' },
  archived: { vi: 'Đã lưu trữ', en: 'Archived' },
  uploaded: { vi: 'Đã đồng bộ', en: 'Uploaded' },
};

export function canTransition(from: DossierState, to: DossierState): boolean {
  return TRANSITIONS[from].includes(to);
}
