// The preload exposes one named function per contract channel and nothing else (never ipcRenderer),
// and the typed error survives the trip to the renderer.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { CHANNELS } from '../../shared/contract';
import { errorInfo } from '../../shared/errors';
import { buildApi, errorCarrying, EXPOSED_CHANNELS } from '../../electron/preload/api';
import { toErrorInfo } from '../../renderer/src/api';

test('the exposed API has exactly the contract channels, all functions', () => {
  const api = buildApi(() => Promise.resolve({ ok: true, value: null }));
  assert.deepEqual(Object.keys(api).sort(), [...CHANNELS].sort());
  assert.deepEqual([...EXPOSED_CHANNELS].sort(), [...CHANNELS].sort());
  for (const value of Object.values(api)) assert.equal(typeof value, 'function');
  assert.ok(Object.isFrozen(api));
});

test('each function invokes sohoa:<channel> and unwraps the value', async () => {
  const calls: [string, unknown][] = [];
  const api = buildApi((channel, payload) => {
    calls.push([channel, payload]);
    return Promise.resolve({ ok: true, value: { records: [] } });
  });
  assert.deepEqual(await api.listRecords({ limit: 5 }), { records: [] });
  assert.deepEqual(calls, [['sohoa:listRecords', { limit: 5 }]]);
});

test('an error envelope becomes a thrown Error the renderer decodes back to ErrorInfo', async () => {
  const info = errorInfo('DOSSIER_NOT_FOUND', '42');
  const api = buildApi(() => Promise.resolve({ ok: false, error: info }));
  const thrown = await api.getRecord({ id: 42 }).then(
    () => assert.fail('should throw'),
    (e: unknown) => e,
  );
  assert.ok(thrown instanceof Error);
  // contextBridge keeps only the message: decode from a copy that has nothing else.
  const copied = new Error(thrown.message);
  assert.deepEqual(toErrorInfo(copied), info);
  assert.deepEqual(toErrorInfo(errorCarrying(info)), info);
  assert.equal(toErrorInfo(new Error('boom')).code, 'INTERNAL');
});

test('preload.ts exposes only the built API, never ipcRenderer', () => {
  const source = fs.readFileSync('electron/preload/preload.ts', 'utf8');
  const exposes = [...source.matchAll(/exposeInMainWorld\(/g)];
  assert.equal(exposes.length, 1);
  assert.match(source, /exposeInMainWorld\(\s*'sohoa',\s*buildApi\(/);
  // ipcRenderer appears only as the callee of invoke inside the builder's argument.
  const uses = [...source.matchAll(/ipcRenderer(\.\w+)?/g)].map((m) => m[0]);
  assert.deepEqual(
    uses.filter((u) => u !== 'ipcRenderer'),
    ['ipcRenderer.invoke'],
  );
});
