// One reception at the counter, end to end: the applicant (from the card's QR or typed), a new
// dossier, each document classified and its fields read, the checklist of the procedure, then
// either the receipt with the appointment date and where the applicant collects the result
// (complete) or the request for supplement listing what is missing (incomplete). Used by
// `sohoa receipt` and the dossier channel.
import path from 'node:path';
import type { Classification, ExtractedField } from '../../../shared/classification';
import { matchChecklist, type ChecklistResult, type Procedure } from '../../../shared/procedures';
import type { ReceptionUnitSettings } from '../../../shared/settings';
import { dueDate, type CutOff, type DueDate } from '../../../shared/workingDays';
import { classifyText } from '../classify/classify';
import { extractFields, linesOf } from '../classify/extract';
import { StoredNaiveBayes } from '../classify/model';
import {
  renderReceipt,
  renderRefusal,
  renderSupplementRequest,
  type SlipParty,
} from '../receipt/slips';
import { openDeskDatabase } from './db';
import { receivingUnit, resolveDelivery } from './delivery';
import { loadWorkingCalendar } from './holidays';
import { findProcedure, loadCatalog } from './procedures';
import { resourcesDir } from './resources';
import {
  appointmentFields,
  missingComponents,
  receivedComponents,
  slipApplicant,
} from './slipInput';
import { DossierStore, type Applicant, type Dossier, type ResultDelivery } from './store';

export { appointmentTime } from './slipInput';

export interface ReceptionInput extends Omit<SlipParty, 'unitName'> {
  dataDir: string;
  agencyId: string;
  clerk: string;
  procedureCode: string;
  applicant: Applicant;
  /** OCR text of each document handed in (a group of pages each). */
  documents: { name: string; text: string }[];
  /** The reception unit (its name on slips, the places to collect results); default: the agency. */
  unit?: ReceptionUnitSettings;
  /** Where the applicant chose to collect the result; default: the unit's first place. */
  delivery?: ResultDelivery;
  at?: Date;
  cutOff?: CutOff;
  codePattern?: string;
  externalCode?: string;
  /** Hour printed for a later-day appointment, "HH:MM" (default 14:00). */
  appointmentTime?: string;
  /** Refuse the dossier with this reason instead of checking it (e.g. not this agency's). */
  refuseReason?: string;
}

export interface ReceivedDocumentReport {
  name: string;
  classification: Classification;
  fields: ExtractedField[];
}

export interface ReceptionOutcome {
  dossier: Dossier;
  procedure: Procedure;
  documents: ReceivedDocumentReport[];
  checklist: ChecklistResult;
  due: DueDate | null;
  /** The receipt (complete), the request for supplement (incomplete) or the refusal slip. */
  slip: { kind: 'receipt' | 'supplement' | 'refusal'; pdf: Uint8Array };
}

export async function receiveDossier(input: ReceptionInput): Promise<ReceptionOutcome> {
  const at = input.at ?? new Date();
  const { catalog } = await loadCatalog(input.dataDir);
  const procedure = findProcedure(catalog, input.procedureCode);
  const calendar = await loadWorkingCalendar([
    path.join(resourcesDir(), 'holidays'),
    path.join(input.dataDir, 'holidays'),
  ]);
  const unit = receivingUnit(input.unit, input.agencyName);
  const delivery = resolveDelivery(unit, input.delivery, input.applicant.address);
  const db = openDeskDatabase(input.dataDir);
  try {
    const store = new DossierStore(db, () => at);
    const model = StoredNaiveBayes.load(db);
    let dossier = store.create({
      procedureCode: procedure.code,
      applicant: input.applicant,
      clerk: input.clerk,
      agencyId: input.agencyId,
      at,
      delivery,
      ...(input.codePattern ? { codePattern: input.codePattern } : {}),
      ...(input.externalCode ? { externalCode: input.externalCode } : {}),
    });
    const base = {
      agencyName: input.agencyName,
      unitName: unit.name === input.agencyName ? '' : unit.name,
      place: input.place,
      clerkName: input.clerkName,
      dossierCode: dossier.code,
      procedure,
      applicant: slipApplicant(input.applicant),
      issuedAt: at,
    };
    if (input.refuseReason !== undefined) {
      dossier = store.transition(dossier.code, 'refused', {
        clerk: input.clerk,
        reason: input.refuseReason,
      });
      const pdf = await renderRefusal({ ...base, reason: input.refuseReason });
      const checklist = matchChecklist(procedure, []);
      return {
        dossier,
        procedure,
        documents: [],
        checklist,
        due: null,
        slip: { kind: 'refusal', pdf },
      };
    }
    store.transition(dossier.code, 'receiving', { clerk: input.clerk });
    const documents: ReceivedDocumentReport[] = [];
    const stored = [];
    for (const d of input.documents) {
      const classification = classifyText(d.text, { model });
      const fields = extractFields(
        linesOf(d.text),
        classification.type ?? classification.candidates[0]?.type ?? null,
      );
      documents.push({ name: d.name, classification, fields });
      stored.push(store.addDocument(dossier.code, { text: d.text, classification, fields }));
    }
    // A document still in review satisfies nothing until the clerk confirms it.
    const checklist = matchChecklist(
      procedure,
      stored.map((s) => ({ id: String(s.id), type: s.needsReview ? null : s.type })),
    );
    if (checklist.complete) {
      const due = dueDate(calendar, at, procedure.processingDays, input.cutOff);
      dossier = store.transition(dossier.code, 'complete', {
        clerk: input.clerk,
        dueDate: due.due,
        dueEstimated: due.estimated,
      });
      const pdf = await renderReceipt({
        ...base,
        components: receivedComponents(checklist),
        ...appointmentFields(at, due, input.appointmentTime),
        delivery,
      });
      return { dossier, procedure, documents, checklist, due, slip: { kind: 'receipt', pdf } };
    }
    const missing = missingComponents(checklist);
    const review = documents.filter((d) => d.classification.needsReview).map((d) => d.name);
    const reason = `Thiếu ${missing.length} thành phần bắt buộc${review.length ? `; cần xác nhận loại giấy tờ: ${review.join(', ')}` : ''}`;
    store.transition(dossier.code, 'incomplete', { clerk: input.clerk });
    dossier = store.transition(dossier.code, 'returned_for_supplement', {
      clerk: input.clerk,
      reason,
    });
    const pdf = await renderSupplementRequest({ ...base, items: missing, reason });
    return {
      dossier,
      procedure,
      documents,
      checklist,
      due: null,
      slip: { kind: 'supplement', pdf },
    };
  } finally {
    db.close();
  }
}
