// Handlers for shared/contracts/reception.ts: the counter screen's session of pages, receiving and
// digitizing a dossier, the receipt preview and finishing. The reception reads pages on the
// core's one OCR pool with interactive priority (ahead of any queued batch page, one set of
// workers for the process), and signing assembles the pages as read, without a second OCR.
import path from 'node:path';
import type { RECEPTION_CHANNELS } from '../../../shared/contracts/reception';
import { errorInfo, SohoaError } from '../../../shared/errors';
import type { DeskSettings, ReceptionUnitSettings } from '../../../shared/settings';
import { hotFoldersFromEnv, ledgerFileIn } from '../acquire/hotFolderDriver';
import { openDeskDatabase } from '../dossier/db';
import { receivingUnit } from '../dossier/delivery';
import { findProcedure, loadCatalog } from '../dossier/procedures';
import { DossierStore } from '../dossier/store';
import { coreOptionsFromEnv, DEMO_AGENCY, type AgencyIdentity, type Core } from '../pipeline/core';
import {
  FollowingFeed,
  ReceptionHotFolderFeed,
  receptionHotFolders,
} from '../reception/hotFolderFeed';
import { renderPdfPagePng } from '../reception/preview';
import {
  archiveTitle,
  finishAtReception,
  receiveAtReception,
  recentProcedureCodes,
  signAtReception,
} from '../reception/receive';
import { ReceptionSessions } from '../reception/session';
import { describeSigner } from '../reception/signer';
import { inForce } from '../settings/precedence';
import type { DomainHandlers, Environment, HandlerContext } from './context';

type ReceptionHandlers = DomainHandlers<typeof RECEPTION_CHANNELS>;

/** Printed on the receipt's date line when neither IT's environment nor Cài đặt names a place. */
const DEFAULT_PLACE = 'Xã mẫu';

/** Who receives, and where: printed on the receipt and coded into the dossier's code. */
interface ReceivingAgency {
  agency: AgencyIdentity & { codePattern?: string };
  place: string;
  /** The reception unit of Cài đặt (its name on slips, the places to collect results). */
  unit?: ReceptionUnitSettings;
}

export function createReceptionHandlers(context: HandlerContext): ReceptionHandlers {
  const { core } = context;
  const sessions = new ReceptionSessions({
    root: path.join(core.paths.root, 'desk-sessions'),
    ocr: () => core.sharedOcr('interactive'),
    orientation: () => core.orientation(),
  });
  void sessions.dropStale().catch(() => undefined);
  const feeds = followHotFolders(context);
  // Watching from the start, not from the screen's first look.
  void feeds.current();
  // What the reception started stops with the core (the shells only know the core's close).
  core.onClose(() => feeds.close());

  return {
    async receptionStatus() {
      const { agency, unit } = receivingAgency(context);
      const { id, name } = agency;
      const offered = receivingUnit(unit, name);
      return {
        agency: { id, name },
        unit: { name: offered.name, places: offered.places, postal: offered.postal },
        // The key the core signs with (Settings and environment as merged at open), not env alone.
        signer: describeSigner(await core.signer()),
        recentProcedures: recentProcedureCodes(core.paths.root),
      };
    },
    receptionAddPages(request) {
      return sessions.addPages(
        request.sessionId,
        request.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })),
      );
    },
    async receptionHotFolderInbox() {
      const feed = await feeds.current();
      const files = await feed.inbox();
      return {
        folders: feed.folderCount,
        problems: feed.problems(),
        files: files.map(({ id, name, folder, size, pages, arrivedAt }) => ({
          id,
          name,
          folder,
          size,
          pages,
          arrivedAt,
        })),
      };
    },
    async receptionTakeFromHotFolder(request) {
      // One file per read: a file's pages and errors are its own, and it leaves the inbox alone.
      const feed = await feeds.current();
      const { results, stoppedAt } = await feed.take(request.ids, (file, bytes) =>
        sessions.addPages(request.sessionId, [{ name: file.name, bytes }]),
      );
      return {
        pages: results.flatMap((a) => a.pages),
        fileErrors: [
          ...results.flatMap((a) => a.fileErrors),
          ...(stoppedAt ? [errorInfo('HOTFOLDER_TAKE_STOPPED', stoppedAt.name)] : []),
        ],
      };
    },
    receptionReceive: (request) => receive(context, sessions, request),
    receptionSign: (request) => sign(core, sessions, request),
    async receptionFinish(request) {
      const state = request.dossierCode
        ? finishAtReception(core.paths.root, request.dossierCode, request.clerk)
        : null;
      await sessions.drop(request.sessionId);
      return { state };
    },
  };
}

