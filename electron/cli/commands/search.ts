// `sohoa search "<query>"`: folded full-text search over OCR text and metadata, most relevant
// first, optionally narrowed by document type, issuing body and year of issue; prints the
// dossier, the page and a snippet with the matched words marked.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SohoaError } from '../../../shared/errors';
import { openArchive } from '../../core/archive/open';
import { renderMarks } from '../../core/archive/search';
import { queryArchive } from '../../core/records/archiveQuery';
import { ArchiveFilters } from '../../../shared/contracts/records';
import type { Command } from './types';
import { USAGE } from '../usage';

export const searchCommand: Command = {
  name: 'search',
  usage: USAGE['search'],
  run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        limit: { type: 'string', default: '20' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        type: { type: 'string' },
        organ: { type: 'string' },
        year: { type: 'string' },
      },
    });
    const query = positionals.join(' ').trim();
    const filters = ArchiveFilters.safeParse({
      docType: values.type,
      organName: values.organ,
      year: values.year === undefined ? undefined : Number(values.year),
    });
    if (!filters.success) {
      console.error(this.usage[lang]);
      return Promise.resolve(2);
    }
    const filtered = Object.values(filters.data).some((v) => v !== undefined);
    if (!query && !filtered) throw new SohoaError('SEARCH_EMPTY');
    const opened = openArchive(values['data-dir'] ? path.resolve(values['data-dir']) : undefined);
    try {
      const limit = Math.max(1, Number(values.limit) || 20);
      // With a filter the archive screen's query answers: relevance first, then the filters.
      const hits = filtered
        ? queryArchive(opened.archive, query, filters.data, limit)
        : opened.archive.search(query, { limit });
      if (values.json) console.log(JSON.stringify(hits, null, 2));
      else {
        const vi = lang === 'vi';
        if (hits.length === 0) console.log(vi ? 'Không tìm thấy kết quả.' : 'No results.');
        for (const h of hits) {
          const where =
            h.page === null
              ? vi
                ? 'thông tin hồ sơ'
                : 'metadata'
              : `${vi ? 'trang' : 'page'} ${h.page}`;
          console.log(`${h.dossierCode} · ${where} · ${h.title}`);
          console.log(`  ${renderMarks(h, process.stdout.isTTY)}`);
        }
      }
      return Promise.resolve(0);
    } finally {
      opened.close();
    }
  },
};
