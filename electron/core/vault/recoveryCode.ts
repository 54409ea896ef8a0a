// The recovery code: the data key itself, written for people. Crockford's base32 (no I, L, O or
// U, so nothing reads as another character; lower case and I/L/O typed by mistake are taken as
// 1/1/0), in 13 groups of four, then a fourteenth group that is a check over the key, so a
// mistyped code is refused instead of opening nothing. What IT types back is exactly what the
// sheet shows; dashes and spaces do not matter.
import { createHash } from 'node:crypto';
import { SohoaError } from '../../../shared/errors';
import { DATA_KEY_BYTES, DataKey } from './dataKey';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_CHARS = Math.ceil((DATA_KEY_BYTES * 8) / 5); // 52
const CHECK_CHARS = 4;
export const RECOVERY_GROUPS = (KEY_CHARS + CHECK_CHARS) / 4;
/** What the QR code holds before the code, so a scan is recognisable. */
export const QR_PREFIX = 'SOHOA-RK1:';

function toBase32(bytes: Uint8Array, chars: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.slice(0, chars);
}

function fromBase32(text: string, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of text) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8 && at < bytes) {
      out[at++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function check(key: Uint8Array): string {
  return toBase32(
    createHash('sha256').update('sohoa-recovery/1').update(key).digest(),
    CHECK_CHARS,
  );
}

/** The key as 14 groups of four characters, the last one a check. */
export function recoveryGroups(key: DataKey): string[] {
  const raw = key.exportBytes();
  const text = toBase32(raw, KEY_CHARS) + check(raw);
  return text.match(/.{4}/g)!;
}

/** The key a typed (or scanned) recovery code stands for; refuses a wrong or mistyped one. */
export function keyFromRecoveryCode(typed: string): DataKey {
  const text = typed
    .trim()
    .replace(new RegExp(`^${QR_PREFIX}`, 'i'), '')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (text.length !== KEY_CHARS + CHECK_CHARS || [...text].some((c) => !ALPHABET.includes(c)))
    throw new SohoaError('VAULT_RECOVERY_INVALID', `${RECOVERY_GROUPS} × 4`);
  const raw = fromBase32(text.slice(0, KEY_CHARS), DATA_KEY_BYTES);
  // The last character carries 4 padding bits, which must be zero in a code the desk printed.
  if (toBase32(raw, KEY_CHARS) !== text.slice(0, KEY_CHARS) || check(raw) !== text.slice(KEY_CHARS))
    throw new SohoaError('VAULT_RECOVERY_INVALID', '');
  return DataKey.fromBytes(raw);
}
