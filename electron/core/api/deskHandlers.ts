// Handlers for shared/contracts/desk.ts: the counter screen's session of pages, receiving and
// digitizing a dossier, the receipt preview and finishing. The desk reads pages with its own
// one-worker OCR engine (started on first use), so a reception at the counter is never queued
// behind a long batch on the core's engine.
import path from 'node:path';
import type { DESK_CHANNELS } from '../../../shared/contracts/desk';
import { SohoaError } from '../../../shared/errors';
import {
  archiveTitle,
  finishAtDesk,
  receiveAtDesk,
  recentProcedureCodes,
  signAtDesk,
} from '../desk/receive';
import { findProcedure, loadCatalog } from '../dossier/procedures';
import { openDeskDatabase } from '../dossier/db';
import { ReceptionStore } from '../dossier/store';
import { renderPdfPagePng } from '../desk/preview';
import { DeskSessions } from '../desk/session';
import { describeSigner } from '../desk/signer';
import { createOrientationDetector, type OrientationDetector } from '../ocr/orientation';
import { createTesseractPool } from '../ocr/tesseractPool';
import type { OcrEngine } from '../ocr/types';
import { coreOptionsFromEnv, DEMO_AGENCY, type Core } from '../pipeline/core';
import { loadSettings } from '../settings/store';
import type { DomainHandlers } from './domainHandlers';

/** Printed on the receipt's date line until the settings screen stores the agency's place. */
const DEFAULT_PLACE = 'Xã mẫu';

export function createDeskHandlers(core: Core): DomainHandlers<typeof DESK_CHANNELS> {
  const options = coreOptionsFromEnv();
  /**
   * The agency as IT set it for the machine (SOHOA_AGENCY_ID), else as saved in Cài đặt (read
   * on each reception, so a change applies at once), else the demo agency.
   */
  const agencyNow = (): { id: string; name: string; codePattern?: string } => {
    if (options.agency) return options.agency;
    try {
      const saved = loadSettings({ dataDir: core.paths.root, keysDir: core.paths.keysDir }).settings
        .agency;
      return { id: saved.id, name: saved.name, codePattern: saved.codePattern };
    } catch {
      return DEMO_AGENCY;
    }
  };
  const place = process.env.SOHOA_AGENCY_PLACE ?? DEFAULT_PLACE;
  let ocr: Promise<OcrEngine> | undefined;
  let orientation: OrientationDetector | undefined;
  const sessions = new DeskSessions({
    root: path.join(core.paths.root, 'desk-sessions'),
    ocr: () => (ocr ??= createTesseractPool({ langDir: core.paths.tessdataDir, size: 1 })),
    orientation: () => (orientation ??= createOrientationDetector(core.paths.tessdataDir)),
  });
  void sessions.dropStale().catch(() => undefined);
  // The desk's engine stops with the core (the shells only know the core's close).
  const closeCore = core.close.bind(core);
  core.close = async () => {
    if (ocr) await (await ocr.catch(() => null))?.close();
    await orientation?.close();
    await closeCore();
  };

  return {
    deskStatus() {
      const { id, name } = agencyNow();
      return Promise.resolve({
        agency: { id, name },
        signer: describeSigner(options),
        recentProcedures: recentProcedureCodes(core.paths.root),
      });
    },
    deskAddPages(request) {
      return sessions.addPages(
        request.sessionId,
        request.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })),
      );
    },
    async deskReceive(request) {
      const outcome = await receiveAtDesk(core, {
        procedureCode: request.procedureCode,
        applicant: request.applicant,
        clerk: request.clerk,
        agency: agencyNow(),
        place,
        documents: request.documents,
        pageText: (id) => sessions.text(request.sessionId, id),
        pageSource: (id, rotation) => sessions.source(request.sessionId, id, rotation),
      });
      const png = await renderPdfPagePng(`${outcome.dossierCode}.pdf`, outcome.slip.pdf);
      return {
        dossierCode: outcome.dossierCode,
        state: outcome.state,
        slipKind: outcome.slip.kind,
        dueDate: outcome.dueDate,
        missing: outcome.missing,
        archived: outcome.archived,
        outboxState: outcome.outboxState,
        fileErrors: outcome.fileErrors,
        slipPreview: `data:image/png;base64,${png.toString('base64')}`,
        slipPdfBase64: Buffer.from(outcome.slip.pdf).toString('base64'),
      };
    },
    async deskSign(request) {
      const db = openDeskDatabase(core.paths.root);
      const dossier = (() => {
        try {
          return new ReceptionStore(db).get(request.dossierCode);
        } finally {
          db.close();
        }
      })();
      if (!dossier) throw new SohoaError('DOSSIER_NOT_FOUND', request.dossierCode);
      const { catalog } = await loadCatalog(core.paths.root);
      const procedure = findProcedure(catalog, dossier.procedureCode);
      return signAtDesk(core, {
        code: dossier.code,
        clerk: request.clerk,
        title: archiveTitle(procedure.name, dossier.applicant.fullName, dossier.code),
        pages: request.pages,
        pageSource: (id, rotation) => sessions.source(request.sessionId, id, rotation),
      });
    },
    async deskFinish(request) {
      const state = request.dossierCode
        ? finishAtDesk(core.paths.root, request.dossierCode, request.clerk)
        : null;
      await sessions.drop(request.sessionId);
      return { state };
    },
  };
}
