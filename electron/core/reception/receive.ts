// One reception at the counter as the Tiếp nhận screen does it: the steps of `sohoa receipt`
// (electron/core/dossier/reception.ts: a new dossier, its documents classified, the procedure's
// checklist, the receipt or the request for supplement) but with the clerk's own grouping of
// pages into documents and their corrections (each one teaches the classifier), and then the
// pages, as the reception read them, assembled by the core's pipeline (PDF/A, signature,
// archive, outbox).
import path from 'node:path';
import type { DocumentType, ExtractedField } from '../../../shared/classification';
import type { Rotation } from '../../../shared/contracts/reception';
import type { ErrorInfo } from '../../../shared/errors';
import { SohoaError } from '../../../shared/errors';
import { matchChecklist, type DossierState } from '../../../shared/procedures';
import type { ReceptionUnitSettings } from '../../../shared/settings';
import { dueDate, type DueDate } from '../../../shared/workingDays';
import { BlobStore } from '../archive/blobStore';
import { classifyText } from '../classify/classify';
import { StoredNaiveBayes } from '../classify/model';
import { openDeskDatabase } from '../dossier/db';
import { loadWorkingCalendar } from '../dossier/holidays';
import { findProcedure, loadCatalog } from '../dossier/procedures';
import { receivingUnit, resolveDelivery } from '../dossier/delivery';
import { resourcesDir } from '../dossier/resources';
import {
  appointmentFields,
  missingComponents,
  receivedComponents,
  slipApplicant,
} from '../dossier/slipInput';
import { DossierStore, type Applicant, type ResultDelivery } from '../dossier/store';
import { Outbox, type OutboxState } from '../outbox/outbox';
import type { Core } from '../pipeline/core';
import type { RecordPage } from '../pipeline/types';
import { renderReceipt, renderSupplementRequest } from '../receipt/slips';

export interface ReceptionDocument {
  pages: { id: string; rotation: Rotation }[];
  type: DocumentType | null;
  confirmed: boolean;
  fields: ExtractedField[];
}

export interface ReceptionReceiveInput {
  procedureCode: string;
  applicant: Applicant;
  clerk: string;
  /** `codePattern`: how dossier codes are built (default `{AGENCY}-{YYMMDD}-{NNNN}`). */
  agency: { id: string; name: string; codePattern?: string };
  place: string;
  /** The reception unit (its name on slips, the places to collect results); default: the agency. */
  unit?: ReceptionUnitSettings;
  /** Where the applicant chose to collect the result; default: the unit's first place. */
  delivery?: ResultDelivery;
  /** A code handed over by the provincial system, stored as it is instead of allocating one. */
  externalCode?: string;
  documents: ReceptionDocument[];
  /**
   * A page's OCR text, and the page for the dossier from the reception session: read already (only
   * assembled, turned by the clerk's rotation) or an image to read again.
   */
  pageText: (id: string) => Promise<string>;
  pageSource: (id: string, rotation: Rotation) => Promise<RecordPage>;
  at?: Date;
}

export interface ReceptionReceiveOutcome {
  dossierCode: string;
  state: DossierState;
  slip: { kind: 'receipt' | 'supplement'; pdf: Uint8Array };
  dueDate: string | null;
  /** The appointment and the holiday year it rests on (official or estimated). */
  due: DueDate | null;
  delivery: ResultDelivery;
  missing: string[];
  archived: { code: string; pageCount: number; signer: string; demo: boolean } | null;
  outboxState: OutboxState | null;
  fileErrors: ErrorInfo[];
}

