// Handlers for shared/contracts/intake.ts: one core call per channel.
import fs from 'node:fs';
import type { INTAKE_CHANNELS } from '../../../shared/contracts/intake';
import type { ErrorCode } from '../../../shared/errors';
import { listScanFiles } from '../acquire/fileImport';
import {
  HotFolderDriver,
  hotFoldersFromEnv,
  ledgerFileIn,
  type HotFolderConfig,
} from '../acquire/hotFolderDriver';
import { HotFolderLedger, type LedgerEntry } from '../acquire/hotFolderLedger';
import { measurePage } from '../separate/pageSignals';
import { separatorSheetPdf } from '../separate/separatorSheet';
import { adjustSplits, planSeparation } from '../separate/splitPlan';
import type { DomainHandlers, HandlerContext } from './context';

/** `hotFolders` for tests; by default the Settings' folders (read at each call) and the environment's. */
export function createIntakeHandlers(
  context: HandlerContext,
  hotFolders?: readonly HotFolderConfig[],
): DomainHandlers<typeof INTAKE_CHANNELS> {
  const ledgerFile = ledgerFileIn(context.core.paths.root);
  return {
    async hotFolderStatus() {
      // Whichever driver watches a folder (the batch queue's, the reception's), it shows here.
      const hotFolderDriver = new HotFolderDriver(
        hotFolders ?? configuredHotFolders(context),
        ledgerFile,
      );
      const devices = await hotFolderDriver.listDevices();
      return {
        folders: devices.map((device) => {
          const live = hotFolderDriver.active.get(device.id);
          const { counts, recent } = readLedger(ledgerFile, device.id);
          const status = live?.status();
          return {
            id: device.id,
            label: device.name,
            watching: Boolean(live),
            waiting: (status?.waiting ?? []).map((w) => ({ name: w.name, size: w.size })),
            handling: status?.handling ?? 0,
            counts,
            feed: status?.feed ?? recent.map(ledgerEvent),
            lastError:
              status?.lastError ?? (fs.existsSync(device.id) ? null : 'HOTFOLDER_UNREACHABLE'),
          };
        }),
      };
    },
    async importFolder({ grant }) {
      const listing = await listScanFiles(context.host.grants.redeem(grant, 'importFolder'));
      return {
        files: listing.files.map((f) => ({ name: f.name, size: f.size })),
        skipped: listing.skipped,
      };
    },
    async planSeparation({ pages, options }) {
      const signals = [];
      // One page at a time: a 200-page stack at 200 dpi would not fit decoded all at once.
      for (const page of pages) {
        signals.push(
          await measurePage(
            {
              name: page.name,
              ...(page.imageBase64 ? { image: Buffer.from(page.imageBase64, 'base64') } : {}),
              ...(page.text !== undefined ? { text: page.text } : {}),
              ...(page.blank !== undefined ? { blank: page.blank } : {}),
              ...(page.side ? { side: page.side } : {}),
            },
            options,
          ),
        );
      }
      return { plan: planSeparation(signals, options), signals };
    },
    adjustSplits({ plan, edit }) {
      return Promise.resolve({ plan: adjustSplits(plan, edit) });
    },
    async separatorSheet({ sheets }) {
      const pdf = await separatorSheetPdf(sheets);
      return { fileName: 'to-phan-tach.pdf', pdfBase64: pdf.toString('base64') };
    },
  };
}

function configuredHotFolders({ settings, env }: HandlerContext): HotFolderConfig[] {
  const folders = new Map<string, HotFolderConfig>();
  // Unreadable settings are the settings screen's to report; the environment's folders remain.
  for (const h of settings.saved()?.hotFolders ?? [])
    folders.set(h.path, { inbox: h.path, ...(h.label ? { label: h.label } : {}) });
  for (const f of hotFoldersFromEnv(env)) if (!folders.has(f.inbox)) folders.set(f.inbox, f);
  return [...folders.values()];
}

function readLedger(file: string, folder: string) {
  if (!fs.existsSync(file))
    return { counts: { taken: 0, done: 0, failed: 0 }, recent: [] as LedgerEntry[] };
  const ledger = new HotFolderLedger(file, folder);
  try {
    return { counts: ledger.counts(), recent: ledger.recent(50) };
  } finally {
    ledger.close();
  }
}

function ledgerEvent(e: LedgerEntry) {
  return {
    at: e.finishedAt ?? e.takenAt,
    kind:
      e.status === 'done'
        ? ('done' as const)
        : e.status === 'failed'
          ? ('error' as const)
          : ('taken' as const),
    name: e.name,
    ...(e.code ? { code: e.code as ErrorCode } : {}),
  };
}
