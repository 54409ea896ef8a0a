// Two real processes on one data folder: while a `sohoa hotfolder watch` holds the folder, the
// first encryption is refused with a clear vi/en error and leaves the folder untouched; once the
// watcher is killed (-9, its entry left behind) the encryption goes ahead. While another process
// encrypts the folder, a CLI command is refused in Vietnamese, and runs once that process is gone.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { errorInfo } from '../../shared/errors';
import { Archive } from '../../electron/core/archive/archive';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { forgetVaults, useKeyProvider } from '../../electron/core/vault/registry';
import { prepareVault } from '../../electron/core/vault/setup';
import { isPlainSqlite } from '../../electron/core/vault/sqlite';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-lock-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
  forgetVaults();
  useKeyProvider(null);
  fs.rmSync(work, { recursive: true, force: true });
});

const cliEnv = { ...process.env, SOHOA_CLI_FROM_SOURCE: '1', MALLOC_ARENA_MAX: '2' };

function plainFolder(name: string): string {
  const dataDir = path.join(work, name);
  fs.mkdirSync(dataDir, { recursive: true });
  new Archive(path.join(dataDir, 'archive.sqlite')).close();
  return dataDir;
}

function start(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv });
  children.push(child);
  return child;
}

/** Resolves once a lock entry named `prefix…` of `child` is in the folder. */
async function entryOf(dataDir: string, prefix: string, child: ChildProcess): Promise<void> {
  const dir = path.join(dataDir, '.lock');
  for (let i = 0; i < 600; i++) {
    const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    for (const n of names.filter((x) => x.startsWith(prefix))) {
      const entry = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { pid: number };
      if (entry.pid === child.pid) return;
    }
    if (child.exitCode !== null) throw new Error(`child exited ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no lock entry');
}

async function killed(child: ChildProcess): Promise<void> {
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

test('a running hot-folder watcher blocks the first encryption until it is gone', async () => {
  const dataDir = plainFolder('watched');
  const inbox = path.join(work, 'inbox');
  fs.mkdirSync(inbox);
  const watcher = start([
    'bin/sohoa.mjs',
    'hotfolder',
    'watch',
    inbox,
    '--data-dir',
    dataDir,
    '--move-only',
    '--poll-ms',
    '200',
  ]);
  await entryOf(dataDir, 'shared-', watcher);
  useKeyProvider(fileKeyProvider(path.join(work, 'it.key')));
  await assert.rejects(prepareVault(dataDir), (e: unknown) => {
    const info = (e as { info?: ReturnType<typeof errorInfo> }).info;
    assert.equal(info?.code, 'DATA_FOLDER_BUSY');
    assert.match(
      info.message.vi,
      new RegExp(`đang được một chương trình Sohoa khác dùng .*pid ${watcher.pid}`),
    );
    assert.match(info.message.en, /in use by another Sohoa program/);
    return true;
  });
  assert.ok(!fs.existsSync(path.join(dataDir, 'vault.json')), 'no vault made');
  assert.ok(isPlainSqlite(path.join(dataDir, 'archive.sqlite')), 'the database left as it was');
  // kill -9 leaves the watcher's entry behind; its pid no longer runs, so it does not count.
  await killed(watcher);
  assert.ok(fs.readdirSync(path.join(dataDir, '.lock')).some((n) => n.startsWith('shared-')));
  const vault = await prepareVault(dataDir);
  assert.equal(vault?.created, true);
  assert.ok(!isPlainSqlite(path.join(dataDir, 'archive.sqlite')), 'encrypted now');
  useKeyProvider(null);
  forgetVaults();
});

test('while another process encrypts the folder, a CLI command is refused, then runs', async () => {
  const dataDir = plainFolder('encrypting');
  const holder = start(['--import', 'tsx', 'tests/helpers/folderLockHolder.ts', dataDir]);
  await entryOf(dataDir, 'exclusive', holder);
  const args = ['bin/sohoa.mjs', 'search', 'Nguyễn', '--data-dir', dataDir, '--lang', 'vi'];
  const refused = spawnSync(process.execPath, args, { env: cliEnv, encoding: 'utf8' });
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /đang được một chương trình Sohoa khác dùng/);
  assert.match(refused.stderr, new RegExp(`pid ${holder.pid}`));
  await killed(holder);
  const ran = spawnSync(process.execPath, args, { env: cliEnv, encoding: 'utf8' });
  assert.equal(ran.status, 0, ran.stderr);
  assert.ok(
    !fs.existsSync(path.join(dataDir, '.lock')),
    'its entry, and the lock folder with it, removed on exit',
  );
});
