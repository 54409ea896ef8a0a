// Checks of what the desk reaches over the network: the time-stamping authority (and the clock
// against its time, from the same answer), the records store (a small file written and read
// back, as an upload would), and each scanner IT configured.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import { esclBaseUrl } from '../../acquire/esclDriver';
import { connectorFor, fileKeyProvider, loadDestination } from '../../outbox/destination';
import { describeOffset, measureClockOffset, type ClockOffset } from '../clock';
import type { HealthInput } from '../input';
import { error, ok, reasonOf, warning, type Finding } from '../result';

export type TsaProbe =
  { url: null } | { url: string; offset: ClockOffset } | { url: string; failed: string };

export async function probeTsa(input: HealthInput): Promise<TsaProbe> {
  const url = input.signing.tsaUrl;
  if (!url) return { url: null };
  try {
    return { url, offset: await measureClockOffset(url, input.now) };
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    return { url, failed: reasonOf(cause ?? e) };
  }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function checkTsa(probe: TsaProbe): Finding {
  if (probe.url === null)
    return warning(
      {
        vi: 'Chưa đặt máy chủ dấu thời gian: chữ ký không có thời điểm ký tin cậy.',
        en: 'No time-stamping authority is set: signatures carry no trusted time.',
      },
      {
        vi: 'Đặt địa chỉ máy chủ dấu thời gian (TSA) trong Cài đặt hoặc policy.json.',
        en: 'Set the time-stamping authority (TSA) address in Settings or policy.json.',
      },
      { url: null },
    );
  if ('failed' in probe)
    return error(
      {
        vi: `Không nhận được dấu thời gian từ ${hostOf(probe.url)} (${probe.failed}).`,
        en: `No timestamp from ${hostOf(probe.url)} (${probe.failed}).`,
      },
      {
        vi: 'Kiểm tra mạng và địa chỉ máy chủ dấu thời gian; nếu vẫn lỗi, báo bộ phận CNTT.',
        en: 'Check the network and the TSA address; call IT if it persists.',
      },
      { url: probe.url, reachable: false },
    );
  return ok(
    {
      vi: `Máy chủ ${hostOf(probe.url)} cấp dấu thời gian trong ${probe.offset.roundTripMs} ms.`,
      en: `${hostOf(probe.url)} answered with a timestamp in ${probe.offset.roundTripMs} ms.`,
    },
    { url: probe.url, reachable: true, roundTripMs: probe.offset.roundTripMs },
  );
}

export function checkClock(probe: TsaProbe, input: HealthInput): Finding {
  if (probe.url === null || 'failed' in probe)
    return warning(
      {
        vi: 'Không so được đồng hồ: chưa có máy chủ dấu thời gian trả lời.',
        en: 'The clock could not be compared: no time-stamping authority answered.',
      },
      {
        vi: 'Đặt hoặc sửa máy chủ dấu thời gian (mục trên).',
        en: 'Set or fix the time-stamping authority (the check above).',
      },
      { offsetMs: null },
    );
  const { offsetMs } = probe.offset;
  const max = input.thresholds.clockMaxOffsetSeconds * 1000;
  const facts = { offsetMs, maxOffsetMs: max };
  const detail = {
    vi: `Đồng hồ máy lệch ${describeOffset(offsetMs)} so với máy chủ dấu thời gian (cho phép ${input.thresholds.clockMaxOffsetSeconds} s).`,
    en: `The clock is ${describeOffset(offsetMs)} off the time-stamping authority (${input.thresholds.clockMaxOffsetSeconds} s allowed).`,
  };
  const fix = {
    vi: 'Bật đồng bộ giờ của Windows (w32time) với máy chủ giờ của cơ quan, rồi kiểm tra lại.',
    en: "Turn on Windows time sync (w32time) with the agency's time server, then check again.",
  };
  if (Math.abs(offsetMs) > max)
    return error(
      {
        vi: `${detail.vi} Máy từ chối ký số cho đến khi chỉnh giờ.`,
        en: `${detail.en} Signing is refused until the clock is set.`,
      },
      fix,
      facts,
    );
  if (Math.abs(offsetMs) > max / 2) return warning(detail, fix, facts);
  return ok(detail, facts);
}

export async function checkRecordsStore(input: HealthInput): Promise<Finding> {
  const c = input.settings.connector;
  if (c.kind === 'none')
    return warning(
      {
        vi: 'Chưa đặt kho lưu trữ: hồ sơ chỉ nằm trên máy này.',
        en: 'No records store is set: records stay on this computer only.',
      },
      {
        vi: 'Đặt kho lưu trữ (thư mục mạng hoặc S3) trong Cài đặt hoặc policy.json.',
        en: 'Set the records store (network folder or S3) in Settings or policy.json.',
      },
      { kind: 'none' },
    );
  const where = c.kind === 'folder' ? c.path : `${c.bucket}@${hostOf(c.endpoint)}`;
  const facts = { kind: c.kind, where };
  const fix = {
    vi: 'Kiểm tra mạng, quyền ghi và khóa truy cập của kho; nếu vẫn lỗi, báo bộ phận CNTT.',
    en: "Check the network, the store's write permission and access keys; call IT if it persists.",
  };
  let dest;
  try {
    dest = loadDestination(input.dataDir, fileKeyProvider(input.keysDir));
  } catch (e) {
    return error(
      {
        vi: `Không đọc được khóa truy cập kho (${reasonOf(e)}).`,
        en: `The store's access keys cannot be read (${reasonOf(e)}).`,
      },
      fix,
      facts,
    );
  }
  if (!dest)
    return error(
      { vi: `Kho ${where} chưa có khóa truy cập.`, en: `Store ${where} has no access keys.` },
      {
        vi: 'Nhập khóa truy cập S3 trong Cài đặt, hoặc bộ phận CNTT ghi trong policy.json (connectorCredentials).',
        en: 'Enter the S3 access keys in Settings, or IT writes them in policy.json (connectorCredentials).',
      },
      facts,
    );
  const connector = connectorFor(dest);
  const key = `.sohoa-health/${os.hostname()}.txt`;
  const bytes = Buffer.from(`sohoa health ${input.now().toISOString()}\n`);
  try {
    await connector.put(key, bytes);
    const back = await connector.storedSha256(key);
    if (back !== createHash('sha256').update(bytes).digest('hex')) throw new Error('readback');
    return ok(
      {
        vi: `Ghi và đọc lại được một tệp thử ở kho ${where}.`,
        en: `A test file was written to and read back from ${where}.`,
      },
      { ...facts, writable: true },
    );
  } catch (e) {
    return error(
      {
        vi: `Không ghi được vào kho ${where} (${reasonOf(e)}).`,
        en: `Cannot write to store ${where} (${reasonOf(e)}).`,
      },
      fix,
      { ...facts, writable: false },
    );
  } finally {
    connector.close?.();
  }
}

function esclReachable(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(`${esclBaseUrl(address)}/ScannerStatus`);
    } catch {
      resolve(false);
      return;
    }
    // Only whether it answers: an HTTPS scanner's own certificate is pinned at scan time.
    const get = url.protocol === 'https:' ? https.get : http.get;
    const req = get(url, { timeout: 4000, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export async function checkScanners(input: HealthInput): Promise<Finding> {
  const scanners = input.settings.scanners;
  if (scanners.length === 0)
    return ok(
      {
        vi: 'Chưa đặt máy quét nào (có thể nhập tệp ảnh quét).',
        en: 'No scanner is set (scans can be imported as files).',
      },
      { configured: 0 },
    );
  const results = await Promise.all(
    scanners.map(async (s) => {
      if (s.kind === 'escl') return { name: s.name, ok: await esclReachable(s.address) };
      if (s.kind === 'sane') {
        const r = spawnSync('scanimage', ['-L'], { encoding: 'utf8', timeout: 15_000 });
        return { name: s.name, ok: r.status === 0 && r.stdout.includes(s.address) };
      }
      return { name: s.name, ok: null };
    }),
  );
  const down = results.filter((r) => r.ok === false).map((r) => r.name);
  const facts = Object.fromEntries(results.map((r) => [`scanner:${r.name}`, r.ok]));
  if (down.length > 0)
    return error(
      {
        vi: `Không kết nối được máy quét: ${down.join(', ')}.`,
        en: `Scanner(s) not reachable: ${down.join(', ')}.`,
      },
      {
        vi: 'Kiểm tra máy quét đã bật, cắm cáp và cùng mạng với máy tính.',
        en: 'Check the scanner is on, cabled and on the same network.',
      },
      facts,
    );
  return ok(
    { vi: `${results.length} máy quét trả lời.`, en: `${results.length} scanner(s) answer.` },
    facts,
  );
}
