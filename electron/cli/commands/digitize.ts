import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coreOptionsFromEnv, openCore } from '../../core/pipeline/core';
import { t } from '../messages';
import { printOutcome } from '../report';
import type { Command } from './types';

export const digitizeCommand: Command = {
  name: 'digitize',
  usage: {
    vi: 'sohoa digitize <tệp ảnh…> [--out THƯ_MỤC] [--title TIÊU_ĐỀ] [--data-dir THƯ_MỤC] [--json]',
    en: 'sohoa digitize <image files…> [--out DIR] [--title TITLE] [--data-dir DIR] [--json]',
  },
  async run(argv, { lang }) {
    const { values, positionals: files } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        title: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (files.length === 0) {
      console.error(t(lang, 'noFiles'));
      return 2;
    }
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : undefined;
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
  },
};
