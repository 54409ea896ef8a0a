import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coreOptionsFromEnv, openCore } from '../../core/pipeline/core';
import { t } from '../messages';
import { printOutcome } from '../report';
import type { Command } from './types';
import { USAGE } from '../usage';

export const digitizeCommand: Command = {
  name: 'digitize',
  usage: USAGE['digitize'],
  async run(argv, { lang }) {
    const { values, positionals: files } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        title: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-deskew': { type: 'boolean', default: false },
        'no-orientation': { type: 'boolean', default: false },
        workers: { type: 'string' },
      },
    });
    if (files.length === 0) {
      console.error(t(lang, 'noFiles'));
      return 2;
    }
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : undefined;
    const workers = values.workers ? Math.max(1, Number(values.workers) || 1) : undefined;
    const core = await openCore({
      ...coreOptionsFromEnv(),
      ...(dataDir ? { dataDir } : {}),
      ...(workers ? { ocrWorkers: workers } : {}),
    });
    // Ctrl+C stops the batch cleanly: nothing half-made is archived, the inputs are untouched.
    const cancel = new AbortController();
    const onSigint = () => cancel.abort();
    process.once('SIGINT', onSigint);
    try {
      if (!values.json) console.log(t(lang, 'digitizing', { n: files.length }));
      const showProgress = !values.json && process.stderr.isTTY;
      const outcome = await core.digitize(
        files.map((f) => ({ name: f, read: () => fs.readFile(f) })),
        {
          title: values.title,
          outDir: values.out ? path.resolve(values.out) : undefined,
          deskew: !values['no-deskew'],
          orientation: !values['no-orientation'],
          signal: cancel.signal,
          onProgress: showProgress
            ? (e) =>
                process.stderr.write(`\r${t(lang, 'progress', { done: e.done, total: e.total })}`)
            : undefined,
        },
      );
      if (showProgress) process.stderr.write('\n');
      if (values.json) console.log(JSON.stringify(outcome, null, 2));
      else printOutcome(lang, outcome, core.paths.database);
      return outcome.record && outcome.fileErrors.length === 0 ? 0 : 1;
    } finally {
      process.off('SIGINT', onSigint);
      await core.close();
    }
  },
};
