// Generated administrative, legal normative and judicial documents in the layout the clerical
// rules prescribe (Nghị định 30/2020/NĐ-CP, Phụ lục I): issuing body with its superior line,
// national motto, "Số: 12/QĐ-UBND" (a year in it for normative documents), place and date,
// title, subject, body, recipients, signer. Issuers and citations are those of today: two-level
// local government, the 2025 laws on government and local government, the one-stop decree
// Nghị định 118/2025/NĐ-CP. One table of specs, one layout function per family.
import type { DocumentType } from '../../../shared/classification';
import { SPECS, type Spec } from './sampleSpecs';
import {
  docDate,
  int,
  isoOf,
  longDate,
  NATION,
  pick,
  place,
  type Clean,
  type Rand,
  type Ymd,
} from './sampleData';

interface Issuer {
  /** Header lines: the superior body (if any), then the issuing body. */
  organ: string[];
  /** The issuer's code in the notation. */
  code: string;
  /** The place of the date line. */
  city: string;
  /** The authority line printed under the subject of a decision. */
  authority: string;
  signer: string[];
}

export type IssuerKind = 'province' | 'commune' | 'department' | 'ministry' | 'government' | 'pm';

const DEPARTMENTS: [string, string][] = [
  ['SỞ TƯ PHÁP', 'STP'],
  ['SỞ NỘI VỤ', 'SNV'],
  ['SỞ TÀI CHÍNH', 'STC'],
  ['SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'SNNMT'],
];
const MINISTRIES: [string, string][] = [
  ['BỘ NỘI VỤ', 'BNV'],
  ['BỘ TÀI CHÍNH', 'BTC'],
  ['BỘ TƯ PHÁP', 'BTP'],
  ['BỘ Y TẾ', 'BYT'],
];

function issuer(r: Rand, kind: IssuerKind): Issuer {
  const p = place(r);
  const vice = ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'];
  switch (kind) {
    case 'province': {
      const name = `ỦY BAN NHÂN DÂN ${p.provinceFull.toUpperCase()}`;
      return {
        organ: ['ỦY BAN NHÂN DÂN', p.provinceFull.toUpperCase()],
        code: 'UBND',
        city: p.province,
        authority: `CHỦ TỊCH ${name}`,
        signer: ['TM. ỦY BAN NHÂN DÂN', ...vice],
      };
    }
    case 'commune': {
      const name = `ỦY BAN NHÂN DÂN ${p.communeFull.toUpperCase()}`;
      return {
        organ: ['ỦY BAN NHÂN DÂN', p.communeFull.toUpperCase()],
        code: 'UBND',
        city: p.commune,
        authority: `CHỦ TỊCH ${name}`,
        signer: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
      };
    }
    case 'department': {
      const [name, code] = pick(r, DEPARTMENTS);
      return {
        organ: [`UBND ${p.provinceFull.toUpperCase()}`, name],
        code,
        city: p.province,
        authority: `GIÁM ĐỐC ${name}`,
        signer: ['GIÁM ĐỐC'],
      };
    }
    case 'ministry': {
      const [name, code] = pick(r, MINISTRIES);
      return {
        organ: [name],
        code,
        city: 'Hà Nội',
        authority: `BỘ TRƯỞNG ${name}`,
        signer: ['BỘ TRƯỞNG'],
      };
    }
    case 'government':
      return {
        organ: ['CHÍNH PHỦ'],
        code: 'CP',
        city: 'Hà Nội',
        authority: '',
        signer: ['TM. CHÍNH PHỦ', 'THỦ TƯỚNG'],
      };
    case 'pm':
      return {
        organ: ['THỦ TƯỚNG CHÍNH PHỦ'],
        code: 'TTg',
        city: 'Hà Nội',
        authority: 'THỦ TƯỚNG CHÍNH PHỦ',
        signer: ['THỦ TƯỚNG'],
      };
  }
}

export const OFFICIAL_TYPES = Object.keys(SPECS) as DocumentType[];

function titled(r: Rand, spec: Spec, d: Ymd): Clean {
  const who = issuer(r, pick(r, spec.issuers));
  const num = int(r, 1, 2500);
  const notation =
    spec.layout === 'letter'
      ? `${who.code}-${pick(r, ['VP', 'KSTT', 'TH', 'NC', 'KT'])}`
      : `${spec.normative || r() < 0.1 ? `${d.y}/` : ''}${spec.code}-${who.code}`;
  const subject = pick(r, spec.subjects);
  const numberLine = `Số: ${num}/${notation}`;
  const head = [...who.organ, ...NATION, numberLine];
  const top =
    spec.layout === 'letter'
      ? [...head, subject, `${who.city}, ${longDate(d)}`]
      : [...head, `${who.city}, ${longDate(d)}`, spec.title, subject];
  const authority = spec.code === 'QĐ' && who.authority ? [who.authority] : [];
  const lines = [
    ...top,
    ...authority,
    ...spec.body,
    'Nơi nhận:',
    '- Như trên;',
    '- Lưu: VT.',
    ...who.signer,
  ];
  return {
    lines,
    titleEnd: top.length,
    truth: {
      number: String(num),
      notation,
      issuedDate: isoOf(d),
      issuer: who.organ.join(' '),
      subject,
    },
  };
}

function law(r: Rand, spec: Spec, d: Ymd): Clean {
  const num = int(r, 1, 120);
  const [organ, notation, prefix] =
    spec.title === 'PHÁP LỆNH'
      ? ['ỦY BAN THƯỜNG VỤ QUỐC HỘI', `${d.y}/UBTVQH15`, 'Pháp lệnh số']
      : spec.title === 'LỆNH'
        ? ['CHỦ TỊCH NƯỚC', `${d.y}/L-CTN`, 'Số']
        : ['QUỐC HỘI', `${d.y}/QH15`, 'Luật số'];
  const subject = pick(r, spec.subjects);
  if (spec.title === 'HIẾN PHÁP') {
    return {
      lines: ['QUỐC HỘI', ...NATION, spec.title, subject, ...spec.body],
      titleEnd: 5,
      truth: { issuer: 'QUỐC HỘI', subject },
    };
  }
  const top = [
    organ,
    ...NATION,
    `${prefix}: ${num}/${notation}`,
    `Hà Nội, ${longDate(d)}`,
    spec.title,
    subject,
  ];
  return {
    lines: [...top, ...spec.body],
    titleEnd: top.length,
    truth: { number: String(num), notation, issuedDate: isoOf(d), issuer: organ, subject },
  };
}

function plain(r: Rand, spec: Spec, d: Ymd): Clean {
  const who = issuer(r, pick(r, spec.issuers));
  const num = int(r, 1, 900);
  const numbered = spec.code && r() < 0.7;
  const subject = pick(r, spec.subjects);
  const top = [
    ...who.organ,
    ...NATION,
    ...(numbered ? [`Số: ${num}/${spec.code}-${who.code}`] : []),
    `${who.city}, ${longDate(d)}`,
    spec.title,
    subject,
  ];
  return {
    lines: [...top, ...spec.body, ...who.signer],
    titleEnd: top.length,
    truth: {
      ...(numbered ? { number: String(num), notation: `${spec.code}-${who.code}` } : {}),
      issuedDate: isoOf(d),
      issuer: who.organ.join(' '),
      subject,
    },
  };
}

function precedent(r: Rand, spec: Spec, d: Ymd): Clean {
  const num = int(r, 50, 90);
  const subject = pick(r, spec.subjects);
  const top = [`ÁN LỆ SỐ ${num}/${d.y}/AL`, subject];
  return {
    lines: [...top, ...spec.body],
    titleEnd: 1,
    truth: { number: String(num), notation: `${d.y}/AL`, subject },
  };
}

/** A generated document of an administrative, normative or judicial type. */
export function officialDocument(r: Rand, type: DocumentType): Clean {
  const spec = SPECS[type];
  if (!spec) throw new Error(`no sample spec for ${type}`);
  const d = docDate(r);
  switch (spec.layout ?? 'titled') {
    case 'law':
      return law(r, spec, d);
    case 'plain':
      return plain(r, spec, d);
    case 'precedent':
      return precedent(r, spec, d);
    default:
      return titled(r, spec, d);
  }
}
