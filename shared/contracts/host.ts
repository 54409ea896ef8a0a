// Contract channels for what only the host (the Electron main process, or whatever shell runs the
// core) may do for the page: choose a file or folder of this machine in its own native dialog.
// The page never sends a path it typed: it gets an opaque grant for the one the clerk chose, bound
// to what it was chosen for, and sends that grant back, so the renderer never sees a file-system
// path it can choose freely. The token PIN is asked the same way, by the host, never by the page;
// its request shape lives here so the host's own PIN window (renderer/pin.html) and the core
// agree on it.
import { z } from 'zod';
import { ErrorInfo, type Localized } from '../errors';

/** What a path is chosen for: each purpose says file or folder, and which files to offer. */
export const PathPurpose = z.enum([
  'batchFolder',
  'importFolder',
  'hotFolder',
  'exportFolder',
  'connectorFolder',
  'pkcs12File',
  'pkcs11Module',
]);
export type PathPurpose = z.infer<typeof PathPurpose>;

export interface PathFilter {
  name: Localized;
  extensions: string[];
}

export interface PathPurposeSpec {
  kind: 'file' | 'folder';
  /** The native dialog's title. */
  title: Localized;
  filters?: PathFilter[];
}

export const PATH_PURPOSES: Record<PathPurpose, PathPurposeSpec> = {
  batchFolder: {
    kind: 'folder',
    title: { vi: 'Chọn thư mục ảnh quét để số hóa', en: 'Choose a folder of scans to digitize' },
  },
  importFolder: {
    kind: 'folder',
    title: { vi: 'Chọn thư mục ảnh quét để nhập', en: 'Choose a folder of scans to import' },
  },
  hotFolder: {
    kind: 'folder',
    title: { vi: 'Chọn thư mục theo dõi', en: 'Choose a folder to watch' },
  },
  exportFolder: {
    kind: 'folder',
    title: { vi: 'Chọn thư mục xuất gói hồ sơ', en: 'Choose the package export folder' },
  },
  connectorFolder: {
    kind: 'folder',
    title: { vi: 'Chọn thư mục nhận hồ sơ', en: 'Choose the destination folder' },
  },
  pkcs12File: {
    kind: 'file',
    title: { vi: 'Chọn tệp chứng thư PKCS#12', en: 'Choose the PKCS#12 certificate file' },
    filters: [
      {
        name: { vi: 'Tệp chứng thư (.p12, .pfx)', en: 'Certificate files (.p12, .pfx)' },
        extensions: ['p12', 'pfx'],
      },
    ],
  },
  pkcs11Module: {
    kind: 'file',
    title: { vi: 'Chọn thư viện PKCS#11 của token', en: 'Choose the token’s PKCS#11 library' },
    filters: [
      {
        name: {
          vi: 'Thư viện PKCS#11 (.dll, .so, .dylib)',
          en: 'PKCS#11 libraries (.dll, .so, .dylib)',
        },
        extensions: ['dll', 'so', 'dylib'],
      },
    ],
  },
};

/** An opaque, unguessable id for one path the clerk chose in the host's dialog. */
export const PATH_GRANT_PATTERN = /^grant:[A-Za-z0-9_-]{32}$/;
export const PathGrant = z.string().regex(PATH_GRANT_PATTERN);
export type PathGrant = z.infer<typeof PathGrant>;

export const isPathGrant = (value: string): boolean => PATH_GRANT_PATTERN.test(value);

/** What the host's PIN window is asked to show (and what the core's `askPin` receives). */
export const PinRequest = z.object({
  /** The token as the clerk knows it (its label), never a path. */
  tokenLabel: z.string(),
  /** 1 for the first ask of this signing, 2 after one wrong PIN, … */
  attempt: z.number().int().positive(),
  /** Why it is asked again: a wrong PIN, with what the token says of the tries left. */
  lastError: ErrorInfo.optional(),
});
export type PinRequest = z.infer<typeof PinRequest>;

export const HOST_CHANNELS = {
  /** Opens the host's native dialog for `purpose`; the grant stands for the chosen path. */
  choosePath: {
    request: z.object({
      purpose: PathPurpose,
      /** The page's language, for the dialog's title and filters. */
      language: z.enum(['vi', 'en']).default('vi'),
    }),
    response: z.discriminatedUnion('cancelled', [
      z.object({ cancelled: z.literal(true) }),
      z.object({
        cancelled: z.literal(false),
        grant: PathGrant,
        /** What to show the clerk (the chosen path, read-only: they chose it themselves). */
        label: z.string(),
      }),
    ]),
  },
} as const;
