// Handlers for shared/contracts/records.ts: what the archive keeps and the screens over it, one
// core call per channel. Digitizing files makes a record; the list, detail, search, viewer,
// signature report, export, outbox and audit read records; settings and the holiday calendar
// are here too because saving a destination wakes this file's uploader.
import path from 'node:path';
import type { RECORDS_CHANNELS, RecordFile } from '../../../shared/contracts/records';
import { SohoaError } from '../../../shared/errors';
import { BlobStore } from '../archive/blobStore';
import { exportEarkSip } from '../archive/earkPackage';
import { exportRecord } from '../archive/recordPackage';
import { resourcesDir } from '../dossier/resources';
import type { Core } from '../pipeline/core';
import { auditCheck, auditPage } from '../records/auditView';
import { archiveFacets, queryArchive } from '../records/archiveQuery';
import { OutboxDesk } from '../records/outboxView';
import { PageImages } from '../records/pageImages';
import { localizeReport } from '../records/signatureView';
import { holidayYear, saveHolidayYear } from '../settings/holidays';
import { resolveSettingsPaths } from '../settings/pathChoices';
import { deskTrustPaths, deskVerifyOptions } from '../sign/trust/verifySetup';
import { verifyPdf } from '../sign/verify/verifyPdf';
import type { DomainHandlers, HandlerContext } from './context';

type RecordsHandlers = DomainHandlers<typeof RECORDS_CHANNELS>;

/** Who the audit log names for actions taken at the desk's screens. */
const DESK_ACTOR = 'desk';

export function createRecordsHandlers(context: HandlerContext): RecordsHandlers {
  const { core, settings, env } = context;
  const { archive, paths } = core;
  const blobs = new BlobStore(paths.blobsDir);
  const pages = new PageImages(archive, blobs, path.join(paths.root, 'cache', 'pages'));
  const outbox = new OutboxDesk(archive, blobs, paths.root, paths.keysDir);
  // The app's uploader: sends by itself whenever a destination is configured (Settings), and
  // stops with the core, before the archive closes.
  outbox.startBackground();
  // A record just archived (signed at the counter, a batch) is sent at once, not at the next poll.
  core.onArchived(() => outbox.wake());
  core.onClose(() => outbox.stop());
  const defaultExportDir = path.join(paths.root, 'exports');
  const record = (id: number) => recordOf(core, id);

  return {
    ...recordChannels(core),
    archiveSearch(r) {
      return Promise.resolve({ hits: queryArchive(archive, r.query, r.filters, r.limit) });
    },
    recordFields(r) {
      return Promise.resolve(archive.recordFields(r.recordId));
    },
    reviewFields(r) {
      const { recordId, ...review } = r;
      return Promise.resolve(archive.reviewFields(recordId, review, DESK_ACTOR));
    },
    archiveFacets() {
      return Promise.resolve(archiveFacets(archive));
    },
    async pageImage(r) {
      const image = await pages.get(r.recordId, r.page);
      return {
        pngBase64: image.png.toString('base64'),
        widthPx: image.widthPx,
        heightPx: image.heightPx,
        words: image.words,
      };
    },
    async signatureReport(r) {
      const f = fileOf(core, r.recordId, r.role);
      const bytes = await readFile(blobs, f);
      // The desk's trust list and revocation cache, as every verification uses them.
      const options = deskVerifyOptions(deskTrustPaths(resourcesDir(env), paths.root, env));
      return { fileName: f.name, report: localizeReport(await verifyPdf(bytes, options)) };
    },
    async recordFile(r) {
      const f = fileOf(core, r.recordId, r.role);
      const bytes = await readFile(blobs, f);
      return { fileName: path.basename(f.name), pdfBase64: Buffer.from(bytes).toString('base64') };
    },
    async exportPackage(r) {
      const d = record(r.recordId);
      const target = settings.load().settings.exportDir || defaultExportDir;
      if (r.format === 'eark') {
        const sip = await exportEarkSip(archive, blobs, d.code, target, DESK_ACTOR);
        return { dir: sip.file, files: sip.files.length };
      }
      const { dir, files } = await exportRecord(archive, blobs, d.code, target, DESK_ACTOR);
      return { dir, files: files.length };
    },
    outboxList() {
      return Promise.resolve(outbox.list());
    },
    outboxRetry(r) {
      return Promise.resolve({ item: outbox.retry(r.dossierCode, DESK_ACTOR) });
    },
    outboxSend() {
      return Promise.resolve({ started: outbox.send() });
    },
    auditEntries(r) {
      return Promise.resolve(auditPage(archive, r.beforeSeq, r.limit));
    },
    auditVerify() {
      return auditCheck(archive, blobs);
    },
    // A destination saved just now is used at once, not at the uploader's next poll.
    ...settingsChannels(context, defaultExportDir, () => outbox.wake()),
  };
}

