// The desk's settings as one validated record (Cài đặt): agency identity and codes, the signing
// key or token, scanners and hot folders, the records-store connector, the export folder and the
// language, how long each store keeps what it holds (retention) and which records stores IT lets
// the desk reach without TLS. The same schema checks the form in the renderer (instant field errors) and the save
// in the core. Each validation message is a key (`SettingsIssueKey`), translated by the UI, so a
// field error reads the same in Vietnamese and English wherever it was found.
// Secrets (a PKCS#12 password, S3 keys) are never part of this record: they travel write-only
// in the save request and are kept encrypted by the core; the record only says whether one is set.
import { z } from 'zod';
import { isPathGrant, type PathPurpose } from './contracts/host';
import { AGENCY_ID_PATTERN, DEFAULT_CODE_PATTERN, isValidCodePattern } from './dossierCode';

export const SETTINGS_ISSUE_KEYS = [
  'required',
  'tooLong',
  'agencyId',
  'codePattern',
  'absolutePath',
  'url',
  'dpiRange',
  'duplicateName',
  'duplicatePath',
  'label',
  'pathNotChosen',
  'numberRange',
  'httpNotAllowed',
  'invalid',
] as const;
export type SettingsIssueKey = (typeof SETTINGS_ISSUE_KEYS)[number];

const required = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong');

/** A full path on Windows (C:\…, \\server\share) or POSIX (/…): relative paths depend on where the app starts. */
export const ABSOLUTE_PATH = /^(?:[A-Za-z]:[\\/]|\\\\[^\\]+\\|\/)/;
const absolutePath = required(1000).regex(ABSOLUTE_PATH, 'absolutePath');
/**
 * A path field in a settings form or save: the path already saved, or the grant of a path the
 * clerk just chose in the host's dialog (shared/contracts/host.ts). The core turns grants into
 * paths and refuses any other new path (`pathNotChosen`).
 */
const pathOrGrant = z
  .string()
  .max(1000, 'tooLong')
  .refine((s) => ABSOLUTE_PATH.test(s) || isPathGrant(s), 'pathNotChosen');
const httpUrl = required(500).refine((s) => /^https?:\/\/[^\s/]+/i.test(s), 'url');
const optionalLabel = z.string().trim().max(200, 'tooLong').optional();

export const AgencySettings = z.object({
  /** Mã định danh cơ quan (ND 30/2020), e.g. H49.64.33: the first part of every dossier code. */
  id: required(13).regex(AGENCY_ID_PATTERN, 'agencyId'),
  name: required(300),
  /** How dossier codes are built (TT 01/2018 Art. 19 by default). */
  codePattern: required(60).refine(isValidCodePattern, 'codePattern'),
  /**
   * Địa danh on the receipt's date line ("Tân Hòa, ngày … tháng … năm …", ND 30/2020 Phụ lục I).
   * Optional: files saved before the field existed still open.
   */
  place: z.string().trim().max(100, 'tooLong').default(''),
});

/** A whole number of days, months or megabytes within the range a store allows. */
const whole = (min: number, max: number) =>
  z.number().int('numberRange').min(min, 'numberRange').max(max, 'numberRange');

/**
 * How long each store of the data folder keeps what it holds (the background retention job
 * applies it). Nothing the archive still needs is ever deleted: a batch's originals only once
 * every record it made is archived and its upload confirmed, a session only once finished or
 * abandoned. 0 days keeps a store's files (where 0 is allowed).
 */
