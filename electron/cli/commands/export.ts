// `sohoa export <dossier code> <dir>`: the dossier as a package for transfer to an archive, a
// BagIt (RFC 8493) folder (the default) or a zipped E-ARK SIP (METS + EAD3); both carry the
// stored files as they are, the TT 05/2025 metadata and SHA-256 checksums.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportEarkSip } from '../../core/archive/earkPackage';
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
      options: { 'data-dir': { type: 'string' }, format: { type: 'string', default: 'bagit' } },
    });
    if (positionals.length !== 2 || !['bagit', 'eark'].includes(values.format)) {
      console.error(this.usage[lang]);
      return 2;
    }
    const opened = openArchive(values['data-dir'] ? path.resolve(values['data-dir']) : undefined);
    try {
      const [code, target] = positionals as [string, string];
      if (values.format === 'eark') {
        const sip = await exportEarkSip(
          opened.archive,
          opened.blobs,
          code,
          path.resolve(target),
          'cli',
        );
        console.log(
          lang === 'vi'
            ? `✓ Đã xuất hồ sơ ${code} (${sip.files.length} tệp, E-ARK SIP) vào ${sip.file}`
            : `✓ Exported dossier ${code} (${sip.files.length} files, E-ARK SIP) to ${sip.file}`,
        );
        return 0;
      }
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
