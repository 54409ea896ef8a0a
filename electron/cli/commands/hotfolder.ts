// `sohoa hotfolder watch DIR`: takes every scan a scanner writes into DIR once it is complete and
// digitizes it (one record per file), moving it to DIR/done or, with a reason, to DIR/error.
// `--move-only` takes files without digitizing (to check a scanner's setup); `--once` stops when
// nothing is waiting. `sohoa hotfolder status DIR` prints what the ledger remembers.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorInfo, SohoaError } from '../../../shared/errors';
import { HotFolder, type HotFolderEvent } from '../../core/acquire/hotFolder';
import { ledgerFileIn } from '../../core/acquire/hotFolderDriver';
import { HotFolderLedger } from '../../core/acquire/hotFolderLedger';
import { defaultDataDir } from '../../core/config/paths';
import { coreOptionsFromEnv, openCore, type Core } from '../../core/pipeline/core';
import type { Lang } from '../messages';
import type { Command } from './types';
import { USAGE } from '../usage';

const KIND_TEXT: Record<HotFolderEvent['kind'], Record<Lang, string>> = {
  taken: { vi: 'nhận', en: 'taken' },
  done: { vi: '✓ xong', en: '✓ done' },
  error: { vi: '✗ lỗi', en: '✗ error' },
  duplicate: { vi: '✗ trùng', en: '✗ duplicate' },
  released: { vi: 'trả lại', en: 'released' },
};

export const hotfolderCommand: Command = {
  name: 'hotfolder',
  usage: USAGE['hotfolder'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        once: { type: 'boolean', default: false },
        'move-only': { type: 'boolean', default: false },
        'poll-ms': { type: 'string', default: '1000' },
        'stable-ms': { type: 'string', default: '2000' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const [action, dir] = positionals;
    if (!dir || (action !== 'watch' && action !== 'status')) return 2;
    const inbox = path.resolve(dir);
    if (!fs.existsSync(inbox)) throw new SohoaError('HOTFOLDER_UNREACHABLE', inbox);
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
    const ledger = new HotFolderLedger(ledgerFileIn(dataDir), inbox);
    try {
      if (action === 'status') {
        const report = { counts: ledger.counts(), recent: ledger.recent(20) };
        if (values.json) console.log(JSON.stringify(report, null, 2));
        else {
          const c = report.counts;
          console.log(
            lang === 'vi'
              ? `Đã xong ${c.done} · lỗi ${c.failed} · đang xử lý ${c.taken}`
              : `Done ${c.done} · failed ${c.failed} · in progress ${c.taken}`,
          );
          for (const e of report.recent)
            console.log(
              `  ${e.finishedAt ?? e.takenAt}  ${e.status}  ${e.name}${e.code ? `  ${e.code}` : ''}`,
            );
        }
        return 0;
      }
      return await watchFolder(inbox, dataDir, ledger, lang, values);
    } finally {
      ledger.close();
    }
  },
};

async function watchFolder(
  inbox: string,
  dataDir: string,
  ledger: HotFolderLedger,
  lang: Lang,
  values: {
    once: boolean;
    'move-only': boolean;
    'poll-ms': string;
    'stable-ms': string;
    json: boolean;
  },
): Promise<number> {
  let core: Promise<Core> | undefined;
  const getCore = () => (core ??= openCore({ ...coreOptionsFromEnv(), dataDir }));
  let failures = 0;
  const hot = new HotFolder({
    inbox,
    ledger,
    pollMs: Math.max(20, Number(values['poll-ms']) || 1000),
    stableMs: Math.max(0, Number(values['stable-ms']) || 0),
    // Digitizing is CPU-bound: one file at a time keeps the OCR pool's order and memory steady.
    concurrency: 1,
    onEvent: (e) => {
      if (e.kind === 'error' || e.kind === 'duplicate') failures++;
      if (values.json) console.log(JSON.stringify(e));
      else {
        const reason = e.code ? ` — ${errorInfo(e.code, e.name).message[lang]}` : '';
        console.log(`${e.at}  ${KIND_TEXT[e.kind][lang]}  ${e.name}${reason}`);
      }
    },
    handle: async (file) => {
      if (values['move-only']) return;
      const outcome = await (
        await getCore()
      ).digitize([{ name: file.name, read: () => file.read() }], {
        title: path.parse(file.name).name,
      });
      const first = outcome.fileErrors[0];
      if (!outcome.record) throw new SohoaError(first?.code ?? 'NO_VALID_PAGES', file.name);
      if (!values.json)
        console.log(
          `  → ${outcome.record.code} (${outcome.record.pageCount} ${lang === 'vi' ? 'trang' : 'pages'})`,
        );
    },
  });
  await hot.start();
  if (!values.json)
    console.log(
      lang === 'vi'
        ? `Đang theo dõi ${inbox} (Ctrl+C để dừng)…`
        : `Watching ${inbox} (Ctrl+C to stop)…`,
    );
  try {
    if (values.once) await hot.idle();
    else
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
  } finally {
    await hot.stop();
    if (core) await (await core).close();
  }
  return failures ? 1 : 0;
}
