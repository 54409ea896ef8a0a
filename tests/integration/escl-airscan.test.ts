// The eSCL emulator checked by a client we did not write: sane-airscan (Debian `sane-airscan`)
// driven by scanimage (`sane-utils`), configured in a temporary SANE_CONFIG_DIR with the
// emulator as a manually listed device and discovery off. If sane-airscan scans from it — a
// flatbed page, a duplex feeder batch that ends on "feeder out of documents", a jam — the
// emulator speaks eSCL the way real devices do, not just the way our own client expects.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { AIRSCAN_DEVICE as DEVICE, inkShare, saneConfig, scanimage } from '../helpers/esclAirscan';
import { startEsclEmulator, type EsclEmulator } from '../helpers/esclEmulator';

let emu: EsclEmulator;
let conf: string;
let out: string;
before(async () => {
  emu = await startEsclEmulator({ feederSheets: 3 });
  conf = await saneConfig(emu.url);
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-airscan-out-'));
});
after(async () => {
  await emu.close();
  await fs.rm(conf, { recursive: true, force: true });
  await fs.rm(out, { recursive: true, force: true });
});

test('sane-airscan lists the emulator and reads its options from ScannerCapabilities', async () => {
  const list = await scanimage(conf, ['-f', '%d|%v|%m%n']);
  assert.match(list.stdout, new RegExp(`^${DEVICE}\\|`, 'm'));
  const opts = await scanimage(conf, ['-d', DEVICE, '-A']);
  assert.equal(opts.code, 0, opts.stderr);
  assert.match(opts.stdout, /--resolution 75\|100\|150\|200\|300\|600dpi/);
  assert.match(opts.stdout, /--source Flatbed\|ADF\|ADF Duplex/);
  assert.match(opts.stdout, /--mode Color\|Gray/);
});

test('sane-airscan scans a flatbed page from the emulator: a real A4 image with text', async () => {
  const file = path.join(out, 'flatbed.png');
  const r = await scanimage(conf, [
    '-d',
    DEVICE,
    '--resolution',
    '100',
    '--format=png',
    '-o',
    file,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const meta = await sharp(file).metadata();
  // sane-airscan asks for the whole platen (215.9 × 297 mm) at 100 dpi.
  assert.equal(meta.width, 850);
  assert.ok(Math.abs(meta.height - 1169) <= 1, `height ${meta.height}`);
  assert.ok((await inkShare(file)) > 0.001, 'the page carries printed text');
  assert.ok(emu.requests.includes('POST /eSCL/ScanJobs'));
});

test('sane-airscan feeder batch in duplex: 3 sheets, 6 pages, ends on "out of documents"', async () => {
  emu.loadFeeder(3);
  const r = await scanimage(conf, [
    '-d',
    DEVICE,
    '--source',
    'ADF Duplex',
    '--mode',
    'Gray',
    '--resolution',
    '75',
    '--format=png',
    `--batch=${path.join(out, 'duplex-%02d.png')}`,
    '--batch-print',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Document feeder out of documents/);
  const files = r.stdout.trim().split('\n');
  assert.equal(files.length, 6);
  for (const f of files) {
    const meta = await sharp(f).metadata();
    assert.equal(meta.channels, 1, `${f} is grey`);
    assert.ok((await inkShare(f)) > 0.001, `${f} carries text`);
  }
  const job = [...emu.jobs.values()].at(-1)!;
  assert.equal(job.duplex, true);
  assert.equal(job.colorMode, 'Grayscale8');
  assert.equal(emu.sheetsLeft(), 0);
});

test('sane-airscan sees the emulator jam and the empty feeder as the device errors they are', async () => {
  const jam = await startEsclEmulator({ feederSheets: 4, jamAtSheet: 2 });
  const jamConf = await saneConfig(jam.url);
  try {
    const r = await scanimage(jamConf, [
      '-d',
      DEVICE,
      '--source',
      'ADF',
      '--resolution',
      '75',
      '--format=png',
      `--batch=${path.join(out, 'jam-%02d.png')}`,
      '--batch-print',
    ]);
    assert.match(r.stderr, /Document feeder jammed/);
    assert.equal(r.stdout.trim().split('\n').length, 1, 'the sheet before the jam came out');

    jam.loadFeeder(0);
    const empty = await scanimage(jamConf, [
      '-d',
      DEVICE,
      '--source',
      'ADF',
      '--resolution',
      '75',
      '--format=png',
      '-o',
      path.join(out, 'empty.png'),
    ]);
    assert.notEqual(empty.code, 0);
    assert.match(empty.stderr, /Document feeder out of documents/);

    // The other convention: the job is accepted and the first NextDocument answers 404.
    const canon = await startEsclEmulator({
      feederSheets: 0,
      quirks: { emptyFeederOnNextDocument: true, relativeLocation: true },
    });
    const canonConf = await saneConfig(canon.url);
    try {
      const r2 = await scanimage(canonConf, [
        '-d',
        DEVICE,
        '--source',
        'ADF',
        '--resolution',
        '75',
        '--format=png',
        '-o',
        path.join(out, 'empty2.png'),
      ]);
      assert.notEqual(r2.code, 0);
      assert.match(r2.stderr, /Document feeder out of documents/);
      assert.ok(canon.requests.some((q) => q.endsWith('/NextDocument')));
    } finally {
      await canon.close();
      await fs.rm(canonConf, { recursive: true, force: true });
    }
  } finally {
    await jam.close();
    await fs.rm(jamConf, { recursive: true, force: true });
  }
});
