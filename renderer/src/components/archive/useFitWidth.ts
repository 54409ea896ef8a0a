// "Fit the frame" for the page viewer: the width at which the whole page shows inside its frame
// (the frame's width, and the height it may grow to, whichever is tighter), followed as the
// window changes size. Zoom levels are multiples of it, so 100% is always the whole page.
import { useEffect, useState, type RefObject } from 'react';

/** Width used before the frame is measured (and where nothing can be measured). */
const FALLBACK_WIDTH = 620;

export function useFitWidth(
  frame: RefObject<HTMLElement | null>,
  /** The page's pixel size, or null while it loads. */
  image: { widthPx: number; heightPx: number } | null,
): number {
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => {
      const style = getComputedStyle(el);
      const padX = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      const padY = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
      // The frame grows with its page up to its max-height: that is the height to fit.
      const maxHeight = parseFloat(style.maxHeight);
      const height = Number.isFinite(maxHeight) ? maxHeight : el.clientHeight;
      setBox({ width: el.clientWidth - padX, height: height - padY - 2 });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [frame]);
  if (!box || box.width <= 0) return FALLBACK_WIDTH;
  if (!image || image.heightPx <= 0) return Math.floor(box.width);
  return Math.max(
    1,
    Math.floor(Math.min(box.width, (box.height * image.widthPx) / image.heightPx)),
  );
}
