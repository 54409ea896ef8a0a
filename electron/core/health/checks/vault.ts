// The data folder's encryption at rest as IT needs to know it: encrypted or not, whether this
// account's key provider opens the data key (and how strong it is), an unfinished migration, and
// whether the recovery sheet was made (without it a lost Windows profile loses the archive).
import { vaultStatus } from '../../vault/setup';
import type { HealthInput } from '../input';
import { error, ok, warning, type Finding } from '../result';

const SHEET = {
  vi: 'In phiếu khóa khôi phục (sohoa vault sheet --out phieu.pdf), cất vào tủ khóa, rồi xóa tệp.',
  en: 'Print the recovery sheet (sohoa vault sheet --out sheet.pdf), lock it away, then delete the file.',
};

export function checkVault(input: HealthInput): Finding {
  const s = vaultStatus(input.dataDir);
  const facts = {
    encrypted: s.encrypted,
    provider: s.provider?.kind ?? null,
    strongProvider: s.provider?.strong ?? null,
    migrating: s.migrating,
    recoverySheetAt: s.recoverySheetAt,
  };
  if (!s.encrypted)
    return error(
      {
        vi: 'Thư mục dữ liệu chưa được mã hóa: ai đọc được ổ đĩa là đọc được hồ sơ.',
        en: 'The data folder is not encrypted: anyone who can read the disk can read the dossiers.',
      },
      {
        vi: 'Mở ứng dụng Sohoa Desk một lần trên máy này để mã hóa, hoặc báo bộ phận CNTT.',
        en: 'Open the Sohoa Desk app once on this PC to encrypt it, or call IT.',
      },
      facts,
    );
  if (s.level === 'error')
    return error(
      {
        vi: 'Tài khoản này không mở được khóa dữ liệu của máy.',
        en: "This account cannot open the desk's data key.",
      },
      {
        vi: 'Mở bằng mã khôi phục (sohoa vault recover --code "…") hoặc báo bộ phận CNTT.',
        en: 'Open it with the recovery code (sohoa vault recover --code "…") or call IT.',
      },
      facts,
    );
  if (s.migrating)
    return warning(
      {
        vi: 'Việc mã hóa thư mục dữ liệu chưa xong.',
        en: 'Encrypting the data folder has not finished.',
      },
      {
        vi: 'Mở lại ứng dụng để việc mã hóa chạy tiếp.',
        en: 'Open the app again so the encryption can finish.',
      },
      facts,
    );
  if (s.provider && !s.provider.strong)
    return warning(
      {
        vi: `Khóa dữ liệu được bảo vệ bởi ${s.provider.label}, không phải kho khóa của hệ điều hành.`,
        en: `The data key is protected by ${s.provider.label}, not the operating system's keystore.`,
      },
      {
        vi: 'Báo bộ phận CNTT kiểm tra kho khóa của hệ điều hành cho tài khoản này.',
        en: "Ask IT to check the operating system's keystore for this account.",
      },
      facts,
    );
  if (!s.recoverySheetAt)
    return warning(
      {
        vi: 'Dữ liệu đã mã hóa nhưng chưa in phiếu khóa khôi phục.',
        en: 'The data is encrypted but no recovery sheet has been made.',
      },
      SHEET,
      facts,
    );
  return ok(
    {
      vi: `Dữ liệu được mã hóa; khóa do ${s.provider?.label ?? '—'} bảo vệ; đã in phiếu khôi phục.`,
      en: `The data is encrypted; its key is protected by ${s.provider?.label ?? '—'}; the recovery sheet was made.`,
    },
    facts,
  );
}
