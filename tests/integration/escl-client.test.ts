// Our eSCL client against the eSCL emulator on loopback: flatbed, a 5-sheet feeder, duplex,
// feeder empty, paper jam, busy, unreachable, slow pages and cancel. Every page is decoded
// by sharp to check it is a real image of the size and mode asked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { isSohoaError } from '../../shared/errors';
import { EsclDriver } from '../../electron/core/acquire/esclDriver';
import { memoryPinStore } from '../../electron/core/acquire/esclHttps';
import type { AcquiredPage, ScanSettings } from '../../electron/core/acquire/source';
import { DEFAULT_SCAN_SETTINGS } from '../../electron/core/acquire/source';
import { startEsclEmulator, type EsclEmulator } from '../helpers/esclEmulator';

const FAST = { pollMs: 20, pageTimeoutMs: 10_000, requestTimeoutMs: 3000 };

async function collect(iter: AsyncIterable<AcquiredPage>) {
  const pages: { page: AcquiredPage; data: Buffer }[] = [];
  for await (const page of iter) pages.push({ page, data: await page.read() });
  return pages;
}

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isSohoaError(e), `expected a SohoaError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(e.info.message.vi.length > 0 && e.info.message.en.length > 0);
    return true;
  });
}

let emu: EsclEmulator;
before(async () => {
  emu = await startEsclEmulator({ feederSheets: 5 });
});
after(() => emu.close());

const settings = (s: Partial<ScanSettings>): ScanSettings => ({
  ...DEFAULT_SCAN_SETTINGS,
  dpi: 100,
  ...s,
});

test('lists the configured scanner by its model and reads its capabilities', async () => {
  const driver = new EsclDriver({ addresses: [emu.url.replace('/eSCL', '')], ...FAST });
  const devices = await driver.listDevices();
  assert.deepEqual(devices, [
    {
      id: emu.url,
      kind: 'escl',
      name: 'Sohoa Emulated ScanJet 4000',
      model: 'Sohoa Emulated ScanJet 4000',
      online: true,
    },
  ]);
  const caps = await driver.capabilities(emu.url);
  assert.deepEqual(caps.sources, ['flatbed', 'feeder']);
  assert.equal(caps.duplex, true);
  assert.deepEqual(caps.colorModes, ['color', 'grey', 'bw']);
  assert.ok(caps.resolutions.includes(200));
  assert.equal(caps.maxWidthMm, 215.9);
});

test('flatbed: one colour page at 200 dpi by default, A4-sized', async () => {
  const driver = new EsclDriver({ addresses: [emu.url], ...FAST });
  const progress: number[] = [];
  const pages = await collect(
    driver.acquire(
      emu.url,
      { ...DEFAULT_SCAN_SETTINGS, source: 'flatbed' },
      {
        onProgress: (p) => progress.push(p.pagesDone),
      },
    ),
  );
  assert.equal(pages.length, 1);
  const meta = await sharp(pages[0]!.data).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.width, Math.round((2480 / 300) * 200));
  assert.equal(meta.channels, 3);
  assert.deepEqual(progress, [1]);
  assert.equal(pages[0]!.page.name, 'page-001.jpg');
});

test('feeder: 5 sheets give 5 grey pages in order, streamed before the job ends', async () => {
  emu.loadFeeder(5);
  const driver = new EsclDriver({ addresses: [emu.url], ...FAST });
  const seenWhileRunning: number[] = [];
  const pages: Buffer[] = [];
  for await (const page of driver.acquire(emu.url, settings({ colorMode: 'grey' }))) {
    // The job is still open on the device when each page reaches us: pages stream.
    const job = [...emu.jobs.values()].at(-1)!;
    seenWhileRunning.push(job.state === 'Processing' ? 1 : 0);
    pages.push(await page.read());
  }
  assert.equal(pages.length, 5);
  assert.deepEqual(seenWhileRunning, [1, 1, 1, 1, 1]);
  for (const p of pages) {
    const meta = await sharp(p).metadata();
    assert.equal(meta.channels, 1, 'grey pages have one channel');
  }
  assert.equal(emu.sheetsLeft(), 0);
});

test('duplex: 3 sheets give 6 pages, front and back alternating', async () => {
  emu.loadFeeder(3);
  const driver = new EsclDriver({ addresses: [emu.url], ...FAST });
  const pages = await collect(driver.acquire(emu.url, settings({ duplex: true })));
  assert.deepEqual(
    pages.map((p) => p.page.side),
    ['front', 'back', 'front', 'back', 'front', 'back'],
  );
  assert.deepEqual(
    pages.map((p) => p.page.index),
    [0, 1, 2, 3, 4, 5],
  );
});

test('feeder empty: a clear error before any page', async () => {
  emu.loadFeeder(0);
  const driver = new EsclDriver({ addresses: [emu.url], ...FAST });
  await rejectsWith(collect(driver.acquire(emu.url, settings({}))), 'SCANNER_FEEDER_EMPTY');
});

test('feeder empty the other way (job accepted, first page 404) and a relative Location', async () => {
  const canon = await startEsclEmulator({
    feederSheets: 0,
    quirks: { emptyFeederOnNextDocument: true, relativeLocation: true },
  });
  try {
    const driver = new EsclDriver({ addresses: [canon.url], ...FAST });
    await rejectsWith(collect(driver.acquire(canon.url, settings({}))), 'SCANNER_FEEDER_EMPTY');
    assert.ok(
      canon.requests.some((r) => r.endsWith('/NextDocument')),
      'the job was accepted',
    );
    canon.loadFeeder(2);
    assert.equal((await collect(driver.acquire(canon.url, settings({})))).length, 2);
  } finally {
    await canon.close();
  }
});

test('paper jam at sheet 3: the two pages before it arrive, then the jam error', async () => {
  const jam = await startEsclEmulator({ feederSheets: 5, jamAtSheet: 3 });
  try {
    const driver = new EsclDriver({ addresses: [jam.url], ...FAST });
    const got: number[] = [];
    await rejectsWith(
      (async () => {
        for await (const page of driver.acquire(jam.url, settings({}))) got.push(page.index);
      })(),
      'SCANNER_PAPER_JAM',
    );
    assert.deepEqual(got, [0, 1]);
  } finally {
    await jam.close();
  }
});

test('busy device and unreachable address are reported as such', async () => {
  const busy = await startEsclEmulator({ busy: true });
  try {
    const driver = new EsclDriver({ addresses: [busy.url], ...FAST });
    await rejectsWith(collect(driver.acquire(busy.url, settings({}))), 'SCANNER_BUSY');
  } finally {
    await busy.close();
  }
  // A port nobody listens on: bind one, close it, use it.
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const dead = `http://127.0.0.1:${port}/eSCL`;
  const driver = new EsclDriver({ addresses: [dead], ...FAST });
  assert.deepEqual(await driver.listDevices(), [
    { id: dead, kind: 'escl', name: `127.0.0.1:${port}`, online: false },
  ]);
  await rejectsWith(collect(driver.acquire(dead, settings({}))), 'SCANNER_UNREACHABLE');
});

