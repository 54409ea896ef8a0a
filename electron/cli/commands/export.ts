// `sohoa export <dossier code> <dir>`: the dossier as a BagIt (RFC 8493) package for transfer to
// an archive: signed PDF/A, TT 05/2025 metadata as XML and JSON, SHA-256 manifests.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportRecord } from '../../core/archive/recordPackage';
import { openArchive } from '../../core/archive/open';
import type { Command } from './types';
import { USAGE } from '../usage';

export const exportCommand: Command = {
  name: 'export',
  usage: USAGE['export'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' } },
    });
    if (positionals.length !== 2) {
      console.error(this.usage[lang]);
      return 2;
    }
    const opened = openArchive(values['data-dir'] ? path.resolve(values['data-dir']) : undefined);
    try {
      const [code, target] = positionals as [string, string];
      const { dir, files } = await exportRecord(
        opened.archive,
        opened.blobs,
        code,
        path.resolve(target),
        'cli',
      );
      console.log(
        lang === 'vi'
          ? `✓ Đã xuất hồ sơ ${code} (${files.length} tệp, BagIt 1.0) vào ${dir}`
          : `✓ Exported dossier ${code} (${files.length} files, BagIt 1.0) to ${dir}`,
      );
      return 0;
    } finally {
      opened.close();
    }
  },
};
