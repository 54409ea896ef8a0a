// Page orientation (0/90/180/270) with Tesseract's OSD model from @tesseract.js-data/osd, run on
// a downscaled grey copy: one legacy-engine worker, started on first use, offline like the rest.
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { prepareLanguageDir } from './languageData';

export interface OrientationResult {
  /** Clockwise rotation that makes the page upright. */
  degrees: 0 | 90 | 180 | 270;
  confidence: number;
}

/** Below this OSD confidence the page is left as it is (a wrong turn is worse than none). */
export const MIN_ORIENTATION_CONFIDENCE = 4;

export interface OrientationDetector {
  /** `dpi` is the resolution of the image passed (a PGM carries none). */
  detect(image: Buffer, dpi?: number): Promise<OrientationResult>;
  close(): Promise<void>;
}

export function createOrientationDetector(langDir: string): OrientationDetector {
  let worker: Promise<Worker> | undefined;
  const start = async () => {
    const langPath = await prepareLanguageDir(langDir, ['osd']);
    return createWorker('osd', OEM.TESSERACT_ONLY, {
      langPath,
      cacheMethod: 'none',
      gzip: true,
      legacyCore: true,
      legacyLang: true,
      errorHandler: () => undefined,
    });
  };
  return {
    async detect(image, dpi) {
      const w = await (worker ??= start());
      try {
        if (dpi) await w.setParameters({ user_defined_dpi: String(Math.round(dpi)) });
        const { data } = await w.detect(image);
        const degrees = normalize(data.orientation_degrees ?? 0);
        const confidence = data.orientation_confidence ?? 0;
        return confidence >= MIN_ORIENTATION_CONFIDENCE
          ? { degrees, confidence }
          : { degrees: 0, confidence };
      } catch {
        // OSD fails on pages with too little text: treat them as upright.
        return { degrees: 0, confidence: 0 };
      }
    },
    async close() {
      if (worker) await (await worker.catch(() => null))?.terminate();
    },
  };
}

function normalize(deg: number): OrientationResult['degrees'] {
  const d = (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
  return d as OrientationResult['degrees'];
}
