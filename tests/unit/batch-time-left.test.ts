// A batch card counts down only while its batch runs: a paused or queued batch, or one a stopped
// process left marked "running", says how fast it went but not how long is left.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { BatchStore } from '../../electron/core/batch/store';
import type { Run } from '../../electron/core/batch/run';
import { BatchViews } from '../../electron/core/batch/views';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-time-left-'));
const store = new BatchStore(path.join(work, 'batches.sqlite'));

after(() => {
  store.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('time left only while the batch runs in this process', () => {
  const id = store.batches.create({ title: 'Lô 1', state: 'running', source: 'files' });
  // 10 of 40 pages in one minute of running time.
  store.batches.saveProgress(id, { pagesDone: 10, pagesTotal: 40, activeMs: 60_000 });
  const run = {
    pagesDone: 10,
    pagesTotal: 40,
    activeMs: () => 60_000,
  } as unknown as Run;

  const live = new BatchViews(store, work, (b) => (b === id ? run : null));
  assert.equal(live.summaryOf(id).secondsLeft, 180);

  // The process that ran it is gone: the row still says running, nothing counts down.
  const after = new BatchViews(store, work, () => null);
  assert.equal(after.summaryOf(id).secondsLeft, null);
  assert.equal(after.summaryOf(id).pagesPerMinute, 10);

  for (const state of ['paused', 'queued'] as const) {
    store.batches.setState(id, state);
    assert.equal(live.summaryOf(id).secondsLeft, null, state);
  }
});
