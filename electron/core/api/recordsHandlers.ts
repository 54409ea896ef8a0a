// Handlers for shared/contracts/records.ts: one core call per channel.
import path from 'node:path';
import type { RECORDS_CHANNELS } from '../../../shared/contracts/records';
import { SohoaError } from '../../../shared/errors';
import { BlobStore } from '../archive/blobStore';
import { exportDossier } from '../archive/dossierPackage';
import { resourcesDir } from '../dossier/resources';
import type { Core } from '../pipeline/core';
import { auditCheck, auditPage } from '../records/auditView';
import { queryArchive } from '../records/archiveQuery';
import { OutboxDesk } from '../records/outboxView';
import { PageImages } from '../records/pageImages';
import { localizeReport } from '../records/signatureView';
import { holidayYear, saveHolidayYear } from '../settings/holidays';
import { loadSettings, saveSettings } from '../settings/store';
import { deskVerifyOptions } from '../sign/trust/verifySetup';
import { verifyPdf } from '../sign/verify/verifyPdf';
import type { DomainHandlers } from './domainHandlers';

/** Who the audit log names for actions taken at the desk's screens. */
const DESK_ACTOR = 'desk';

export function createRecordsHandlers(core: Core): DomainHandlers<typeof RECORDS_CHANNELS> {
  const { archive, paths } = core;
  const blobs = new BlobStore(paths.blobsDir);
  const pages = new PageImages(archive, blobs, path.join(paths.root, 'cache', 'pages'));
  const outbox = new OutboxDesk(archive, blobs, paths.root, paths.keysDir);
  // The app's uploader: sends by itself whenever a destination is configured (Settings), and
  // stops with the core, before the archive closes.
  outbox.startBackground();
  // A dossier just archived (signed at the counter, a batch) is sent at once, not at the next poll.
  core.onArchived(() => outbox.wake());
  core.onClose(() => outbox.stop());
  const settingsPaths = { dataDir: paths.root, keysDir: paths.keysDir };
  const defaultExportDir = path.join(paths.root, 'exports');
  const holidaysDir = () => path.join(resourcesDir(), 'holidays');

  const dossier = (id: number) => {
    const d = archive.getDossier(id);
    if (!d) throw new SohoaError('DOSSIER_NOT_FOUND', String(id));
    return d;
  };
  const settingsView = () => {
    const loaded = loadSettings(settingsPaths);
    return { ...loaded, defaultExportDir };
  };

  return {
    archiveSearch(r) {
      return Promise.resolve({ hits: queryArchive(archive, r.query, r.filters, r.limit) });
    },
    async pageImage(r) {
      const image = await pages.get(r.dossierId, r.page);
      return {
        pngBase64: image.png.toString('base64'),
        widthPx: image.widthPx,
        heightPx: image.heightPx,
        words: image.words,
      };
    },
    async signatureReport(r) {
      const d = dossier(r.dossierId);
      const bytes = await blobs.read(d.sha256).catch((e: unknown) => {
        throw new SohoaError('BLOB_MISSING', d.code, { cause: e });
      });
      // The desk's trust list and revocation cache, as every verification uses them.
      const options = deskVerifyOptions({
        shippedDir: path.join(resourcesDir(), 'trust'),
        dataDir: paths.root,
        ...(process.env.SOHOA_TRUST_LIST ? { machineFile: process.env.SOHOA_TRUST_LIST } : {}),
      });
      return { fileName: d.fileName, report: localizeReport(await verifyPdf(bytes, options)) };
    },
    async exportPackage(r) {
      const d = dossier(r.dossierId);
      const target = loadSettings(settingsPaths).settings.exportDir || defaultExportDir;
      const { dir, files } = await exportDossier(archive, blobs, d.code, target, DESK_ACTOR);
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
    settingsGet() {
      return Promise.resolve(settingsView());
    },
    settingsSave(r) {
      const saved = saveSettings(settingsPaths, r.settings, r.secrets);
      // A destination saved just now is used at once, not at the uploader's next poll.
      if (saved.ok) outbox.wake();
      return Promise.resolve(saved.ok ? { ok: true as const, view: settingsView() } : saved);
    },
    holidaysGet(r) {
      return holidayYear(paths.root, holidaysDir(), r.year);
    },
    holidaysSave(r) {
      return saveHolidayYear(paths.root, holidaysDir(), r.data);
    },
  };
}
