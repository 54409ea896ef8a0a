import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../core/config/paths';
import { resourcesDir } from '../../core/dossier/resources';
import { loadAnchors } from '../../core/sign/chain';
import { deskVerifyOptions } from '../../core/sign/trust/verifySetup';
import { exitCodeOf } from '../../core/sign/verify/indication';
import { formatReport } from '../../core/sign/verify/reportText';
import { verifyPdf } from '../../core/sign/verify/verifyPdf';
import type { Command } from './types';
import { USAGE } from '../usage';

export const verifyCommand: Command = {
  name: 'verify',
  usage: USAGE['verify'],
  async run(argv, { lang }) {
    const { values, positionals: files } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        trust: { type: 'string' },
        'trust-list': { type: 'string' },
        offline: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
      },
    });
    if (files.length === 0) {
      console.error(lang === 'vi' ? 'Chưa chỉ định tệp PDF nào.' : 'No PDF file given.');
      return 2;
    }
    const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
    const machineFile = values['trust-list'] ?? process.env.SOHOA_TRUST_LIST;
    const options = deskVerifyOptions({
      shippedDir: path.join(resourcesDir(), 'trust'),
      ...(machineFile ? { machineFile: path.resolve(machineFile) } : {}),
      // The clerk's trust edits and the revocation cache live in an existing data folder only.
      ...(fs.existsSync(dataDir) ? { dataDir } : {}),
      online: !values.offline,
    });
    const trustAnchors = values.trust ? await loadAnchors(path.resolve(values.trust)) : [];
    let worst = 0;
    const results = [];
    for (const file of files) {
      const report = await verifyPdf(await fs.promises.readFile(file), {
        ...options,
        trustAnchors,
      });
      worst = Math.max(worst, exitCodeOf(report.indication));
      if (values.json) results.push({ file: path.basename(file), ...report });
      else console.log(formatReport(report, lang, path.basename(file)));
    }
    if (values.json)
      console.log(JSON.stringify(files.length === 1 ? results[0] : results, null, 2));
    return worst;
  },
};
