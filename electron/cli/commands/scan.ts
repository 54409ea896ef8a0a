// `sohoa scan`: list the scanners the desk can reach, or scan from one into a folder, each page
// written (fsync + rename) as soon as it arrives. Ctrl+C stops the scanner; the pages already
// written stay. Exit code: 0 all well, 1 the scan stopped on a device error (pages kept), 2 usage.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorInfo, isSohoaError, SohoaError, type ErrorInfo } from '../../../shared/errors';
import { writeFileDurably } from '../../core/archive/blobStore';
import {
  DeviceRegistry,
  esclAddressesFromEnv,
  mdnsFromEnv,
  type ScannerKind,
} from '../../core/acquire/devices';
import { filePinStore } from '../../core/acquire/esclHttps';
import { DEFAULT_SCAN_SETTINGS, type ScanSettings } from '../../core/acquire/source';
import { defaultDataDir } from '../../core/config/paths';
import { messagesOf, type Lang } from '../messages';
import type { Command } from './types';
import { USAGE } from '../usage';

const TEXT = {
  none: { vi: 'Không tìm thấy máy quét nào.', en: 'No scanner found.' },
  offline: { vi: 'không phản hồi', en: 'not answering' },
  badDevice: {
    vi: 'Thiết bị phải có dạng LOẠI:MÃ, ví dụ escl:http://192.168.1.20/eSCL hoặc sane:test:0.',
    en: 'The device must be KIND:ID, e.g. escl:http://192.168.1.20/eSCL or sane:test:0.',
  },
  needOut: { vi: 'Thiếu --out THƯ_MỤC.', en: 'Missing --out DIR.' },
  page: { vi: 'Đã quét trang {n}: {file}', en: 'Scanned page {n}: {file}' },
  done: { vi: 'Xong: {n} trang trong {dir}', en: 'Done: {n} page(s) in {dir}' },
  stopped: {
    vi: 'Dừng sau {n} trang (các trang đã quét vẫn được giữ).',
    en: 'Stopped after {n} page(s) (the pages scanned are kept).',
  },
} as const;

const say = messagesOf(TEXT);

const KINDS: readonly ScannerKind[] = ['escl', 'sane', 'naps2'];

function parseDevice(spec: string): { kind: ScannerKind; id: string } | null {
  const i = spec.indexOf(':');
  const kind = spec.slice(0, i) as ScannerKind;
  return i > 0 && KINDS.includes(kind) && spec.length > i + 1
    ? { kind, id: spec.slice(i + 1) }
    : null;
}

function printError(lang: Lang, info: ErrorInfo) {
  console.error(`${info.code}: ${info.message[lang]}`);
}

export const scanCommand: Command = {
  name: 'scan',
  usage: USAGE['scan'],
  async run(argv, { lang }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        list: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        escl: { type: 'string', multiple: true },
        device: { type: 'string' },
        out: { type: 'string' },
        source: { type: 'string' },
        duplex: { type: 'boolean', default: false },
        mode: { type: 'string' },
        dpi: { type: 'string' },
      },
    });
    const registry = new DeviceRegistry({
      esclAddresses: [...esclAddressesFromEnv(), ...(values.escl ?? [])],
      // Listing also asks the network (mDNS); a scan goes straight to the device named.
      escl: {
        discover: values.list || !values.device ? mdnsFromEnv() : false,
        // The same certificate pins as the app's (HTTPS scanners, trust on first use).
        pins: filePinStore(path.join(defaultDataDir(), 'escl-pins.json')),
      },
    });

    if (values.list || !values.device) {
      const { devices, problems } = await registry.listDevices();
      if (values.json) {
        console.log(JSON.stringify({ scanners: devices, problems }, null, 2));
        return 0;
      }
      if (devices.length === 0) console.log(say(lang, 'none'));
      for (const d of devices)
        console.log(
          `${d.kind}:${d.id}\t${d.name}${d.online === false ? ` (${say(lang, 'offline')})` : ''}`,
        );
      for (const p of problems) printError(lang, p);
      return 0;
    }

    const device = parseDevice(values.device);
    if (!device) {
      console.error(say(lang, 'badDevice'));
      return 2;
    }
    if (!values.out) {
      console.error(say(lang, 'needOut'));
      return 2;
    }
    const settings: ScanSettings = {
      source: values.source === 'flatbed' ? 'flatbed' : DEFAULT_SCAN_SETTINGS.source,
      duplex: values.duplex,
      colorMode:
        values.mode === 'grey' || values.mode === 'bw'
          ? values.mode
          : DEFAULT_SCAN_SETTINGS.colorMode,
      dpi: values.dpi ? Number(values.dpi) || DEFAULT_SCAN_SETTINGS.dpi : DEFAULT_SCAN_SETTINGS.dpi,
    };
    const driver = registry.driver(device.kind);
    const out = path.resolve(values.out);
    await fs.mkdir(out, { recursive: true });
    const cancel = new AbortController();
    const onSigint = () => cancel.abort();
    process.once('SIGINT', onSigint);
    let n = 0;
    try {
      if (!driver) throw new SohoaError('SCANNER_NOT_FOUND', values.device);
      for await (const page of driver.acquire(device.id, settings, { signal: cancel.signal })) {
        n++;
        const file = path.join(out, `page-${String(n).padStart(3, '0')}${path.extname(page.name)}`);
        await writeFileDurably(file, await page.read());
        if (!values.json) console.log(say(lang, 'page', { n, file: path.basename(file) }));
      }
      if (values.json) console.log(JSON.stringify({ pages: n, out }));
      else console.log(say(lang, 'done', { n, dir: out }));
      return 0;
    } catch (e) {
      const info = isSohoaError(e) ? e.info : errorInfo('SCANNER_FAILED', values.device);
      if (!isSohoaError(e)) console.error(e);
      if (values.json) console.log(JSON.stringify({ pages: n, out, error: info }));
      printError(lang, info);
      console.error(say(lang, 'stopped', { n }));
      return 1;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