export const RetentionSettings = z.object({
  /** A reception session nobody added a page to for this many days is abandoned and dropped. */
  sessionDays: whole(1, 30).default(1),
  /** A scan job that ended (done, failed, cancelled) this many days ago is deleted. */
  scanJobDays: whole(1, 365).default(7),
  /** Page images rendered for the viewer and batch thumbnails: at most this many MB, least recently used out first. */
  renderCacheMb: whole(20, 100_000).default(500),
  /** A batch's uploaded originals (batches/<id>/inputs): deleted once archived and uploaded, or kept. */
  batchOriginals: z.enum(['afterUpload', 'keep']).default('afterUpload'),
  /** Originals in a hot folder's done/ are deleted after this many days (0: kept). */
  hotFolderDoneDays: whole(0, 3650).default(30),
  /** Files staged from the reception's hot folders and never taken, deleted after this many days. */
  stagedDays: whole(1, 365).default(14),
  /** Copies of signed PDFs in output/ and packages in exports/ of the data folder (0: kept). */
  copiesDays: whole(0, 3650).default(30),
  /** Retention in years of a dossier that never became a record (refused, never completed). */
  unarchivedDossierYears: whole(1, 100).default(5),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;
export const DEFAULT_RETENTION: RetentionSettings = RetentionSettings.parse({});

/** An http:// or https:// origin (scheme, host and port), as IT names an endpoint. */
const origin = required(300).refine((s) => {
  try {
    const u = new URL(s);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s.replace(/\/+$/, '')
    );
  } catch {
    return false;
  }
}, 'url');

export const TransportSettings = z.object({
  /**
   * Records stores IT allows over plain HTTP (origins such as http://10.0.0.5:9000): a store on
   * the office network without TLS. Any other http:// endpoint is refused.
   */
  httpEndpoints: z.array(origin).max(10).default([]),
});
export type TransportSettings = z.infer<typeof TransportSettings>;

/** The origin of an endpoint URL (what `TransportSettings.httpEndpoints` lists), or null. */
export function endpointOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Whether the desk may send to this endpoint: https, or http that IT named. */
export function endpointAllowed(url: string, transport: TransportSettings): boolean {
  if (/^https:/i.test(url)) return true;
  const o = endpointOrigin(url);
  return o !== null && transport.httpEndpoints.some((e) => endpointOrigin(e) === o);
}

export const ScannerSettings = z.object({
  name: required(100),
  kind: z.enum(['escl', 'sane', 'twain']),
  /** eSCL: the scanner's URL; SANE: the device name; TWAIN: the source name. */
  address: required(300),
  dpi: z.number().int('dpiRange').min(150, 'dpiRange').max(600, 'dpiRange'),
  colour: z.enum(['bilevel', 'grey', 'colour']),
  duplex: z.boolean(),
});

/** The whole record, with `path` as the schema of every file-system path field. */
function deskSettingsWith(path: z.ZodType<string>) {
  const signing = z.discriminatedUnion('kind', [
    /** The generated test certificate: every mark says it has no legal value. */
    z.object({ kind: z.literal('demo') }),
    z.object({ kind: z.literal('pkcs12'), path }),
    z.object({
      kind: z.literal('pkcs11'),
      /** The token vendor's PKCS#11 library; the PIN is asked for at signing, never stored. */
      modulePath: path,
      tokenLabel: optionalLabel,
      keyLabel: optionalLabel,
    }),
  ]);
  const hotFolder = z.object({
    path,
    label: optionalLabel,
    /** Where pages from this folder go: reception (counter) or a digitization batch. */
    target: z.enum(['reception', 'batch']),
  });
  const connector = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('folder'), path }),
    z.object({
      kind: z.literal('s3'),
      endpoint: httpUrl,
      region: required(60),
      bucket: required(63).refine((s) => s.length >= 3, 'required'),
    }),
  ]);
  const desk = z
    .object({
      agency: AgencySettings,
      signing,
      /** RFC 3161 time-stamping authority (PAdES B-T); empty for none. */
      tsaUrl: z.union([z.literal(''), httpUrl]),
      scanners: z.array(ScannerSettings).max(20),
      hotFolders: z.array(hotFolder).max(20),
      connector,
      /** Where "Xuất gói" writes BagIt packages; empty = the data folder's exports/. */
      exportDir: z.union([z.literal(''), path]),
      language: z.enum(['vi', 'en']),
      retention: RetentionSettings.default(DEFAULT_RETENTION),
      transport: TransportSettings.default({ httpEndpoints: [] }),
    })
    .superRefine((s, ctx) => {
      if (s.connector.kind === 's3' && !endpointAllowed(s.connector.endpoint, s.transport))
        ctx.addIssue({
          code: 'custom',
          path: ['connector', 'endpoint'],
          message: 'httpNotAllowed',
        });
      const names = new Set<string>();
      s.scanners.forEach((sc, i) => {
        const key = sc.name.toLowerCase();
        if (names.has(key))
          ctx.addIssue({ code: 'custom', path: ['scanners', i, 'name'], message: 'duplicateName' });
        names.add(key);
      });
      const paths = new Set<string>();
      s.hotFolders.forEach((h, i) => {
        const key = h.path.replace(/[\\/]+$/, '').toLowerCase();
        if (paths.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['hotFolders', i, 'path'],
            message: 'duplicatePath',
          });
        paths.add(key);
      });
    });
  return { signing, hotFolder, connector, desk };
}

