// What configures the desk comes in layers, and this is the one order between them: what the
// Settings screen saved, then what IT set in the machine's environment, then what the caller of
// `createApi` passed (a shell, a test). A later layer wins key by key, and a key is taken whole
// (an agency, a key source), never merged field by field, so a value never mixes two sources.
// The defaults sit under all of them. A policy file IT deploys becomes one more layer here, and
// every reader of options (the core at open, the reception at each receipt) gets it at once.

export interface OptionLayers<T extends object> {
  /** What applies when no layer names a key. */
  defaults?: T;
  /** The settings file (Cài đặt). */
  saved: T;
  /** The process environment IT set (SOHOA_*). */
  env: T;
  /** The options the shell or a test passed to `createApi`. */
  caller: T;
}

export function inForce<T extends object>(layers: OptionLayers<T>): T {
  return { ...layers.defaults, ...layers.saved, ...layers.env, ...layers.caller };
}
