// A claimed file, from the ledger to done/ or error/: its content is recorded in the ledger
// before the handler runs (so it is never taken twice), it is checked to be a readable scan,
// handed to the handler, and moved to done/, or to error/ with a reason file. A handler that
// throws HotFolderRelease puts it back into the inbox, untaken. The name the file had on the
// share is cleaned (hotFolderSafety.ts) before it reaches the ledger, the handler, a file name or
// the status feed; done/ and error/ are checked again before each move, as the share may have
// changed since the start.
import fs from 'node:fs/promises';
import path from 'node:path';
import { asErrorInfo, type ErrorCode } from '../../../shared/errors';
import { checkScanFile } from './fileImportFormats';
import { checkFolders, moveToError, moveUnique } from './hotFolderFiles';
import type { HotFolderLedger, LedgerEntry } from './hotFolderLedger';
import { readNoFollow, safeName } from './hotFolderSafety';
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
    rawName: string,
    claimed: string,
    size: number,
    sha256: string,
    resumed?: LedgerEntry,
  ): Promise<void> {
    const { ledger, dirs, clock, emit } = this.ctx;
    const name = safeName(rawName);
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
        read: () => readNoFollow(claimed),
      });
    } catch (e) {
      if (e instanceof HotFolderRelease) {
        ledger.release(entry.id);
        // Back under the name it came with: the sender's own name, in its own folder.
        await fs.rename(claimed, path.join(dirs.inbox, path.basename(claimed))).catch(() => {});
        emit('released', name);
        return;
      }
      await this.toError(claimed, name, asErrorInfo(e, 'HOTFOLDER_HANDLER_FAILED').code, entry);
      return;
    }
    // Noted done before the move: a move refused now (done/ turned into a link) is finished by
    // the next start's recovery, never handled a second time.
    ledger.finish(entry.id, 'done', null, clock());
    await this.toDone(claimed, name);
    emit('done', name);
  }

  async toDone(claimed: string, name: string): Promise<void> {
    await checkFolders(this.ctx.dirs, this.ctx.dirs.doneDir);
    await moveUnique(claimed, this.ctx.dirs.doneDir, name);
  }

  /** Moves to error/ with its reason file; a file in the ledger is marked failed there. */
  async toError(
    claimed: string,
    name: string,
    code: ErrorCode,
    entry: LedgerEntry | null,
  ): Promise<void> {
    if (entry) this.ctx.ledger.finish(entry.id, 'failed', code, this.ctx.clock());
    await checkFolders(this.ctx.dirs, this.ctx.dirs.errorDir);
    await moveToError(claimed, this.ctx.dirs.errorDir, name, code, this.ctx.clock());
    if (entry) this.ctx.emit('error', safeName(name), code);
  }

  /** An empty file its scanner gave up on goes to error/ as FILE_EMPTY. */
  async rejectEmpty(rawName: string): Promise<void> {
    const claimed = path.join(this.ctx.dirs.workDir, rawName);
    try {
      await fs.rename(path.join(this.ctx.dirs.inbox, rawName), claimed);
    } catch {
      return;
    }
    // Not in the ledger: every empty file has the same hash, and none was ever taken.
    await this.toError(claimed, rawName, 'FILE_EMPTY', null);
    this.ctx.emit('error', safeName(rawName), 'FILE_EMPTY');
  }

  /**
   * A link found where a claimed file should be (planted in the work folder, or swapped in for
   * a scan being claimed): removed, never followed, and the feed says why.
   */
  async dropLink(claimed: string): Promise<void> {
    await fs.unlink(claimed).catch(() => undefined);
    this.ctx.emit('error', safeName(path.basename(claimed)), 'HOTFOLDER_LINK_REFUSED');
  }
}
