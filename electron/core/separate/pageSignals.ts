// Measures one page image for separation: the blank flag (the same measure the pipeline uses),
// a patch code, a separator QR/barcode, and, from its text, the classifier's type. Each measure
// runs only when a chosen method needs it: decoding codes costs ~100 ms a page, the rest ~20 ms.
import sharp from 'sharp';
import { classifyText } from '../classify/classify';
import type { PageSignals, SeparationOptions } from '../../../shared/contracts/intake';
import { decodeBarcodes } from '../imaging/barcodes';
import type { GreyImage } from '../imaging/grey';
import { detectBlank } from '../imaging/pageAnalysis';
import { DEFAULT_DPI } from '../imaging/preparePage';
import { detectPatchCode, uprightCode } from './patchCode';
import { decodeSeparator } from './separatorCode';

export interface PageInput {
  name: string;
  /** The page image in any format sharp reads (the first page of a TIFF). */
  image?: Buffer;
  /** OCR text, for the classifier. */
  text?: string;
  /** The scan's resolution when known better than the image file says (re-encoded copies say 72). */
  dpi?: number;
  /** Already measured by the pipeline: trusted instead of measuring again. */
  blank?: boolean;
  side?: 'front' | 'back';
}

export async function measurePage(
  input: PageInput,
  options: Partial<Pick<SeparationOptions, 'patchCodes' | 'codes' | 'classifier'>>,
): Promise<PageSignals> {
  const patchCodes = options.patchCodes ?? [];
  const signals: PageSignals = {
    name: input.name,
    blank: input.blank ?? false,
    patch: null,
    separator: null,
    docType: null,
    ...(input.side ? { side: input.side } : {}),
  };
  if (input.image) {
    const { data, info } = await sharp(input.image, { limitInputPixels: false })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const meta = await sharp(input.image).metadata();
    const dpi = input.dpi ?? scanDpi(meta.density, info.width);
    const grey: GreyImage = { data, width: info.width, height: info.height };
    if (input.blank === undefined) {
      const verdict = detectBlank(grey);
      signals.blank = verdict.blank;
      signals.inkRatio = Math.round(verdict.inkRatio * 1e5) / 1e5;
    }
    if (!signals.blank && patchCodes.length) {
      const found = detectPatchCode(grey, dpi);
      signals.patch = found ? uprightCode(found, grey.height) : null;
    }
    if (!signals.blank && options.codes) {
      for (const code of await decodeBarcodes(input.image, ['QRCode', 'Code128'])) {
        const content = decodeSeparator(code.text);
        if (content) {
          signals.separator = content;
          break;
        }
      }
    }
  }
  if (options.classifier && input.text && !signals.blank) {
    const c = classifyText(input.text);
    if (c.type && !c.needsReview) signals.docType = c.type;
  }
  return signals;
}

/**
 * The file's resolution, unless it is missing or the 72 dpi that encoders write by default: then
 * the page is taken to be A4 wide, which is what separator sheets are printed on.
 */
function scanDpi(density: number | undefined, widthPx: number): number {
  if (density && density >= 50 && density <= 2400 && density !== 72) return density;
  const fromWidth = widthPx / (210 / 25.4);
  return fromWidth >= 50 ? Math.round(fromWidth) : (density ?? DEFAULT_DPI);
}
