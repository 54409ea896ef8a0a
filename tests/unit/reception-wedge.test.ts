// Telling a keyboard-wedge CCCD scan from typing (renderer/src/components/reception/wedge.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cccdQrPayload, SAMPLE_HOLDERS } from '../../electron/core/identity/sampleCard';
import {
  MAX_GAP_MS,
  WedgeDetector,
  type WedgeVerdict,
} from '../../renderer/src/components/reception/wedge';

/** A thẻ căn cước's QR: the seven fields and four trailing ones. */
const PAYLOAD = cccdQrPayload(SAMPLE_HOLDERS['can-cuoc']);

function feed(d: WedgeDetector, keys: string[], start: number, gap: number): WedgeVerdict[] {
  return keys.map((k, i) => d.feed(k, start + i * gap));
}

test('a fast burst shaped like a CCCD payload is swallowed and handed over on Enter', () => {
  const d = new WedgeDetector();
  const verdicts = feed(d, [...PAYLOAD, 'Enter'], 1000, 5);
  // The twelve digits pass (they were typed before the scan showed itself)…
  assert.ok(verdicts.slice(0, 12).every((v) => v.kind === 'pass'));
  // …the separator reveals the scan and says which digits leaked into the focused field…
  assert.deepEqual(verdicts[12], { kind: 'swallow', leaked: '079203004567' });
  // …and the rest, accents included, is swallowed until Enter delivers the whole payload.
  assert.ok(verdicts.slice(13, -1).every((v) => v.kind === 'swallow'));
  assert.deepEqual(verdicts.at(-1), { kind: 'scan', payload: PAYLOAD, leaked: '079203004567' });
});

test('the same keys typed at human speed are left alone', () => {
  const d = new WedgeDetector();
  const verdicts = feed(d, [...PAYLOAD, 'Enter'], 1000, MAX_GAP_MS + 30);
  assert.ok(verdicts.every((v) => v.kind === 'pass'));
});

test('fast text that is not a CCCD payload passes (a pasted or auto-typed word)', () => {
  const d = new WedgeDetector();
  const verdicts = feed(d, [...'Nguyen Van An|123', 'Enter'], 0, 3);
  assert.ok(verdicts.every((v) => v.kind === 'pass'));
});

test('a scan that stops half-way is dropped, and the next one still works', () => {
  const d = new WedgeDetector();
  feed(d, [...PAYLOAD.slice(0, 20)], 0, 5);
  const verdicts = feed(d, [...PAYLOAD, 'Enter'], 5000, 5);
  assert.deepEqual(verdicts.at(-1), { kind: 'scan', payload: PAYLOAD, leaked: '079203004567' });
});

test('modifier and navigation keys are not part of a scan', () => {
  const d = new WedgeDetector();
  assert.deepEqual(d.feed('Shift', 0), { kind: 'pass' });
  assert.deepEqual(d.feed('ArrowLeft', 2), { kind: 'pass' });
  assert.deepEqual(d.feed('Enter', 4), { kind: 'pass' });
});
