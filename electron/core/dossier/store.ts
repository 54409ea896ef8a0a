// Dossiers (hồ sơ TTHC) in the desk's database: creation with a dossier code allocated in the same
// IMMEDIATE transaction as the row (so concurrent desks and processes get no gaps and no
// duplicates: a rolled-back creation rolls its number back too), lifecycle moves checked
// against shared/procedures TRANSITIONS and logged with the clerk, and the documents received
// with their classification, which the clerk confirms or corrects (teaching the model).
import type Database from 'better-sqlite3';
import type { Classification, DocumentType, ExtractedField } from '../../../shared/classification';
import {
  AGENCY_ID_PATTERN,
  DEFAULT_CODE_PATTERN,
  EXTERNAL_CODE_PATTERN,
  formatCodeWithPattern,
  isValidCodePattern,
  vietnamDayKey,
} from '../../../shared/dossierCode';
import { SohoaError } from '../../../shared/errors';
import type { CardHolder } from '../../../shared/identity';
import {
  REASON_REQUIRED,
  canTransition,
  DossierState,
  type DossierState as State,
} from '../../../shared/procedures';
import type { NaiveBayes } from '../classify/model';

export interface Applicant {
  fullName: string;
  idNumber: string;
  /** Where the identity came from: QR, MRZ or typed by the clerk. */
  source: 'qr' | 'mrz' | 'typed';
  phone?: string;
  address?: string;
  dateOfBirth?: string;
}

export function applicantFromCard(h: CardHolder, source: 'qr' | 'mrz' = 'qr'): Applicant {
  return {
    fullName: h.fullName,
    idNumber: h.idNumber,
    source,
    address: h.address,
    dateOfBirth: h.dateOfBirth,
  };
}

