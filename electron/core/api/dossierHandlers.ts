// Handlers for shared/contracts/dossier.ts (the administrative dossier): the same core calls as
// the CLI, taking and returning contract data only.
import type { DOSSIER_CHANNELS } from '../../../shared/contracts/dossier';
import type { ExtractedField } from '../../../shared/classification';
import { SohoaError } from '../../../shared/errors';
import { DEFAULT_RECEPTION_UNIT } from '../../../shared/settings';
import {
  crossCheckCard,
  parseKeyboardWedge,
  parseMrzTd1,
  type CardHolder,
  type IdentityCheck,
  type MrzData,
} from '../../../shared/identity';
import { classifyText } from '../classify/classify';
import { extractFields, linesOf } from '../classify/extract';
import { StoredNaiveBayes } from '../classify/model';
import { readCardImage } from '../identity/cccd';
import { fieldsFromMrz, fieldsFromQr } from '../identity/fields';
import { openDeskDatabase } from '../dossier/db';
import { loadCatalog } from '../dossier/procedures';
import { receiveDossier } from '../dossier/reception';
import { DossierStore } from '../dossier/store';
import type { DomainHandlers, HandlerContext } from './context';

export function createDossierHandlers({
  core,
  settings,
}: HandlerContext): DomainHandlers<typeof DOSSIER_CHANNELS> {
  const dataDir = core.paths.root;
  /** A short-lived connection per call: the desk's writers never hold the file between calls. */
  const withDb = <T>(fn: (db: ReturnType<typeof openDeskDatabase>) => T): T => {
    const db = openDeskDatabase(dataDir);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    async listProcedures() {
      const { catalog, origin } = await loadCatalog(dataDir);
      return { origin, version: catalog.version, procedures: catalog.procedures };
    },
    async readCard(request) {
      let holder: CardHolder | null = null;
      let mrz: MrzData | null = null;
      const checks: IdentityCheck[] = [];
      const fields: ExtractedField[] = [];
      if (request.imageBase64) {
        const read = await readCardImage(Buffer.from(request.imageBase64, 'base64'), 'CCCD');
        holder = read.holder;
        checks.push(...read.checks);
      } else if (request.typed !== undefined) {
        const parsed = parseKeyboardWedge(request.typed);
        if (!parsed.ok) throw new SohoaError('CCCD_QR_INVALID', request.typed.slice(0, 40));
        holder = parsed.holder;
        checks.push(...parsed.checks);
      }
      if (holder) fields.push(...fieldsFromQr(holder, checks));
      if (request.mrz) {
        const parsed = parseMrzTd1(request.mrz);
        if (!parsed.ok) throw new SohoaError('MRZ_INVALID', parsed.reason);
        mrz = parsed.data;
        checks.push(...parsed.checks);
        fields.push(...fieldsFromMrz(parsed.data, parsed.checks));
        if (holder) checks.push(...crossCheckCard(holder, parsed.data));
      }
      return { holder, mrz, checks, fields };
    },
    classifyDocument(request) {
      return Promise.resolve(
        withDb((db) => {
          const classification = classifyText(request.text, { model: StoredNaiveBayes.load(db) });
          const type = classification.type ?? classification.candidates[0]?.type ?? null;
          return { classification, fields: extractFields(linesOf(request.text), type) };
        }),
      );
    },
    async receiveDossier(request) {
      // The unit and its places from Cài đặt; the request may name the unit itself.
      const saved = settings.saved()?.reception ?? DEFAULT_RECEPTION_UNIT;
      const unit =
        request.unitName === undefined ? saved : { ...saved, unitName: request.unitName };
      const outcome = await receiveDossier({
        dataDir,
        unit,
        ...(request.delivery ? { delivery: request.delivery } : {}),
        agencyId: request.agencyId,
        agencyName: request.agencyName,
        place: request.place,
        clerk: request.clerk,
        clerkName: request.clerk,
        procedureCode: request.procedureCode,
        applicant: request.applicant,
        documents: request.documents,
        ...(request.externalCode ? { externalCode: request.externalCode } : {}),
        ...(request.refuseReason !== undefined ? { refuseReason: request.refuseReason } : {}),
      });
      return {
        dossier: outcome.dossier,
        documents: outcome.documents,
        missingMandatory: outcome.checklist.missingMandatory.map((c) => c.name),
        due: outcome.due,
        slip: {
          kind: outcome.slip.kind,
          pdfBase64: Buffer.from(outcome.slip.pdf).toString('base64'),
        },
      };
    },
    transitionDossier(request) {
      return Promise.resolve(
        withDb((db) =>
          new DossierStore(db).transition(request.code, request.to, {
            clerk: request.clerk,
            ...(request.reason !== undefined ? { reason: request.reason } : {}),
          }),
        ),
      );
    },
    dossierHistory(request) {
      return Promise.resolve(
        withDb((db) => ({ transitions: new DossierStore(db).history(request.code) })),
      );
    },
    confirmDocument(request) {
      return Promise.resolve(
        withDb((db) => {
          const doc = new DossierStore(db).confirmDocument(
            request.documentId,
            request.type,
            request.clerk,
            StoredNaiveBayes.load(db),
          );
          return { id: doc.id, type: doc.type, confirmedBy: doc.confirmedBy };
        }),
      );
    },
  };
}
