// `sohoa outbox`: see what waits for the records store, send it, retry what needs attention, and
// configure the destination (secrets are read from an environment variable, never from the
// command line where shell history and process lists would keep them).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SohoaError } from '../../../shared/errors';
import { openArchive } from '../../core/archive/open';
import {
  connectorFor,
  describeDestination,
  fileKeyProvider,
  loadDestination,
  saveDestination,
  type Destination,
} from '../../core/outbox/destination';
import { Outbox } from '../../core/outbox/outbox';
import { startUploader } from '../../core/outbox/uploader';
import type { Command } from './types';
import { USAGE } from '../usage';

const STATE_VI = {
  pending: 'đang chờ',
  uploading: 'đang gửi',
  done: 'đã gửi',
  needs_attention: 'cần xử lý',
} as const;

export const outboxCommand: Command = {
  name: 'outbox',
  usage: USAGE['outbox'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        once: { type: 'boolean', default: false },
        endpoint: { type: 'string' },
        bucket: { type: 'string' },
        region: { type: 'string' },
        // IT allows this one endpoint over plain HTTP (a store without TLS on the office network).
        'allow-http': { type: 'boolean', default: false },
        sse: { type: 'string' },
      },
    });
    const vi = lang === 'vi';
    const opened = openArchive(values['data-dir'] ? path.resolve(values['data-dir']) : undefined);
    const keys = fileKeyProvider(opened.paths.keysDir);
    const outbox = new Outbox(opened.archive, opened.blobs);
    try {
      switch (positionals[0]) {
        case 'status': {
          const c = outbox.counts();
          console.log(
            vi
              ? `Hàng đợi gửi: ${c.pending} đang chờ, ${c.uploading} đang gửi, ${c.done} đã gửi, ${c.needs_attention} cần xử lý`
              : `Outbox: ${c.pending} pending, ${c.uploading} uploading, ${c.done} done, ${c.needs_attention} need attention`,
          );
          for (const i of outbox.list().filter((x) => x.state !== 'done')) {
            const pct = i.bytesTotal ? Math.round((100 * i.bytesDone) / i.bytesTotal) : 0;
            const state = vi ? STATE_VI[i.state] : i.state;
            console.log(
              `  ${i.dossierCode}  ${state}  ${pct}%  ${vi ? 'lần thử' : 'attempts'} ${i.attempts}${i.lastError ? `  ${i.lastError}` : ''}`,
            );
          }
          return c.needs_attention > 0 ? 1 : 0;
        }
        case 'retry': {
          const code = positionals[1];
          if (!code || !outbox.get(code)) throw new SohoaError('OUTBOX_ITEM_NOT_FOUND', code ?? '');
          outbox.retry(code, 'cli');
          return 0;
        }
        case 'configure': {
          let dest: Destination;
          if (positionals[1] === 'folder' && positionals[2])
            dest = { kind: 'folder', path: path.resolve(positionals[2]) };
          else if (positionals[1] === 's3' && values.endpoint && values.bucket)
            dest = {
              kind: 's3',
              endpoint: values.endpoint,
              bucket: values.bucket,
              region: values.region ?? 'us-east-1',
              forcePathStyle: true,
              accessKeyId: process.env.SOHOA_S3_ACCESS_KEY_ID ?? '',
              secretAccessKey: process.env.SOHOA_S3_SECRET_ACCESS_KEY ?? '',
              ...(values['allow-http'] ? { allowHttp: true } : {}),
              ...(values.sse ? { serverSideEncryption: values.sse as 'AES256' } : {}),
            };
          else {
            console.error(this.usage[lang]);
            return 2;
          }
          saveDestination(opened.paths.root, dest, keys);
          console.log(`✓ ${describeDestination(dest)}`);
          return 0;
        }
        case 'run': {
          const dest = loadDestination(opened.paths.root, keys);
          if (!dest) throw new SohoaError('CONNECTOR_NOT_CONFIGURED');
          const connector = connectorFor(dest);
          try {
            if (values.once) {
              outbox.recoverInterrupted();
              const touched = await outbox.drain(connector);
              for (const i of touched)
                console.log(`  ${i.dossierCode}  ${vi ? STATE_VI[i.state] : i.state}`);
              return touched.every((i) => i.state === 'done') ? 0 : 1;
            }
            const loop = startUploader(outbox, connector);
            await new Promise<void>((resolve) => {
              process.once('SIGINT', resolve);
              process.once('SIGTERM', resolve);
            });
            await loop.stop();
            return 0;
          } finally {
            connector.close?.();
          }
        }
        default:
          console.error(this.usage[lang]);
          return 2;
      }
    } finally {
      opened.close();
    }
  },
};
