// Our SANE source against SANE's own `test` backend (libsane1), enabled in a temporary
// SANE_CONFIG_DIR: device list, options, a flatbed page, a feeder batch (the test backend's
// feeder runs empty after 10 sheets), a jam, cancel, unsupported settings, scanimage missing.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { isSohoaError } from '../../shared/errors';
import { SaneDriver } from '../../electron/core/acquire/saneDriver';
import type { AcquiredPage, ScanSettings } from '../../electron/core/acquire/source';

let conf: string;
let env: NodeJS.ProcessEnv;
before(async () => {
  conf = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-sane-conf-'));
  await fs.writeFile(path.join(conf, 'dll.conf'), 'test\n');
  env = { ...process.env, SANE_CONFIG_DIR: conf };
});
after(() => fs.rm(conf, { recursive: true, force: true }));

const PATTERN = ['--test-picture', 'Color pattern'];
const feeder: ScanSettings = { source: 'feeder', duplex: false, colorMode: 'color', dpi: 50 };

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isSohoaError(e), `expected a SohoaError, got ${String(e)}`);
    assert.equal(e.code, code);
    return true;
  });
}

async function collect(iter: AsyncIterable<AcquiredPage>) {
  const out: Buffer[] = [];
  for await (const page of iter) out.push(await page.read());
  return out;
}

test('lists the test backend and reads its options', async () => {
  const driver = new SaneDriver({ env });
  const devices = await driver.listDevices();
  const dev = devices.find((d) => d.id === 'test:0');
  assert.ok(dev, JSON.stringify(devices));
  assert.equal(dev.kind, 'sane');
  assert.equal(dev.name, 'Noname frontend-tester');
  const caps = await driver.capabilities('test:0');
  assert.deepEqual(caps.sources, ['flatbed', 'feeder']);
  assert.equal(caps.duplex, false);
  assert.deepEqual(caps.colorModes, ['color', 'grey']);
  assert.ok(caps.resolutions.includes(200));
  assert.equal(caps.maxWidthMm, 200);
});

test('feeder batch: the 10 sheets of the test feeder arrive one by one as JPEG pages', async () => {
  const driver = new SaneDriver({ env, extraArgs: PATTERN });
  const progress: number[] = [];
  const pages = await collect(
    driver.acquire('test:0', feeder, { onProgress: (p) => progress.push(p.pagesDone) }),
  );
  assert.equal(pages.length, 10);
  assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  for (const p of pages) {
    const meta = await sharp(p).metadata();
    assert.equal(meta.format, 'jpeg');
    // The test backend's default area is 80 × 100 mm: 157 px wide at 50 dpi.
    assert.equal(meta.width, Math.round((80 / 25.4) * 50));
  }
});

test('flatbed: one grey page', async () => {
  const driver = new SaneDriver({ env, extraArgs: PATTERN });
  const pages = await collect(
    driver.acquire('test:0', { ...feeder, source: 'flatbed', colorMode: 'grey' }),
  );
  assert.equal(pages.length, 1);
  assert.equal((await sharp(pages[0]).metadata()).channels, 1);
});

test('a jam is reported as a jam (and the hung scanimage is ended)', async () => {
  const driver = new SaneDriver({
    env,
    extraArgs: ['--read-return-value', 'SANE_STATUS_JAMMED'],
  });
  await rejectsWith(collect(driver.acquire('test:0', feeder)), 'SCANNER_PAPER_JAM');
});

test('cancel mid-batch stops scanimage; the pages before it were delivered', async () => {
  const driver = new SaneDriver({
    env,
    extraArgs: [...PATTERN, '--read-delay=yes', '--read-delay-duration=100000'],
  });
  const controller = new AbortController();
  let got = 0;
  await rejectsWith(
    (async () => {
      for await (const page of driver.acquire('test:0', feeder, { signal: controller.signal })) {
        void page;
        got++;
        if (got === 2) controller.abort();
      }
    })(),
    'SCAN_CANCELLED',
  );
  assert.equal(got, 2);
});

test('settings the device lacks, and a missing scanimage, are clear errors', async () => {
  const driver = new SaneDriver({ env });
  await rejectsWith(
    collect(driver.acquire('test:0', { ...feeder, duplex: true })),
    'SCANNER_SETTINGS_UNSUPPORTED',
  );
  await rejectsWith(driver.capabilities('nope:0'), 'SCANNER_NOT_FOUND');
  const missing = new SaneDriver({ env, scanimage: '/nonexistent/scanimage' });
  await rejectsWith(missing.listDevices(), 'SCANNER_TOOL_MISSING');
});
