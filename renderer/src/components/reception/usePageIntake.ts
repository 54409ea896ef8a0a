// How pages come into the open reception: picked or dropped files (one file per call, so its pages
// show as soon as it is read and the clerk sees which file is being read), a folder's scans, the
// scanner's stack, and the scan folder's waiting files (read by the core straight into the
// session). Each stack is split into documents where its page type changes.
import { useCallback, type Dispatch } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import type { ReceptionPage } from '../../../../shared/contracts/reception';
import type { ErrorInfo } from '../../../../shared/errors';
import { fileToBase64, folderScans, type FolderFile } from './files';
import type { ReceptionAction, Reading, SkippedFiles } from './receptionState';
import type { ScannedPage } from './ScanControl';

/** Skipped files named in the notice; the rest are counted. */
const SKIPPED_NAMED = 5;

/**
 * Where a stack of pages splits into documents: the intake's separation plan, here by the page
 * type changing (the counter's stacks carry no separator sheets). Without a plan the file stays
 * one document and the clerk splits it.
 */
async function planDocuments(api: SohoaApi, pages: ReceptionPage[]): Promise<number[][]> {
  const whole = [pages.map((_, i) => i)];
  if (pages.length < 2) return whole;
  try {
    const { plan } = await api.planSeparation({
      pages: pages.map((p) => ({ name: p.id, text: p.text, blank: p.blank })),
      options: { classifier: true },
    });
    return plan.documents.length > 0 ? plan.documents.map((d) => d.pages) : whole;
  } catch {
    return whole;
  }
}

function skippedOf(skipped: string[]): SkippedFiles | undefined {
  if (skipped.length === 0) return undefined;
  const more = skipped.length > SKIPPED_NAMED ? ', …' : '';
  return { count: skipped.length, names: skipped.slice(0, SKIPPED_NAMED).join(', ') + more };
}

export interface PageIntake {
  addFiles: (files: File[], skipped?: SkippedFiles) => Promise<void>;
  addFolder: (files: FolderFile[]) => void;
  takeHotFolder: (ids: string[]) => Promise<void>;
  addScanned: (pages: ScannedPage[]) => Promise<void>;
}

export function usePageIntake(
  api: SohoaApi,
  sessionId: string,
  dispatch: Dispatch<ReceptionAction>,
  fail: (e: unknown) => void,
): PageIntake {
  /** Adds one stack's pages (read by the core), split into documents; returns how many. */
  const addAnswer = useCallback(
    async (answer: { pages: ReceptionPage[]; fileErrors: ErrorInfo[] }): Promise<number> => {
      const groups = await planDocuments(api, answer.pages);
      dispatch({ type: 'stackRead', pages: answer.pages, groups, fileErrors: answer.fileErrors });
      return answer.pages.length;
    },
    [api, dispatch],
  );

  /** Reads one stack (a file, or a scan) and adds its pages. */
  const addStack = useCallback(
    async (files: { name: string; dataBase64: string }[]): Promise<number> =>
      addAnswer(await api.receptionAddPages({ sessionId, files })),
    [api, sessionId, addAnswer],
  );

  const addFiles = useCallback(
    async (files: File[], skipped?: SkippedFiles) => {
      dispatch({ type: 'notice', notice: null });
      let added = 0;
      for (const [i, file] of files.entries()) {
        const reading: Reading = {
          from: 'file',
          file: file.name,
          index: i + 1,
          total: files.length,
          since: Date.now(),
        };
        dispatch({ type: 'reading', reading });
        try {
          added += await addStack([{ name: file.name, dataBase64: await fileToBase64(file) }]);
        } catch (e) {
          fail(e);
        }
      }
      dispatch({ type: 'reading', reading: null });
      dispatch({ type: 'notice', notice: { kind: 'pagesAdded', pages: added, skipped } });
    },
    [addStack, dispatch, fail],
  );

  /** A picked or dropped folder: its scans in natural order, the other files named. */
  const addFolder = useCallback(
    (files: FolderFile[]) => {
      const { scans, skipped } = folderScans(files);
      if (scans.length === 0) {
        const folder = files[0]?.path.split('/')[0] ?? '';
        dispatch({
          type: 'notice',
          notice: { kind: 'folderNoScans', folder, skipped: skippedOf(skipped) },
        });
        return;
      }
      void addFiles(scans, skippedOf(skipped));
    },
    [addFiles, dispatch],
  );

  /** The scan folder's waiting files, read by the core straight into this reception. */
  const takeHotFolder = useCallback(
    async (ids: string[]) => {
      dispatch({ type: 'notice', notice: null });
      const reading: Reading = {
        from: 'hotFolder',
        file: '',
        index: 1,
        total: ids.length,
        since: Date.now(),
      };
      dispatch({ type: 'reading', reading });
      try {
        const answer = await api.receptionTakeFromHotFolder({ sessionId, ids });
        const pages = await addAnswer(answer);
        dispatch({ type: 'notice', notice: { kind: 'pagesAdded', pages } });
      } catch (e) {
        fail(e);
      } finally {
        dispatch({ type: 'reading', reading: null });
      }
    },
    [api, sessionId, addAnswer, dispatch, fail],
  );

  const addScanned = useCallback(
    async (pages: ScannedPage[]) => {
      const reading: Reading = { from: 'scanner', file: '', index: 1, total: 1, since: Date.now() };
      dispatch({ type: 'reading', reading });
      try {
        const added = await addStack(pages);
        dispatch({ type: 'notice', notice: { kind: 'pagesAdded', pages: added } });
      } catch (e) {
        fail(e);
      } finally {
        dispatch({ type: 'reading', reading: null });
      }
    },
    [addStack, dispatch, fail],
  );

  return { addFiles, addFolder, takeHotFolder, addScanned };
}
