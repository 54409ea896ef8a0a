// `sohoa procedures`: list the procedure catalog, show one procedure's checklist, or import a
// province's catalog (JSON or CSV) after validating every row.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSohoaError } from '../../../shared/errors';
import type { CatalogProblem, ProcedureLevel } from '../../../shared/procedures';
import { defaultDataDir } from '../../core/config/paths';
import { findProcedure, importCatalog, loadCatalog } from '../../core/dossier/procedures';
import type { Lang } from '../messages';
import type { Command } from './types';
import { USAGE } from '../usage';

const LEVEL: Record<ProcedureLevel, Record<Lang, string>> = {
  province: { vi: 'tỉnh', en: 'province' },
  district: { vi: 'huyện', en: 'district' },
  commune: { vi: 'xã', en: 'commune' },
};

const days = (lang: Lang, n: number) =>
  n === 0
    ? lang === 'vi'
      ? 'trong ngày'
      : 'same day'
    : `${n} ${lang === 'vi' ? 'ngày làm việc' : 'working days'}`;

export const proceduresCommand: Command = {
  name: 'procedures',
  usage: USAGE['procedures'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
    const [action = 'list', arg] = positionals;
    if (action === 'import') {
      if (!arg) return 2;
      try {
        const catalog = await importCatalog(dataDir, path.resolve(arg));
        console.log(
          lang === 'vi'
            ? `✓ Đã nhập ${catalog.procedures.length} thủ tục (phiên bản ${catalog.version}).`
            : `✓ Imported ${catalog.procedures.length} procedures (version ${catalog.version}).`,
        );
        return 0;
      } catch (e) {
        if (!isSohoaError(e) || e.code !== 'PROCEDURE_CATALOG_INVALID') throw e;
        console.error(`✗ ${e.info.message[lang]}`);
        for (const p of (e.cause ?? []) as CatalogProblem[]) {
          const at = p.line ? `${lang === 'vi' ? 'dòng' : 'line'} ${p.line}` : '';
          console.error(`  ${[at, p.where].filter(Boolean).join(', ')}: ${p.message}`);
        }
        return 1;
      }
    }
    const { catalog, origin } = await loadCatalog(dataDir);
    if (action === 'show') {
      const proc = findProcedure(catalog, arg ?? '');
      if (values.json) {
        console.log(JSON.stringify(proc, null, 2));
        return 0;
      }
      console.log(`${proc.code}  ${proc.name}`);
      console.log(
        `  ${proc.field} · ${LEVEL[proc.level][lang]} · ${days(lang, proc.processingDays)}`,
      );
      for (const c of proc.components) {
        const mark = c.mandatory ? '*' : ' ';
        console.log(`  ${mark} ${c.count}× ${c.name} [${c.form}] → ${c.documentTypes.join(', ')}`);
      }
      return 0;
    }
    if (action !== 'list') return 2;
    if (values.json) {
      console.log(JSON.stringify({ origin, ...catalog }, null, 2));
      return 0;
    }
    console.log(`${catalog.version} (${origin}) – ${catalog.procedures.length}`);
    for (const p of catalog.procedures) {
      console.log(
        `${p.code.padEnd(10)} ${LEVEL[p.level][lang].padEnd(8)} ${days(lang, p.processingDays).padEnd(16)} ${p.name}`,
      );
    }
    return 0;
  },
};
