// The local archive: one SQLite file (WAL, foreign keys, busy timeout) plus the blob store.
// A dossier, its pages and its file record are written in one transaction, after the file is
// durably in the blob store, so the database never describes something that is not on disk.
import Database from 'better-sqlite3';
import type {
  DossierDetail,
  DossierSummary,
  PageRecord,
  SignatureSummary,
} from '../../../shared/contract';
import { formatDossierCode, vietnamDayKey } from '../../../shared/dossierCode';
import { MIGRATIONS } from './migrations';

export interface NewDossier {
  agencyId: string;
  receivedAt: Date;
  title: string;
  pages: PageRecord[];
  file: { sha256: string; bytes: number; signature: SignatureSummary | null };
}

interface DossierRow {
  id: number;
  code: string;
  title: string;
  created_at: string;
  page_count: number;
  name: string;
  sha256: string;
  bytes: number;
  signer: string | null;
  signed_at: string | null;
  sub_filter: string | null;
  demo_signature: number;
}

interface PageRow {
  ordinal: number;
  source_name: string;
  width_px: number;
  height_px: number;
  dpi: number;
  text: string;
  confidence: number;
}

const SUMMARY_SELECT = `
  SELECT d.id, d.code, d.title, d.created_at,
         (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id) AS page_count,
         f.name, f.sha256, f.bytes, f.signer, f.signed_at, f.sub_filter, f.demo_signature
  FROM dossiers d JOIN files f ON f.dossier_id = d.id`;

export class Archive {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // FULL: a committed dossier survives a power cut, which a counter PC will see.
    this.db.pragma('synchronous = FULL');
    migrate(this.db);
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  recordDossier(input: NewDossier): DossierSummary {
    const day = vietnamDayKey(input.receivedAt);
    const tx = this.db.transaction((): number => {
      const seq = this.db
        .prepare(
          `INSERT INTO day_sequences (agency, day, last) VALUES (?, ?, 1)
           ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last`,
        )
        .get(input.agencyId, day) as { last: number };
      const code = formatDossierCode(input.agencyId, day, seq.last);
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO dossiers (code, title, created_at) VALUES (?, ?, ?)')
        .run(code, input.title, input.receivedAt.toISOString());
      const dossierId = Number(lastInsertRowid);
      const insertPage = this.db.prepare(
        `INSERT INTO pages (dossier_id, ordinal, source_name, width_px, height_px, dpi, text, confidence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of input.pages)
        insertPage.run(
          dossierId,
          p.ordinal,
          p.sourceName,
          p.widthPx,
          p.heightPx,
          p.dpi,
          p.text,
          p.confidence,
        );
      const sig = input.file.signature;
      this.db
        .prepare(
          `INSERT INTO files (dossier_id, name, sha256, bytes, signer, signed_at, sub_filter, demo_signature)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          dossierId,
          `${code}.pdf`,
          input.file.sha256,
          input.file.bytes,
          sig?.signer ?? null,
          sig?.signedAt ?? null,
          sig?.subFilter ?? null,
          sig?.demo ? 1 : 0,
        );
      return dossierId;
    });
    const id = tx.immediate();
    return this.getDossier(id)!;
  }

  listDossiers(limit = 100): DossierSummary[] {
    const rows = this.db
      .prepare(`${SUMMARY_SELECT} ORDER BY d.id DESC LIMIT ?`)
      .all(limit) as DossierRow[];
    return rows.map(toSummary);
  }

  getDossier(id: number): DossierDetail | null {
    const row = this.db.prepare(`${SUMMARY_SELECT} WHERE d.id = ?`).get(id) as
      DossierRow | undefined;
    if (!row) return null;
    const pages = this.db
      .prepare(
        `SELECT ordinal, source_name, width_px, height_px, dpi, text, confidence
         FROM pages WHERE dossier_id = ? ORDER BY ordinal`,
      )
      .all(id) as PageRow[];
    return {
      ...toSummary(row),
      fileBytes: row.bytes,
      pages: pages.map((p) => ({
        ordinal: p.ordinal,
        sourceName: p.source_name,
        widthPx: p.width_px,
        heightPx: p.height_px,
        dpi: p.dpi,
        text: p.text,
        confidence: p.confidence,
      })),
    };
  }

  findByCode(code: string): DossierDetail | null {
    const row = this.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(code) as
      { id: number } | undefined;
    return row ? this.getDossier(row.id) : null;
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    this.db.close();
  }
}

export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

function toSummary(row: DossierRow): DossierSummary {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    createdAt: row.created_at,
    pageCount: row.page_count,
    fileName: row.name,
    sha256: row.sha256,
    signature:
      row.signer && row.signed_at && row.sub_filter
        ? {
            signer: row.signer,
            signedAt: row.signed_at,
            subFilter: row.sub_filter,
            demo: row.demo_signature === 1,
          }
        : null,
  };
}