const saved = deskSettingsWith(absolutePath);
/** The settings as stored and used: every path a full path. */
export const SigningSettings = saved.signing;
export const HotFolderSettings = saved.hotFolder;
export const ConnectorSettings = saved.connector;
export type ConnectorSettings = z.infer<typeof ConnectorSettings>;
export const DeskSettings = saved.desk;
export type DeskSettings = z.infer<typeof DeskSettings>;

/** What the form edits and `settingsSave` takes: each path field the saved path or a grant. */
export const SettingsDraft = deskSettingsWith(pathOrGrant).desk;
export type SettingsDraft = z.infer<typeof SettingsDraft>;

/** Every file-system path field of the settings, with what it is chosen for. */
export function settingsPathFields(
  s: SettingsDraft,
): { field: string; purpose: PathPurpose; value: string }[] {
  const out: { field: string; purpose: PathPurpose; value: string }[] = [];
  if (s.signing.kind === 'pkcs12')
    out.push({ field: 'signing.path', purpose: 'pkcs12File', value: s.signing.path });
  if (s.signing.kind === 'pkcs11')
    out.push({ field: 'signing.modulePath', purpose: 'pkcs11Module', value: s.signing.modulePath });
  s.hotFolders.forEach((h, i) =>
    out.push({ field: `hotFolders.${i}.path`, purpose: 'hotFolder', value: h.path }),
  );
  if (s.connector.kind === 'folder')
    out.push({ field: 'connector.path', purpose: 'connectorFolder', value: s.connector.path });
  if (s.exportDir !== '')
    out.push({ field: 'exportDir', purpose: 'exportFolder', value: s.exportDir });
  return out;
}

export const DEFAULT_SETTINGS: DeskSettings = {
  agency: {
    id: 'SOHOA.DEMO',
    name: 'Cơ quan thử nghiệm Sohoa Desk',
    codePattern: DEFAULT_CODE_PATTERN,
    place: '',
  },
  signing: { kind: 'demo' },
  tsaUrl: '',
  scanners: [],
  hotFolders: [],
  connector: { kind: 'none' },
  exportDir: '',
  language: 'vi',
  retention: DEFAULT_RETENTION,
  transport: { httpEndpoints: [] },
};

/** Write-only secrets of a save; an absent one keeps what is stored. */
export const SettingsSecrets = z.object({
  p12Password: z.string().max(1000).optional(),
  s3AccessKeyId: z.string().max(200).optional(),
  s3SecretAccessKey: z.string().max(200).optional(),
});
export type SettingsSecrets = z.infer<typeof SettingsSecrets>;

export const SettingsIssue = z.object({
  /** Dotted path of the field: `agency.id`, `scanners.0.dpi`, `connector.path`. */
  path: z.string(),
  key: z.enum(SETTINGS_ISSUE_KEYS),
});
export type SettingsIssue = z.infer<typeof SettingsIssue>;

/** Zod's issues as field paths and message keys; an unknown message becomes `invalid`. */
export function settingsIssues(error: z.ZodError): SettingsIssue[] {
  return error.issues.map((issue) => {
    const key = (SETTINGS_ISSUE_KEYS as readonly string[]).includes(issue.message)
      ? (issue.message as SettingsIssueKey)
      : 'invalid';
    return { path: issue.path.map(String).join('.'), key };
  });
}

export function validateSettings(
  value: unknown,
): { ok: true; settings: DeskSettings } | { ok: false; issues: SettingsIssue[] } {
  const r = DeskSettings.safeParse(value);
  return r.success
    ? { ok: true, settings: r.data }
    : { ok: false, issues: settingsIssues(r.error) };
}

/** The form's check: like `validateSettings`, but a path field may hold a grant not yet resolved. */
export function validateSettingsDraft(
  value: unknown,
): { ok: true; settings: SettingsDraft } | { ok: false; issues: SettingsIssue[] } {
  const r = SettingsDraft.safeParse(value);
  return r.success
    ? { ok: true, settings: r.data }
    : { ok: false, issues: settingsIssues(r.error) };
}
