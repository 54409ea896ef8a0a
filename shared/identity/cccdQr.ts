// The QR of the chip ID card (on the front of a căn cước công dân, on the back of a thẻ căn
// cước), read from an image or typed by a handheld scanner acting as a keyboard.
import { foldVietnamese, nfc } from '../text';
import { CARD_KINDS, cardKindOf } from './cardKinds';
import { msg, type CardHolder, type IdentityCheck, type Sex } from './checks';
import { checkIdNumber } from './idNumber';

/** ddmmyyyy → YYYY-MM-DD, or null. */
function dmyToIso(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const [, d, mo, y] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) return null;
  return `${y}-${mo}-${d}`;
}

function parseSex(s: string): Sex | null {
  const f = foldVietnamese(s);
  if (f === 'nam' || f === 'm' || f === 'male') return 'M';
  if (f === 'nu' || f === 'f' || f === 'female') return 'F';
  return null;
}

export type QrParse =
  | { ok: true; holder: CardHolder; checks: IdentityCheck[]; extraFields: string[] }
  | { ok: false; reason: string };

/**
 * The card's QR: `ID|old ID|full name|ddmmyyyy birth|sex|address|ddmmyyyy issue`, '|'-separated,
 * and on a thẻ căn cước further fields after these (see cardKinds.ts; kept in `extraFields`).
 * The ID must be the 12-digit personal identification number; the old number may be empty.
 */
export function parseCccdQr(raw: string): QrParse {
  const text = nfc(raw)
    .replace(/[\r\n]+$/g, '')
    .trim();
  const parts = text.split('|');
  if (parts.length < 7) return { ok: false, reason: `expected ≥7 fields, got ${parts.length}` };
  const [id = '', oldId = '', name = '', dob = '', sexText = '', address = '', issue = ''] =
    parts.map((p) => p.trim());
  if (!/^\d{12}$/.test(id)) return { ok: false, reason: 'first field is not a 12-digit ID number' };
  const dateOfBirth = dmyToIso(dob);
  const dateOfIssue = dmyToIso(issue);
  if (!dateOfBirth) return { ok: false, reason: `bad date of birth "${dob}"` };
  if (!dateOfIssue) return { ok: false, reason: `bad date of issue "${issue}"` };
  if (oldId && !/^\d{9}(\d{3})?$/.test(oldId))
    return { ok: false, reason: `bad old ID "${oldId}"` };
  const extraFields = parts.slice(7).map((p) => p.trim());
  const card = cardKindOf(parts.length, dateOfIssue);
  const holder: CardHolder = {
    card,
    idNumber: id,
    oldIdNumber: oldId,
    fullName: name.replace(/\s+/g, ' '),
    dateOfBirth,
    sex: parseSex(sexText),
    address: address.replace(/\s+/g, ' '),
    dateOfIssue,
    cancelledIdNumber:
      card === 'can-cuoc' ? (extraFields.find((f) => /^\d{12}$/.test(f)) ?? '') : '',
  };
  const kind = CARD_KINDS[card];
  const side = kind.qrSide === 'front' ? ['mặt trước', 'front'] : ['mặt sau', 'back'];
  const checks: IdentityCheck[] = [
    {
      id: 'qr.card',
      ok: true,
      severity: 'note',
      message: msg(
        `${kind.label.vi}: mã QR ở ${side[0]} thẻ.`,
        `${kind.label.en}: the QR code is on the ${side[1]} of the card.`,
      ),
    },
    ...checkIdNumber(id, holder),
  ];
  checks.push({
    id: 'qr.issueAfterBirth',
    ok: dateOfIssue > dateOfBirth,
    severity: 'error',
    message: msg(
      'Ngày cấp phải sau ngày sinh.',
      'The date of issue must be after the date of birth.',
    ),
  });
  return { ok: true, holder, checks, extraFields };
}

/**
 * Text typed by a handheld QR scanner acting as a keyboard: it ends with Enter (sometimes Tab),
 * may arrive in NFD, and some layouts turn '|' into '¦' or '\'. Several scans in one text box
 * are split on line breaks; the last complete one wins.
 */
export function parseKeyboardWedge(typed: string): QrParse {
  const scans = typed
    .split(/[\r\n]+/)
    .map((s) =>
      nfc(s)
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .replace(/[¦\\]/g, '|')
        .trim(),
    )
    .filter(Boolean);
  let last: QrParse = { ok: false, reason: 'no scan' };
  for (const scan of scans) {
    const parsed = parseCccdQr(scan);
    if (parsed.ok) last = parsed;
    else if (!last.ok) last = parsed;
  }
  if (last.ok) {
    // A scanner in plain keyboard mode cannot type Vietnamese letters: they vanish or turn into
    // '?'. A name and address with no Vietnamese letter at all is almost surely that.
    const ascii = /^[\x20-\x7e]*$/;
    const lost = ascii.test(last.holder.fullName) && ascii.test(last.holder.address);
    last.checks.push({
      id: 'wedge.diacritics',
      ok: !lost,
      severity: 'note',
      message: lost
        ? msg(
            'Họ tên và địa chỉ không có dấu: máy quét có thể đã làm mất chữ tiếng Việt (đặt máy quét ở chế độ Unicode) — đối chiếu với thẻ.',
            'Name and address have no Vietnamese letters: the scanner may have dropped them (set it to Unicode mode); check against the card.',
          )
        : msg(
            'Chữ tiếng Việt nhận đủ từ máy quét.',
            'Vietnamese letters arrived intact from the scanner.',
          ),
    });
  }
  return last;
}
