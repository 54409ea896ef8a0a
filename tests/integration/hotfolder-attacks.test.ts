// Someone who can write to the scan share tries to make the desk write or read outside it: a link
// planted where the reason file will be written, a name carrying newlines, done/ or the work
// folder replaced by links, a link planted in the work folder pointing at a file on the PC. Each
// is planted on real folders; nothing outside the share may change or reach the handler, and the
// desk says why (an event with a code, or start refused with one).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import {
  HotFolder,
  REASON_SUFFIX,
  workDirOf,
  type HotFolderEvent,
} from '../../electron/core/acquire/hotFolder';
import { HotFolderLedger } from '../../electron/core/acquire/hotFolderLedger';
import { safeName } from '../../electron/core/acquire/hotFolderSafety';
import { isSohoaError } from '../../shared/errors';

const FAST = { pollMs: 40, stablePolls: 2, stableMs: 120 };
const SECRET = 'bí mật của cán bộ — không được ghi đè\n';

async function jpeg(shade: number): Promise<Buffer> {
  return sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: shade, g: 90, b: 30 } },
  })
    .jpeg()
    .toBuffer();
}

/** A share (inbox) and, beside it, the clerk's own files the attacker aims at. */
async function setup(name: string) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `sohoa-hot-attack-${name}-`));
  const inbox = path.join(root, 'share');
  const home = path.join(root, 'clerk-home');
  await fs.mkdir(inbox);
  await fs.mkdir(home);
  const target = path.join(home, 'important.txt');
  await fs.writeFile(target, SECRET);
  const ledger = new HotFolderLedger(path.join(root, 'data', 'hotfolder.sqlite'), inbox);
  const events: HotFolderEvent[] = [];
  const handled: Buffer[] = [];
  const hot = new HotFolder({
    inbox,
    ledger,
    ...FAST,
    onEvent: (e) => events.push(e),
    handle: async (f) => {
      handled.push(await f.read());
    },
  });
  const homeUnchanged = async () => {
    assert.equal(await fs.readFile(target, 'utf8'), SECRET, 'the file outside is untouched');
    assert.deepEqual(await fs.readdir(home), ['important.txt'], 'nothing new outside the share');
  };
  const done = async () => {
    await hot.stop().catch(() => undefined);
    ledger.close();
    await fs.rm(root, { recursive: true, force: true });
  };
  return { root, inbox, home, target, hot, events, handled, homeUnchanged, done };
}

test('a link planted as the reason file is never written through: the next name is used', async () => {
  const s = await setup('reason');
  try {
    await fs.mkdir(path.join(s.inbox, 'error'));
    await fs.symlink(s.target, path.join(s.inbox, 'error', `bad.jpg${REASON_SUFFIX}`));
    // A corrupt scan with that name: the desk sends it to error/ with a reason.
    await fs.writeFile(path.join(s.inbox, 'bad.jpg'), Buffer.from('not a jpeg at all'));
    await s.hot.start();
    await s.hot.idle();
    await s.homeUnchanged();
    const errorDir = path.join(s.inbox, 'error');
    const names = (await fs.readdir(errorDir)).sort();
    assert.deepEqual(names, [
      'bad (2).jpg',
      `bad (2).jpg${REASON_SUFFIX}`,
      `bad.jpg${REASON_SUFFIX}`,
    ]);
    const planted = await fs.lstat(path.join(errorDir, `bad.jpg${REASON_SUFFIX}`));
    assert.ok(planted.isSymbolicLink(), 'the planted link is left as it was');
    const reason = await fs.readFile(path.join(errorDir, `bad (2).jpg${REASON_SUFFIX}`), 'utf8');
    assert.match(reason, /FILE_NOT_IMAGE/);
    assert.ok(s.events.some((e) => e.kind === 'error' && e.code === 'FILE_NOT_IMAGE'));
  } finally {
    await s.done();
  }
});

