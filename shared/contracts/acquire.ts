// Contract channels for the scanners and other page sources (eSCL, SANE, TWAIN via NAPS2, hot folder, file import) and separation.
// Spread into shared/contract.ts; the core's handlers are electron/core/api/acquireHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
export const ACQUIRE_CHANNELS = {} as const;
