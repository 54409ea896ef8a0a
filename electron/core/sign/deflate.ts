// FlateDecode streams compressed by Node's zlib (native) instead of pdf-lib's flateStream(),
// which runs pako in JavaScript: a few milliseconds per signature, paid on every file.
import { deflateSync } from 'node:zlib';
import type { PDFContext, PDFRawStream } from 'pdf-lib';

type DictValues = Parameters<PDFContext['stream']>[1];

export function deflatedStream(
  context: PDFContext,
  data: string | Uint8Array,
  dict: DictValues = {},
): PDFRawStream {
  // Content streams here are ASCII (text is hex-encoded glyph ids), so latin1 is exact.
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return context.stream(deflateSync(bytes), { ...dict, Filter: 'FlateDecode' });
}
