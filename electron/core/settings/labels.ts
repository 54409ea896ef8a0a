// The settings keys as a refusal names them (the error's subject reads in both languages).
import type { SettingsKey } from '../../../shared/policy';

const LABELS: Partial<Record<SettingsKey, string>> = {
  agency: 'Cơ quan / Agency',
  signing: 'Khóa ký số / Signing key',
  tsaUrl: 'Máy chủ dấu thời gian / Time-stamping authority',
  scanners: 'Máy quét / Scanners',
  hotFolders: 'Thư mục theo dõi / Hot folders',
  connector: 'Kho lưu trữ / Records store',
  exportDir: 'Thư mục xuất gói / Export folder',
  language: 'Ngôn ngữ / Language',
};

/** A key's label; a key added later without a label is named as it is. */
export function settingLabel(key: SettingsKey): string {
  return LABELS[key] ?? key;
}
