// `sohoa` command line. Exit codes: 0 when every input was processed, 1 when something failed
// (each failure reported, naming its file), 2 for a usage error. This module and the registry are
// all that `sohoa --help` loads: the command that runs brings in its own part of the core.
import { COMMANDS } from './commands';
import type { CommandEntry } from './commands/types';
import { t, type Lang } from './messages';

interface CommandLine {
  lang: Lang;
  name: string | undefined;
  rest: string[];
}

function parseCommandLine(argv: string[]): CommandLine {
  const langAt = argv.indexOf('--lang');
  const langArg = langAt >= 0 ? argv[langAt + 1] : undefined;
  const lang: Lang = (langArg ?? process.env.SOHOA_LANG) === 'en' ? 'en' : 'vi';
  const args = langAt >= 0 ? [...argv.slice(0, langAt), ...argv.slice(langAt + 2)] : argv;
  const [name, ...rest] = args;
  return { lang, name, rest };
}

const find = (name: string | undefined): CommandEntry | undefined =>
  COMMANDS.find((c) => c.name === name);

/** Whether this command line runs a command that holds scanned pages in memory. */
export function holdsPages(argv: string[]): boolean {
  return find(parseCommandLine(argv).name)?.pages === true;
}

export async function main(argv: string[]): Promise<number> {
  const { lang, name, rest } = parseCommandLine(argv);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(lang));
    return name ? 0 : 2;
  }
  const entry = find(name);
  if (!entry) {
    console.error(t(lang, 'unknownCommand', { cmd: name }));
    console.error(usage(lang));
    return 2;
  }
  try {
    const command = await entry.load();
    // Loaded here, not at the top: `sohoa --help` must not pay for the vault and the core.
    await (await import('./vault')).prepareCliVault(name, rest);
    return await command.run(rest, { lang });
  } catch (e) {
    return failed(e, lang);
  }
}

/** Whatever went wrong, the clerk gets one readable line, never a stack trace. */
async function failed(e: unknown, lang: Lang): Promise<number> {
  // The error table (and zod under it) loads only here, so `--help` does without it.
  const { errorInfo, isSohoaError } = await import('../../shared/errors');
  const badArgs = (e as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;
  const info = isSohoaError(e)
    ? e.info
    : errorInfo(badArgs ? 'BAD_REQUEST' : 'INTERNAL', e instanceof Error ? e.message : String(e));
  console.error(`✗ ${info.message[lang]}`);
  if (process.env.SOHOA_DEBUG) console.error(e);
  return badArgs ? 2 : 1;
}

function usage(lang: Lang): string {
  const heading = lang === 'vi' ? 'Cách dùng' : 'Usage';
  const common = lang === 'vi' ? 'Tùy chọn chung: --lang vi|en' : 'Common options: --lang vi|en';
  return [`${heading}:`, ...COMMANDS.map((c) => `  ${c.usage[lang]}`), common].join('\n');
}