export interface Dossier {
  id: number;
  code: string;
  procedureCode: string;
  applicant: Applicant;
  state: State;
  receivedAt: string | null;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Transition {
  from: State | null;
  to: State;
  clerk: string;
  reason: string | null;
  at: string;
}

export interface ReceivedDocument {
  id: number;
  ordinal: number;
  type: DocumentType | null;
  confidence: number;
  needsReview: boolean;
  confirmedBy: string | null;
  fields: ExtractedField[];
}

interface DossierRow {
  id: number;
  code: string;
  procedure_code: string;
  applicant: string;
  state: string;
  received_at: string | null;
  due_date: string | null;
  created_at: string;
  updated_at: string;
}

const toDossier = (r: DossierRow): Dossier => ({
  id: r.id,
  code: r.code,
  procedureCode: r.procedure_code,
  applicant: JSON.parse(r.applicant) as Applicant,
  state: DossierState.parse(r.state),
  receivedAt: r.received_at,
  dueDate: r.due_date,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface CreateDossier {
  procedureCode: string;
  applicant: Applicant;
  clerk: string;
  agencyId: string;
  at?: Date;
  /** Code format (default `{AGENCY}-{YYMMDD}-{NNNN}`). */
  codePattern?: string;
  /** A code typed or scanned from the provincial system, used as is instead of allocating. */
  externalCode?: string;
}

export class DossierStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Allocates the next number of the agency's day. Call inside a write transaction. */
  private nextSequence(agencyId: string, day: string): number {
    const row = this.db
      .prepare(
        `INSERT INTO day_sequences (agency, day, last) VALUES (?, ?, 1)
         ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last`,
      )
      .get(agencyId, day) as { last: number };
    return row.last;
  }

  create(input: CreateDossier): Dossier {
    const at = input.at ?? this.clock();
    const pattern = input.codePattern ?? DEFAULT_CODE_PATTERN;
    if (!isValidCodePattern(pattern)) throw new SohoaError('DOSSIER_CODE_FORMAT_INVALID', pattern);
    if (!AGENCY_ID_PATTERN.test(input.agencyId) || input.agencyId.length > 13) {
      throw new SohoaError('DOSSIER_CODE_INVALID', input.agencyId);
    }
    if (input.externalCode !== undefined && !EXTERNAL_CODE_PATTERN.test(input.externalCode)) {
      throw new SohoaError('DOSSIER_CODE_INVALID', input.externalCode);
    }
    const now = at.toISOString();
    const id = this.db
      .transaction(() => {
        const code =
          input.externalCode ??
          formatCodeWithPattern(
            pattern,
            input.agencyId,
            vietnamDayKey(at),
            this.nextSequence(input.agencyId, vietnamDayKey(at)),
          );
        if (this.db.prepare('SELECT 1 FROM reception_dossiers WHERE code = ?').get(code)) {
          throw new SohoaError('DOSSIER_CODE_TAKEN', code);
        }
        const dossierId = Number(
          this.db
            .prepare(
              `INSERT INTO reception_dossiers (code, procedure_code, applicant, state, created_at, updated_at)
               VALUES (?, ?, ?, 'draft', ?, ?)`,
            )
            .run(code, input.procedureCode, JSON.stringify(input.applicant), now, now)
            .lastInsertRowid,
        );
        this.logTransition(dossierId, null, 'draft', input.clerk, null, now);
        return dossierId;
      })
      .immediate();
    return this.byId(id)!;
  }

  private logTransition(
    dossierId: number,
    from: State | null,
    to: State,
    clerk: string,
    reason: string | null,
    at: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO reception_transitions (dossier_id, from_state, to_state, clerk, reason, at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(dossierId, from, to, clerk, reason, at);
  }

  private byId(id: number): Dossier | null {
    const row = this.db.prepare('SELECT * FROM reception_dossiers WHERE id = ?').get(id) as
      DossierRow | undefined;
    return row ? toDossier(row) : null;
  }

  get(code: string): Dossier | null {
    const row = this.db.prepare('SELECT * FROM reception_dossiers WHERE code = ?').get(code) as
      DossierRow | undefined;
    return row ? toDossier(row) : null;
  }

  /**
   * Moves a dossier to `to`. The check and the move happen in one IMMEDIATE transaction, so two
   * clerks acting at once cannot both move it from the same state.
   */
  transition(
    code: string,
    to: State,
    opts: { clerk: string; reason?: string; dueDate?: string; at?: Date },
  ): Dossier {
    if (!opts.clerk.trim()) throw new SohoaError('BAD_REQUEST', 'clerk');
    const reason = opts.reason?.trim() || null;
    if (REASON_REQUIRED.includes(to) && !reason) {
      throw new SohoaError('REASON_REQUIRED', to);
    }
    const now = (opts.at ?? this.clock()).toISOString();
    this.db
      .transaction(() => {
        const current = this.get(code);
        if (!current) throw new SohoaError('DOSSIER_TRANSITION_INVALID', `${code}: ?→${to}`);
        if (!canTransition(current.state, to)) {
          throw new SohoaError('DOSSIER_TRANSITION_INVALID', `${code}: ${current.state}→${to}`);
        }
        this.db
          .prepare(
            `UPDATE reception_dossiers SET state = ?, updated_at = ?,
               received_at = CASE WHEN ? = 'receiving' AND received_at IS NULL THEN ? ELSE received_at END,
               due_date = COALESCE(?, due_date)
             WHERE id = ?`,
          )
          .run(to, now, to, now, opts.dueDate ?? null, current.id);
        this.logTransition(current.id, current.state, to, opts.clerk, reason, now);
      })
      .immediate();
    return this.get(code)!;
  }

  history(code: string): Transition[] {
    return (
      this.db
        .prepare(
          `SELECT t.from_state, t.to_state, t.clerk, t.reason, t.at FROM reception_transitions t
           JOIN reception_dossiers d ON d.id = t.dossier_id WHERE d.code = ? ORDER BY t.id`,
        )
        .all(code) as {
        from_state: string | null;
        to_state: string;
        clerk: string;
        reason: string | null;
        at: string;
      }[]
    ).map((r) => ({
      from: r.from_state === null ? null : DossierState.parse(r.from_state),
      to: DossierState.parse(r.to_state),
      clerk: r.clerk,
      reason: r.reason,
      at: r.at,
    }));
  }

  /** Records one received document (a group of pages) with its classification and fields. */
  addDocument(
    code: string,
    doc: { text: string; classification: Classification; fields: ExtractedField[] },
  ): ReceivedDocument {
    const dossier = this.get(code);
    if (!dossier) throw new SohoaError('DOSSIER_TRANSITION_INVALID', code);
    const c = doc.classification;
    const id = this.db
      .transaction(() => {
        const next = this.db
          .prepare(
            'SELECT COALESCE(MAX(ordinal), 0) + 1 AS n FROM reception_documents WHERE dossier_id = ?',
          )
          .get(dossier.id) as { n: number };
        return Number(
          this.db
            .prepare(
              `INSERT INTO reception_documents (dossier_id, ordinal, type, confidence, needs_review, text, fields)
               VALUES (?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              dossier.id,
              next.n,
              c.type,
              c.confidence,
              c.needsReview ? 1 : 0,
              doc.text,
              JSON.stringify(doc.fields),
            ).lastInsertRowid,
        );
      })
      .immediate();
    return this.document(id)!;
  }

  private document(id: number): ReceivedDocument | null {
    const r = this.db.prepare('SELECT * FROM reception_documents WHERE id = ?').get(id) as
      | {
          id: number;
          ordinal: number;
          type: string | null;
          confidence: number;
          needs_review: number;
          confirmed_by: string | null;
          fields: string;
        }
      | undefined;
    if (!r) return null;
    return {
      id: r.id,
      ordinal: r.ordinal,
      type: r.type as DocumentType | null,
      confidence: r.confidence,
      needsReview: r.needs_review === 1,
      confirmedBy: r.confirmed_by,
      fields: JSON.parse(r.fields) as ExtractedField[],
    };
  }

  documents(code: string): ReceivedDocument[] {
    const ids = this.db
      .prepare(
        `SELECT r.id FROM reception_documents r JOIN reception_dossiers d ON d.id = r.dossier_id
         WHERE d.code = ? ORDER BY r.ordinal`,
      )
      .all(code) as { id: number }[];
    return ids.map((r) => this.document(r.id)!);
  }

  /**
   * The clerk confirms or corrects a document's type. The model learns the confirmed label; if
   * it had learned another label for this document before, that one is unlearned first.
   */
  confirmDocument(
    documentId: number,
    type: DocumentType,
    clerk: string,
    model?: NaiveBayes,
  ): ReceivedDocument {
    // One transaction: the label, the model's counts and the record of what it learned agree
    // even after a crash (better-sqlite3 nests the model's own transaction as a savepoint).
    this.db
      .transaction(() => {
        const row = this.db
          .prepare(
            `SELECT d.text, d.learned_type, r.applicant FROM reception_documents d
               JOIN reception_dossiers r ON r.id = d.dossier_id WHERE d.id = ?`,
          )
          .get(documentId) as
          { text: string; learned_type: DocumentType | null; applicant: string } | undefined;
        if (!row) throw new SohoaError('BAD_REQUEST', String(documentId));
        if (model && row.learned_type !== type) {
          // The applicant's own words are never learned from their papers.
          const a = JSON.parse(row.applicant) as Partial<Applicant>;
          const personal = [a.fullName, a.idNumber, a.address, a.dateOfBirth].filter(
            (v): v is string => typeof v === 'string',
          );
          if (row.learned_type) model.unlearn(row.text, row.learned_type, personal);
          model.learn(row.text, type, personal);
        }
        this.db
          .prepare(
            `UPDATE reception_documents SET type = ?, needs_review = 0, confirmed_by = ?, confidence = 1,
               learned_type = ? WHERE id = ?`,
          )
          .run(type, clerk, model ? type : row.learned_type, documentId);
      })
      .immediate();
    return this.document(documentId)!;
  }
}
