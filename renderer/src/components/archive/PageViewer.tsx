// The document viewer: the page image as the core renders it from the signed PDF, zoom, and the
// PDF's own text layer drawn over the image on request (SVG with attributes only: the CSP allows
// no inline styles). Words of the search that led here are marked on the image, so the clerk sees
// where on the page the match is. Keys inside the viewer: ←/→ or PageUp/PageDown pages, + and −
// zoom, T text.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RecordDetail, SohoaApi } from '../../../../shared/contract';
import type { ErrorInfo } from '../../../../shared/errors';
import { foldVietnamese } from '../../../../shared/text';
import { toErrorInfo } from '../../api';
import { useI18n } from '../../i18n';
import { loadPageImage, type CachedPage } from './pageImageCache';
import { useFitWidth } from './useFitWidth';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const FIT_INDEX = 2;

type State =
  { kind: 'loading' } | { kind: 'ready'; image: CachedPage } | { kind: 'error'; error: ErrorInfo };

/** One page's image and words, as the core renders them from the signed PDF. */
function usePageImage(api: SohoaApi, recordId: number, page: number): State {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    loadPageImage(api, recordId, page).then(
      (image) => current && setState({ kind: 'ready', image }),
      (e: unknown) => current && setState({ kind: 'error', error: toErrorInfo(e) }),
    );
    return () => {
      current = false;
    };
  }, [api, recordId, page]);
  return state;
}

/** Whether an OCR word is one of the search's (folded) words. */
function matcher(searchWords: string[]): (text: string) => boolean {
  return (text) => {
    const folded = foldVietnamese(text).replace(/[^\p{L}\p{N}]/gu, '');
    return searchWords.some((w) => folded === w);
  };
}

