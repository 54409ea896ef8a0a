// Checks of the data the desk ships or IT provides: OCR language data and fonts (read from the
// installed packages, never downloaded), next year's holiday calendar (official or estimated),
// and the trust list (each root's certificate and, for a listed root, its pinned fingerprint).
import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { packagedModelPath } from '../../ocr/languageData';
import { TEXT_LAYER_FONT } from '../../pdf/fonts';
import { MARK_FONT_PATH } from '../../sign/appearance';
import { validPolicy, type HealthInput } from '../input';
import { error, ok, reasonOf, warning, type Finding } from '../result';

const OCR_LANGUAGES = ['vie', 'eng', 'osd'];
const reinstall = {
  vi: 'Cài lại Sohoa Desk (bộ cài có sẵn dữ liệu này) hoặc báo bộ phận CNTT.',
  en: 'Reinstall Sohoa Desk (the installer carries this data) or call IT.',
};

function missingFiles(files: Record<string, () => string>): string[] {
  return Object.entries(files)
    .filter(([, locate]) => {
      try {
        return fs.statSync(locate()).size === 0;
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
}

export function checkLanguageData(): Finding {
  const missing = missingFiles(
    Object.fromEntries(OCR_LANGUAGES.map((l) => [l, () => packagedModelPath(l)])),
  );
  if (missing.length > 0)
    return error(
      {
        vi: `Thiếu dữ liệu nhận dạng chữ: ${missing.join(', ')}.`,
        en: `OCR language data missing: ${missing.join(', ')}.`,
      },
      reinstall,
      { missing: missing.join(',') },
    );
  return ok(
    {
      vi: 'Có dữ liệu nhận dạng tiếng Việt, tiếng Anh và hướng trang.',
      en: 'Vietnamese, English and page-orientation data are present.',
    },
    { languages: OCR_LANGUAGES.join(',') },
  );
}

export function checkFonts(): Finding {
  const missing = missingFiles({
    'DejaVu Sans': () => TEXT_LAYER_FONT,
    Tinos: () => MARK_FONT_PATH,
  });
  if (missing.length > 0)
    return error(
      {
        vi: `Thiếu phông chữ: ${missing.join(', ')}.`,
        en: `Fonts missing: ${missing.join(', ')}.`,
      },
      reinstall,
      { missing: missing.join(',') },
    );
  return ok(
    {
      vi: 'Có phông chữ cho lớp chữ OCR, dấu chữ ký và phiếu.',
      en: 'Fonts for the OCR text layer, the signature mark and slips are present.',
    },
    {},
  );
}

/** The holiday year file the desk would use: the data folder's correction, else the shipped one. */
function yearFile(input: HealthInput, year: number): string | null {
  for (const dir of [
    path.join(input.dataDir, 'holidays'),
    path.join(input.resourcesDir, 'holidays'),
  ]) {
    const file = path.join(dir, `${year}.json`);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

export function checkHolidays(input: HealthInput): Finding {
  const year = input.now().getFullYear() + 1;
  const notices = validPolicy(input)?.holidayNoticeFiles ?? [];
  const absent = notices.filter((f) => !fs.existsSync(f));
  const file = yearFile(input, year);
  const facts = { year, file, notices: notices.length, noticesMissing: absent.length };
  const load = {
    vi: `Nạp thông báo nghỉ lễ năm ${year} của cơ quan có thẩm quyền trong Cài đặt (Lịch nghỉ lễ) hoặc qua policy.json.`,
    en: `Load the official ${year} holiday notice in Settings (Holidays) or through policy.json.`,
  };
  if (absent.length > 0)
    return error(
      {
        vi: `Không thấy tệp thông báo nghỉ lễ do bộ phận CNTT chỉ định: ${absent.join(', ')}.`,
        en: `Holiday notice files IT named are missing: ${absent.join(', ')}.`,
      },
      load,
      facts,
    );
  if (!file)
    return warning(
      {
        vi: `Chưa có lịch nghỉ lễ năm ${year}: ngày hẹn trả kết quả sang năm có thể sai.`,
        en: `No holiday calendar for ${year}: appointment dates next year may be wrong.`,
      },
      load,
      facts,
    );
  let status = 'official';
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { status?: unknown };
    if (typeof data.status === 'string') status = data.status;
  } catch (e) {
    return error(
      {
        vi: `Tệp lịch nghỉ lễ ${year} hỏng (${reasonOf(e)}).`,
        en: `The ${year} holiday file is damaged (${reasonOf(e)}).`,
      },
      load,
      facts,
    );
  }
  if (status !== 'official')
    return warning(
      {
        vi: `Lịch nghỉ lễ năm ${year} là lịch ước tính, chưa có thông báo chính thức.`,
        en: `The ${year} holidays are estimated; no official notice yet.`,
      },
      load,
      { ...facts, status },
    );
  return ok(
    {
      vi: `Đã có lịch nghỉ lễ chính thức năm ${year}.`,
      en: `The official ${year} holiday calendar is loaded.`,
    },
    { ...facts, status },
  );
}

const sha256 = (der: Buffer) => createHash('sha256').update(der).digest('hex');

/** Roots of a trust file: a JSON list (files pinned by SHA-256) or a PEM bundle. */
export function trustRoots(file: string): { roots: number; problems: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const problems: string[] = [];
  let roots = 0;
  if (text.trimStart().startsWith('{')) {
    const list = JSON.parse(text) as { roots?: { file?: string; pem?: string; sha256?: string }[] };
    for (const [i, r] of (list.roots ?? []).entries()) {
      try {
        const pem =
          r.pem ?? fs.readFileSync(path.resolve(path.dirname(file), r.file ?? ''), 'utf8');
        const der = new X509Certificate(pem).raw;
        if (r.sha256 && r.sha256.toLowerCase().replace(/:/g, '') !== sha256(der))
          throw new Error('pin');
        roots++;
      } catch (e) {
        problems.push(
          `roots.${i} (${r.file ?? 'pem'}: ${e instanceof Error && e.message === 'pin' ? 'fingerprint differs' : reasonOf(e)})`,
        );
      }
    }
  } else {
    for (const block of text.match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
    ) ?? []) {
      try {
        new X509Certificate(block);
        roots++;
      } catch (e) {
        problems.push(reasonOf(e));
      }
    }
  }
  return { roots, problems };
}

export function checkTrustList(input: HealthInput): Finding {
  const fromPolicy = validPolicy(input)?.trustListFile;
  const file = fromPolicy ?? path.join(input.resourcesDir, 'trust', 'trust-list.json');
  const facts = { file, origin: fromPolicy ? 'policy' : 'shipped' };
  const fix = {
    vi: 'Bộ phận CNTT kiểm tra tệp danh sách chứng thư gốc (đường dẫn trong policy.json) hoặc cài lại Sohoa Desk.',
    en: 'IT checks the trust list file (its path in policy.json) or reinstalls Sohoa Desk.',
  };
  if (!fs.existsSync(file))
    return (fromPolicy ? error : warning)(
      {
        vi: `Không thấy danh sách chứng thư gốc ${file}: chữ ký của người khác không được xác nhận là tin cậy.`,
        en: `Trust list ${file} not found: other parties' signatures cannot be shown as trusted.`,
      },
      fix,
      facts,
    );
  let found: { roots: number; problems: string[] };
  try {
    found = trustRoots(file);
  } catch (e) {
    return error(
      {
        vi: `Danh sách chứng thư gốc ${path.basename(file)} hỏng (${reasonOf(e)}).`,
        en: `Trust list ${path.basename(file)} is damaged (${reasonOf(e)}).`,
      },
      fix,
      facts,
    );
  }
  const all = { ...facts, roots: found.roots, problems: found.problems.length };
  if (found.roots === 0)
    return error(
      {
        vi: 'Danh sách chứng thư gốc không có chứng thư nào dùng được.',
        en: 'The trust list has no usable root.',
      },
      fix,
      all,
    );
  if (found.problems.length > 0)
    return warning(
      {
        vi: `${found.roots} chứng thư gốc dùng được; bỏ qua: ${found.problems.join('; ')}.`,
        en: `${found.roots} usable root(s); skipped: ${found.problems.join('; ')}.`,
      },
      fix,
      all,
    );
  return ok(
    {
      vi: `Đã nạp ${found.roots} chứng thư gốc tin cậy.`,
      en: `${found.roots} trusted root(s) loaded.`,
    },
    all,
  );
}
