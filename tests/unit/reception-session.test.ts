// The counter's page sessions (electron/core/reception/session.ts): ids are checked before they
// become paths, and receptions abandoned for a day are dropped while fresh ones stay.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ReceptionSessions } from '../../electron/core/reception/session';

function sessions(root: string) {
  return new ReceptionSessions({
    root,
    ocr: () => Promise.reject(new Error('no OCR in this test')),
    orientation: () => {
      throw new Error('no OCR in this test');
    },
  });
}

test('a session or page id that is not ours never becomes a path', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sessions-'));
  try {
    const s = sessions(root);
    await assert.rejects(s.text('../../etc', 'x'), { name: 'SohoaError' });
    await assert.rejects(s.text('aaaaaaaa-1111', '../secret'), { name: 'SohoaError' });
    await assert.rejects(s.drop('..'), { name: 'SohoaError' });
    // A page that is not there says so (typed, with the page id).
    await assert.rejects(s.text('aaaaaaaa-1111', 'nope'), /nope/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('abandoned receptions go after a day, fresh ones and foreign folders stay', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sessions-'));
  try {
    const old = path.join(root, 'aaaaaaaa-0001');
    const fresh = path.join(root, 'bbbbbbbb-0002');
    const foreign = path.join(root, 'Not A Session');
    for (const d of [old, fresh, foreign]) {
      fs.mkdirSync(d);
      fs.writeFileSync(path.join(d, 'p.json'), '{}');
    }
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    fs.utimesSync(old, dayAgo, dayAgo);
    fs.utimesSync(foreign, dayAgo, dayAgo);
    assert.deepEqual(await sessions(root).dropStale(), ['aaaaaaaa-0001']);
    assert.deepEqual(fs.readdirSync(root).sort(), ['Not A Session', 'bbbbbbbb-0002']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