/** Paging, zoom and the text layer, each with the key that does the same inside the viewer. */
function ViewerTools({
  page,
  total,
  zoom,
  showText,
  go,
  zoomBy,
  setZoom,
  setShowText,
}: {
  page: number;
  total: number;
  zoom: number;
  showText: boolean;
  go: (to: number) => void;
  zoomBy: (step: number) => void;
  setZoom: (index: number) => void;
  setShowText: (on: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="viewer-tools" role="toolbar" aria-label={t.viewerTitle}>
      <button
        type="button"
        className="secondary small"
        onClick={() => go(page - 1)}
        disabled={page <= 1}
        title={`${t.viewerPrev} (←)`}
        aria-keyshortcuts="ArrowLeft PageUp"
      >
        ‹ {t.viewerPrev}
      </button>
      <span aria-live="polite" className="viewer-page">
        {t.viewerPageOf(page, total)}
      </span>
      <button
        type="button"
        className="secondary small"
        onClick={() => go(page + 1)}
        disabled={page >= total}
        title={`${t.viewerNext} (→)`}
        aria-keyshortcuts="ArrowRight PageDown"
      >
        {t.viewerNext} ›
      </button>
      <span className="tool-gap" />
      <button
        type="button"
        className="secondary small"
        onClick={() => zoomBy(-1)}
        disabled={zoom === 0}
        aria-label={t.viewerZoomOut}
        title={`${t.viewerZoomOut} (−)`}
        aria-keyshortcuts="-"
      >
        −
      </button>
      <span className="viewer-zoom" aria-live="polite">
        {t.viewerZoomLevel(Math.round(ZOOMS[zoom]! * 100))}
      </span>
      <button
        type="button"
        className="secondary small"
        onClick={() => zoomBy(1)}
        disabled={zoom === ZOOMS.length - 1}
        aria-label={t.viewerZoomIn}
        title={`${t.viewerZoomIn} (+)`}
        aria-keyshortcuts="+"
      >
        +
      </button>
      <button type="button" className="secondary small" onClick={() => setZoom(FIT_INDEX)}>
        {t.viewerZoomReset}
      </button>
      <label className="toggle" title={`${t.viewerTextLayer} (T)`}>
        <input
          type="checkbox"
          checked={showText}
          onChange={(e) => setShowText(e.target.checked)}
          aria-keyshortcuts="T"
        />
        {t.viewerTextLayer}
      </label>
    </div>
  );
}

/**
 * The page's words over its image: every word with its text (the text layer), or only the words
 * of the search, marked. SVG attributes only: the CSP allows no inline styles.
 */
function WordLayer({
  image,
  width,
  height,
  showText,
  isMatch,
}: {
  image: CachedPage;
  width: number;
  height: number;
  showText: boolean;
  isMatch: (text: string) => boolean;
}) {
  const words = showText ? image.words : image.words.filter((w) => isMatch(w.text));
  return (
    <svg
      className={showText ? 'text-layer' : 'text-layer marks-only'}
      data-testid={showText ? 'text-layer' : 'match-layer'}
      width={width}
      height={height}
      viewBox={`0 0 ${image.widthPx} ${image.heightPx}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {words.map((w, i) => {
        const [x0, y0, x1, y1] = w.box;
        const h = Math.max(1, y1 - y0);
        return (
          <g key={i} className={isMatch(w.text) ? 'match' : undefined}>
            <rect x={x0} y={y0} width={Math.max(1, x1 - x0)} height={h} />
            {showText && (
              <text
                x={x0}
                y={y1 - h * 0.2}
                fontSize={h * 0.85}
                textLength={Math.max(1, x1 - x0)}
                lengthAdjust="spacingAndGlyphs"
              >
                {w.text}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function PageViewer({
  api,
  record,
  initialPage,
  searchWords = [],
}: {
  api: SohoaApi;
  record: RecordDetail;
  initialPage: number;
  /** Folded words of the search that opened the record. */
  searchWords?: string[];
}) {
  const { t, pick } = useI18n();
  const total = record.pages.length;
  const [page, setPage] = useState(Math.min(Math.max(1, initialPage), Math.max(1, total)));
  const [zoom, setZoom] = useState(FIT_INDEX);
  const [showText, setShowText] = useState(false);
  const state = usePageImage(api, record.id, page);
  const frame = useRef<HTMLDivElement>(null);
  const fitWidth = useFitWidth(frame, state.kind === 'ready' ? state.image : null);

  useEffect(
    () => setPage(Math.min(Math.max(1, initialPage), Math.max(1, total))),
    [initialPage, total],
  );

  const go = (to: number) => setPage(Math.min(Math.max(1, to), total));
  const zoomBy = (step: number) =>
    setZoom((z) => Math.min(Math.max(0, z + step), ZOOMS.length - 1));
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') go(page + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(page - 1);
    else if (e.key === '+' || e.key === '=') zoomBy(1);
    else if (e.key === '-') zoomBy(-1);
    else if (e.key.toLowerCase() === 't') setShowText((s) => !s);
    else return;
    e.preventDefault();
  };

  const pageRecord = record.pages[page - 1];
  const isMatch = matcher(searchWords);
  const hasMatch = state.kind === 'ready' && state.image.words.some((w) => isMatch(w.text));
  // 100% ("Vừa khung") is the whole page inside the frame.
  const width = Math.round(fitWidth * ZOOMS[zoom]!);
  const height = (image: CachedPage) => Math.round((width * image.heightPx) / image.widthPx);
  return (
    <section className="viewer" aria-labelledby="viewer-title" onKeyDown={onKey}>
      <h3 id="viewer-title">{t.viewerTitle}</h3>
      <ViewerTools {...{ page, total, zoom, showText, go, zoomBy, setZoom, setShowText }} />
      <div
        ref={frame}
        className="page-canvas"
        tabIndex={0}
        aria-label={t.viewerPageOf(page, total)}
      >
        {state.kind === 'loading' && <p className="muted">{t.viewerLoading(page)}</p>}
        {state.kind === 'error' && (
          <p role="alert" className="error">
            {pick(state.error.message)}
          </p>
        )}
        {state.kind === 'ready' && (
          <div className="page-stack">
            <img
              src={state.image.url}
              width={width}
              height={height(state.image)}
              alt={t.viewerImageAlt(page, record.code)}
              data-testid="page-image"
            />
            {(showText || hasMatch) && (
              <WordLayer
                image={state.image}
                width={width}
                height={height(state.image)}
                showText={showText}
                isMatch={isMatch}
              />
            )}
          </div>
        )}
      </div>
      {showText && state.kind === 'ready' && state.image.words.length === 0 && (
        <p className="muted">{t.viewerNoTextLayer}</p>
      )}
      <h4>{t.viewerPageText(page)}</h4>
      {pageRecord && pageRecord.text.trim() ? (
        <pre className="ocr-text" lang="vi" data-testid="ocr-text">
          {pageRecord.text}
        </pre>
      ) : (
        <p className="muted">{t.pageNoText}</p>
      )}
    </section>
  );
}
