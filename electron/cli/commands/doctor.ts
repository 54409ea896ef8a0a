// `sohoa doctor [--json]`: the desk's health as IT sees it on the phone with a clerk, every check
// with ok / warning / error and what to do; `--json` for scripts and monitoring. The exit code is
// 0 when nothing is an error, 1 otherwise. `--policy FILE` checks a policy file IT is about to
// deploy, against this desk, before it goes out.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { HealthReport } from '../../../shared/contracts/machine';
import { machineHealthInput } from '../../core/health/machineInput';
import { runHealth } from '../../core/health/report';
import type { Lang } from '../messages';
import { USAGE } from '../usage';
import type { Command } from './types';

const MARK = { ok: '✓', warning: '!', error: '✗' } as const;

export function formatReport(report: HealthReport, lang: Lang): string {
  const lines = report.checks.map((c) => {
    const head = `${MARK[c.status]} ${c.title[lang]}: ${c.detail[lang]}`;
    return c.action ? `${head}\n    → ${c.action[lang]}` : head;
  });
  const summary = {
    ok: { vi: 'Máy hoạt động tốt.', en: 'The desk is healthy.' },
    warning: { vi: 'Có mục cần chú ý.', en: 'Some checks need attention.' },
    error: { vi: 'Có lỗi cần xử lý.', en: 'Some checks failed.' },
  }[report.status][lang];
  return [...lines, '', summary].join('\n');
}

export async function doctorReport(options: Parameters<typeof machineHealthInput>[0]) {
  const input = machineHealthInput(options);
  try {
    return await runHealth(input);
  } finally {
    input.opened.close();
  }
}

export const doctorCommand: Command = {
  name: 'doctor',
  usage: USAGE['doctor'],
  async run(argv, { lang }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        policy: { type: 'string' },
      },
    });
    const report = await doctorReport({
      ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}),
      ...(values.policy ? { policyFile: path.resolve(values.policy) } : {}),
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report, lang));
    return report.status === 'error' ? 1 : 0;
  },
};
