// The pages panel's window onto a long stack: which rows are in view (pageLayout.ts does the
// arithmetic), which page holds the keyboard, and moving the keyboard to a page (scrolled into
// view first, then focused, once React has drawn its row). Rows are placed through the CSSOM:
// the CSP forbids style attributes.
import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type RefObject,
  type SetStateAction,
  type UIEvent,
} from 'react';
import { pageOrder, type Workspace } from './model';
import {
  layoutPages,
  ROW_HEIGHT,
  rowOfPage,
  rowsInView,
  scrollToShow,
  type PageLayout,
} from './pageLayout';

/** The top of the row band a scroll position is in. */
const band = (top: number) => Math.floor(top / ROW_HEIGHT) * ROW_HEIGHT;

/** Where each page sits: its document, its place in it, its number in the dossier. */
export type PagePlaces = Map<string, { doc: number; index: number; n: number }>;

function placesOf(docs: Workspace['docs']): PagePlaces {
  const map: PagePlaces = new Map();
  let n = 0;
  docs.forEach((d, doc) => d.pageIds.forEach((id, index) => map.set(id, { doc, index, n: ++n })));
  return map;
}

interface Box {
  width: number;
  height: number;
  scrollTop: number;
}

/** Keeps the layout's size to the scroller's, as the window is resized. */
function useMeasured(
  scroller: RefObject<HTMLDivElement | null>,
  setBox: Dispatch<SetStateAction<Box>>,
): void {
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () =>
      setBox((b) =>
        b.width === el.clientWidth && b.height === el.clientHeight
          ? b
          : { ...b, width: el.clientWidth, height: el.clientHeight },
      );
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller, setBox]);
}

export function usePageWindow(ws: Workspace) {
  const [focused, setFocused] = useState<string | null>(null);
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  // scrollTop is kept to the row band above it: scrolling within a row draws nothing new.
  const [box, setBox] = useState<Box>({ width: 0, height: 0, scrollTop: 0 });
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const order = pageOrder(ws);
  const current = focused && order.includes(focused) ? focused : (order[0] ?? null);

  const sizesKey = ws.docs.map((d) => d.pageIds.length).join(',');
  const layout: PageLayout = useMemo(
    () => layoutPages(sizesKey ? sizesKey.split(',').map(Number) : [], box.width),
    [sizesKey, box.width],
  );
  const where = useMemo(() => placesOf(ws.docs), [ws.docs]);

  // The rows in view, and the focused page's wherever it is (Tab must find it).
  const shown = useMemo(() => {
    const rows = rowsInView(layout, box.scrollTop, (box.height || 600) + ROW_HEIGHT);
    const at = current ? where.get(current) : undefined;
    const own = at ? rowOfPage(layout, at.doc, at.index) : undefined;
    if (own && !rows.includes(own)) rows.push(own);
    return rows.sort((a, b) => a.top - b.top);
  }, [layout, box.scrollTop, box.height, current, where]);

  useMeasured(scroller, setBox);

  // Positions through the CSSOM, then the pending focus.
  useLayoutEffect(() => {
    const c = canvas.current;
    const el = scroller.current;
    if (!c || !el) return;
    c.style.height = `${layout.height}px`;
    for (const row of c.querySelectorAll<HTMLElement>('[data-top]')) {
      row.style.top = `${row.dataset.top}px`;
      row.style.gridTemplateColumns = `repeat(${layout.columns}, minmax(0, 1fr))`;
    }
    // Each document's run of pages spans its columns of the row, its pages sharing them.
    for (const seg of c.querySelectorAll<HTMLElement>('[data-span]')) {
      const span = Number(seg.dataset.span);
      seg.style.gridColumn = `${Number(seg.dataset.col) + 1} / span ${span}`;
      const list = seg.querySelector<HTMLElement>('.page-list');
      if (list) list.style.gridTemplateColumns = `repeat(${span}, minmax(0, 1fr))`;
    }
    if (!pendingFocus) return;
    const at = where.get(pendingFocus);
    const row = at && rowOfPage(layout, at.doc, at.index);
    if (row) {
      const top = scrollToShow(row, el.scrollTop, el.clientHeight);
      if (top !== el.scrollTop) {
        el.scrollTop = top;
        setBox((b) => ({ ...b, scrollTop: band(top) }));
      }
    }
    c.querySelector<HTMLElement>(`[data-page="${pendingFocus}"]`)?.focus({ preventScroll: true });
    setPendingFocus(null);
  });

  /** Puts the keyboard on a page: after React drew (and maybe moved) it, scrolled to, focused. */
  const focusPage = useCallback((id: string | null | undefined) => {
    if (!id) return;
    setFocused(id);
    setPendingFocus(id);
  }, []);

  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    const top = band(e.currentTarget.scrollTop);
    setBox((b) => (b.scrollTop === top ? b : { ...b, scrollTop: top }));
  }, []);

  return {
    order,
    current,
    columns: layout.columns,
    where,
    rows: shown,
    scroller,
    canvas,
    focusPage,
    /** A page took the focus by itself (Tab, a click). */
    setFocused,
    onScroll,
  };
}
