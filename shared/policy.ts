// The machine configuration IT deploys to every desk (policy.json in the machine's configuration
// folder): settings it sets as defaults or locks, and what only IT decides (roles, whether a
// counter PC may be a shared account, the trust list, holiday notices, the data folder,
// where updates come from, logs and health thresholds). One schema checks it in the core, the
// `sohoa doctor` command and the screens; every problem names its JSON path (the core adds the
// line) and reads in Vietnamese and English, because the person reading it is IT at a desk.
//
// The one order between what configures a desk, lowest first:
//   built-in defaults < policy `defaults` < the clerk's Cài đặt < environment (SOHOA_*, only in
//   development and the CLI) < the shell's own options < policy `locked`.
// A key is taken whole from one layer (an agency, a connector), never merged field by field.
import { z } from 'zod';
import {
  DeskSettings,
  endpointAllowed,
  SETTINGS_ISSUE_KEYS,
  type SettingsIssueKey,
} from './settings';

export const POLICY_VERSION = 1;

export const ROLES = ['clerk', 'archivist', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do beyond the counter's and the archive room's daily work. */
export const PERMISSIONS = [
  'changeSettings',
  'eraseData',
  'restoreBackup',
  'cancelOthersBatches',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  clerk: [],
  archivist: ['cancelOthersBatches'],
  administrator: PERMISSIONS,
};

/** The settings keys a policy may set or lock: every key of the desk's settings. */
export const SETTINGS_KEYS = Object.keys(DeskSettings.shape) as (keyof DeskSettings)[];
export type SettingsKey = keyof DeskSettings;

/**
 * Some keys of the settings, each whole and valid as the settings schema says. A key the file
 * leaves out stays out (the settings' own defaults are not filled in here): only what IT wrote
 * is a default or a lock.
 */
export type PolicySettings = Partial<DeskSettings>;
export const PolicySettings = z
  .object(
    Object.fromEntries(
      Object.entries(DeskSettings.shape).map(([key, type]) => [
        key,
        (type instanceof z.ZodDefault ? (type.unwrap() as z.ZodType) : type).optional(),
      ]),
    ),
  )
  .strict() as unknown as z.ZodType<PolicySettings, Partial<z.input<typeof DeskSettings>>>;

const absolutePath = z
  .string()
  .min(1, 'required')
  .max(1000, 'tooLong')
  .regex(/^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\|\/)/, 'absolutePath');

const Members = z
  .object({
    /** Accounts as `DOMAIN\user` (or `user` for a local account). */
    accounts: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
    /** Windows or directory groups, as `DOMAIN\Group` or `Group`. */
    groups: z.array(z.string().trim().min(1).max(300)).max(200).default([]),
  })
  .strict();

export const PolicyRoles = z
  .object({
    administrator: Members.optional(),
    archivist: Members.optional(),
    clerk: Members.optional(),
    /** The role of an account no list names; `none` refuses everything a role grants. */
    others: z.enum([...ROLES, 'none']).default('clerk'),
  })
  .strict();
export type PolicyRoles = z.infer<typeof PolicyRoles>;

export const PolicyUpdates = z
  .object({
    /** The generic feed (latest.yml and the installers) on the agency's intranet. */
    url: z
      .string()
      .max(500, 'tooLong')
      .refine((s) => /^https?:\/\/[^\s/]+/i.test(s), 'url'),
    /** Only with true may the feed be on the public internet. */
    allowPublicInternet: z.boolean().default(false),
    /** How often the desk looks for a newer version. */
    checkHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
  })
  .strict();
export type PolicyUpdates = z.infer<typeof PolicyUpdates>;

/** When a health check warns or fails; defaults in HEALTH_DEFAULTS. */
export const PolicyHealth = z
  .object({
    minFreeDiskMb: z.number().int().min(1).optional(),
    warnFreeDiskMb: z.number().int().min(1).optional(),
    backupWarnDays: z.number().int().min(1).max(3650).optional(),
    backupErrorDays: z.number().int().min(1).max(3650).optional(),
    certificateWarnDays: z.number().int().min(1).max(3650).optional(),
    /** Beyond this offset from the time-stamping authority's clock, signing is refused. */
    clockMaxOffsetSeconds: z.number().int().min(1).max(86_400).optional(),
    outboxWarnItems: z.number().int().min(1).optional(),
  })
  .strict();

export const HEALTH_DEFAULTS = {
  minFreeDiskMb: 1024,
  warnFreeDiskMb: 5 * 1024,
  backupWarnDays: 7,
  backupErrorDays: 30,
  certificateWarnDays: 30,
  clockMaxOffsetSeconds: 120,
  outboxWarnItems: 50,
} as const satisfies Required<z.infer<typeof PolicyHealth>>;
export type HealthThresholds = { -readonly [K in keyof typeof HEALTH_DEFAULTS]: number };

