// The emulator answering as real devices: the ScannerCapabilities each one published
// (tests/fixtures/escl/<device>/) served verbatim, and jobs held to it. sane-airscan, a client
// we did not write, and our own driver read the same document and scan from it; their results
// must agree: the options offered, page count, pixel size for the dpi asked, colour mode.
//   HP DeskJet 2700   flatbed only, no PNG
//   Brother DS-940DW  feeder only, duplex, no PNG
//   Canon MF620C      flatbed + simplex feeder, 300 dpi only, no black-and-white
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { isSohoaError } from '../../shared/errors';
import { EsclDriver } from '../../electron/core/acquire/esclDriver';
import { inputCapsFor, parseCapabilities } from '../../electron/core/acquire/esclXml';
import type { AcquiredPage, ScanSettings } from '../../electron/core/acquire/source';
import { AIRSCAN_DEVICE, inkShare, saneConfig, scanimage } from '../helpers/esclAirscan';
import { readCapture, startEsclEmulator, type EsclEmulator } from '../helpers/esclEmulator';

const FAST = { pollMs: 20, pageTimeoutMs: 15_000, requestTimeoutMs: 5000 };

interface Shot {
  width: number;
  height: number;
  channels: number;
}

async function shot(image: string | Buffer): Promise<Shot> {
  const m = await sharp(image).metadata();
  return { width: m.width, height: m.height, channels: m.channels };
}

/** The pixel size a page must have: the region that client asked, at the dpi it asked. */
function expectedPixels(emu: EsclEmulator, jobIndex: number) {
  const job = [...emu.jobs.values()][jobIndex]!;
  const px = (mm: number) => Math.round((mm / 25.4) * job.dpi);
  return { job, width: px(job.widthMm), height: px(job.heightMm) };
}

function assertSize(s: Shot, want: { width: number; height: number }, who: string) {
  // ±1: the renderer and the client may round a fraction of a pixel differently.
  assert.ok(Math.abs(s.width - want.width) <= 1, `${who}: width ${s.width} ≠ ${want.width}`);
  assert.ok(Math.abs(s.height - want.height) <= 1, `${who}: height ${s.height} ≠ ${want.height}`);
}

async function ours(emu: EsclEmulator, settings: ScanSettings) {
  const driver = new EsclDriver({ addresses: [emu.url], ...FAST });
  const pages: { page: AcquiredPage; data: Buffer }[] = [];
  for await (const page of driver.acquire(emu.url, settings)) {
    pages.push({ page, data: await page.read() });
  }
  return pages;
}

interface Profile {
  emu: EsclEmulator;
  conf: string;
}
const profiles = new Map<string, Profile>();
let out: string;

async function profile(device: string, feederSheets = 0): Promise<Profile> {
  const emu = await startEsclEmulator({ capture: device, feederSheets });
  const p = { emu, conf: await saneConfig(emu.url) };
  profiles.set(device, p);
  return p;
}

before(async () => {
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-escl-captures-'));
});
after(async () => {
  for (const p of profiles.values()) {
    await p.emu.close();
    await fs.rm(p.conf, { recursive: true, force: true });
  }
  await fs.rm(out, { recursive: true, force: true });
});

test('the emulator serves a captured ScannerCapabilities byte for byte', async () => {
  const { emu } = await profile('hp-deskjet-2700');
  const res = await fetch(`${emu.url}/ScannerCapabilities`);
  assert.equal(await res.text(), readCapture('hp-deskjet-2700'));
  // A device without a feeder says nothing about one in its status.
  const status = await (await fetch(`${emu.url}/ScannerStatus`)).text();
  assert.match(status, /<pwg:State>Idle<\/pwg:State>/);
  assert.doesNotMatch(status, /AdfState/);
  assert.doesNotMatch(status, /scan:Jobs/, 'no jobs yet: no Jobs element, as real devices');
});

const CAPTURES = [
  'hp-deskjet-2700',
  'hp-scanjet-pro-4500',
  'brother-ds-940dw',
  'canon-mf628cw',
  'kyocera-ecosys-m5521cdn',
  'hp-color-laser-mfp-179fnw',
];
const SANE_SOURCE: Record<string, { source: 'flatbed' | 'feeder'; duplex: boolean }> = {
  Flatbed: { source: 'flatbed', duplex: false },
  ADF: { source: 'feeder', duplex: false },
  'ADF Duplex': { source: 'feeder', duplex: true },
};

