import type { Localized } from '../../../shared/errors';
import type { Lang } from '../messages';

export interface CommandContext {
  lang: Lang;
}

/** One `sohoa <name>` sub-command: it parses its own arguments and returns the exit code. */
export interface Command {
  name: string;
  usage: Localized;
  run(argv: string[], ctx: CommandContext): Promise<number>;
}

/**
 * A command as the registry knows it before it runs: what `--help` prints, and how to load the
 * module that does the work (which brings in the core it needs, and only then).
 */
export interface CommandEntry {
  name: string;
  /** The same text as the module's own `usage` (a unit test keeps the two equal). */
  usage: Localized;
  /**
   * Holds scanned pages in memory (decoding, OCR), so a long run is worth glibc's malloc
   * settings, which the launcher sets by starting a second process.
   */
  pages?: true;
  load(): Promise<Command>;
}
