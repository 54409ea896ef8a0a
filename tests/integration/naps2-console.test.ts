// The NAPS2 adapter's process handling (spawn, progress lines, pages read after the scan, errors,
// cancel) against a stand-in for NAPS2.Console.exe: the real console is a Windows program that
// cannot run here, so a small script plays it, behaving as NAPS2 documents — it parses the same
// options, prints "Scanned page N." per page with -v, writes the numbered files only at the end,
// and prints SdkResources' messages on failure. What NAPS2's console cannot do (report a device's
// capabilities, hand pages on before the scan ends) is in the README's scanners section.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { isSohoaError } from '../../shared/errors';
import { Naps2Driver } from '../../electron/core/acquire/naps2Driver';
import { renderPage } from '../../electron/cli/demo/samplePages';

const STAND_IN = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const scenario = JSON.parse(fs.readFileSync(__dirname + '/scenario.json', 'utf8'));
fs.writeFileSync(__dirname + '/last-args.json', JSON.stringify(args));
if (args.includes('--listdevices')) {
  const list = scenario.devices[opt('--driver')];
  process.stdout.write(list ? list.join('\\r\\n') + '\\r\\n' : 'No scanning device was found.\\r\\n');
  process.exit(0);
}
const out = opt('-o');
const pages = [];
let n = 0;
const next = () => {
  if (scenario.error && n === scenario.errorAfter) {
    finish(); console.log(scenario.error); process.exit(0);
  }
  if (n === scenario.pages) { finish(); process.exit(0); }
  n++; pages.push(n);
  if (args.includes('-v')) console.log('Scanned page ' + n + '.');
  setTimeout(next, scenario.delayMs || 0);
};
const finish = () => pages.forEach((p) => fs.copyFileSync(scenario.sample,
  out.replace('$(nnnn)', String(p).padStart(4, '0'))));
console.log('Beginning scan...');
next();
`;

let dir: string;
let exe: string;
async function scenario(s: object) {
  await fs.writeFile(
    path.join(dir, 'scenario.json'),
    JSON.stringify({ ...s, sample: path.join(dir, 'sample.jpg') }),
  );
}
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-naps2-standin-'));
  exe = path.join(dir, 'naps2-console.cjs');
  await fs.writeFile(exe, STAND_IN, { mode: 0o755 });
  await fs.writeFile(
    path.join(dir, 'sample.jpg'),
    await renderPage({ lines: ['Trang quét qua NAPS2'], dpi: 50, format: 'jpeg' }),
  );
});
after(() => fs.rm(dir, { recursive: true, force: true }));

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isSohoaError(e), `expected a SohoaError, got ${String(e)}`);
    assert.equal(e.code, code);
    return true;
  });
}

test('lists WIA and TWAIN devices; a driver with none does not hide the other', async () => {
  await scenario({ devices: { twain: ['Fujitsu fi-7160', 'Canon DR-C225'] } });
  const driver = new Naps2Driver({ executable: exe });
  const devices = await driver.listDevices();
  assert.deepEqual(
    devices.map((d) => d.id),
    ['twain:Fujitsu fi-7160', 'twain:Canon DR-C225'],
  );
});

test('a duplex feeder scan: progress per page while scanning, pages in order at the end', async () => {
  await scenario({ pages: 4, delayMs: 20 });
  const driver = new Naps2Driver({ executable: exe });
  const progress: number[] = [];
  const sides: (string | undefined)[] = [];
  for await (const page of driver.acquire(
    'twain:Fujitsu fi-7160',
    { source: 'feeder', duplex: true, colorMode: 'color', dpi: 200 },
    { onProgress: (p) => progress.push(p.pagesDone) },
  )) {
    sides.push(page.side);
    assert.equal((await sharp(await page.read()).metadata()).format, 'jpeg');
  }
  assert.deepEqual(progress, [1, 2, 3, 4]);
  assert.deepEqual(sides, ['front', 'back', 'front', 'back']);
  const args = JSON.parse(await fs.readFile(path.join(dir, 'last-args.json'), 'utf8')) as string[];
  assert.deepEqual(args.slice(0, 7), [
    '--noprofile',
    '--driver',
    'twain',
    '--device',
    'Fujitsu fi-7160',
    '--source',
    'duplex',
  ]);
});

test('NAPS2 errors: empty feeder before any page, a jam after two keeps the two', async () => {
  const driver = new Naps2Driver({ executable: exe });
  const settings = {
    source: 'feeder' as const,
    duplex: false,
    colorMode: 'grey' as const,
    dpi: 200,
  };
  await scenario({ pages: 5, error: 'No pages are in the feeder.', errorAfter: 0 });
  await rejectsWith(
    (async () => {
      for await (const p of driver.acquire('wia:HP', settings)) void p;
    })(),
    'SCANNER_FEEDER_EMPTY',
  );
  await scenario({ pages: 5, error: 'The scanner has a paper jam.', errorAfter: 2 });
  let got = 0;
  await rejectsWith(
    (async () => {
      for await (const p of driver.acquire('wia:HP', settings)) {
        void p;
        got++;
      }
    })(),
    'SCANNER_PAPER_JAM',
  );
  assert.equal(got, 2);
});

test('cancel ends the console; NAPS2 absent is a clear "not installed"', async () => {
  await scenario({ pages: 50, delayMs: 50 });
  const driver = new Naps2Driver({ executable: exe });
  const controller = new AbortController();
  const settings = {
    source: 'feeder' as const,
    duplex: false,
    colorMode: 'color' as const,
    dpi: 200,
  };
  await rejectsWith(
    (async () => {
      for await (const p of driver.acquire('wia:HP', settings, {
        signal: controller.signal,
        onProgress: (pr) => {
          if (pr.pagesDone === 2) controller.abort();
        },
      }))
        void p;
    })(),
    'SCAN_CANCELLED',
  );
  const missing = new Naps2Driver({ executable: path.join(dir, 'absent.exe') });
  await rejectsWith(missing.listDevices(), 'SCANNER_TOOL_MISSING');
});
