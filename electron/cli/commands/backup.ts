// `sohoa backup <dir>` and `sohoa restore <backup dir>`: a consistent copy of the archive while
// the desk works, and a restore that checks every hash before it replaces anything.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupArchive, restoreArchive } from '../../core/archive/backup';
import { openArchive } from '../../core/archive/open';
import { defaultDataDir } from '../../core/config/paths';
import { rememberKey } from '../../core/vault/registry';
import { keyFromRecoveryCode } from '../../core/vault/recoveryCode';
import type { Command } from './types';
import { USAGE } from '../usage';

export const backupCommand: Command = {
  name: 'backup',
  usage: USAGE['backup'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' } },
    });
    if (positionals.length !== 1) {
      console.error(this.usage[lang]);
      return 2;
    }
    const opened = openArchive(values['data-dir'] ? path.resolve(values['data-dir']) : undefined);
    try {
      const { dir, manifest } = await backupArchive(opened, path.resolve(positionals[0]!));
      console.log(
        lang === 'vi'
          ? `✓ Đã sao lưu ${manifest.dossiers} hồ sơ, ${manifest.files.length} tệp vào ${dir}`
          : `✓ Backed up ${manifest.dossiers} dossier(s), ${manifest.files.length} file(s) to ${dir}`,
      );
      return 0;
    } finally {
      opened.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: USAGE['restore'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        force: { type: 'boolean', default: false },
        'recovery-code': { type: 'string' },
      },
    });
    if (positionals.length !== 1) {
      console.error(this.usage[lang]);
      return 2;
    }
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
    // An encrypted backup on a new machine opens only with the recovery code of its data key.
    if (values['recovery-code']) rememberKey(keyFromRecoveryCode(values['recovery-code']));
    const r = await restoreArchive(path.resolve(positionals[0]!), dataDir, { force: values.force });
    console.log(
      lang === 'vi'
        ? `✓ Đã khôi phục và kiểm tra: ${r.dossiers} hồ sơ, ${r.files} tệp, ${r.auditEntries} mục nhật ký; mọi mã băm khớp.`
        : `✓ Restored and checked: ${r.dossiers} dossier(s), ${r.files} file(s), ${r.auditEntries} audit entries; every hash matches.`,
    );
    return 0;
  },
};
