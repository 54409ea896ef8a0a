// A windowed grid: only the rows in view (plus a few) are in the DOM, so a 500-page batch scrolls
// as smoothly as a 5-page one. Fixed cell size keeps the arithmetic trivial (no measuring).
// Sizes are set through the CSSOM from a layout effect: the CSP forbids style attributes.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualGridProps<T> {
  items: readonly T[];
  cellWidth: number;
  cellHeight: number;
  /** Height of the scrolling viewport in pixels. */
  viewportHeight: number;
  label: string;
  overscanRows?: number;
  itemKey: (item: T) => string;
  renderCell: (item: T, index: number) => ReactNode;
}

export function visibleRange(
  count: number,
  columns: number,
  scrollTop: number,
  viewport: number,
  cellHeight: number,
  overscan: number,
): { first: number; last: number; firstRow: number; rows: number } {
  const rows = Math.ceil(count / Math.max(1, columns));
  const firstRow = Math.max(0, Math.floor(scrollTop / cellHeight) - overscan);
  const lastRow = Math.min(rows, Math.ceil((scrollTop + viewport) / cellHeight) + overscan);
  return {
    first: firstRow * columns,
    last: Math.min(count, lastRow * columns),
    firstRow,
    rows,
  };
}

export function VirtualGrid<T>({
  items,
  cellWidth,
  cellHeight,
  viewportHeight,
  label,
  overscanRows = 2,
  itemKey,
  renderCell,
}: VirtualGridProps<T>) {
  const outer = useRef<HTMLDivElement>(null);
  const spacer = useRef<HTMLDivElement>(null);
  const block = useRef<HTMLUListElement>(null);
  const [width, setWidth] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);

  useLayoutEffect(() => {
    const el = outer.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor(width / cellWidth));
  const range = visibleRange(
    items.length,
    columns,
    scrollTop,
    viewportHeight,
    cellHeight,
    overscanRows,
  );

  useLayoutEffect(() => {
    // A short batch gets a short box; a long one scrolls inside `viewportHeight`.
    const height = Math.max(cellHeight, Math.min(viewportHeight, range.rows * cellHeight));
    if (outer.current) outer.current.style.height = `${height + 2}px`;
    if (spacer.current) spacer.current.style.height = `${range.rows * cellHeight}px`;
    if (block.current) {
      block.current.style.transform = `translateY(${range.firstRow * cellHeight}px)`;
      block.current.style.gridTemplateColumns = `repeat(${columns}, ${cellWidth}px)`;
      block.current.style.gridAutoRows = `${cellHeight}px`;
    }
  }, [viewportHeight, range.rows, range.firstRow, cellHeight, cellWidth, columns]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const el = outer.current;
    if (!el) return;
    const step = {
      ArrowDown: cellHeight,
      ArrowUp: -cellHeight,
      PageDown: viewportHeight,
      PageUp: -viewportHeight,
    }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    el.scrollTop += step;
  };

  return (
    <div
      ref={outer}
      className="vgrid"
      role="region"
      aria-label={label}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div ref={spacer} className="vgrid-spacer">
        <ul ref={block} className="vgrid-block">
          {items.slice(range.first, range.last).map((item, i) => (
            <li
              key={itemKey(item)}
              className="vgrid-cell"
              aria-setsize={items.length}
              aria-posinset={range.first + i + 1}
            >
              {renderCell(item, range.first + i)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
