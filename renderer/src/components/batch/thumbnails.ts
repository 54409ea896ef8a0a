// Thumbnails asked of the core a few at a time and kept for the session: scrolling back up
// never asks twice, and a fast scroll past 400 pages does not queue 400 requests.
import { getApi } from '../../api';

const MAX_PARALLEL = 3;
const cache = new Map<string, string>();
const waiting: (() => void)[] = [];
let running = 0;

async function slot(): Promise<void> {
  if (running < MAX_PARALLEL) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
}

function free(): void {
  running--;
  waiting.shift()?.();
}

export function cachedThumbnail(key: string): string | undefined {
  return cache.get(key);
}

/** The thumbnail, or null if the cell scrolled away (`stillWanted`) before its turn came. */
export async function loadThumbnail(
  batchId: number,
  fileId: number,
  pageInFile: number,
  stillWanted: () => boolean,
): Promise<string | null> {
  const key = `${batchId}:${fileId}:${pageInFile}`;
  const hit = cache.get(key);
  if (hit) return hit;
  await slot();
  try {
    if (!stillWanted()) return null;
    const { dataUrl } = await getApi().batchThumbnail({ batchId, fileId, pageInFile });
    cache.set(key, dataUrl);
    return dataUrl;
  } finally {
    free();
  }
}
