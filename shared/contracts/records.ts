// Contract channels for the archive search, document viewer, signature reports, export, outbox, audit log, settings.
// Spread into shared/contract.ts; the core's handlers are electron/core/api/recordsHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
export const RECORDS_CHANNELS = {} as const;
