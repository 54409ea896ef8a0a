// `sohoa vault status|sheet|recover`: how the data folder's encryption stands and which key
// provider opens it; the recovery sheet printed again (only from the key open here); a data
// folder opened with the recovery code on a new machine or account.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, ensureDataDir } from '../../core/config/paths';
import { keyFromRecoveryCode } from '../../core/vault/recoveryCode';
import { makeRecoverySheet } from '../../core/vault/recoverySheet';
import { prepareVault, recoverVault, vaultStatus } from '../../core/vault/setup';
import type { Command } from './types';
import { USAGE } from '../usage';

export const vaultCommand: Command = {
  name: 'vault',
  usage: USAGE['vault'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        out: { type: 'string' },
        code: { type: 'string' },
        agency: { type: 'string' },
      },
    });
    const dataDir = ensureDataDir(
      values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(),
    );
    const [action] = positionals;
    if (action === 'status') {
      const s = vaultStatus(dataDir);
      console.log(`${s.level === 'ok' ? '✓' : s.level === 'warning' ? '!' : '✗'} ${s.detail}`);
      return s.level === 'error' ? 1 : 0;
    }
    if (action === 'sheet' && values.out) {
      await prepareVault(dataDir);
      const sheet = await makeRecoverySheet(
        dataDir,
        values.agency ? { agencyName: values.agency } : {},
      );
      await fs.writeFile(path.resolve(values.out), sheet.pdf, { mode: 0o600 });
      console.log(
        lang === 'vi'
          ? `✓ Đã lập phiếu khóa khôi phục (khóa ${sheet.keyId}) tại ${values.out}. In ra, cất vào tủ khóa, rồi xóa tệp.`
          : `✓ Recovery sheet (key ${sheet.keyId}) written to ${values.out}. Print it, lock it away, then delete the file.`,
      );
      return 0;
    }
    if (action === 'recover' && values.code) {
      const { root } = recoverVault(dataDir, keyFromRecoveryCode(values.code));
      await prepareVault(root);
      console.log(
        lang === 'vi'
          ? `✓ Đã mở thư mục dữ liệu ${root} bằng mã khôi phục.`
          : `✓ Data folder ${root} opened with the recovery code.`,
      );
      return 0;
    }
    console.error(this.usage[lang]);
    return 2;
  },
};
