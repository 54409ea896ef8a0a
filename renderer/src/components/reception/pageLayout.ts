// Where every row of the pages panel sits, as plain arithmetic: each document is a title row and
// rows of fixed-size thumbnails. The panel draws only the rows in view (and the focused page's),
// so a 500-page stack costs what a 20-page one does; fixed sizes mean nothing is measured.

export const CELL_WIDTH = 160;
/** Must match `.page-row` and `.page-doc-head` heights in styles/reception.css. */
export const ROW_HEIGHT = 270;
export const HEAD_HEIGHT = 34;

export interface LayoutRow {
  key: string;
  doc: number;
  kind: 'head' | 'pages';
  /** Index range [from, to) into the document's pages. */
  from: number;
  to: number;
  top: number;
  height: number;
}

export interface PageLayout {
  rows: LayoutRow[];
  height: number;
  columns: number;
}

export function layoutPages(docSizes: readonly number[], width: number): PageLayout {
  const columns = Math.max(1, Math.floor(width / CELL_WIDTH));
  const rows: LayoutRow[] = [];
  let top = 0;
  docSizes.forEach((size, doc) => {
    rows.push({ key: `h${doc}`, doc, kind: 'head', from: 0, to: 0, top, height: HEAD_HEIGHT });
    top += HEAD_HEIGHT;
    for (let from = 0; from < size; from += columns) {
      const to = Math.min(size, from + columns);
      rows.push({ key: `p${doc}:${from}`, doc, kind: 'pages', from, to, top, height: ROW_HEIGHT });
      top += ROW_HEIGHT;
    }
  });
  return { rows, height: top, columns };
}

/** The rows overlapping [top - margin, top + viewport + margin]. */
export function rowsInView(
  layout: PageLayout,
  scrollTop: number,
  viewport: number,
  margin = ROW_HEIGHT,
): LayoutRow[] {
  const low = scrollTop - margin;
  const high = scrollTop + viewport + margin;
  return layout.rows.filter((r) => r.top + r.height > low && r.top < high);
}

/** The row holding page `index` of document `doc`. */
export function rowOfPage(layout: PageLayout, doc: number, index: number): LayoutRow | undefined {
  return layout.rows.find(
    (r) => r.doc === doc && r.kind === 'pages' && index >= r.from && index < r.to,
  );
}

/** The scroll position that shows `row` whole, moving as little as possible. */
export function scrollToShow(row: LayoutRow, scrollTop: number, viewport: number): number {
  if (row.top < scrollTop) return row.top;
  if (row.top + row.height > scrollTop + viewport)
    return Math.max(0, row.top + row.height - viewport);
  return scrollTop;
}