export const PolicyLogs = z
  .object({
    level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
    /** One file per day, or sooner when it reaches this size. */
    maxFileMb: z.number().int().min(1).max(1024).default(10),
    keepFiles: z.number().int().min(1).max(365).default(14),
  })
  .strict();

/**
 * An address on the agency's own network: a private IPv4 address, a one-label name or a name
 * under an intranet suffix. Updates come from there unless IT allows the public internet.
 */
export function isIntranetUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return !host.includes('.') || /\.(local|lan|internal|intranet|corp|home\.arpa)$/.test(host);
}

export const MachinePolicy = z
  .object({
    version: z.literal(POLICY_VERSION),
    /** What the desk starts with; the clerk may change these in Cài đặt. */
    defaults: PolicySettings.default({}),
    /** What the desk uses whatever Cài đặt, the environment or the shell say; shown as set by IT. */
    locked: PolicySettings.default({}),
    /** Keys for an S3 records store the policy names (write-only: never shown, redacted in bundles). */
    connectorCredentials: z
      .object({
        accessKeyId: z.string().min(1).max(200),
        secretAccessKey: z.string().min(1).max(200),
      })
      .strict()
      .optional(),
    /** The roots every signature check trusts (a JSON list or a PEM bundle); replaces the shipped list. */
    trustListFile: absolutePath.optional(),
    /** Official holiday notices (one year each, CSV or JSON) loaded over the shipped calendar. */
    holidayNoticeFiles: z.array(absolutePath).max(20).default([]),
    /** Where the desk keeps its data; `{user}` becomes the signed-in account's name. */
    dataFolder: absolutePath.optional(),
    updates: PolicyUpdates.optional(),
    roles: PolicyRoles.optional(),
    /**
     * A counter PC signed in with one account for several people: each clerk then types their
     * name at the start of a shift, and that name is recorded beside the account.
     */
    sharedAccount: z.object({ allowed: z.boolean() }).strict().default({ allowed: false }),
    health: PolicyHealth.default({}),
    logs: PolicyLogs.default({ level: 'info', maxFileMb: 10, keepFiles: 14 }),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const key of Object.keys(p.locked))
      if (key in p.defaults)
        ctx.addIssue({ code: 'custom', path: ['defaults', key], message: 'lockedAndDefault' });
    if (p.updates && !p.updates.allowPublicInternet && !isIntranetUrl(p.updates.url))
      ctx.addIssue({ code: 'custom', path: ['updates', 'url'], message: 'publicUpdateUrl' });
    // The settings refuse an S3 store over plain http:// that transport does not list; IT's
    // layers are checked the same way here, so a lock never makes the settings unreadable.
    const transport = p.locked.transport ?? p.defaults.transport ?? { httpEndpoints: [] };
    for (const layer of ['locked', 'defaults'] as const) {
      const c = p[layer].connector;
      if (c?.kind === 's3' && !endpointAllowed(c.endpoint, transport))
        ctx.addIssue({
          code: 'custom',
          path: [layer, 'connector', 'endpoint'],
          message: 'httpNotAllowed',
        });
    }
    const s3 = [p.locked.connector, p.defaults.connector].some((c) => c?.kind === 's3');
    if (p.connectorCredentials && !s3)
      ctx.addIssue({
        code: 'custom',
        path: ['connectorCredentials'],
        message: 'unusedCredentials',
      });
  });
export type MachinePolicy = z.infer<typeof MachinePolicy>;

/** One problem of the file: where (JSON path, line when known) and what, in both languages. */
export const PolicyProblem = z.object({
  /** Dotted JSON path: `locked.agency.id`, `roles.clerk.groups.0`; empty for the whole file. */
  path: z.string(),
  /** 1-based line in the file, when the text could be read. */
  line: z.number().int().positive().optional(),
  message: z.object({ vi: z.string(), en: z.string() }),
});
export type PolicyProblem = z.infer<typeof PolicyProblem>;

type Text = { vi: string; en: string };

