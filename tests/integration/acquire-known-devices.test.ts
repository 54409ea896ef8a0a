// The page may scan only from a scanner the core listed itself or IT configured (the page never
// chooses freely what the host reaches): through the real handlers, an arbitrary eSCL URL sent by
// the page is refused before any HTTP request leaves (a loopback eSCL server counts them), and so
// is an arbitrary SANE device; a scanner configured in Settings scans without listing first; a SANE
// device (scanimage's test backend) is refused until listScanners found it, then scans.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Response } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { handlerContext } from '../../electron/core/api/context';
import { createHandlers } from '../../electron/core/api/handlers';
import { createInvoke, type Invoke } from '../../electron/core/api/invoke';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import { saveSettings } from '../../electron/core/settings/store';
import { startEsclEmulator, type EsclEmulator } from '../helpers/esclEmulator';

type Job = Response<'scanStatus'>;

let dataDir: string;
let saneConf: string;
let core: Core;
let invoke: Invoke;
let configured: EsclEmulator;
let victim: EsclEmulator;
const savedEnv = {
  escl: process.env.SOHOA_ESCL,
  sane: process.env.SANE_CONFIG_DIR,
  mdns: process.env.SOHOA_MDNS,
};

async function call(channel: Parameters<Invoke>[0], payload: unknown) {
  const envelope = await invoke(channel, payload);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.code), { info: envelope.error });
  return envelope.value;
}

async function refused(channel: 'startScan' | 'scannerCapabilities', payload: unknown) {
  const r = await invoke(channel, payload);
  assert.equal(r.ok, false, `${channel} ${JSON.stringify(payload)} was accepted`);
  return r.ok ? undefined : r.error;
}

async function waitFor(jobId: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const job = (await call('scanStatus', { jobId })) as Job;
    if (job.state !== 'scanning') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('scan did not finish');
}

before(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-known-devices-'));
  saneConf = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-known-devices-sane-'));
  await fs.writeFile(path.join(saneConf, 'dll.conf'), 'test\n');
  configured = await startEsclEmulator({ feederSheets: 2, model: 'Configured MFP' });
  victim = await startEsclEmulator({ feederSheets: 2, model: 'Not Ours MFP' });
  delete process.env.SOHOA_ESCL;
  process.env.SANE_CONFIG_DIR = saneConf;
  process.env.SOHOA_MDNS = '0';
  const p = { dataDir, keysDir: path.join(dataDir, 'keys') };
  const saved = saveSettings(p, {
    ...DEFAULT_SETTINGS,
    // Spelled as IT types it (host:port), not as the device list spells it.
    scanners: [
      {
        name: 'Máy quét quầy 1',
        kind: 'escl',
        address: `127.0.0.1:${configured.port}`,
        dpi: 150,
        colour: 'grey',
        duplex: false,
      },
    ],
  });
  assert.ok(saved.ok, JSON.stringify(saved));
  core = await openCore({ dataDir });
  invoke = createInvoke(createHandlers(handlerContext(core)), () => {});
});

after(async () => {
  await core.close();
  await Promise.all([configured.close(), victim.close()]);
  for (const [name, value] of [
    ['SOHOA_ESCL', savedEnv.escl],
    ['SANE_CONFIG_DIR', savedEnv.sane],
    ['SOHOA_MDNS', savedEnv.mdns],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(saneConf, { recursive: true, force: true });
});

test('an eSCL URL the core never listed is refused and never contacted', async () => {
  const spellings = [
    victim.url,
    `127.0.0.1:${victim.port}`,
    `http://localhost:${victim.port}/eSCL/`,
    `https://127.0.0.1:${victim.port}/other`,
  ];
  for (const id of spellings) {
    for (const channel of ['startScan', 'scannerCapabilities'] as const) {
      const error = await refused(channel, { kind: 'escl', id });
      assert.equal(error?.code, 'SCANNER_NOT_LISTED', `${channel} ${id}`);
      assert.match(error?.message.vi ?? '', /chưa có trong danh sách/);
      assert.match(error?.message.en ?? '', /not in this computer's scanner list/);
    }
  }
  // Not even after a listing: it is neither configured nor found.
  await call('listScanners', {});
  assert.equal(
    (await refused('startScan', { kind: 'escl', id: victim.url }))?.code,
    'SCANNER_NOT_LISTED',
  );
  assert.deepEqual(victim.requests, [], 'no request reached the server the page named');
  assert.deepEqual(await fs.readdir(path.join(dataDir, 'scans')).catch(() => []), []);
});

test('a SANE device string from the page is refused', async () => {
  for (const id of ['net:10.0.0.9:test:0', 'pixma:04A9176D_123456', 'v4l:/dev/video0']) {
    const error = await refused('startScan', { kind: 'sane', id });
    assert.equal(error?.code, 'SCANNER_NOT_LISTED', id);
  }
});

test('a scanner configured in Settings scans without being listed first', async () => {
  const fresh = await openCore({ dataDir });
  try {
    const inv = createInvoke(createHandlers(handlerContext(fresh)), () => {});
    const caps = await inv('scannerCapabilities', { kind: 'escl', id: configured.url });
    assert.ok(caps.ok, JSON.stringify(caps));
    const started = await inv('startScan', {
      kind: 'escl',
      id: configured.url,
      settings: { dpi: 75 },
    });
    assert.ok(started.ok, JSON.stringify(started));
    invoke = inv;
    const job = await waitFor((started.value as Job).jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.equal(job.pages.length, 2);
    assert.ok(
      configured.requests.some((r) => r.startsWith('POST ')),
      'the job was sent',
    );
  } finally {
    invoke = createInvoke(createHandlers(handlerContext(core)), () => {});
    await fresh.close();
  }
});

test('a SANE device is refused until listScanners found it, then it scans', async () => {
  const fresh = await openCore({ dataDir });
  try {
    invoke = createInvoke(createHandlers(handlerContext(fresh)), () => {});
    const before = await refused('startScan', { kind: 'sane', id: 'test:0' });
    assert.equal(before?.code, 'SCANNER_NOT_LISTED');
    const { scanners } = (await call('listScanners', {})) as Response<'listScanners'>;
    assert.ok(
      scanners.some((s) => s.kind === 'sane' && s.id === 'test:0'),
      JSON.stringify(scanners),
    );
    const started = (await call('startScan', {
      kind: 'sane',
      id: 'test:0',
      settings: { dpi: 75, colorMode: 'grey' },
    })) as Job;
    const job = await waitFor(started.jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.ok(job.pages.length > 0);
  } finally {
    await fresh.close();
  }
});
