// Contract channels for the scanners (eSCL network scanners, SANE, TWAIN/WIA through NAPS2):
// list them, read what each can do, and scan jobs whose pages are staged on disk as they arrive
// (the screens poll `scanStatus` and take pages with `scanPages`; nothing is lost if the app
// stops mid-stack). The hot folder, file import and separation are in ./intake.ts.
// Spread into shared/contract.ts; the core's handlers are electron/core/api/acquireHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
import { z } from 'zod';
import { ErrorInfo } from '../errors';

export const ScannerKind = z.enum(['escl', 'sane', 'naps2']);
export type ScannerKind = z.infer<typeof ScannerKind>;

export const Scanner = z.object({
  kind: ScannerKind,
  /** eSCL base URL, SANE device name, or NAPS2 `driver:name`. */
  id: z.string().min(1).max(500),
  name: z.string(),
  model: z.string().optional(),
  /** False when a configured network scanner did not answer. */
  online: z.boolean().optional(),
  /** What IT set for this scanner in the settings screen: the scan form starts from it. */
  defaults: z
    .object({
      dpi: z.number().int().positive().optional(),
      colorMode: z.enum(['color', 'grey', 'bw']).optional(),
      duplex: z.boolean().optional(),
    })
    .optional(),
});
export type Scanner = z.infer<typeof Scanner>;

export const ScannerRef = z.object({ kind: ScannerKind, id: z.string().min(1).max(500) });

export const PaperSource = z.enum(['flatbed', 'feeder']);
export const ColorMode = z.enum(['color', 'grey', 'bw']);

export const ScannerCapabilities = z.object({
  sources: z.array(PaperSource),
  duplex: z.boolean(),
  colorModes: z.array(ColorMode),
  resolutions: z.array(z.number().int().positive()),
  maxWidthMm: z.number().positive().optional(),
  maxHeightMm: z.number().positive().optional(),
});
export type ScannerCapabilities = z.infer<typeof ScannerCapabilities>;

/** The defaults the digitization rules set for reception scans: feeder, colour, 200 dpi. */
export const ScanRequestSettings = z.object({
  source: PaperSource.default('feeder'),
  duplex: z.boolean().default(false),
  colorMode: ColorMode.default('color'),
  dpi: z.number().int().min(75).max(1200).default(200),
});

export const ScanJobId = z.string().regex(/^\d{8}-\d{6}-[0-9a-f]{6}$/);

export const StagedPage = z.object({
  name: z.string(),
  index: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string(),
  side: z.enum(['front', 'back']).optional(),
});

export const ScanJob = z.object({
  jobId: ScanJobId,
  device: z.object({ kind: ScannerKind, id: z.string(), name: z.string() }),
  settings: z.object({
    source: PaperSource,
    duplex: z.boolean(),
    colorMode: ColorMode,
    dpi: z.number(),
  }),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** interrupted: the app stopped mid-scan; the pages recorded before are all there. */
  state: z.enum(['scanning', 'done', 'error', 'cancelled', 'interrupted']),
  pages: z.array(StagedPage),
  /** Why the scan stopped (feeder empty, jam, …); the pages before it are kept. */
  error: ErrorInfo.optional(),
});
export type ScanJob = z.infer<typeof ScanJob>;

/** Pages per `scanPages` answer: a colour A4 page at 200 dpi is ~0.5–1 MB as JPEG. */
export const SCAN_PAGES_CHUNK = 20;

export const ACQUIRE_CHANNELS = {
  listScanners: {
    request: z.object({}),
    response: z.object({
      scanners: z.array(Scanner),
      /** A source that could not be listed (scanimage missing, timeout), said plainly. */
      problems: z.array(ErrorInfo),
    }),
  },
  scannerCapabilities: {
    request: ScannerRef,
    response: ScannerCapabilities,
  },
  startScan: {
    request: ScannerRef.extend({
      name: z.string().max(300).optional(),
      settings: ScanRequestSettings.default({
        source: 'feeder',
        duplex: false,
        colorMode: 'color',
        dpi: 200,
      }),
    }),
    response: ScanJob,
  },
  scanStatus: {
    request: z.object({ jobId: ScanJobId }),
    response: ScanJob,
  },
  cancelScan: {
    request: z.object({ jobId: ScanJobId }),
    response: ScanJob,
  },
  /** The staged pages' images, SCAN_PAGES_CHUNK at a time from `from` (page position). */
  scanPages: {
    request: z.object({
      jobId: ScanJobId,
      from: z.number().int().nonnegative().default(0),
    }),
    response: z.object({
      pages: z.array(
        z.object({
          name: z.string(),
          side: z.enum(['front', 'back']).optional(),
          dataBase64: z.string(),
        }),
      ),
      /** Where the next request starts, null when these were the last staged so far. */
      next: z.number().int().nonnegative().nullable(),
    }),
  },
  listScans: {
    request: z.object({}),
    response: z.object({ jobs: z.array(ScanJob) }),
  },
  /** Deletes a finished scan's staged pages (after they went into a dossier or batch). */
  discardScan: {
    request: z.object({ jobId: ScanJobId }),
    response: z.object({ discarded: z.literal(true) }),
  },
} as const;