const SETTINGS_TEXT: Record<SettingsIssueKey, Text> = {
  required: { vi: 'cần có giá trị', en: 'a value is required' },
  tooLong: { vi: 'quá dài', en: 'too long' },
  agencyId: {
    vi: 'mã định danh cơ quan không đúng dạng (ví dụ H49.64.33)',
    en: 'the agency identifier is malformed (e.g. H49.64.33)',
  },
  codePattern: { vi: 'mẫu mã hồ sơ không hợp lệ', en: 'the dossier code pattern is invalid' },
  absolutePath: {
    vi: 'cần đường dẫn đầy đủ (C:\\…, \\\\máy-chủ\\… hoặc /…)',
    en: 'a full path is required (C:\\…, \\\\server\\… or /…)',
  },
  url: {
    vi: 'cần địa chỉ http:// hoặc https://',
    en: 'an http:// or https:// address is required',
  },
  dpiRange: { vi: 'độ phân giải phải từ 150 đến 600', en: 'the resolution must be 150 to 600' },
  duplicateName: { vi: 'tên bị trùng', en: 'the name is used twice' },
  duplicatePath: { vi: 'thư mục bị trùng', en: 'the folder is listed twice' },
  duplicatePlace: { vi: 'nơi nhận kết quả bị trùng', en: 'the collection place is listed twice' },
  label: { vi: 'nhãn không hợp lệ', en: 'the label is invalid' },
  pathNotChosen: { vi: 'đường dẫn không hợp lệ', en: 'the path is not valid' },
  numberRange: {
    vi: 'phải là số nguyên trong khoảng cho phép',
    en: 'must be a whole number in the allowed range',
  },
  httpNotAllowed: {
    vi: 'địa chỉ http:// phải có trong transport.httpEndpoints (hoặc dùng https://)',
    en: 'an http:// address must be listed in transport.httpEndpoints (or use https://)',
  },
  invalid: { vi: 'giá trị không hợp lệ', en: 'the value is invalid' },
};

const POLICY_TEXT: Record<string, Text> = {
  lockedAndDefault: {
    vi: 'một mục không thể vừa khóa vừa là mặc định; hãy bỏ ở một trong hai',
    en: 'a key cannot be both locked and a default; remove it from one of them',
  },
  publicUpdateUrl: {
    vi: 'nguồn cập nhật phải nằm trong mạng nội bộ (hoặc đặt allowPublicInternet: true)',
    en: 'the update source must be on the intranet (or set allowPublicInternet: true)',
  },
  unusedCredentials: {
    vi: 'khóa truy cập chỉ dùng khi kho lưu trữ là S3',
    en: 'access keys apply only when the records store is S3',
  },
};

const VI_TYPE: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'true/false',
  object: 'đối tượng {…}',
  array: 'danh sách […]',
};

/** The reader's words for one schema issue (zod's own messages are English-only and technical). */
export function policyIssueText(issue: z.core.$ZodIssue): Text {
  const key = issue.message;
  if ((SETTINGS_ISSUE_KEYS as readonly string[]).includes(key))
    return SETTINGS_TEXT[key as SettingsIssueKey];
  if (POLICY_TEXT[key]) return POLICY_TEXT[key];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.join(', ');
      return { vi: `mục không được biết: ${keys}`, en: `unknown key(s): ${keys}` };
    }
    case 'invalid_type':
      return issue.input === undefined
        ? { vi: 'thiếu mục bắt buộc', en: 'a required key is missing' }
        : {
            vi: `sai kiểu, cần ${VI_TYPE[issue.expected] ?? issue.expected}`,
            en: `wrong type, ${issue.expected} expected`,
          };
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { vi: `chỉ nhận: ${values}`, en: `must be one of: ${values}` };
    }
    case 'too_small':
      return {
        vi: `nhỏ hơn mức tối thiểu ${issue.minimum}`,
        en: `below the minimum ${issue.minimum}`,
      };
    case 'too_big':
      return {
        vi: `lớn hơn mức tối đa ${issue.maximum}`,
        en: `above the maximum ${issue.maximum}`,
      };
    case 'invalid_union':
      return { vi: 'không khớp kiểu nào được phép', en: 'matches none of the allowed forms' };
    default:
      return SETTINGS_TEXT.invalid;
  }
}

/** The schema's issues as problems (without lines: the core finds them in the text). */
export function policyProblems(error: z.ZodError): PolicyProblem[] {
  return error.issues.map((issue) => {
    const segments =
      issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    return { path: segments.map(String).join('.'), message: policyIssueText(issue) };
  });
}

/** Parses a policy object (already read from JSON). */
export function validatePolicy(
  value: unknown,
): { ok: true; policy: MachinePolicy } | { ok: false; problems: PolicyProblem[] } {
  const r = MachinePolicy.safeParse(value, { reportInput: true });
  return r.success
    ? { ok: true, policy: r.data }
    : { ok: false, problems: policyProblems(r.error) };
}

/** The role's permissions, for the screens and the core's checks alike. */
export function mayDo(role: Role | 'none', permission: Permission): boolean {
  return role !== 'none' && ROLE_PERMISSIONS[role].includes(permission);
}