/** A record's file by role (the received original, the companion…), or its main file. */
function fileOf(core: Core, id: number, role?: RecordFile['role']) {
  const d = recordOf(core, id);
  const f = role ? d.files?.find((x) => x.role === role) : undefined;
  if (role && !f) throw new SohoaError('FILE_NOT_FOUND', `${d.code} (${role})`);
  return { code: d.code, name: f?.name ?? d.fileName, sha256: f?.sha256 ?? d.sha256 };
}

function readFile(blobs: BlobStore, f: { code: string; sha256: string }) {
  return blobs.read(f.sha256).catch((e: unknown) => {
    throw new SohoaError('BLOB_MISSING', f.code, { cause: e });
  });
}

function recordOf(core: Core, id: number) {
  const found = core.archive.getRecord(id);
  if (!found) throw new SohoaError('DOSSIER_NOT_FOUND', String(id));
  return found;
}

/** Making a record from the page's files, and the records as the archive lists them. */
function recordChannels(
  core: Core,
): Pick<RecordsHandlers, 'digitize' | 'listRecords' | 'getRecord'> {
  return {
    async digitize(request) {
      const sources = request.files.map((f) => ({
        name: f.name,
        read: () => Promise.resolve(Buffer.from(f.dataBase64, 'base64')),
      }));
      const outcome = await core.digitize(sources, { title: request.title });
      return { record: outcome.record, fileErrors: outcome.fileErrors, timings: outcome.timings };
    },
    listRecords(request) {
      return Promise.resolve({ records: core.archive.listRecords(request.limit) });
    },
    getRecord(request) {
      return Promise.resolve(recordOf(core, request.id));
    },
  };
}

/** The settings screen: the settings file, and the holiday calendar the working days use. */
function settingsChannels(
  { core, settings, host, env }: HandlerContext,
  defaultExportDir: string,
  onSaved: () => void,
): Pick<RecordsHandlers, 'settingsGet' | 'settingsSave' | 'holidaysGet' | 'holidaysSave'> {
  const holidaysDir = () => path.join(resourcesDir(env), 'holidays');
  const view = () => ({ ...settings.load(), defaultExportDir });
  return {
    settingsGet() {
      return Promise.resolve(view());
    },
    settingsSave(r) {
      // A file-system path in a save is one already saved or a grant of the host's own dialog for
      // that field: the page never names a path of this machine by itself.
      const resolved = resolveSettingsPaths(r.settings, settings.load().settings, host.grants);
      if (!resolved.ok) return Promise.resolve(resolved);
      const saved = settings.save(resolved.settings, r.secrets);
      if (saved.ok) onSaved();
      return Promise.resolve(saved.ok ? { ok: true as const, view: view() } : saved);
    },
    holidaysGet(r) {
      return holidayYear(core.paths.root, holidaysDir(), r.year);
    },
    holidaysSave(r) {
      return saveHolidayYear(core.paths.root, holidaysDir(), r.data);
    },
  };
}
