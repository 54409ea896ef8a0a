// The rule layer: titles and keywords on folded OCR text, and the document number's notation
// (e.g. 123/QĐ-UBND). Rules are cheap, explainable and right on clean papers; the learned
// layer (model.ts) covers what they miss on damaged or unusual ones.
import type { DocumentType } from '../../../shared/classification';
import { looseFold, squeeze } from './features';

interface Rule {
  type: DocumentType;
  /** Squeezed title forms, matched at the start of one of the first lines. */
  titles: string[];
  /** Squeezed phrases anywhere in the text. */
  keywords: string[];
}

const RULES: Rule[] = [
  {
    type: 'cccd_front',
    titles: ['cancuoccongdan', 'citizenidentitycard', 'cancuoc'],
    keywords: [
      'fullname',
      'placeoforigin',
      'placeofresidence',
      'dateofexpiry',
      'quoctichnationality',
    ],
  },
  {
    type: 'cccd_back',
    titles: ['dacdiemnhandang', 'idvnm'],
    keywords: ['personalidentification', 'cuccanhsat', 'socialorder', 'vnm', 'directorgeneral'],
  },
  {
    type: 'birth_certificate',
    titles: ['giaykhaisinh', 'trichlluckhaisinh', 'trichluckhaisinh'],
    keywords: [
      'nguoidikhaisinh',
      'tennguoime',
      'tennguoicha',
      'nguoiduockhaisinh',
      'nguoikygiaykhaisinh',
    ],
  },
  {
    type: 'marriage_certificate',
    titles: ['giaychungnhankethon'],
    keywords: ['tenvo', 'tenchong', 'vokyghirohoten', 'chongkyghirohoten'],
  },
  {
    type: 'application_form',
    titles: ['tokhai', 'giaydenghi'],
    keywords: [
      'nguoiyeucau',
      'toicamdoannhungnoidungkhai',
      'denghicoquandangky',
      'hochudemtennguoiyeucau',
    ],
  },
  {
    type: 'land_use_certificate',
    titles: ['giaychungnhanquyensudungdat', 'quyensudungdatquyensohuu'],
    keywords: [
      'thuadatso',
      'tobandoso',
      'sovaosocapgcn',
      'mucdichsudung',
      'thoihansudung',
      'nguongocsudung',
      'hinhthucsudung',
    ],
  },
  {
    type: 'business_registration',
    titles: [
      'giaychungnhandangkyhokinhdoanh',
      'giaychungnhandangkydoanhnghiep',
      'giaychungnhandangkykinhdoanh',
    ],
    keywords: [
      'masodoanhnghiep',
      'nganhnghekinhdoanh',
      'vondieule',
      'chuhokinhdoanh',
      'phongdangkykinhdoanh',
      'tenhokinhdoanh',
      'dangkylandau',
    ],
  },
  {
    type: 'decision',
    titles: ['quyetdinh'],
    keywords: [
      'quyetdinhnaycohieuluc',
      'chiutrachnhiemthihanhquyetdinh',
      'dieu',
      'canculuat',
      'xetdenghi',
    ],
  },
  {
    type: 'official_letter',
    titles: ['vv', 'congvan'],
    keywords: ['kinhgui', 'trantrong', 'noinhan', 'nhutren', 'thuchien'],
  },
  {
    type: 'petition',
    titles: [
      'dondenghi',
      'donkhieunai',
      'donxin',
      'dontrinhbay',
      'dondangky',
      'donto',
      'donyeucau',
      'dontocao',
    ],
    keywords: ['nguoilamdon', 'toitenla', 'naytoilamdon', 'toixinchanthanhcamon'],
  },
  {
    type: 'contract',
    titles: ['hopdong'],
    keywords: [
      'bena',
      'benb',
      'haibenthoathuan',
      'dieukhoan',
      'quyenvanghiavucuacacben',
      'chungtoigom',
    ],
  },
  {
    type: 'other',
    titles: ['giaychungsinh', 'bienlai', 'bangke', 'giaybaotu', 'hoadon'],
    keywords: ['nguoidode', 'nguoinop', 'sotien', 'nguyennhanchet', 'canang'],
  },
];

const TITLE_WEIGHT = 6;
const NUMBER_WEIGHT = 4;
const KEYWORD_WEIGHT = 1.2;
/** How many leading lines may hold the title block (national motto, agency, number, date). */
const TITLE_LINES = 9;

export interface RuleResult {
  scores: Map<DocumentType, number>;
  evidence: Map<DocumentType, string[]>;
}

/** The "Số: 123/QĐ-UBND" line of an administrative document, in loose-folded form. */
const NUMBER_LINE = /^\s*so\s*[:.]?\s*\d+\s*\/\s*([a-z]{1,6})\s*-\s*[a-z]/;

/** OCR reads i as l and l as i (and 1 as either): compare with both as l. */
const iToL = (s: string) => s.replace(/i/g, 'l');

/**
 * Whether `line` starts with `title` up to a few OCR slips (edits allowed: 1 for 8+ letters,
 * 2 for 16+): the edit distance from `title` to the best prefix of `line`.
 */
export function startsWithLoosely(rawLine: string, rawTitle: string): boolean {
  const line = iToL(rawLine);
  const title = iToL(rawTitle);
  if (line.startsWith(title)) return true;
  const allowed = title.length >= 16 ? 2 : title.length >= 8 ? 1 : 0;
  if (allowed === 0) return false;
  // prev[j]: distance between title[0..i) and line[0..j).
  let prev = Array.from({ length: line.length + 1 }, (_, j) => j);
  for (let i = 1; i <= title.length; i++) {
    const cur = [i];
    for (let j = 1; j <= line.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (title[i - 1] === line[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return Math.min(...prev) <= allowed;
}

export function applyRules(text: string): RuleResult {
  const scores = new Map<DocumentType, number>();
  const evidence = new Map<DocumentType, string[]>();
  const add = (type: DocumentType, weight: number, why: string) => {
    scores.set(type, (scores.get(type) ?? 0) + weight);
    evidence.set(type, [...(evidence.get(type) ?? []), why]);
  };
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const head = lines.slice(0, TITLE_LINES).map(squeeze);
  const all = iToL(squeeze(text));
  for (const rule of RULES) {
    // A title line starts with the title and is short: "QUYẾT ĐỊNH" alone, not a sentence
    // that cites a decision.
    const title = rule.titles.find((t) =>
      head.some((l) => l.length <= t.length + 60 && startsWithLoosely(l, t)),
    );
    if (title) add(rule.type, TITLE_WEIGHT, `tiêu đề: ${title}`);
    for (const k of rule.keywords)
      if (all.includes(iToL(k))) add(rule.type, KEYWORD_WEIGHT, `từ khóa: ${k}`);
  }
  for (const line of lines.slice(0, TITLE_LINES)) {
    const m = NUMBER_LINE.exec(looseFold(line));
    if (!m) continue;
    const kind = m[1]!;
    if (kind === 'qd') add('decision', NUMBER_WEIGHT, `số ký hiệu: ${line.trim()}`);
    else if (kind !== 'hd') add('official_letter', NUMBER_WEIGHT, `số ký hiệu: ${line.trim()}`);
    break;
  }
  return { scores, evidence };
}