test('every captured device: sane-airscan offers the sources, modes and resolutions we derive', async () => {
  for (const device of CAPTURES) {
    const emu = await startEsclEmulator({ capture: device });
    const conf = await saneConfig(emu.url);
    try {
      const opts = await scanimage(conf, ['-d', AIRSCAN_DEVICE, '-A']);
      assert.equal(opts.code, 0, `${device}: ${opts.stderr}`);
      const option = (name: string) => {
        const m = new RegExp(`--${name} (.+?)(?:dpi)? \\[`).exec(opts.stdout);
        assert.ok(m, `${device}: sane-airscan shows --${name}`);
        return m[1]!.split('|');
      };
      const caps = parseCapabilities(readCapture(device));
      const sources = option('source');
      const ourSources = [
        ...(caps.platen ? ['Flatbed'] : []),
        ...(caps.adfSimplex ? ['ADF'] : []),
        ...(caps.adfDuplex ? ['ADF Duplex'] : []),
      ];
      assert.deepEqual(sources, ourSources, `${device}: sources`);
      // Resolutions are shown for the selected source, the first one by default.
      const first = inputCapsFor(caps, SANE_SOURCE[sources[0]!]!)!;
      assert.deepEqual(option('resolution').map(Number), first.resolutions, `${device}: dpi`);
      // sane-airscan shows colour and grey (black-and-white it makes itself from grey).
      const modes = option('mode').map((m) => ({ Color: 'RGB24', Gray: 'Grayscale8' })[m]);
      assert.deepEqual(
        modes,
        (['RGB24', 'Grayscale8'] as const).filter((m) => first.colorModes.includes(m)),
        `${device}: modes`,
      );
    } finally {
      await emu.close();
      await fs.rm(conf, { recursive: true, force: true });
    }
  }
});

test('the emulator writes a JobInfo in the order a real HP LaserJet does', async () => {
  const elements = (xml: string) =>
    [...(/<scan:JobInfo>([\s\S]*?)<\/scan:JobInfo>/.exec(xml)?.[1] ?? '').matchAll(/<([\w:]+)>/g)]
      .map((m) => m[1]!)
      .filter((e) => e !== 'scan:TransferRetryCount' && e !== 'pwg:JobStateReason');
  const real = elements(
    readCapture('hp-color-laserjet-mfp-m283fdw', 'ScannerStatus-processing.xml'),
  );
  assert.ok(real.length >= 7);
  const emu = await startEsclEmulator({ capture: 'hp-color-laser-mfp-179fnw' });
  try {
    await ours(emu, { source: 'flatbed', duplex: false, colorMode: 'grey', dpi: 100 });
    const status = await (await fetch(`${emu.url}/ScannerStatus`)).text();
    assert.deepEqual(elements(status), real);
  } finally {
    await emu.close();
  }
});

