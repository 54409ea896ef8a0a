// `sohoa` command line. Exit codes: 0 when every input was processed, 1 when something failed
// (each failure reported, naming its file), 2 for a usage error.
import { errorInfo, isSohoaError } from '../../shared/errors';
import { COMMANDS } from './commands';
import { t, type Lang } from './messages';
import { prepareCliVault } from './vault';

export async function main(argv: string[]): Promise<number> {
  const langAt = argv.indexOf('--lang');
  const langArg = langAt >= 0 ? argv[langAt + 1] : undefined;
  const lang: Lang = (langArg ?? process.env.SOHOA_LANG) === 'en' ? 'en' : 'vi';
  const args = langAt >= 0 ? [...argv.slice(0, langAt), ...argv.slice(langAt + 2)] : argv;
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(lang));
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(t(lang, 'unknownCommand', { cmd: name }));
    console.error(usage(lang));
    return 2;
  }
  try {
    await prepareCliVault(name, rest);
    return await command.run(rest, { lang });
  } catch (e) {
    // Whatever went wrong, the clerk gets one readable line, never a stack trace.
    const info = isSohoaError(e)
      ? e.info
      : errorInfo(
          (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 'BAD_REQUEST' : 'INTERNAL',
          e instanceof Error ? e.message : String(e),
        );
    console.error(`✗ ${info.message[lang]}`);
    if (process.env.SOHOA_DEBUG) console.error(e);
    return (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

function usage(lang: Lang): string {
  const heading = lang === 'vi' ? 'Cách dùng' : 'Usage';
  const common = lang === 'vi' ? 'Tùy chọn chung: --lang vi|en' : 'Common options: --lang vi|en';
  return [`${heading}:`, ...COMMANDS.map((c) => `  ${c.usage[lang]}`), common].join('\n');
}
