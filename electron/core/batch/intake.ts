// How batches are made: uploaded files (in one request or several), a folder on this machine, or
// a finite page source (a scanner's acquire, a file import). Every page is copied durably before
// the batch is queued; each batch takes the queue's separation defaults when it is made.
import path from 'node:path';
import { SohoaError, asErrorInfo, errorInfo } from '../../../shared/errors';
import type { PageSource } from '../pipeline/types';
import { displayName, listFolder, storeUploads } from './inputs';
import { DEFAULT_TITLE, type QueueContext } from './types';

export function inputsDir(ctx: QueueContext, id: number): string {
  return path.join(ctx.dir, String(id), 'inputs');
}

/** Uploads, possibly over several requests (`more`): the batch is queued with the last one. */
export async function queueFiles(
  ctx: QueueContext,
  request: {
    title?: string;
    batchId?: number;
    more: boolean;
    files: { name: string; dataBase64: string }[];
  },
): Promise<number> {
  const { store } = ctx;
  let id = request.batchId;
  if (id === undefined) {
    id = store.batches.create({
      title: request.title?.trim() || DEFAULT_TITLE,
      state: 'uploading',
      source: 'files',
      separation: store.batches.separationDefaults(),
    });
  } else if (ctx.mustGet(id).state !== 'uploading') {
    throw new SohoaError('BAD_REQUEST', `batch ${id} is no longer accepting files`);
  }
  const existing = store.files.list(id);
  const stored = await storeUploads(
    inputsDir(ctx, id),
    request.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })),
    existing.map((f) => f.name),
    existing.length + 1,
  );
  store.files.add(id, stored);
  if (!request.more) {
    if (existing.length + stored.length === 0) {
      store.batches.setState(id, 'failed', errorInfo('NO_VALID_PAGES', ctx.mustGet(id).title));
    } else store.batches.setState(id, 'queued');
    ctx.kick();
  }
  return id;
}

/** A folder on this machine, listed once; its files are read in place when their turn comes. */
export async function queueFolder(
  ctx: QueueContext,
  request: { title?: string; folder: string },
): Promise<number> {
  const files = await listFolder(request.folder);
  const label = path.basename(path.resolve(request.folder));
  const id = ctx.store.batches.create({
    title: request.title?.trim() || `${DEFAULT_TITLE} ${label}`,
    state: 'uploading',
    source: 'folder',
    folder: path.resolve(request.folder),
    separation: ctx.store.batches.separationDefaults(),
  });
  ctx.store.files.add(id, files);
  ctx.store.batches.setState(id, 'queued');
  ctx.kick();
  return id;
}

/**
 * The hook for page sources (a scanner's SourceDriver.acquire, the hot folder, file import):
 * each page is copied durably as it arrives and the batch is queued when the source ends. If
 * the source fails midway (feeder jam, scanner gone), the pages that arrived are kept and the
 * batch waits, paused, with the error: the archivist resumes it as is or cancels it.
 */
export async function queuePages(
  ctx: QueueContext,
  title: string,
  pages: AsyncIterable<PageSource>,
): Promise<number> {
  const { store } = ctx;
  const id = store.batches.create({
    title: title.trim() || DEFAULT_TITLE,
    state: 'uploading',
    source: 'files',
    separation: store.batches.separationDefaults(),
  });
  const taken: string[] = [];
  try {
    for await (const page of pages) {
      const bytes = await page.read();
      const stored = await storeUploads(
        inputsDir(ctx, id),
        [{ name: displayName(page.name), bytes }],
        taken,
        taken.length + 1,
      );
      store.files.add(id, stored);
      taken.push(...stored.map((f) => f.name));
    }
  } catch (e) {
    store.batches.setState(
      id,
      taken.length > 0 ? 'paused' : 'failed',
      asErrorInfo(e, 'INTERNAL', title),
    );
    return id;
  }
  if (taken.length === 0) store.batches.setState(id, 'failed', errorInfo('NO_VALID_PAGES', title));
  else store.batches.setState(id, 'queued');
  ctx.kick();
  return id;
}
