// `sohoa support-bundle OUT.zip`: what IT asks a clerk to send when a desk misbehaves (the logs,
// the doctor's report, versions, the configuration in force), with every secret redacted.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineHealthInput } from '../../core/health/machineInput';
import { runHealth } from '../../core/health/report';
import { machineLogDir } from '../../core/log/logger';
import { writeSupportBundle } from '../../core/log/supportBundle';
import { USAGE } from '../usage';
import type { Command } from './types';

function appVersion(): string {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const supportBundleCommand: Command = {
  name: 'support-bundle',
  usage: USAGE['support-bundle'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        'log-dir': { type: 'string' },
        policy: { type: 'string' },
      },
    });
    if (positionals.length !== 1) {
      console.error(this.usage[lang]);
      return 2;
    }
    const input = machineHealthInput({
      ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
      ...(values.policy ? { policyFile: path.resolve(values.policy) } : {}),
    });
    try {
      const health = await runHealth(input);
      const target = path.resolve(positionals[0]!);
      const files = writeSupportBundle(
        {
          dataDir: input.dataDir,
          keysDir: input.keysDir,
          logDir: values['log-dir'] ? path.resolve(values['log-dir']) : machineLogDir(),
          policy: input.policy,
          env: process.env,
          health,
          appVersion: appVersion(),
        },
        target,
      );
      console.log(
        lang === 'vi'
          ? `✓ Đã ghi gói hỗ trợ ${target} (${files.length} tệp, mọi bí mật đã được ẩn).`
          : `✓ Wrote support bundle ${target} (${files.length} files, every secret redacted).`,
      );
      return 0;
    } finally {
      input.opened.close();
    }
  },
};
