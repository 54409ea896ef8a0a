// `sohoa` command line: headless digitizing and the demo. Exit code 0 only when every input
// was processed; a bad file is reported (naming it) and the others still go through.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorInfo, isSohoaError } from '../../shared/errors';
import { defaultDataDir } from '../core/config/paths';
import { coreOptionsFromEnv, openCore } from '../core/pipeline/core';
import { runDemo } from './demo/runDemo';
import { t, type Lang } from './messages';
import { printOutcome } from './report';

export async function main(argv: string[]): Promise<number> {
  const langArg = argv.includes('--lang') ? argv[argv.indexOf('--lang') + 1] : undefined;
  const lang: Lang = (langArg ?? process.env.SOHOA_LANG) === 'en' ? 'en' : 'vi';
  try {
    return await runCommand(argv);
  } catch (e) {
    // Whatever went wrong, the clerk gets one readable line, never a stack trace.
    const info = isSohoaError(e)
      ? e.info
      : errorInfo('INTERNAL', e instanceof Error ? e.message : String(e));
    console.error(`✗ ${info.message[lang]}`);
    if (process.env.SOHOA_DEBUG) console.error(e);
    return 1;
  }
}

async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      title: { type: 'string' },
      'data-dir': { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const lang: Lang = (values.lang ?? process.env.SOHOA_LANG) === 'en' ? 'en' : 'vi';
  const [command, ...files] = positionals;
  if (values.help || !command) {
    console.log(t(lang, 'usage'));
    return command ? 0 : 2;
  }
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : undefined;

  switch (command) {
    case 'digitize': {
      if (files.length === 0) {
        console.error(t(lang, 'noFiles'));
        return 2;
      }
      const core = await openCore({ ...coreOptionsFromEnv(), ...(dataDir ? { dataDir } : {}) });
      try {
        if (!values.json) console.log(t(lang, 'digitizing', { n: files.length }));
        const outcome = await core.digitize(
          files.map((f) => ({ name: f, read: () => fs.readFile(f) })),
          { title: values.title, outDir: values.out ? path.resolve(values.out) : undefined },
        );
        if (values.json) console.log(JSON.stringify(outcome, null, 2));
        else printOutcome(lang, outcome, core.paths.database);
        return outcome.dossier && outcome.fileErrors.length === 0 ? 0 : 1;
      } finally {
        await core.close();
      }
    }
    case 'demo':
      return runDemo({ lang, dataDir: dataDir ?? path.join(defaultDataDir(), 'demo') });
    default:
      console.error(t(lang, 'unknownCommand', { cmd: command }));
      console.error(t(lang, 'usage'));
      return 2;
  }
}
