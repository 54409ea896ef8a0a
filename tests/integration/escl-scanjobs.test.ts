// Scan jobs through the contract (the same `invoke` both transports call), against the eSCL
// emulator and SANE's test backend: pages staged on disk as they arrive with a manifest, taken
// back as base64, a jam keeps the pages before it, cancel, a crash-interrupted job recovered,
// discard; and `sohoa scan` listing and scanning from the command line.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import type { Response } from '../../shared/contract';
import { scanCommand } from '../../electron/cli/commands/scan';
import { handlerContext } from '../../electron/core/api/context';
import { createHandlers } from '../../electron/core/api/handlers';
import { createInvoke, type Invoke } from '../../electron/core/api/invoke';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import { startEsclEmulator, type EsclEmulator } from '../helpers/esclEmulator';

const execFileP = promisify(execFile);

let dataDir: string;
let saneConf: string;
let core: Core;
let invoke: Invoke;
let emu: EsclEmulator;
let jam: EsclEmulator;
let slow: EsclEmulator;
const savedEnv = { escl: process.env.SOHOA_ESCL, sane: process.env.SANE_CONFIG_DIR };

async function call<C extends Parameters<Invoke>[0]>(channel: C, payload: unknown) {
  const envelope = await invoke(channel, payload);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.code), { info: envelope.error });
  return envelope.value;
}

type Job = Response<'scanStatus'>;

async function waitFor(jobId: string): Promise<Job> {
  for (let i = 0; i < 400; i++) {
    const job = (await call('scanStatus', { jobId })) as Job;
    if (job.state !== 'scanning') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('scan did not finish');
}

before(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-scanjobs-'));
  saneConf = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-scanjobs-sane-'));
  await fs.writeFile(path.join(saneConf, 'dll.conf'), 'test\n');
  emu = await startEsclEmulator({ feederSheets: 5 });
  jam = await startEsclEmulator({ feederSheets: 5, jamAtSheet: 3, model: 'Jamming MFP' });
  slow = await startEsclEmulator({ feederSheets: 20, pageDelayMs: 100, model: 'Slow MFP' });
  process.env.SOHOA_ESCL = [emu.url, jam.url, slow.url].join(',');
  process.env.SANE_CONFIG_DIR = saneConf;
  // Discovery has its own test (escl-mdns); here the list must be exactly what is configured.
  process.env.SOHOA_MDNS = '0';
  core = await openCore({ dataDir });
  invoke = createInvoke(createHandlers(handlerContext(core)), () => {});
});
after(async () => {
  await core.close();
  await Promise.all([emu.close(), jam.close(), slow.close()]);
  process.env.SOHOA_ESCL = savedEnv.escl;
  process.env.SANE_CONFIG_DIR = savedEnv.sane;
  if (savedEnv.escl === undefined) delete process.env.SOHOA_ESCL;
  if (savedEnv.sane === undefined) delete process.env.SANE_CONFIG_DIR;
  delete process.env.SOHOA_MDNS;
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(saneConf, { recursive: true, force: true });
});

test('listScanners: the configured eSCL scanners and the SANE devices, one list', async () => {
  const { scanners, problems } = (await call('listScanners', {})) as Response<'listScanners'>;
  assert.deepEqual(problems, []);
  const names = scanners.map((s) => `${s.kind}|${s.name}`);
  assert.ok(names.includes('escl|Sohoa Emulated ScanJet 4000'), names.join(', '));
  assert.ok(names.includes('escl|Jamming MFP'));
  assert.ok(names.includes('sane|Noname frontend-tester'));
  const caps = (await call('scannerCapabilities', {
    kind: 'escl',
    id: emu.url,
  })) as Response<'scannerCapabilities'>;
  assert.equal(caps.duplex, true);
});

test('startScan stages every page on disk with a manifest; scanPages gives them back', async () => {
  const started = (await call('startScan', {
    kind: 'escl',
    id: emu.url,
    name: 'Máy quét quầy 1',
    settings: { dpi: 100 },
  })) as Job;
  assert.equal(started.state, 'scanning');
  assert.deepEqual(started.settings, {
    source: 'feeder',
    duplex: false,
    colorMode: 'color',
    dpi: 100,
  });
  const job = await waitFor(started.jobId);
  assert.equal(job.state, 'done');
  assert.equal(job.device.name, 'Máy quét quầy 1');
  assert.deepEqual(
    job.pages.map((p) => p.name),
    ['page-001.jpg', 'page-002.jpg', 'page-003.jpg', 'page-004.jpg', 'page-005.jpg'],
  );
  const dir = path.join(dataDir, 'scans', job.jobId);
  const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Job;
  assert.equal(manifest.state, 'done');
  for (const p of job.pages) {
    const bytes = await fs.readFile(path.join(dir, p.name));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), p.sha256);
  }
  const taken = (await call('scanPages', { jobId: job.jobId })) as Response<'scanPages'>;
  assert.equal(taken.pages.length, 5);
  assert.equal(taken.next, null);
  const meta = await sharp(Buffer.from(taken.pages[4]!.dataBase64, 'base64')).metadata();
  assert.equal(meta.format, 'jpeg');
});

