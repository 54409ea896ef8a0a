// The quality a JPEG was saved at, estimated from its luminance quantization table against the
// IJG reference table (the scaling every scanner and libjpeg use). A straightened page is
// re-encoded no finer than its scanner did: finer would only add bytes, never detail back.
// sharp reads no such figure from a file, hence these few lines.

/** IJG standard luminance table (ITU T.81, Annex K), in zig-zag order as stored in DQT. */
const STD_LUMINANCE = [
  16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37,
  29, 40, 58, 51, 61, 60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87,
  95, 98, 103, 104, 103, 62, 77, 113, 121, 112, 100, 120, 92, 101, 103, 99,
];

/** Estimated IJG quality 1–100, or null when the bytes hold no usable 8-bit table 0. */
export function estimateJpegQuality(bytes: Buffer): number | null {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1]!;
    // Start of scan: the tables come before it.
    if (marker === 0xda) return null;
    const length = bytes.readUInt16BE(pos + 2);
    if (marker === 0xdb) {
      let at = pos + 4;
      const end = pos + 2 + length;
      while (at < end) {
        const precision = bytes[at]! >> 4;
        const id = bytes[at]! & 0x0f;
        const size = precision ? 128 : 64;
        if (id === 0 && precision === 0 && at + 1 + 64 <= bytes.length) {
          // Entries clamped at 1 or 255 say nothing about the scale: leave them out.
          let sum = 0;
          let std = 0;
          for (let i = 0; i < 64; i++) {
            const v = bytes[at + 1 + i]!;
            if (v > 1 && v < 255) {
              sum += v;
              std += STD_LUMINANCE[i]!;
            }
          }
          return std > 0 ? qualityFromScale((sum * 100) / std) : null;
        }
        at += 1 + size;
      }
    }
    pos += 2 + length;
  }
  return null;
}

function qualityFromScale(scale: number): number {
  const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
  return Math.max(1, Math.min(100, Math.round(q)));
}
