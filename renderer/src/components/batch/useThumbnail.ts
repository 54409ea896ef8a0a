// A batch page's thumbnail for one cell: from the session's cache at once when it is there,
// else asked of the core (a few at a time, thumbnails.ts) while the cell stays on screen.
import { useEffect, useState } from 'react';
import { cachedThumbnail, loadThumbnail } from './thumbnails';

/** The page of a batch file; undefined while not known, or when no image is wanted. */
export interface ThumbnailOf {
  batchId: number;
  fileId: number;
  pageInFile: number;
}

export function useThumbnail(page: ThumbnailOf | undefined): {
  src: string | undefined;
  /** The core could not make it. */
  failed: boolean;
} {
  const key = page ? `${page.batchId}:${page.fileId}:${page.pageInFile}` : '';
  const [src, setSrc] = useState<string | undefined>(() => cachedThumbnail(key));
  const [failed, setFailed] = useState(false);
  const { batchId, fileId, pageInFile } = page ?? {};

  useEffect(() => {
    if (src || batchId === undefined || fileId === undefined || pageInFile === undefined) return;
    let mounted = true;
    loadThumbnail(batchId, fileId, pageInFile, () => mounted)
      .then((url) => {
        if (mounted && url) setSrc(url);
      })
      .catch(() => {
        if (mounted) setFailed(true);
      });
    return () => {
      mounted = false;
    };
  }, [batchId, fileId, pageInFile, src]);

  return { src, failed };
}
