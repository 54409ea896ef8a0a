// `sohoa separate <files or folders…>`: measures every page of a scanned stack and prints where
// the documents split and why (blank sheets, patch codes, separator QR codes, a fixed page count,
// the classifier's type change, from OCR text in a NAME.txt beside each image).
// `sohoa separator-sheet --out F.pdf`: writes printable A4 separator sheets.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '../../../shared/classification';
import {
  PatchCode,
  type PageSignals,
  type SeparationOptionsInput,
  type SplitPlan,
  type SplitReason,
} from '../../../shared/contracts/intake';
import { SohoaError } from '../../../shared/errors';
import { listScanFiles } from '../../core/acquire/fileImport';
import { openImageFile } from '../../core/imaging/loadPage';
import { interleaveStack } from '../../core/separate/duplex';
import { measurePage, type PageInput } from '../../core/separate/pageSignals';
import { separatorSheetPdf } from '../../core/separate/separatorSheet';
import { planSeparation } from '../../core/separate/splitPlan';
import type { Lang } from '../messages';
import type { Command } from './types';
import { USAGE } from '../usage';

const METHOD_TEXT: Record<SplitReason['method'], Record<Lang, string>> = {
  start: { vi: 'đầu tập', en: 'start of stack' },
  blank: { vi: 'tờ trắng phân tách', en: 'blank separator sheet' },
  patch: { vi: 'mã vạch patch', en: 'patch code' },
  code: { vi: 'tờ phân tách có mã QR', en: 'QR separator sheet' },
  count: { vi: 'đủ số trang', en: 'page count reached' },
  classifier: { vi: 'đổi loại giấy tờ', en: 'document type changed' },
  manual: { vi: 'cán bộ chỉnh', en: 'set by the clerk' },
};

export const separateCommand: Command = {
  name: 'separate',
  usage: USAGE['separate'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        blank: { type: 'boolean', default: false },
        patch: { type: 'string' },
        codes: { type: 'boolean', default: false },
        count: { type: 'string' },
        classifier: { type: 'boolean', default: false },
        'keep-separators': { type: 'boolean', default: false },
        duplex: { type: 'boolean', default: false },
        'manual-duplex': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    if (!positionals.length) return 2;
    const options: SeparationOptionsInput = {
      blank: values.blank,
      patchCodes: (values.patch ?? '')
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean)
        .map((s) => PatchCode.parse(s)),
      codes: values.codes,
      classifier: values.classifier,
      keepSeparators: values['keep-separators'],
      duplex: values.duplex || values['manual-duplex'],
      ...(values.count ? { fixedCount: Math.max(1, Number(values.count) || 1) } : {}),
    };
    const measureOptions = {
      patchCodes: options.patchCodes ?? [],
      codes: Boolean(options.codes),
      classifier: Boolean(options.classifier),
    };
    let pages: PageInput[] = [];
    for (const target of positionals) pages.push(...(await readPages(target)));
    if (values['manual-duplex'])
      pages = interleaveStack(pages).map((p) => ({ ...p.page, side: p.side }));
    const signals: PageSignals[] = [];
    for (const page of pages) signals.push(await measurePage(page, measureOptions));
    const plan = planSeparation(signals, options);
    if (values.json) console.log(JSON.stringify({ plan, signals }, null, 2));
    else printPlan(plan, lang);
    return 0;
  },
};

/** Every page of every scan under `target`, decoded once, with a NAME.txt beside it as its text. */
async function readPages(target: string): Promise<PageInput[]> {
  const { files } = await listScanFiles(target);
  if (!files.length) throw new SohoaError('IMPORT_NOTHING_FOUND', path.basename(target));
  const pages: PageInput[] = [];
  for (const f of files) {
    const bytes = await fs.readFile(f.path);
    const text = await fs
      .readFile(f.path.replace(/\.[^.]+$/, '.txt'), 'utf8')
      .catch(() => undefined);
    const image = await openImageFile(f.name, bytes);
    try {
      for (let i = 0; i < image.pageCount; i++) {
        // Straightened but not turned: patch codes and QR codes read on the page as scanned.
        const prepared = await image.page(i, { deskew: true, cropEdges: true });
        pages.push({
          name: image.pageCount > 1 ? `${f.name}#${i + 1}` : f.name,
          image: prepared.archival.bytes,
          dpi: prepared.dpi,
          blank: prepared.analysis.blank,
          ...(text !== undefined && image.pageCount === 1 ? { text } : {}),
          ...(prepared.embeddedText ? { text: prepared.embeddedText.text } : {}),
        });
      }
    } finally {
      image.close();
    }
  }
  return pages;
}

function printPlan(plan: SplitPlan, lang: Lang): void {
  const vi = lang === 'vi';
  const name = (i: number) => `${i + 1} (${plan.pages[i]!.name})`;
  plan.documents.forEach((doc, k) => {
    const why = doc.reasons.map(
      (r) => `${METHOD_TEXT[r.method][lang]}${r.detail ? `: ${r.detail}` : ''}`,
    );
    const type = doc.type
      ? DOCUMENT_TYPE_LABELS[doc.type][lang]
      : vi
        ? 'chưa rõ loại'
        : 'type unknown';
    console.log(
      `${vi ? 'Tài liệu' : 'Document'} ${k + 1}: ${vi ? 'trang' : 'pages'} ${doc.pages.map((i) => i + 1).join(', ')} · ${type}${doc.dossierCode ? ` · ${doc.dossierCode}` : ''}`,
    );
    console.log(`  ${vi ? 'Lý do tách' : 'Split because'}: ${why.join('; ')}`);
  });
  const separators = plan.pages.filter((p) => p.role === 'separator').map((p) => name(p.index));
  if (separators.length)
    console.log(`${vi ? 'Tờ phân tách' : 'Separator sheets'}: ${separators.join(', ')}`);
  const flagged = plan.pages
    .filter((p) => p.role === 'content' && p.blank)
    .map((p) => name(p.index));
  if (flagged.length)
    console.log(
      `${vi ? 'Trang trắng (giữ lại, cần xem)' : 'Blank pages (kept, check them)'}: ${flagged.join(', ')}`,
    );
}

export const separatorSheetCommand: Command = {
  name: 'separator-sheet',
  usage: USAGE['separator-sheet'],
  async run(argv, { lang }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        patch: { type: 'string', default: 'T' },
        'no-qr': { type: 'boolean', default: false },
        type: { type: 'string' },
        dossier: { type: 'string' },
        copies: { type: 'string', default: '1' },
      },
    });
    if (!values.out) return 2;
    const patch =
      values.patch.toLowerCase() === 'none' ? null : PatchCode.parse(values.patch.toUpperCase());
    const type = values.type ? DocumentType.safeParse(values.type) : null;
    if (type && !type.success) throw new SohoaError('SEPARATOR_SHEET_INVALID', values.type ?? '');
    const copies = Math.min(100, Math.max(1, Number(values.copies) || 1));
    const spec = {
      patch,
      qr: !values['no-qr'],
      ...(type?.success ? { type: type.data } : {}),
      ...(values.dossier ? { dossierCode: values.dossier } : {}),
    };
    const pdf = await separatorSheetPdf(Array.from({ length: copies }, () => spec));
    await fs.writeFile(path.resolve(values.out), pdf);
    console.log(
      lang === 'vi'
        ? `Đã ghi ${copies} tờ phân tách vào ${values.out}. In khổ A4, tỉ lệ 100%.`
        : `Wrote ${copies} separator sheet(s) to ${values.out}. Print on A4 at 100% scale.`,
    );
    return 0;
  },
};
