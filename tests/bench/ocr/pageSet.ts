// The benchmark's fixed page set: scanned-looking A4 pages at 200 and 300 dpi, generated from the
// project's own Vietnamese text with a fixed seed, each with NAME.gt.txt beside it. Generated
// once into a gitignored cache folder and reused while the text, the seed and the renderer stay
// the same (the folder name carries a hash of all three).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { renderPage, type PageLayout } from '../../../electron/cli/demo/samplePages';
import { formPage, letterPage, seededRandom, type FormPage } from './benchText';

export interface PageSpec {
  name: string;
  dpi: 200 | 300;
  kind: 'letter' | 'form' | 'blank' | 'rotated';
  lines: string[];
  fontPt: number;
  skewDeg: number;
  noise: number;
  blur: number;
  format: 'jpeg' | 'png';
  jpegQuality: number;
  quarterTurns: 0 | 1;
  form?: Omit<FormPage, 'lines'>;
}

export const SEED = 20260323;

/**
 * `count` pages, half at 200 dpi and half at 300 dpi. Among them: one blank sheet (paper noise
 * only), one fed sideways (rotated 90°), two forms; the rest are letters and decisions with a
 * skew up to ±5°, grain, blur and JPEG compression picked by the seeded generator.
 */
export function benchPageSpecs(count = 24): PageSpec[] {
  const rand = seededRandom(SEED);
  const specials: Record<number, PageSpec['kind']> = { 3: 'form', 8: 'blank', 12: 'rotated' };
  specials[Math.min(count - 1, 17)] = 'form';
  const specs: PageSpec[] = [];
  let forms = 0;
  for (let i = 0; i < count; i++) {
    const kind = specials[i] ?? 'letter';
    const dpi = i % 2 === 0 ? 200 : 300;
    const fontPt = kind === 'form' ? 11 : [10, 11, 12][Math.floor(rand() * 3)]!;
    // Characters that comfortably fit the text block at this size (rows × chars per row).
    const capacity = Math.floor((29 * 12) / fontPt) * Math.floor((70 * 12) / fontPt);
    const form = kind === 'form' ? formPage(rand, forms++ % 2 === 0 ? 0 : 1) : undefined;
    const lines =
      kind === 'blank'
        ? []
        : form
          ? form.lines
          : letterPage(rand, Math.floor(capacity * (0.55 + rand() * 0.2)));
    const jpeg = rand() < 0.8;
    specs.push({
      name: `p${String(i + 1).padStart(2, '0')}-${dpi}dpi-${kind}`,
      dpi,
      kind,
      lines,
      fontPt,
      skewDeg: kind === 'blank' ? 0 : Math.round((rand() * 10 - 5) * 10) / 10,
      noise: Math.round(4 + rand() * 14),
      blur: rand() < 0.5 ? 0 : Math.round((0.3 + rand() * 0.6) * 10) / 10,
      format: jpeg ? 'jpeg' : 'png',
      jpegQuality: Math.round(45 + rand() * 40),
      quarterTurns: kind === 'rotated' ? 1 : 0,
      ...(form
        ? { form: { ruledLines: form.ruledLines, boxedLines: form.boxedLines, frame: form.frame } }
        : {}),
    });
  }
  // The set's composition (one blank, one rotated, two form pages, skews within 5°), checked so a
  // change to the generator cannot quietly drop a case.
  const kinds = (k: PageSpec['kind']) => specs.filter((s) => s.kind === k).length;
  if (
    count >= 20 &&
    (kinds('blank') !== 1 ||
      kinds('rotated') !== 1 ||
      kinds('form') !== 2 ||
      specs.some((s) => Math.abs(s.skewDeg) > 5))
  )
    throw new Error('bench page set lost its blank, rotated or form pages, or skews over 5°');
  return specs;
}

/** The ground truth: what a perfect reader would get, in reading order. */
export function groundTruth(spec: PageSpec): string {
  return `${spec.lines.map((l) => (l.startsWith('# ') ? l.slice(2) : l)).join('\n')}\n`.normalize(
    'NFC',
  );
}

/** Rules under table rows, a frame around the table, tick boxes at the right margin. */
function formOverlay(form: Omit<FormPage, 'lines'>): (layout: PageLayout) => string {
  return ({ widthPx, heightPx, marginPx, linePitchPx }) => {
    const y = (line: number) => marginPx + line * linePitchPx;
    const stroke = Math.max(2, Math.round(linePitchPx / 18));
    const left = marginPx - stroke * 3;
    const right = widthPx - marginPx;
    const shapes: string[] = [];
    for (const l of form.ruledLines)
      shapes.push(`<line x1="${left}" y1="${y(l + 1)}" x2="${right}" y2="${y(l + 1)}"/>`);
    const [first, last] = form.frame;
    shapes.push(
      `<rect x="${left}" y="${y(first) - stroke * 2}" width="${right - left}" height="${y(last + 1) - y(first) + stroke * 2}"/>`,
    );
    const box = Math.round(linePitchPx * 0.7);
    for (const l of form.boxedLines)
      shapes.push(
        `<rect x="${right - box * 3}" y="${y(l) + (linePitchPx - box) / 2}" width="${box}" height="${box}"/>`,
      );
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}">` +
      `<g fill="none" stroke="#1d1d1d" stroke-width="${stroke}">${shapes.join('')}</g></svg>`
    );
  };
}

export interface GeneratedPage extends PageSpec {
  image: string;
  truth: string;
}

/** Writes the pages (or finds them already written) under `cacheRoot`; returns them in order. */
export async function ensurePageSet(
  cacheRoot: string,
  specs: PageSpec[],
  rendererSources: string[],
  log: (s: string) => void = () => undefined,
): Promise<{ dir: string; pages: GeneratedPage[]; reused: boolean }> {
  const hash = crypto.createHash('sha256').update(JSON.stringify(specs));
  for (const file of rendererSources) hash.update(fs.readFileSync(file));
  const dir = path.join(cacheRoot, `pages-${hash.digest('hex').slice(0, 12)}`);
  const pages = specs.map((s) => ({
    ...s,
    image: path.join(dir, `${s.name}.${s.format === 'jpeg' ? 'jpg' : 'png'}`),
    truth: path.join(dir, `${s.name}.gt.txt`),
  }));
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return { dir, pages, reused: true };

  fs.mkdirSync(dir, { recursive: true });
  for (const p of pages) {
    log(`  ${p.name}`);
    const image = await renderPage({
      lines: p.lines,
      dpi: p.dpi,
      fontPt: p.fontPt,
      skewDeg: p.skewDeg,
      noise: p.noise,
      blur: p.blur,
      format: p.format,
      jpegQuality: p.jpegQuality,
      quarterTurns: p.quarterTurns,
      ...(p.form ? { overlaySvg: formOverlay(p.form) } : {}),
    });
    fs.writeFileSync(p.image, image);
    fs.writeFileSync(p.truth, groundTruth(p));
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(specs, null, 2));
  fs.writeFileSync(done, new Date().toISOString());
  return { dir, pages, reused: false };
}
