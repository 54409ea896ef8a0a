import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../core/config/paths';
import { runDemo } from '../demo/runDemo';
import type { Command } from './types';
import { USAGE } from '../usage';

export const demoCommand: Command = {
  name: 'demo',
  usage: USAGE['demo'],
  run(argv, { lang }) {
    const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } } });
    // The demo keeps its own data folder so it never mixes with real dossiers.
    const dataDir = values['data-dir']
      ? path.resolve(values['data-dir'])
      : path.join(defaultDataDir(), 'demo');
    return runDemo({ lang, dataDir });
  },
};
