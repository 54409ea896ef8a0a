// Contract channels for intake: the hot folder's feed, file and folder import, and separating a
// stack into documents (splits shown and movable, separator sheets printable).
// Spread into shared/contract.ts; the core's handlers are electron/core/api/intakeHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
export const INTAKE_CHANNELS = {} as const;
