// Paths reach the core only as grants of the host's own dialog (the page never names a path it
// could choose freely), through the real handler table: a free path is refused by batchQueueFolder,
// importFolder and settingsSave, a grant of the right purpose works, a grant of another purpose
// does not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { createApi, type Api } from '../../electron/core/api';
import type { Channel, Response } from '../../shared/contract';
import type { PathPurpose } from '../../shared/contracts/host';
import type { ErrorInfo } from '../../shared/errors';
import type { DeskSettings } from '../../shared/settings';

let work: string;
let api: Api;
/** What the stand-in dialog "chooses" next, per purpose; null = the clerk cancels. */
const choices = new Map<PathPurpose, string | null>();
const asked: { purpose: PathPurpose; language: string }[] = [];

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-host-api-'));
  for (const dir of ['scans/hop-12', 'empty', 'store', 'store-2', 'inbox']) {
    fs.mkdirSync(path.join(work, dir), { recursive: true });
  }
  const blank = await sharp({
    create: { width: 400, height: 560, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer();
  fs.writeFileSync(path.join(work, 'scans/hop-12/trang-1.png'), blank);
  fs.writeFileSync(path.join(work, 'scans/hop-12/trang-2.png'), blank);
  api = await createApi({
    dataDir: path.join(work, 'data'),
    ocrWorkers: 1,
    host: {
      choosePath(purpose, options) {
        asked.push({ purpose, language: options?.language ?? '' });
        const chosen = choices.get(purpose);
        return Promise.resolve(chosen === undefined ? null : chosen);
      },
    },
  });
});

after(async () => {
  await api?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function ok<C extends Channel>(channel: C, payload: unknown): Promise<Response<C>> {
  const r = await api.invoke(channel, payload);
  assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`);
  return r.value as Response<C>;
}

async function failsWith(channel: Channel, payload: unknown, code: string): Promise<ErrorInfo> {
  const r = await api.invoke(channel, payload);
  assert.ok(!r.ok, `${channel} should fail: ${JSON.stringify(r)}`);
  assert.equal(r.error.code, code, JSON.stringify(r.error));
  return r.error;
}

async function choose(purpose: PathPurpose, chosen: string): Promise<string> {
  choices.set(purpose, chosen);
  const r = await ok('choosePath', { purpose, language: 'en' });
  assert.ok(!r.cancelled);
  assert.equal(r.label, chosen, 'the label is the chosen path, shown read-only');
  return r.grant;
}

test('choosePath asks the host for the purpose; a cancel is no grant', async () => {
  choices.set('importFolder', null);
  assert.deepEqual(await ok('choosePath', { purpose: 'importFolder' }), { cancelled: true });
  assert.deepEqual(asked.at(-1), { purpose: 'importFolder', language: 'vi' });
  await failsWith('choosePath', { purpose: 'anywhere' }, 'BAD_REQUEST');
});

test('importFolder lists the chosen folder for a grant, and refuses a free path', async () => {
  await failsWith('importFolder', { folder: path.join(work, 'scans') }, 'BAD_REQUEST');
  await failsWith('importFolder', { grant: path.join(work, 'scans') }, 'BAD_REQUEST');
  const grant = await choose('importFolder', path.join(work, 'scans'));
  const listing = await ok('importFolder', { grant });
  assert.deepEqual(
    listing.files.map((f) => f.name),
    ['hop-12/trang-1.png', 'hop-12/trang-2.png'],
  );
  // Chosen for an import, it cannot feed a batch.
  await failsWith('batchQueueFolder', { grant }, 'PATH_GRANT_WRONG_PURPOSE');
});

test('batchQueueFolder queues the chosen folder for a grant, and refuses a free path', async () => {
  await failsWith('batchQueueFolder', { folder: path.join(work, 'scans/hop-12') }, 'BAD_REQUEST');
  await failsWith('batchQueueFolder', { grant: 'grant:' + 'x'.repeat(32) }, 'PATH_GRANT_INVALID');
  const empty = await choose('batchFolder', path.join(work, 'empty'));
  const error = await failsWith('batchQueueFolder', { grant: empty }, 'NO_VALID_PAGES');
  assert.equal(error.subject, 'empty', 'the grant led the core to the chosen folder');
  const grant = await choose('batchFolder', path.join(work, 'scans/hop-12'));
  const { batch } = await ok('batchQueueFolder', { grant, title: 'Hộp 12' });
  assert.equal(batch.title, 'Hộp 12');
  assert.equal(batch.files, 2);
  await ok('batchControl', { batchId: batch.id, action: 'cancel' });
});

/** The issues of a refused save, as `field:key`. */
async function refusedSave(settings: unknown): Promise<string[]> {
  const r = await ok('settingsSave', { settings });
  assert.ok(!r.ok, 'the save is refused');
  return r.issues.map((i) => `${i.path}:${i.key}`).sort();
}

async function save(settings: unknown): Promise<DeskSettings> {
  const r = await ok('settingsSave', { settings });
  assert.ok(r.ok, JSON.stringify(r));
  return r.view.settings;
}

test('settingsSave: a path is the saved one or a grant of its purpose, never a new free path', async () => {
  const { settings } = await ok('settingsGet', {});
  const store = path.join(work, 'store');

  assert.deepEqual(await refusedSave({ ...settings, connector: { kind: 'folder', path: store } }), [
    'connector.path:pathNotChosen',
  ]);
  assert.ok(!fs.existsSync(path.join(work, 'data', 'outbox-destination.json')));

  const hot = await choose('hotFolder', path.join(work, 'inbox'));
  assert.deepEqual(await refusedSave({ ...settings, connector: { kind: 'folder', path: hot } }), [
    'connector.path:pathNotChosen',
  ]);

  const connector = await choose('connectorFolder', store);
  const exportDir = await choose('exportFolder', path.join(work, 'store-2'));
  const saved = await save({
    ...settings,
    connector: { kind: 'folder', path: connector },
    hotFolders: [{ path: hot, target: 'batch' }],
    exportDir,
  });
  assert.deepEqual(saved.connector, { kind: 'folder', path: store });
  assert.equal(saved.exportDir, path.join(work, 'store-2'));
  assert.equal(saved.hotFolders[0]?.path, path.join(work, 'inbox'));
  const onDisk = JSON.parse(fs.readFileSync(path.join(work, 'data', 'settings.json'), 'utf8')) as {
    settings: DeskSettings;
  };
  assert.equal(onDisk.settings.exportDir, path.join(work, 'store-2'), 'the file keeps paths');

  // Saving again with the saved paths unchanged is fine; a new free one beside them is not.
  assert.deepEqual(await save(saved), saved);
  assert.deepEqual(
    await refusedSave({
      ...saved,
      hotFolders: [...saved.hotFolders, { path: '/etc', target: 'reception' }],
      exportDir: path.join(work, 'store'),
    }),
    ['exportDir:pathNotChosen', 'hotFolders.1.path:pathNotChosen'],
  );
});

test('without a chooser, choosePath is a typed error', async () => {
  const bare = await createApi({ dataDir: path.join(work, 'data-bare') });
  try {
    const r = await bare.invoke('choosePath', { purpose: 'batchFolder' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'PATH_CHOOSER_UNAVAILABLE');
    assert.match(r.error.message.vi, /Chọn|chọn/);
  } finally {
    await bare.close();
  }
});
