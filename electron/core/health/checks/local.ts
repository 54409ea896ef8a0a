// Checks of what lies on this computer: IT's policy file, the data folder and its free space,
// the age of the last backup, and what waits in the outbox.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describeProblem } from '../../policy/file';
import type { HealthInput } from '../input';
import { error, ok, reasonOf, viDate, warning, type Finding } from '../result';

export function checkPolicy(input: HealthInput): Finding {
  const p = input.policy;
  if (p.state === 'absent')
    return warning(
      {
        vi: `Máy chưa có tệp cấu hình của bộ phận CNTT (${p.file}): mọi cài đặt do người dùng tự đặt.`,
        en: `This machine has no IT configuration file (${p.file}): every setting is the user's own.`,
      },
      {
        vi: 'Bộ phận CNTT đặt tệp policy.json theo hướng dẫn triển khai (docs/deploy-windows.md).',
        en: 'IT puts policy.json in place as the deployment guide says (docs/deploy-windows.md).',
      },
      { file: p.file, state: 'absent' },
    );
  if (p.state === 'invalid') {
    const lines = p.problems.slice(0, 5);
    return error(
      {
        vi: `Tệp cấu hình không hợp lệ, máy tạm dừng ký số và gửi hồ sơ. ${lines.map((x) => describeProblem(p.file, x, 'vi')).join('; ')}`,
        en: `The configuration file is invalid; signing and uploading are stopped. ${lines.map((x) => describeProblem(p.file, x, 'en')).join('; ')}`,
      },
      {
        vi: 'Bộ phận CNTT sửa các dòng nêu trên trong policy.json; máy tự đọc lại tệp, không cần khởi động lại.',
        en: 'IT corrects the lines above in policy.json; the desk reads it again by itself, no restart needed.',
      },
      {
        file: p.file,
        state: 'invalid',
        problems: p.problems.length,
        firstLine: lines[0]?.line ?? null,
      },
    );
  }
  return ok(
    {
      vi: `Tệp cấu hình hợp lệ: ${Object.keys(p.policy.locked).length} mục bị khóa, ${Object.keys(p.policy.defaults).length} mục mặc định.`,
      en: `The configuration file is valid: ${Object.keys(p.policy.locked).length} key(s) locked, ${Object.keys(p.policy.defaults).length} default(s).`,
    },
    { file: p.file, state: 'valid', locked: Object.keys(p.policy.locked).join(',') },
  );
}

export function checkDataFolder(input: HealthInput): Finding {
  const dir = input.dataDir;
  const facts = { path: dir } as Record<string, string | number | null>;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.health-${randomUUID()}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (e) {
    return error(
      {
        vi: `Không ghi được vào thư mục dữ liệu ${dir} (${reasonOf(e)}).`,
        en: `Cannot write to the data folder ${dir} (${reasonOf(e)}).`,
      },
      {
        vi: 'Kiểm tra ổ đĩa và quyền ghi của tài khoản vào thư mục này, hoặc báo bộ phận CNTT.',
        en: "Check the disk and this account's write permission on the folder, or call IT.",
      },
      facts,
    );
  }
  const st = fs.statfsSync(dir);
  const freeMb = Math.floor((Number(st.bavail) * Number(st.bsize)) / (1024 * 1024));
  facts.freeMb = freeMb;
  const t = input.thresholds;
  const detail = {
    vi: `Thư mục ${dir} ghi được; còn trống ${freeMb} MB.`,
    en: `Folder ${dir} is writable; ${freeMb} MB free.`,
  };
  const act = {
    vi: 'Giải phóng dung lượng ổ đĩa (xóa tệp tạm, chuyển bớt dữ liệu) hoặc báo bộ phận CNTT mở rộng ổ.',
    en: 'Free disk space (temporary files, move data elsewhere) or ask IT to enlarge the disk.',
  };
  if (freeMb < t.minFreeDiskMb) return error(detail, act, facts);
  if (freeMb < t.warnFreeDiskMb) return warning(detail, act, facts);
  return ok(detail, facts);
}

export function checkBackups(input: HealthInput): Finding {
  const row = input.archive.database
    .prepare(
      "SELECT at FROM audit_log WHERE action = 'archive.backed_up' ORDER BY seq DESC LIMIT 1",
    )
    .get() as { at: string } | undefined;
  const records = (
    input.archive.database.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }
  ).n;
  const act = {
    vi: 'Sao lưu ngay (sohoa backup <thư mục>) và đặt lịch sao lưu hằng ngày theo hướng dẫn triển khai.',
    en: 'Back up now (sohoa backup <dir>) and schedule a daily backup as the deployment guide says.',
  };
  if (!row) {
    const detail = {
      vi: `Chưa có bản sao lưu nào (${records} hồ sơ trong kho).`,
      en: `Never backed up (${records} record(s) in the archive).`,
    };
    return records === 0
      ? ok(detail, { lastBackupAt: null, records })
      : warning(detail, act, { lastBackupAt: null, records });
  }
  const at = new Date(row.at);
  const ageDays = Math.floor((input.now().getTime() - at.getTime()) / 86_400_000);
  const detail = {
    vi: `Lần sao lưu gần nhất: ${viDate(at)} (${ageDays} ngày trước).`,
    en: `Last backup: ${viDate(at)} (${ageDays} day(s) ago).`,
  };
  const facts = { lastBackupAt: row.at, ageDays, records };
  if (ageDays > input.thresholds.backupErrorDays) return error(detail, act, facts);
  if (ageDays > input.thresholds.backupWarnDays) return warning(detail, act, facts);
  return ok(detail, facts);
}

export function checkOutbox(input: HealthInput): Finding {
  const rows = input.archive.database
    .prepare(
      "SELECT state, count(*) AS n, min(created_at) AS oldest FROM outbox WHERE state != 'done' GROUP BY state",
    )
    .all() as { state: string; n: number; oldest: string }[];
  const count = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
  const waiting = count('pending') + count('uploading');
  const attention = count('needs_attention');
  const oldest = rows.map((r) => r.oldest).sort()[0] ?? null;
  const facts = { waiting, needsAttention: attention, oldest };
  const detail = {
    vi: `${waiting} hồ sơ đang chờ gửi, ${attention} hồ sơ cần xử lý.`,
    en: `${waiting} record(s) waiting to upload, ${attention} needing attention.`,
  };
  if (attention > 0)
    return error(
      detail,
      {
        vi: 'Mở màn hình Hộp gửi, xem lý do từng hồ sơ rồi gửi lại.',
        en: 'Open the Outbox screen, read each reason, then retry.',
      },
      facts,
    );
  if (waiting > input.thresholds.outboxWarnItems)
    return warning(
      detail,
      {
        vi: 'Kiểm tra kết nối tới kho lưu trữ (mục Kho lưu trữ ở trên).',
        en: 'Check the connection to the records store (the Records store check above).',
      },
      facts,
    );
  return ok(detail, facts);
}
