// Contract channels for the archive staff's digitization batches (queue, progress, pause/resume/cancel, review queue).
// Spread into shared/contract.ts; the core's handlers are electron/core/api/batchHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
export const BATCH_CHANNELS = {} as const;
