// What configures the desk comes in layers, and this is the one order between them (documented
// for IT in shared/policy.ts and docs/deploy-windows.md): the built-in defaults, IT's policy
// defaults and the clerk's Cài đặt (already merged by ./layers.ts as `saved`), then the
// environment IT or a developer set (SOHOA_*; silenced in the installed app for keys, modules,
// the data folder and stores), then what the caller of `createApi` passed (a shell, a test), and
// over everything what IT's policy locks. A later layer wins key by key, and a key is taken whole
// (an agency, a key source), never merged field by field, so a value never mixes two sources.
// Every reader of options (the core at open, the reception at each receipt) goes through here.

export interface OptionLayers<T extends object> {
  /** What applies when no layer names a key. */
  defaults?: T;
  /** The settings in force from Cài đặt and IT's defaults. */
  saved: T;
  /** The process environment (SOHOA_*), less what the policy or a packaged app silence. */
  env: T;
  /** The options the shell or a test passed to `createApi`. */
  caller: T;
  /** What IT's policy locks: nothing below can change it. */
  locked?: T;
}

export function inForce<T extends object>(layers: OptionLayers<T>): T {
  return {
    ...layers.defaults,
    ...layers.saved,
    ...layers.env,
    ...layers.caller,
    ...layers.locked,
  };
}
