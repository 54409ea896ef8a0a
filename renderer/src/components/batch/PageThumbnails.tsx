// The batch's pages as thumbnails, windowed (VirtualGrid), each loaded when it scrolls into view.
import { useEffect, useState } from 'react';
import type { BatchPage, BatchSummary } from '../../../../shared/contracts/batch';
import { getApi } from '../../api';
import { useI18n } from '../../i18n';
import { useThumbnail } from './useThumbnail';
import { VirtualGrid } from './VirtualGrid';

const CELL_WIDTH = 132;
const CELL_HEIGHT = 212;
const VIEWPORT = 440;
const PAGE_CHUNK = 1000;

function Thumb({ batchId, page }: { batchId: number; page: BatchPage }) {
  const { t } = useI18n();
  const { src, failed } = useThumbnail(
    page.state !== 'failed'
      ? { batchId, fileId: page.fileId, pageInFile: page.pageInFile }
      : undefined,
  );

  const status =
    page.state === 'failed'
      ? t.batch.pageFailed
      : page.review
        ? t.batch.reason[page.review]
        : page.state === 'pending'
          ? t.batch.pagePending
          : null;
  return (
    <figure
      className={`thumb thumb-${page.state}${page.review ? ` thumb-review review-${page.review}` : ''}`}
    >
      <div className="thumb-image">
        {src ? (
          <img src={src} alt={t.batch.thumbAlt(page.name)} />
        ) : (
          <span className="muted small">
            {page.state === 'failed' || failed ? t.batch.pageFailed : t.batch.thumbLoading}
          </span>
        )}
      </div>
      <figcaption>
        {page.ordinal !== null && <strong>{t.batch.pageNumber(page.ordinal)}</strong>}
        <span className="thumb-name" title={page.name}>
          {page.name}
        </span>
        {status && <span className="thumb-status">{status}</span>}
      </figcaption>
    </figure>
  );
}

export function PageThumbnails({ batch }: { batch: BatchSummary }) {
  const { t } = useI18n();
  const [pages, setPages] = useState<BatchPage[]>([]);

  // Pages change shape when the batch finishes (files become pages) or its files change, and
  // show done as they are processed (asked again every 5 pages, not on every poll).
  useEffect(() => {
    let live = true;
    void (async () => {
      const all: BatchPage[] = [];
      for (let offset = 0; ; offset += PAGE_CHUNK) {
        const r = await getApi().batchPages({ batchId: batch.id, offset, limit: PAGE_CHUNK });
        all.push(...r.pages);
        if (all.length >= r.total || r.pages.length === 0) break;
      }
      if (live) setPages(all);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [batch.id, batch.state, batch.files, Math.floor(batch.pagesDone / 5)]);

  return (
    <section className="batch-thumbs" aria-labelledby="batch-thumbs-title">
      <h4 id="batch-thumbs-title">{t.batch.thumbsTitle(pages.length)}</h4>
      <VirtualGrid
        items={pages}
        cellWidth={CELL_WIDTH}
        cellHeight={CELL_HEIGHT}
        viewportHeight={VIEWPORT}
        label={t.batch.thumbsLabel}
        itemKey={(p) => `${p.fileId}:${p.pageInFile}`}
        renderCell={(p) => <Thumb batchId={batch.id} page={p} />}
      />
    </section>
  );
}
