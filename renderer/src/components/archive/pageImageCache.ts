// Page images already fetched in this window, as blob: URLs (the CSP allows blob: images). The
// core caches renders on disk; this keeps the last pages so paging back and forth is instant.
import type { Response, SohoaApi } from '../../../../shared/contract';

export interface CachedPage {
  url: string;
  widthPx: number;
  heightPx: number;
  words: Response<'pageImage'>['words'];
}

const MAX_PAGES = 24;
const cache = new Map<string, Promise<CachedPage>>();

export function loadPageImage(api: SohoaApi, recordId: number, page: number): Promise<CachedPage> {
  const key = `${recordId}:${page}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const pending = api.pageImage({ recordId, page }).then((r) => {
    const bytes = Uint8Array.from(atob(r.pngBase64), (c) => c.charCodeAt(0));
    return {
      url: URL.createObjectURL(new Blob([bytes], { type: 'image/png' })),
      widthPx: r.widthPx,
      heightPx: r.heightPx,
      words: r.words,
    };
  });
  cache.set(key, pending);
  pending.catch(() => cache.delete(key));
  while (cache.size > MAX_PAGES) {
    const [oldest, entry] = cache.entries().next().value as [string, Promise<CachedPage>];
    cache.delete(oldest);
    void entry.then((p) => URL.revokeObjectURL(p.url)).catch(() => undefined);
  }
  return pending;
}
