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
      const to = path.resolve(target);
      const made =
        values.format === 'eark'
          ? await exportEarkSip(opened.archive, opened.blobs, code, to, 'cli').then((sip) => ({
              files: sip.files.length,
              at: sip.file,
              kind: 'E-ARK SIP',
            }))
          : await exportRecord(opened.archive, opened.blobs, code, to, 'cli').then((bag) => ({
              files: bag.files.length,
              at: bag.dir,
              kind: 'BagIt 1.0',
            }));
      console.log(
        lang === 'vi'
          ? `✓ Đã xuất hồ sơ ${code} (${made.files} tệp, ${made.kind}) vào ${made.at}`
          : `✓ Exported dossier ${code} (${made.files} files, ${made.kind}) to ${made.at}`,
      );
      return 0;
    } finally {
      opened.close();
    }
  },
};
