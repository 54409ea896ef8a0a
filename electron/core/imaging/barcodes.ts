// Barcode and QR decoding from scanned images (CCCD front QR, separator sheets, receipts read
// back), with ZXing-C++ compiled to WebAssembly (zxing-wasm). The .wasm is read from the npm
// package: by default the library would fetch it from a CDN, which these desks cannot reach.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes, type ReadInputBarcodeFormat } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
let prepared = false;

function prepare(): void {
  if (prepared) return;
  const wasmBinary = fs.readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  void prepareZXingModule({
    overrides: {
      wasmBinary: wasmBinary.buffer.slice(
        wasmBinary.byteOffset,
        wasmBinary.byteOffset + wasmBinary.byteLength,
      ),
    },
    fireImmediately: true,
  });
  prepared = true;
}

export interface DecodedBarcode {
  format: string;
  text: string;
  /** Corners in image pixels, for showing where the code was found. */
  position: { x: number; y: number }[];
}

/** Decodes every barcode of the given formats in an image file buffer (any format sharp reads). */
export async function decodeBarcodes(
  image: Buffer,
  formats: ReadInputBarcodeFormat[] = ['QRCode'],
): Promise<DecodedBarcode[]> {
  prepare();
  const { data, info } = await sharp(image)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const imageData = {
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
    colorSpace: 'srgb' as const,
  };
  const results = await readBarcodes(imageData, {
    formats,
    tryHarder: true,
    maxNumberOfSymbols: 16,
  });
  return results
    .filter((r) => r.isValid)
    .map((r) => ({
      format: r.format,
      text: r.text.normalize('NFC'),
      position: [
        r.position.topLeft,
        r.position.topRight,
        r.position.bottomRight,
        r.position.bottomLeft,
      ],
    }));
}