/**
 * The agency and place as they are now, in the one order of settings/precedence.ts: Cài đặt
 * (read at each reception, so a change applies at once), then IT's environment (SOHOA_AGENCY_ID,
 * SOHOA_AGENCY_PLACE), then createApi's caller; the demo agency and a sample place when no layer
 * names them. The agency is taken whole from one layer, the place on its own.
 */
function receivingAgency({ settings, env, caller }: HandlerContext): ReceivingAgency {
  return inForce<Partial<ReceivingAgency>>({
    defaults: { agency: DEMO_AGENCY, place: DEFAULT_PLACE },
    saved: savedAgency(settings.saved()),
    env: envAgency(env),
    caller: caller.agency ? { agency: caller.agency } : {},
  }) as ReceivingAgency;
}

function savedAgency(saved: DeskSettings | null): Partial<ReceivingAgency> {
  if (!saved) return {};
  const { id, name, codePattern, place } = saved.agency;
  return { agency: { id, name, codePattern }, ...(place ? { place } : {}), unit: saved.reception };
}

function envAgency(env: Environment): Partial<ReceivingAgency> {
  const agency = coreOptionsFromEnv(env).agency;
  return {
    ...(agency ? { agency } : {}),
    ...(env.SOHOA_AGENCY_PLACE ? { place: env.SOHOA_AGENCY_PLACE } : {}),
  };
}

async function receive(
  context: HandlerContext,
  sessions: ReceptionSessions,
  request: Parameters<ReceptionHandlers['receptionReceive']>[0],
): ReturnType<ReceptionHandlers['receptionReceive']> {
  const { agency, place, unit } = receivingAgency(context);
  const outcome = await receiveAtReception(context.core, {
    procedureCode: request.procedureCode,
    applicant: request.applicant,
    clerk: request.clerk,
    agency,
    place,
    ...(unit ? { unit } : {}),
    ...(request.delivery ? { delivery: request.delivery } : {}),
    ...(request.externalCode ? { externalCode: request.externalCode } : {}),
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
    due: outcome.due,
    delivery: outcome.delivery,
    missing: outcome.missing,
    archived: outcome.archived,
    outboxState: outcome.outboxState,
    fileErrors: outcome.fileErrors,
    slipPreview: `data:image/png;base64,${png.toString('base64')}`,
    slipPdfBase64: Buffer.from(outcome.slip.pdf).toString('base64'),
  };
}

async function sign(
  core: Core,
  sessions: ReceptionSessions,
  request: Parameters<ReceptionHandlers['receptionSign']>[0],
): ReturnType<ReceptionHandlers['receptionSign']> {
  const db = openDeskDatabase(core.paths.root);
  const dossier = (() => {
    try {
      return new DossierStore(db).get(request.dossierCode);
    } finally {
      db.close();
    }
  })();
  if (!dossier) throw new SohoaError('DOSSIER_NOT_FOUND', request.dossierCode);
  const { catalog } = await loadCatalog(core.paths.root);
  const procedure = findProcedure(catalog, dossier.procedureCode);
  return signAtReception(core, {
    code: dossier.code,
    clerk: request.clerk,
    title: archiveTitle(procedure.name, dossier.applicant.fullName, dossier.code),
    pages: request.pages,
    pageSource: (id, rotation) => sessions.source(request.sessionId, id, rotation),
  });
}

/**
 * The reception's hot folders are watched from the moment the desk starts (like the batch
 * queue's), so scans dropped while the reception screen is closed are waiting when it opens; a
 * folder IT adds or removes in Cài đặt applies at the screen's next look (every few seconds).
 */
function followHotFolders({ core, settings, env }: HandlerContext): FollowingFeed {
  // Unreadable settings are the settings screen's to report; the environment's folders remain.
  const configured = () =>
    receptionHotFolders(settings.saved()?.hotFolders ?? [], hotFoldersFromEnv(env));
  return new FollowingFeed(
    configured,
    (folders) =>
      new ReceptionHotFolderFeed({
        stagingDir: path.join(core.paths.root, 'desk-hotfolder'),
        folders,
        ledgerFile: ledgerFileIn(core.paths.root),
      }),
  );
}
