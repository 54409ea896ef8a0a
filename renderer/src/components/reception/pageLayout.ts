// Where every page of the pages panel sits, as plain arithmetic. The pages flow across the
// panel's width in reading order, documents one after another in the same rows (a dossier of
// five one-page papers fills one row, not five), each document's run of pages in a row under its
// own name. The panel draws only the rows in view (and the focused page's), so a 500-page stack
// costs what a 20-page one does; fixed sizes mean nothing is measured. Page i of the dossier is
// always in row i / columns, column i % columns: arrow keys move by one or by a row.

export const CELL_WIDTH = 156;
/** Must match `.page-row`'s height in styles/reception-layout.css (name band + page item). */
export const ROW_HEIGHT = 236;

/** One document's pages within a row: [from, to) of its pages, starting at column `col`. */
export interface RowSegment {
  doc: number;
  from: number;
  to: number;
  col: number;
}

export interface LayoutRow {
  key: string;
  top: number;
  height: number;
  segments: RowSegment[];
}

export interface PageLayout {
  rows: LayoutRow[];
  height: number;
  columns: number;
}

export function layoutPages(docSizes: readonly number[], width: number): PageLayout {
  const columns = Math.max(1, Math.floor(width / CELL_WIDTH));
  const rows: LayoutRow[] = [];
  let row: LayoutRow | null = null;
  let col = 0;
  docSizes.forEach((size, doc) => {
    for (let from = 0; from < size;) {
      if (!row || col === columns) {
        row = {
          key: `r${rows.length}`,
          top: rows.length * ROW_HEIGHT,
          height: ROW_HEIGHT,
          segments: [],
        };
        rows.push(row);
        col = 0;
      }
      const to = Math.min(size, from + columns - col);
      row.segments.push({ doc, from, to, col });
      col += to - from;
      from = to;
    }
  });
  return { rows, height: rows.length * ROW_HEIGHT, columns };
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
  return layout.rows.find((r) =>
    r.segments.some((s) => s.doc === doc && index >= s.from && index < s.to),
  );
}

/** The scroll position that shows `row` whole, moving as little as possible. */
export function scrollToShow(row: LayoutRow, scrollTop: number, viewport: number): number {
  if (row.top < scrollTop) return row.top;
  if (row.top + row.height > scrollTop + viewport)
    return Math.max(0, row.top + row.height - viewport);
  return scrollTop;
}