test('as an HP DeskJet 2700 (flatbed only): both clients see one source and scan the same page', async () => {
  const { emu, conf } = profiles.get('hp-deskjet-2700') ?? (await profile('hp-deskjet-2700'));
  const driver = new EsclDriver({ addresses: [emu.url], ...FAST });
  const caps = await driver.capabilities(emu.url);
  assert.deepEqual(caps.sources, ['flatbed']);

  const opts = await scanimage(conf, ['-d', AIRSCAN_DEVICE, '-A']);
  assert.equal(opts.code, 0, opts.stderr);
  assert.match(opts.stdout, /--source Flatbed \[/, 'sane-airscan offers the flatbed only');
  assert.match(opts.stdout, new RegExp(`--resolution ${caps.resolutions.join('\\|')}dpi`));

  const file = path.join(out, 'deskjet.png');
  const theirs = await scanimage(conf, [
    '-d',
    AIRSCAN_DEVICE,
    '--mode',
    'Gray',
    '--resolution',
    '100',
    '--format=png',
    '-o',
    file,
  ]);
  assert.equal(theirs.code, 0, theirs.stderr);
  const mine = await ours(emu, { source: 'flatbed', duplex: false, colorMode: 'grey', dpi: 100 });
  assert.equal(mine.length, 1);

  const a = expectedPixels(emu, 0);
  const b = expectedPixels(emu, 1);
  // The device lists no PNG: both clients asked for JPEG, in grey, at 100 dpi.
  for (const { job } of [a, b]) {
    assert.equal(job.format, 'image/jpeg');
    assert.equal(job.colorMode, 'Grayscale8');
    assert.equal(job.dpi, 100);
  }
  const s1 = await shot(file);
  const s2 = await shot(mine[0]!.data);
  assertSize(s1, a, 'sane-airscan');
  assertSize(s2, b, 'our driver');
  // Same glass, same length: the whole platen for sane-airscan, A4 for us (both 3508 high).
  assert.equal(s1.height, s2.height);
  assert.equal(s1.channels, 1);
  assert.equal(s2.channels, 1);
  assert.ok((await inkShare(file)) > 0.001 && (await inkShare(mine[0]!.data)) > 0.001);

  // No feeder on this device: our driver says so before asking, the device refuses if asked.
  await assert.rejects(
    ours(emu, { source: 'feeder', duplex: false, colorMode: 'grey', dpi: 100 }),
    (e: unknown) => isSohoaError(e) && e.code === 'SCANNER_SETTINGS_UNSUPPORTED',
  );
  const feeder = await scanimage(conf, ['-d', AIRSCAN_DEVICE, '--source', 'ADF', '-n']);
  assert.notEqual(feeder.code, 0, 'sane-airscan has no ADF to choose either');
});

test('as a Brother DS-940DW (duplex feeder only): 2 sheets give 4 pages to each client', async () => {
  const { emu, conf } = await profile('brother-ds-940dw', 2);
  const driver = new EsclDriver({ addresses: [emu.url], ...FAST });
  const caps = await driver.capabilities(emu.url);
  assert.deepEqual(caps.sources, ['feeder']);
  assert.equal(caps.duplex, true);

  const opts = await scanimage(conf, ['-d', AIRSCAN_DEVICE, '-A']);
  assert.equal(opts.code, 0, opts.stderr);
  assert.match(opts.stdout, /--source ADF\|ADF Duplex \[/);
  assert.doesNotMatch(opts.stdout, /Flatbed/);
  assert.match(opts.stdout, new RegExp(`--resolution ${caps.resolutions.join('\\|')}dpi`));

  const theirs = await scanimage(conf, [
    '-d',
    AIRSCAN_DEVICE,
    '--source',
    'ADF Duplex',
    '--mode',
    'Color',
    '--resolution',
    '100',
    '--format=png',
    `--batch=${path.join(out, 'brother-%02d.png')}`,
    '--batch-print',
  ]);
  assert.equal(theirs.code, 0, theirs.stderr);
  assert.match(theirs.stderr, /Document feeder out of documents/);
  const files = theirs.stdout.trim().split('\n');

  emu.loadFeeder(2);
  const mine = await ours(emu, { source: 'feeder', duplex: true, colorMode: 'color', dpi: 100 });
  assert.equal(files.length, 4);
  assert.equal(mine.length, files.length);
  assert.deepEqual(
    mine.map((p) => p.page.side),
    ['front', 'back', 'front', 'back'],
  );

  const a = expectedPixels(emu, 0);
  const b = expectedPixels(emu, 1);
  for (const { job } of [a, b]) {
    assert.equal(job.duplex, true);
    assert.equal(job.colorMode, 'RGB24');
    assert.equal(job.format, 'image/jpeg');
  }
  for (const f of files) {
    const s = await shot(f);
    assertSize(s, a, `sane-airscan ${path.basename(f)}`);
    assert.equal(s.channels, 3);
  }
  for (const p of mine) {
    const s = await shot(p.data);
    assertSize(s, b, `our driver ${p.page.name}`);
    assert.equal(s.channels, 3);
  }
  assert.equal(emu.sheetsLeft(), 0);
});

test('as a Canon MF620C (300 dpi only, no black-and-white): both clients scan at 300 dpi', async () => {
  const { emu, conf } = await profile('canon-mf628cw', 1);
  const opts = await scanimage(conf, ['-d', AIRSCAN_DEVICE, '-A']);
  assert.equal(opts.code, 0, opts.stderr);
  assert.match(opts.stdout, /--resolution 300dpi/);
  assert.match(opts.stdout, /--source Flatbed\|ADF \[/);
  assert.doesNotMatch(opts.stdout, /Lineart/);

  const theirs = await scanimage(conf, [
    '-d',
    AIRSCAN_DEVICE,
    '--source',
    'ADF',
    '--mode',
    'Gray',
    '--format=png',
    `--batch=${path.join(out, 'canon-%02d.png')}`,
    '--batch-print',
  ]);
  assert.equal(theirs.code, 0, theirs.stderr);
  const files = theirs.stdout.trim().split('\n');
  assert.equal(files.length, 1);

  // The clerk's 200 dpi is not offered: our driver asks the next finer, 300.
  emu.loadFeeder(1);
  const mine = await ours(emu, { source: 'feeder', duplex: false, colorMode: 'grey', dpi: 200 });
  assert.equal(mine.length, 1);
  const a = expectedPixels(emu, 0);
  const b = expectedPixels(emu, 1);
  assert.equal(a.job.dpi, 300);
  assert.equal(b.job.dpi, 300);
  const s1 = await shot(files[0]!);
  const s2 = await shot(mine[0]!.data);
  assertSize(s1, a, 'sane-airscan');
  assertSize(s2, b, 'our driver');
  assert.equal(s1.channels, 1);
  assert.equal(s2.channels, 1);

  // Black-and-white is not in its ColorModes: refused by our driver before any job.
  const jobs = emu.jobs.size;
  await assert.rejects(
    ours(emu, { source: 'feeder', duplex: false, colorMode: 'bw', dpi: 300 }),
    (e: unknown) => isSohoaError(e) && e.code === 'SCANNER_SETTINGS_UNSUPPORTED',
  );
  assert.equal(emu.jobs.size, jobs);
});
