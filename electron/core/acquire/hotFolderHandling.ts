// A claimed file, from the ledger to done/ or error/: its content is recorded in the ledger
// before the handler runs (so it is never taken twice), it is checked to be a readable scan,
// handed to the handler, and moved to done/, or to error/ with a reason file. A handler that
// throws HotFolderRelease puts it back into the inbox, untaken.
import fs from 'node:fs/promises';
import path from 'node:path';
import { asErrorInfo, type ErrorCode } from '../../../shared/errors';
import { checkScanFile } from './fileImportFormats';
import { moveUnique, writeReason } from './hotFolderFiles';
import type { HotFolderLedger, LedgerEntry } from './hotFolderLedger';
import {
  HotFolderRelease,
  type HotFolderDirs,
  type HotFolderEventKind,
  type TakenFile,
} from './hotFolderTypes';

export interface HandlingContext {
  dirs: HotFolderDirs;
  ledger: HotFolderLedger;
  /** Does the work; throws to send the file to error/ (a SohoaError's code becomes the reason). */
  handle: (file: TakenFile) => Promise<void>;
  clock: () => Date;
  emit: (kind: HotFolderEventKind, name: string, code?: ErrorCode) => void;
}

export class HotFolderHandling {
  constructor(private readonly ctx: HandlingContext) {}

  /** Handles a claimed file; `resumed` is its ledger entry when a restart finishes a take. */
  async process(
    name: string,
    claimed: string,
    size: number,
    sha256: string,
    resumed?: LedgerEntry,
  ): Promise<void> {
    const { ledger, dirs, clock, emit } = this.ctx;
    const entry = resumed ?? ledger.take(name, sha256, size, clock());
    if (!entry) {
      await this.toError(claimed, name, 'HOTFOLDER_DUPLICATE', null);
      emit('duplicate', name, 'HOTFOLDER_DUPLICATE');
      return;
    }
    emit('taken', name);
    const broken = await checkScanFile(claimed).catch(() => 'IMAGE_CORRUPT' as const);
    if (broken) {
      await this.toError(claimed, name, broken, entry);
      return;
    }
    try {
      await this.ctx.handle({
        name,
        path: claimed,
        size,
        sha256,
        read: () => fs.readFile(claimed),
      });
    } catch (e) {
      if (e instanceof HotFolderRelease) {
        ledger.release(entry.id);
        await fs.rename(claimed, path.join(dirs.inbox, name)).catch(() => undefined);
        emit('released', name);
        return;
      }
      await this.toError(claimed, name, asErrorInfo(e, 'HOTFOLDER_HANDLER_FAILED').code, entry);
      return;
    }
    await this.toDone(claimed, name);
    ledger.finish(entry.id, 'done', null, clock());
    emit('done', name);
  }

  async toDone(claimed: string, name: string): Promise<void> {
    await moveUnique(claimed, this.ctx.dirs.doneDir, name);
  }

  /** Moves to error/ with its reason file; a file in the ledger is marked failed there. */
  async toError(
    claimed: string,
    name: string,
    code: ErrorCode,
    entry: LedgerEntry | null,
  ): Promise<void> {
    const target = await moveUnique(claimed, this.ctx.dirs.errorDir, name);
    await writeReason(target, code, this.ctx.clock());
    if (entry) {
      this.ctx.ledger.finish(entry.id, 'failed', code, this.ctx.clock());
      this.ctx.emit('error', name, code);
    }
  }

  /** An empty file its scanner gave up on goes to error/ as FILE_EMPTY. */
  async rejectEmpty(name: string): Promise<void> {
    const claimed = path.join(this.ctx.dirs.workDir, name);
    try {
      await fs.rename(path.join(this.ctx.dirs.inbox, name), claimed);
    } catch {
      return;
    }
    // Not in the ledger: every empty file has the same hash, and none was ever taken.
    await this.toError(claimed, name, 'FILE_EMPTY', null);
    this.ctx.emit('error', name, 'FILE_EMPTY');
  }
}
