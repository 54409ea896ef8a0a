// Contract channels for the reception counter screen beyond issue 6's channels (signing a dossier, receipt preview, recent procedures).
// Spread into shared/contract.ts; the core's handlers are electron/core/api/deskHandlers.ts.
// Every channel also goes into electron/preload/api.ts (EXPOSED) — tsc fails until it does.
export const DESK_CHANNELS = {} as const;