export async function receiveAtReception(
  core: Pick<Core, 'paths' | 'archive' | 'digitize'>,
  input: ReceptionReceiveInput,
): Promise<ReceptionReceiveOutcome> {
  const at = input.at ?? new Date();
  const dataDir = core.paths.root;
  const { catalog } = await loadCatalog(dataDir);
  const procedure = findProcedure(catalog, input.procedureCode);
  const calendar = await loadWorkingCalendar([
    path.join(resourcesDir(), 'holidays'),
    path.join(dataDir, 'holidays'),
  ]);
  const texts = await Promise.all(
    input.documents.map(async (d) =>
      (await Promise.all(d.pages.map((p) => input.pageText(p.id)))).join('\n\n'),
    ),
  );

  const unit = receivingUnit(input.unit, input.agency.name);
  const delivery = resolveDelivery(unit, input.delivery, input.applicant.address);
  const db = openDeskDatabase(dataDir);
  let code: string;
  let due: DueDate | null = null;
  let slip: ReceptionReceiveOutcome['slip'];
  let missing: string[] = [];
  try {
    const store = new DossierStore(db, () => at);
    const model = StoredNaiveBayes.load(db);
    code = store.create({
      procedureCode: procedure.code,
      applicant: input.applicant,
      clerk: input.clerk,
      agencyId: input.agency.id,
      at,
      delivery,
      ...(input.agency.codePattern ? { codePattern: input.agency.codePattern } : {}),
      ...(input.externalCode ? { externalCode: input.externalCode } : {}),
    }).code;
    store.transition(code, 'receiving', { clerk: input.clerk });
    const stored = input.documents.map((d, i) => {
      const text = texts[i]!;
      const doc = store.addDocument(code, {
        text,
        classification: classifyText(text, { model }),
        fields: d.fields,
      });
      // The clerk's choice is the label; confirming it is what teaches the model.
      return d.confirmed && d.type
        ? store.confirmDocument(doc.id, d.type, input.clerk, model)
        : doc;
    });
    const checklist = matchChecklist(
      procedure,
      stored.map((s) => ({ id: String(s.id), type: s.needsReview ? null : s.type })),
    );
    const base = {
      agencyName: input.agency.name,
      unitName: unit.name === input.agency.name ? '' : unit.name,
      place: input.place,
      clerkName: input.clerk,
      dossierCode: code,
      procedure,
      applicant: slipApplicant(input.applicant),
      issuedAt: at,
    };
    if (checklist.complete) {
      due = dueDate(calendar, at, procedure.processingDays);
      store.transition(code, 'complete', {
        clerk: input.clerk,
        dueDate: due.due,
        dueEstimated: due.estimated,
      });
      slip = {
        kind: 'receipt',
        pdf: await renderReceipt({
          ...base,
          components: receivedComponents(checklist),
          ...appointmentFields(at, due),
          delivery,
        }),
      };
    } else {
      missing = missingComponents(checklist);
      const reason = `Thiếu ${missing.length} thành phần bắt buộc`;
      store.transition(code, 'incomplete', { clerk: input.clerk });
      store.transition(code, 'returned_for_supplement', { clerk: input.clerk, reason });
      slip = {
        kind: 'supplement',
        pdf: await renderSupplementRequest({ ...base, items: missing, reason }),
      };
    }
  } finally {
    db.close();
  }

  if (slip.kind === 'supplement') {
    return {
      dossierCode: code,
      state: 'returned_for_supplement',
      slip,
      dueDate: null,
      due: null,
      delivery,
      missing,
      archived: null,
      outboxState: null,
      fileErrors: [],
    };
  }

  const signed = await signAtReception(core, {
    code,
    clerk: input.clerk,
    title: archiveTitle(procedure.name, input.applicant.fullName, code),
    pages: input.documents.flatMap((d) => d.pages),
    pageSource: input.pageSource,
  });
  return { dossierCode: code, slip, dueDate: due?.due ?? null, due, delivery, missing, ...signed };
}

/** Titled so an unaccented search by the applicant, the procedure or the dossier code finds it. */
export function archiveTitle(procedureName: string, applicantName: string, code: string): string {
  return `${procedureName} – ${applicantName} – ${code}`;
}

export interface ReceptionSignInput {
  code: string;
  clerk: string;
  title: string;
  pages: { id: string; rotation: Rotation }[];
  pageSource: (id: string, rotation: Rotation) => Promise<RecordPage>;
}

