// The data folder's place and permissions: local (not roaming) app data on Windows with a
// roaming folder moved there once, and an owner-only folder whatever the umask says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { defaultDataDir, ensureDataDir } from '../../electron/core/config/paths';

test('Windows keeps the data under LOCALAPPDATA, never the roaming APPDATA', () => {
  const env = {
    LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
    APPDATA: 'C:\\Users\\a\\AppData\\Roaming',
  };
  const dir = defaultDataDir(env, 'win32');
  assert.ok(dir.startsWith(env.LOCALAPPDATA), dir);
  assert.ok(!dir.includes('Roaming'));
});

test('an existing roaming folder is moved to the local one, whole', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-paths-'));
  try {
    const env = { LOCALAPPDATA: path.join(work, 'Local'), APPDATA: path.join(work, 'Roaming') };
    const roaming = path.join(env.APPDATA, 'SohoaDesk');
    fs.mkdirSync(path.join(roaming, 'blobs'), { recursive: true });
    fs.writeFileSync(path.join(roaming, 'archive.sqlite'), 'db');
    const local = defaultDataDir(env, 'win32');
    ensureDataDir(local, { env, platform: 'win32' });
    assert.equal(fs.readFileSync(path.join(local, 'archive.sqlite'), 'utf8'), 'db');
    assert.ok(fs.existsSync(path.join(local, 'blobs')));
    assert.ok(!fs.existsSync(roaming), 'nothing left on the roaming profile');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test(
  'the folder is made 0700 even under a permissive umask',
  { skip: process.platform === 'win32' },
  () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-paths-'));
    const old = process.umask(0o000);
    try {
      const dir = ensureDataDir(path.join(work, 'data'));
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      fs.chmodSync(dir, 0o755);
      ensureDataDir(dir);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700, 'an existing loose folder is tightened');
    } finally {
      process.umask(old);
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
);
