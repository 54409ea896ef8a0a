// A small BER/DER reader that keeps offsets. The verifier needs the exact bytes of what was
// signed (the signed attributes as they sit in the CMS, the TBS of a certificate), which a
// decode-then-re-encode library cannot promise for BER input; and it must not trust lengths.

export class DerError extends Error {
  override name = 'DerError';
}

export interface Tlv {
  /** Tag class bits (0 universal, 0x40 application, 0x80 context, 0xc0 private). */
  cls: number;
  constructed: boolean;
  /** Tag number (low-tag form; high-tag numbers are read but rare in CMS). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the contents. */
  contentStart: number;
  /** Offset just after the contents (before the end-of-contents octets when indefinite). */
  contentEnd: number;
  /** Offset just after the whole element. */
  end: number;
  buf: Buffer;
}

const MAX_DEPTH = 48;

export function readTlv(buf: Buffer, pos: number, limit = buf.length, depth = 0): Tlv {
  if (depth > MAX_DEPTH) throw new DerError('ASN.1 nested too deeply');
  if (pos + 2 > limit) throw new DerError('Truncated ASN.1');
  const start = pos;
  const id = buf[pos++]!;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      if (i > 4 || pos >= limit) throw new DerError('Bad ASN.1 tag');
      const b = buf[pos++]!;
      tag = tag * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
  }
  const first = buf[pos++];
  if (first === undefined) throw new DerError('Truncated ASN.1');
  const constructed = (id & 0x20) !== 0;
  if (first === 0x80) {
    // BER indefinite length: children up to the end-of-contents octets 00 00.
    if (!constructed) throw new DerError('Indefinite length on a primitive');
    let p = pos;
    for (;;) {
      if (p + 2 > limit) throw new DerError('Unterminated indefinite length');
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      p = readTlv(buf, p, limit, depth + 1).end;
    }
    return {
      cls: id & 0xc0,
      constructed,
      tag,
      start,
      contentStart: pos,
      contentEnd: p,
      end: p + 2,
      buf,
    };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = buf[pos++];
      if (b === undefined) throw new DerError('Truncated ASN.1 length');
      length = length * 256 + b;
    }
  }
  const end = pos + length;
  if (end > limit) throw new DerError('ASN.1 length runs past its container');
  return { cls: id & 0xc0, constructed, tag, start, contentStart: pos, contentEnd: end, end, buf };
}

export function children(tlv: Tlv, depth = 0): Tlv[] {
  if (!tlv.constructed) throw new DerError('Expected a constructed ASN.1 value');
  const out: Tlv[] = [];
  for (let p = tlv.contentStart; p < tlv.contentEnd;) {
    const child = readTlv(tlv.buf, p, tlv.contentEnd, depth + 1);
    out.push(child);
    p = child.end;
    if (out.length > 100_000) throw new DerError('Too many ASN.1 elements');
  }
  return out;
}

export const raw = (tlv: Tlv): Buffer => tlv.buf.subarray(tlv.start, tlv.end);

/** Contents of a primitive; a BER constructed OCTET STRING is concatenated. */
export function contents(tlv: Tlv): Buffer {
  if (!tlv.constructed) return tlv.buf.subarray(tlv.contentStart, tlv.contentEnd);
  return Buffer.concat(children(tlv).map(contents));
}

export function oidOf(tlv: Tlv): string {
  if (tlv.cls !== 0 || tlv.tag !== 6) throw new DerError('Expected an OID');
  const bytes = contents(tlv);
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0)
        parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

export const isContext = (tlv: Tlv | undefined, tag: number): tlv is Tlv =>
  tlv !== undefined && tlv.cls === 0x80 && tlv.tag === tag;

/** GeneralizedTime or UTCTime → Date. */
export function timeOf(tlv: Tlv): Date {
  const text = contents(tlv).toString('latin1');
  // UTCTime (tag 23) has a two-digit year; GeneralizedTime (24) four.
  const yearDigits = tlv.tag === 23 ? '\\d{2}' : '\\d{4}';
  const m = new RegExp(
    `^(${yearDigits})(\\d\\d)(\\d\\d)(\\d\\d)(\\d\\d)(\\d\\d)?(?:[.,](\\d+))?(Z|[+-]\\d{4})?$`,
  ).exec(text);
  if (!m) throw new DerError(`Bad time ${text}`);
  let year = Number(m[1]);
  if (m[1]!.length === 2) year += year < 50 ? 2000 : 1900;
  const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let t = Date.UTC(
    year,
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
    ms,
  );
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '+' ? 1 : -1;
    t -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(3))) * 60_000;
  }
  return new Date(t);
}