export type ReceptionSignOutcome = Pick<
  ReceptionReceiveOutcome,
  'state' | 'archived' | 'outboxState' | 'fileErrors'
>;

/**
 * The received dossier's pages become one signed PDF/A in the archive (and so in the outbox).
 * Also the retry after a failure (token unplugged, wrong PIN): the dossier stays "complete" with
 * its receipt, and signing again never creates a second dossier.
 */
export async function signAtReception(
  core: Pick<Core, 'paths' | 'archive' | 'digitize'>,
  input: ReceptionSignInput,
): Promise<ReceptionSignOutcome> {
  const dataDir = core.paths.root;
  const withDb = <T>(fn: (db: ReturnType<typeof openDeskDatabase>) => T): T => {
    const db = openDeskDatabase(dataDir);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  const withStore = <T>(fn: (store: DossierStore) => T): T =>
    withDb((db) => fn(new DossierStore(db)));
  const before = withStore((store) => store.get(input.code));
  if (!before) throw new SohoaError('DOSSIER_NOT_FOUND', input.code);
  if (before.state !== 'complete') {
    throw new SohoaError('DOSSIER_TRANSITION_INVALID', `${input.code}: ${before.state}→signed`);
  }
  const sources = await Promise.all(input.pages.map((p) => input.pageSource(p.id, p.rotation)));
  const outcome = await core.digitize(sources, {
    title: input.title,
    // One code per dossier: the archived record, the outbox and the receipt all carry the
    // dossier's. A retry after a crash between archiving and the state change finds the record
    // already made instead of archiving the dossier twice.
    code: input.code,
    sourceRef: `reception:${input.code}`,
    // The clerk has seen every page upright (and turned the ones that were not). Pages the
    // session read already are only assembled; these options touch pages read again.
    orientation: false,
  });
  if (!outcome.record) {
    const fileErrors = outcome.fileErrors.length
      ? outcome.fileErrors
      : [new SohoaError('NO_VALID_PAGES', input.code).info];
    return { state: before.state, archived: null, outboxState: null, fileErrors };
  }
  const archived = {
    code: outcome.record.code,
    pageCount: outcome.record.pageCount,
    signer: outcome.record.signature?.signer ?? '',
    demo: outcome.record.signature?.demo ?? false,
  };
  const state = withDb((db) =>
    db
      .transaction(() => {
        // The reception dossier points at its archived copy: the archive screen filters by the
        // reception's procedure and document types through this link.
        db.prepare('UPDATE reception_dossiers SET archive_dossier_id = ? WHERE code = ?').run(
          outcome.record!.id,
          input.code,
        );
        return new DossierStore(db).transition(input.code, 'signed', { clerk: input.clerk }).state;
      })
      .immediate(),
  );
  const outboxState =
    new Outbox(core.archive, new BlobStore(core.paths.blobsDir)).get(archived.code)?.state ?? null;
  return { state, archived, outboxState, fileErrors: outcome.fileErrors };
}

/** Codes of the procedures this desk received most recently, newest first. */
export function recentProcedureCodes(dataDir: string, limit = 5): string[] {
  const db = openDeskDatabase(dataDir);
  try {
    return (
      db
        .prepare(
          `SELECT procedure_code AS code FROM reception_dossiers
           GROUP BY procedure_code ORDER BY MAX(created_at) DESC, MAX(id) DESC LIMIT ?`,
        )
        .all(limit) as { code: string }[]
    ).map((r) => r.code);
  } finally {
    db.close();
  }
}

/** Moves a signed dossier to archived when the clerk closes the reception. */
export function finishAtReception(dataDir: string, code: string, clerk: string): DossierState {
  const db = openDeskDatabase(dataDir);
  try {
    const store = new DossierStore(db);
    const dossier = store.get(code);
    if (!dossier) throw new SohoaError('DOSSIER_NOT_FOUND', code);
    if (dossier.state !== 'signed') return dossier.state;
    return store.transition(code, 'archived', { clerk }).state;
  } finally {
    db.close();
  }
}