test('slow pages (503 until ready) are waited for; cancel mid-stack deletes the job', async () => {
  const slow = await startEsclEmulator({ feederSheets: 5, pageDelayMs: 150 });
  try {
    const driver = new EsclDriver({ addresses: [slow.url], ...FAST });
    const controller = new AbortController();
    const got: number[] = [];
    await rejectsWith(
      (async () => {
        for await (const page of driver.acquire(slow.url, settings({}), {
          signal: controller.signal,
        })) {
          got.push(page.index);
          if (got.length === 2) controller.abort();
        }
      })(),
      'SCAN_CANCELLED',
    );
    assert.deepEqual(got, [0, 1]);
    const job = [...slow.jobs.values()][0]!;
    assert.equal(job.state, 'Canceled');
    assert.ok(slow.requests.some((r) => r.startsWith('DELETE /eSCL/ScanJobs/')));
    // The device answered 503 at least once per page before it was ready.
    const notReady = slow.requests.filter((r) => r.endsWith('/NextDocument')).length;
    assert.ok(notReady > 2, `polled ${notReady} times`);
  } finally {
    await slow.close();
  }
});

test('a resolution the device lacks is raised to the nearest finer one it has', async () => {
  const coarse = await startEsclEmulator({ resolutions: [150, 300, 600], feederSheets: 1 });
  try {
    const driver = new EsclDriver({ addresses: [coarse.url], ...FAST });
    const pages = await collect(driver.acquire(coarse.url, settings({ dpi: 200 })));
    const meta = await sharp(pages[0]!.data).metadata();
    assert.equal(meta.width, Math.round((2480 / 300) * 300));
  } finally {
    await coarse.close();
  }
});

test('HTTPS scanner with a self-signed certificate: trusted on first use, a changed one refused', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-escl-tls-'));
  const selfSigned = (name: string) => {
    const key = path.join(dir, `${name}.key`);
    const cert = path.join(dir, `${name}.crt`);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        '/CN=HP LaserJet MFP',
        '-days',
        '2',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  };
  const pins = memoryPinStore();
  const first = await startEsclEmulator({ tls: selfSigned('a'), feederSheets: 2 });
  const port = first.port;
  try {
    const driver = new EsclDriver({ addresses: [first.url], pins, ...FAST });
    assert.ok(first.url.startsWith('https://'));
    assert.equal((await driver.listDevices())[0]?.online, true);
    assert.equal((await collect(driver.acquire(first.url, settings({})))).length, 2);
    assert.ok(pins.get(`127.0.0.1:${port}`), 'the certificate was pinned');
  } finally {
    await first.close();
  }
  // Another machine answering at the same address with its own certificate.
  const impostor = await startEsclEmulator({ tls: selfSigned('b'), port, feederSheets: 2 });
  try {
    const driver = new EsclDriver({ addresses: [impostor.url], pins, ...FAST });
    await rejectsWith(collect(driver.acquire(impostor.url, settings({}))), 'SCANNER_CERT_CHANGED');
    assert.ok(!impostor.requests.includes('POST /eSCL/ScanJobs'), 'no job was sent to it');
  } finally {
    await impostor.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
