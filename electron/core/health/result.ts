// One health check's result as the panel and `sohoa doctor` show it: its status, what was found
// and what to do, in Vietnamese and English, and the facts behind it for support.
import type { HealthCheck, HealthCheckId, HealthStatus } from '../../../shared/contracts/machine';
import type { Localized } from '../../../shared/errors';

export type Facts = HealthCheck['facts'];

export const TITLES: Record<HealthCheckId, Localized> = {
  policy: { vi: 'Cấu hình máy của bộ phận CNTT', en: "IT's machine configuration" },
  dataFolder: { vi: 'Thư mục dữ liệu và dung lượng trống', en: 'Data folder and free disk space' },
  vault: { vi: 'Mã hóa dữ liệu', en: 'Encryption at rest' },
  backups: { vi: 'Sao lưu', en: 'Backups' },
  signingKey: { vi: 'Khóa ký số', en: 'Signing key' },
  tsa: { vi: 'Máy chủ dấu thời gian', en: 'Time-stamping authority' },
  clock: { vi: 'Đồng hồ máy tính', en: "The computer's clock" },
  recordsStore: { vi: 'Kho lưu trữ nhận hồ sơ', en: 'Records store' },
  outbox: { vi: 'Hồ sơ chờ gửi', en: 'Records waiting to upload' },
  scanners: { vi: 'Máy quét', en: 'Scanners' },
  languageData: { vi: 'Dữ liệu nhận dạng chữ (OCR)', en: 'OCR language data' },
  fonts: { vi: 'Phông chữ', en: 'Fonts' },
  holidays: { vi: 'Lịch nghỉ lễ năm sau', en: "Next year's holidays" },
  trustList: { vi: 'Danh sách chứng thư gốc tin cậy', en: 'Trusted root certificates' },
};

export interface Finding {
  status: HealthStatus;
  detail: Localized;
  action?: Localized;
  facts?: Facts;
}

export const ok = (detail: Localized, facts: Facts = {}): Finding => ({
  status: 'ok',
  detail,
  facts,
});

export const warning = (detail: Localized, action: Localized, facts: Facts = {}): Finding => ({
  status: 'warning',
  detail,
  action,
  facts,
});

export const error = (detail: Localized, action: Localized, facts: Facts = {}): Finding => ({
  status: 'error',
  detail,
  action,
  facts,
});

export function asCheck(id: HealthCheckId, f: Finding): HealthCheck {
  return {
    id,
    status: f.status,
    title: TITLES[id],
    detail: f.detail,
    ...(f.action ? { action: f.action } : {}),
    facts: f.facts ?? {},
  };
}

const RANK: Record<HealthStatus, number> = { ok: 0, warning: 1, error: 2 };

export function worst(statuses: HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'ok');
}

/** dd/mm/yyyy, as the desk writes dates. */
export function viDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** An error's kind without its text (which may hold paths or a server's words). */
export function reasonOf(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  return e instanceof Error ? e.name : 'Error';
}
