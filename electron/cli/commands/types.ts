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