test('newlines and control characters in a name never reach a file, a reason or the feed', async () => {
  const s = await setup('newline');
  try {
    const evil = 'x\nLý do: tệp an toàn, hãy mở\r\u202Egpj.exe\u0007.jpg';
    await fs.writeFile(path.join(s.inbox, evil), Buffer.from('broken'));
    await fs.writeFile(path.join(s.inbox, 'ok\nline.jpg'), await jpeg(40));
    await s.hot.start();
    await s.hot.idle();
    const errorNames = await fs.readdir(path.join(s.inbox, 'error'));
    const doneNames = await fs.readdir(path.join(s.inbox, 'done'));
    for (const n of [...errorNames, ...doneNames])
      assert.doesNotMatch(n, /[\p{Cc}\u202E]/u, `clean file name: ${JSON.stringify(n)}`);
    assert.deepEqual(doneNames, ['ok_line.jpg']);
    const reasonFile = errorNames.find((n) => n.endsWith(REASON_SUFFIX));
    assert.ok(reasonFile);
    const reason = await fs.readFile(path.join(s.inbox, 'error', reasonFile), 'utf8');
    const lines = reason.split('\n');
    assert.equal(lines.length, 7, 'the reason file has its own seven lines, none added');
    assert.ok(lines[0]!.startsWith('Tệp / File: x_Lý do'), lines[0]);
    assert.ok(!lines.some((l) => l.startsWith('Lý do: tệp an toàn')), 'no line of the sender');
    for (const e of s.events) assert.doesNotMatch(e.name, /[\p{Cc}\u202E]/u);
    assert.ok(s.events.some((e) => e.name === safeName(evil) && e.kind === 'error'));
  } finally {
    await s.done();
  }
});

test('done/ as a link to a folder on the PC: the desk refuses to start and says why', async () => {
  const s = await setup('done-link');
  try {
    await fs.symlink(s.home, path.join(s.inbox, 'done'), 'dir');
    await fs.writeFile(path.join(s.inbox, 'a.jpg'), await jpeg(10));
    await assert.rejects(
      () => s.hot.start(),
      (e: unknown) =>
        isSohoaError(e) && e.code === 'HOTFOLDER_LINK_REFUSED' && e.info.subject === 'done',
    );
    await s.homeUnchanged();
    assert.ok((await fs.readdir(s.inbox)).includes('a.jpg'), 'the scan still waits');
    assert.equal(s.handled.length, 0);
  } finally {
    await s.done();
  }
});

test('the work folder as a link is refused; so is error/ swapped for a link while running', async () => {
  const s = await setup('work-link');
  try {
    const work = workDirOf(s.inbox);
    await fs.mkdir(path.dirname(work), { recursive: true });
    await fs.symlink(s.home, work, 'dir');
    await assert.rejects(
      () => s.hot.start(),
      (e: unknown) => isSohoaError(e) && e.code === 'HOTFOLDER_LINK_REFUSED',
    );
    await fs.unlink(work);
    await s.hot.start();
    // Running now: error/ is replaced by a link, then a broken scan arrives.
    await fs.rm(path.join(s.inbox, 'error'), { recursive: true });
    await fs.symlink(s.home, path.join(s.inbox, 'error'), 'dir');
    await fs.writeFile(path.join(s.inbox, 'broken.jpg'), Buffer.from('garbage'));
    await s.hot.idle();
    await s.homeUnchanged();
    assert.ok(
      s.events.some((e) => e.kind === 'error' && e.code === 'HOTFOLDER_LINK_REFUSED'),
      JSON.stringify(s.events),
    );
    // The file waits in the work folder for the next start, not lost.
    assert.deepEqual(await fs.readdir(work), ['.khoa', 'broken.jpg']);
  } finally {
    await s.done();
  }
});

test('recover() never follows a link planted in the work folder', async () => {
  const s = await setup('recover');
  try {
    const photo = path.join(s.home, 'cccd-cua-can-bo.jpg');
    await fs.writeFile(photo, await jpeg(200));
    const work = workDirOf(s.inbox);
    await fs.mkdir(work, { recursive: true });
    await fs.symlink(photo, path.join(work, 'trang-1.jpg'));
    await fs.writeFile(path.join(work, 'trang-2.jpg'), await jpeg(20));
    await s.hot.start();
    await s.hot.idle();
    assert.equal(s.handled.length, 1, 'only the real file was handled');
    assert.deepEqual(s.handled[0], await jpeg(20));
    assert.deepEqual(await fs.readdir(path.join(s.inbox, 'done')), ['trang-2.jpg']);
    await assert.rejects(() => fs.lstat(path.join(work, 'trang-1.jpg')), { code: 'ENOENT' });
    assert.ok(await fs.stat(photo), 'the linked file itself is still there');
    assert.ok(
      s.events.some(
        (e) =>
          e.kind === 'error' && e.code === 'HOTFOLDER_LINK_REFUSED' && e.name === 'trang-1.jpg',
      ),
    );
  } finally {
    await s.done();
  }
});
