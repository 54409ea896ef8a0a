// `sohoa audit verify`: walks the hash-chained audit log, compares every dossier with the record
// hash the log holds for it, and re-hashes every stored file. Exit 0 only when all of it holds.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorInfo } from '../../../shared/errors';
import { openArchive, verifyFiles } from '../../core/archive/open';
import type { Command } from './types';
import { USAGE } from '../usage';

export const auditCommand: Command = {
  name: 'audit',
  usage: USAGE['audit'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals[0] !== 'verify') {
      console.error(this.usage[lang]);
      return 2;
    }
    const opened = openArchive(values['data-dir'] ? path.resolve(values['data-dir']) : undefined);
    try {
      const report = opened.archive.verify();
      const badFiles = await verifyFiles(opened);
      const ok = report.ok && badFiles.length === 0;
      if (values.json) {
        console.log(JSON.stringify({ ...report, badFiles, ok }, null, 2));
        return ok ? 0 : 1;
      }
      const vi = lang === 'vi';
      console.log(
        vi
          ? `Nhật ký: ${report.chain.entries} mục, mục cuối #${report.chain.head.seq} ${report.chain.head.hash.slice(0, 16)}…`
          : `Audit log: ${report.chain.entries} entries, head #${report.chain.head.seq} ${report.chain.head.hash.slice(0, 16)}…`,
      );
      const findings = [
        ...report.chain.problems.map((p) => `#${p.seq} ${p.problem}`),
        ...(report.chain.anchor === 'ok' || report.chain.anchor === 'behind'
          ? []
          : [`anchor ${report.chain.anchor}`]),
        ...report.alteredRecords.map((c) => `${c}: ${vi ? 'bản ghi bị sửa' : 'record altered'}`),
        ...report.missingRecords.map((c) => `${c}: ${vi ? 'bản ghi bị xóa' : 'record deleted'}`),
        ...report.unloggedRecords.map(
          (c) => `${c}: ${vi ? 'không có trong nhật ký' : 'not in the log'}`,
        ),
        ...badFiles.map(
          (f) => `${f}: ${vi ? 'tệp thiếu hoặc bị thay đổi' : 'file missing or changed'}`,
        ),
      ];
      if (ok) {
        console.log(
          vi
            ? `✓ Toàn vẹn: nhật ký, ${opened.archive.recordCount()} hồ sơ và mọi tệp đều khớp.`
            : `✓ Intact: the log, ${opened.archive.recordCount()} dossier(s) and every file match.`,
        );
        return 0;
      }
      console.error(`✗ ${errorInfo('AUDIT_BROKEN', `${findings.length}`).message[lang]}`);
      for (const f of findings) console.error(`  - ${f}`);
      return 1;
    } finally {
      opened.close();
    }
  },
};