test('a jam ends the job in error; the two pages before it stay staged', async () => {
  const started = (await call('startScan', {
    kind: 'escl',
    id: jam.url,
    settings: { dpi: 75 },
  })) as Job;
  const job = await waitFor(started.jobId);
  assert.equal(job.state, 'error');
  assert.equal(job.error?.code, 'SCANNER_PAPER_JAM');
  assert.match(job.error?.message.vi ?? '', /kẹt giấy/);
  assert.equal(job.pages.length, 2);
  const files = await fs.readdir(path.join(dataDir, 'scans', job.jobId));
  assert.deepEqual(files.sort(), ['manifest.json', 'page-001.jpg', 'page-002.jpg']);
});

test('cancelScan stops the scanner and keeps the pages; discardScan deletes them', async () => {
  const started = (await call('startScan', {
    kind: 'escl',
    id: slow.url,
    settings: { dpi: 75 },
  })) as Job;
  for (let i = 0; i < 200; i++) {
    const job = (await call('scanStatus', { jobId: started.jobId })) as Job;
    if (job.pages.length >= 2) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const cancelled = (await call('cancelScan', { jobId: started.jobId })) as Job;
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(cancelled.error?.code, 'SCAN_CANCELLED');
  assert.ok(cancelled.pages.length >= 2 && cancelled.pages.length < 20);
  assert.ok(
    slow.requests.some((r) => r.startsWith('DELETE ')),
    'the device job was deleted',
  );

  await call('discardScan', { jobId: started.jobId });
  await assert.rejects(fs.access(path.join(dataDir, 'scans', started.jobId)));
  const gone = await invoke('scanStatus', { jobId: started.jobId });
  assert.equal(gone.ok, false);
  if (!gone.ok) assert.equal(gone.error.code, 'SCAN_JOB_NOT_FOUND');
});

test('a TWAIN scan where NAPS2 is not installed says so', async () => {
  const r = await invoke('startScan', { kind: 'naps2', id: 'twain:Fujitsu fi-7160' });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'SCANNER_TOOL_MISSING');
    assert.match(r.error.message.vi, /NAPS2/);
  }
});

test('a SANE feeder batch through the same channels', async () => {
  const started = (await call('startScan', {
    kind: 'sane',
    id: 'test:0',
    settings: { dpi: 75, colorMode: 'grey' },
  })) as Job;
  const job = await waitFor(started.jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.pages.length, 10);
});

test('a job left "scanning" by a crash is listed as interrupted, its pages intact', async () => {
  const jobId = '20261123-101500-abcdef';
  const dir = path.join(dataDir, 'scans', jobId);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'page-001.jpg'), Buffer.from('x'));
  await fs.writeFile(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      version: 1,
      jobId,
      device: { kind: 'escl', id: emu.url, name: 'x' },
      settings: { source: 'feeder', duplex: false, colorMode: 'color', dpi: 200 },
      startedAt: '2026-11-23T10:15:00.000Z',
      updatedAt: '2026-11-23T10:15:01.000Z',
      state: 'scanning',
      pages: [{ name: 'page-001.jpg', index: 0, bytes: 1, sha256: 'x' }],
    }),
  );
  // A fresh core stands for the next start of the app.
  const next = await openCore({ dataDir });
  try {
    const inv = createInvoke(createHandlers(handlerContext(next)), () => {});
    const listed = await inv('listScans', {});
    assert.ok(listed.ok);
    const jobs = (listed.value as Response<'listScans'>).jobs;
    const found = jobs.find((j) => j.jobId === jobId);
    assert.equal(found?.state, 'interrupted');
    assert.equal(found?.pages.length, 1);
  } finally {
    await next.close();
  }
});

test('sohoa scan lists the emulator and scans its feeder into a folder', async () => {
  const out = path.join(dataDir, 'cli-out');
  emu.loadFeeder(3);
  // Listing in-process (the command object itself), scanning through the real `sohoa` binary.
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    assert.equal(await scanCommand.run(['--list', '--escl', emu.url], { lang: 'vi' }), 0);
  } finally {
    console.log = log;
  }
  assert.ok(lines.includes(`escl:${emu.url}\tSohoa Emulated ScanJet 4000`), lines.join('\n'));
  const scan = await execFileP(
    process.execPath,
    ['bin/sohoa.mjs', 'scan', '--device', `escl:${emu.url}`, '--dpi', '75', '--out', out, '--json'],
    { env: { ...process.env, SOHOA_ESCL: '' }, timeout: 30_000 },
  );
  assert.deepEqual(JSON.parse(scan.stdout.trim()), { pages: 3, out });
  assert.deepEqual(await fs.readdir(out), ['page-001.jpg', 'page-002.jpg', 'page-003.jpg']);
});
