// Handlers for shared/contracts/retention.ts: each store of the data folder with its size and rule,
// a sweep asked for by hand, and erasing an applicant's personal data once their dossier's period
// has ended. The retention job starts with the core (its first sweep a little later, so a starting
// desk is not slowed) and stops with it.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { RETENTION_CHANNELS } from '../../../shared/contracts/retention';
import { DEFAULT_RETENTION, type RetentionSettings } from '../../../shared/settings';
import { hotFoldersFromEnv } from '../acquire/hotFolderDriver';
import { openBatchDatabase } from '../batch/store/schema';
import {
  batchesOfRecord,
  redactBatchesOfRecord,
  releasableBatches,
} from '../retention/batchOriginals';
import { checkErase, erasePersonalData, type EraseDeps } from '../retention/erase';
import { authorize } from '../operator/roles';
import { RetentionJob } from '../retention/job';
import type { DomainHandlers, HandlerContext } from './context';

type RetentionHandlers = DomainHandlers<typeof RETENTION_CHANNELS>;

export function createRetentionHandlers(context: HandlerContext): RetentionHandlers {
  const { core } = context;
  const dataDir = core.paths.root;
  const settings = (): RetentionSettings =>
    context.settings.saved()?.retention ?? DEFAULT_RETENTION;
  /** The batch queue's file, opened for one question and closed (absent: no batch ever ran). */
  const withBatches = <T>(ask: (db: Database.Database) => T, none: T): T => {
    const file = path.join(dataDir, 'batches.sqlite');
    if (!fs.existsSync(file)) return none;
    const batches = openBatchDatabase(file);
    try {
      return ask(batches);
    } finally {
      batches.close();
    }
  };
  const job = new RetentionJob({
    dataDir,
    settings,
    hotFolderInboxes: () => [
      ...(context.settings.saved()?.hotFolders ?? []).map((h) => h.path),
      ...hotFoldersFromEnv(context.env as NodeJS.ProcessEnv).map((h) => h.inbox),
    ],
    // Sessions still in use are far younger than the shortest rule (a day).
    openSessions: new Set(),
    releasableBatches: () =>
      withBatches((b) => releasableBatches(b, core.archive.database), [] as number[]),
  });
  job.start();
  core.onClose(() => job.stop());
  const erase: EraseDeps = {
    archive: core.archive,
    dataDir,
    settings,
    batchDirsOf: (id) =>
      withBatches((b) => batchesOfRecord(b, id), [] as number[]).map((n) =>
        path.join(dataDir, 'batches', String(n)),
      ),
    redactBatchesOf: (id) => withBatches((b) => redactBatchesOfRecord(b, id), 0),
  };

  return {
    retentionStatus: () => job.status(),
    retentionSweep() {
      const started = !job.sweeping;
      void job.sweep().catch(() => undefined);
      return Promise.resolve({ started });
    },
    personalDataEraseCheck: (request) => Promise.resolve(checkErase(erase, request)),
    personalDataErase: ({ clerk, ...target }) => {
      // Erasing cannot be undone: only a role IT granted it may, and no one while the policy is
      // invalid (its retention locks are not in force then).
      authorize(context.person.role(), 'eraseData');
      return erasePersonalData(erase, target, clerk ?? 'desk');
    },
  };
}
