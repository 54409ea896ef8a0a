// Stream decoding for what the signature reader needs: cross-reference streams and object
// streams, which are FlateDecode with an optional PNG predictor. Output is capped so a zip bomb
// costs a bounded amount of memory.
import { inflateSync } from 'node:zlib';
import { PdfDict, PdfReadError, type PdfStream, isName, type PdfValue } from './values';

const MAX_DECODED_BYTES = 64 * 1024 * 1024;

function pngUnpredict(data: Buffer, columns: number, colors: number, bpc: number): Buffer {
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLength = Math.ceil((columns * colors * bpc) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const src = r * (rowLength + 1) + 1;
    const dst = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const raw = data[src + i]!;
      const left = i >= bytesPerPixel ? out[dst + i - bytesPerPixel]! : 0;
      const up = r > 0 ? out[dst - rowLength + i]! : 0;
      const upLeft = r > 0 && i >= bytesPerPixel ? out[dst - rowLength + i - bytesPerPixel]! : 0;
      let value: number;
      switch (type) {
        case 1:
          value = raw + left;
          break;
        case 2:
          value = raw + up;
          break;
        case 3:
          value = raw + Math.floor((left + up) / 2);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          value = raw;
      }
      out[dst + i] = value & 0xff;
    }
  }
  return out;
}

const numberOr = (v: PdfValue | undefined, fallback: number) =>
  typeof v === 'number' ? v : fallback;

/** Decoded data of a stream whose filters are none or FlateDecode. */
export function decodeStream(stream: PdfStream): Buffer {
  const filter = stream.dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  if (filters.length === 0) return stream.raw;
  if (filters.length > 1 || !isName(filters[0], 'FlateDecode')) {
    throw new PdfReadError('Unsupported stream filter');
  }
  let data: Buffer;
  try {
    data = inflateSync(stream.raw, { maxOutputLength: MAX_DECODED_BYTES });
  } catch {
    throw new PdfReadError('Corrupt compressed stream');
  }
  const rawParms = stream.dict.get('DecodeParms');
  const parms = Array.isArray(rawParms) ? rawParms[0] : rawParms;
  if (parms instanceof PdfDict) {
    const predictor = numberOr(parms.get('Predictor'), 1);
    if (predictor >= 10) {
      return pngUnpredict(
        data,
        numberOr(parms.get('Columns'), 1),
        numberOr(parms.get('Colors'), 1),
        numberOr(parms.get('BitsPerComponent'), 8),
      );
    }
    if (predictor !== 1) throw new PdfReadError('Unsupported predictor');
  }
  return data;
}
