import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAnchors } from '../../core/sign/chain';
import { formatReport } from '../../core/sign/verify/reportText';
import { verifyPdf } from '../../core/sign/verify/verifyPdf';
import type { Command } from './types';

export const verifyCommand: Command = {
  name: 'verify',
  usage: {
    vi: 'sohoa verify <tệp.pdf…> [--json] [--trust THƯ_MỤC_CHỨNG_THƯ_GỐC]',
    en: 'sohoa verify <file.pdf…> [--json] [--trust ANCHOR_DIR]',
  },
  async run(argv, { lang }) {
    const { values, positionals: files } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, trust: { type: 'string' } },
    });
    if (files.length === 0) {
      console.error(lang === 'vi' ? 'Chưa chỉ định tệp PDF nào.' : 'No PDF file given.');
      return 2;
    }
    const trustAnchors = values.trust ? await loadAnchors(path.resolve(values.trust)) : [];
    let worst = 0;
    const results = [];
    for (const file of files) {
      const report = verifyPdf(await fs.readFile(file), { trustAnchors });
      // Exit code: 0 valid, 1 valid with warnings, 3 invalid or not signed.
      const code =
        report.verdict === 'valid' ? 0 : report.verdict === 'valid-with-warnings' ? 1 : 3;
      worst = Math.max(worst, code);
      if (values.json) results.push({ file: path.basename(file), ...report });
      else console.log(formatReport(report, lang, path.basename(file)));
    }
    if (values.json)
      console.log(JSON.stringify(files.length === 1 ? results[0] : results, null, 2));
    return worst;
  },
};
