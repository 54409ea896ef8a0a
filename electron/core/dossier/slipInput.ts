// What a receipt or a request for supplement says about one received dossier, built the same
// way for `sohoa receipt` (dossier/reception.ts) and the counter screen (reception/receive.ts):
// the appointment with the holiday year it rests on, the papers handed in, what is missing.
import { DOCUMENT_TYPE_LABELS } from '../../../shared/classification';
import type { ChecklistResult } from '../../../shared/procedures';
import { vietnamTimeParts } from '../../../shared/time';
import type { DueDate } from '../../../shared/workingDays';
import type { ReceiptInput, SlipApplicant } from '../receipt/slips';
import type { Applicant } from './store';

/**
 * The appointment hour: the configured one for a later day; for a same-day result, an hour
 * after receipt but not before the configured hour nor after 17:00, so it is never in the past.
 */
export function appointmentTime(receivedAt: Date, dueIso: string, later = '14:00'): string {
  const local = vietnamTimeParts(receivedAt);
  if (`${local.year}-${local.month}-${local.day}` !== dueIso) return later;
  const [lh = 14, lm = 0] = later.split(':').map(Number);
  const minutes = Math.min(
    17 * 60,
    Math.max(lh * 60 + lm, Number(local.hour) * 60 + Number(local.minute) + 60),
  );
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The receipt's appointment lines: date, hour, and whether its year is official or estimated. */
export function appointmentFields(
  at: Date,
  due: DueDate,
  later?: string,
): Pick<
  ReceiptInput,
  'receivedAt' | 'appointmentDate' | 'appointmentTime' | 'appointmentEstimated' | 'appointmentBasis'
> {
  return {
    receivedAt: at,
    appointmentDate: due.due,
    appointmentTime: appointmentTime(at, due.due, later),
    appointmentEstimated: due.estimated,
    appointmentBasis: due.dueYear,
  };
}

/** The components handed in, with how many papers each. */
export function receivedComponents(checklist: ChecklistResult): ReceiptInput['components'] {
  return checklist.components
    .filter((c) => c.documentIds.length > 0)
    .map((c) => ({ component: c.component, count: c.documentIds.length }));
}

/** Each mandatory component missing, with the papers that would satisfy it. */
export function missingComponents(checklist: ChecklistResult): string[] {
  return checklist.missingMandatory.map(
    (c) => `${c.name} (${c.documentTypes.map((t) => DOCUMENT_TYPE_LABELS[t].vi).join(' / ')})`,
  );
}

/** The applicant as a slip prints them. */
export function slipApplicant(a: Applicant): SlipApplicant {
  return {
    fullName: a.fullName,
    idNumber: a.idNumber,
    ...(a.oldIdNumber ? { oldIdNumber: a.oldIdNumber } : {}),
    ...(a.address ? { address: a.address } : {}),
    ...(a.phone ? { phone: a.phone } : {}),
  };
}
