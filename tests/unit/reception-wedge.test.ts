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

test('a payload sent as text (an input method, a scanner that types text) is caught as well', () => {
  // All at once, Enter included: nothing reached the field before, the caller stops the event.
  const whole = new WedgeDetector();
  assert.deepEqual(whole.feedText(`${PAYLOAD}\r`, 1000), {
    kind: 'scan',
    payload: PAYLOAD,
    leaked: '',
  });
  // In pieces: the first piece (8 digits) reached the field, the second shows the scan (its own
  // four digits and the separator are stopped with its event), the rest is swallowed.
  const pieces = new WedgeDetector();
  assert.deepEqual(pieces.feedText(PAYLOAD.slice(0, 8), 1000), { kind: 'pass' });
  assert.deepEqual(pieces.feedText(PAYLOAD.slice(8, 20), 1010), {
    kind: 'swallow',
    leaked: PAYLOAD.slice(0, 8),
  });
  assert.deepEqual(pieces.feedText(PAYLOAD.slice(20), 1020), { kind: 'swallow', leaked: '' });
  assert.deepEqual(pieces.feedText('\n', 1030), { kind: 'scan', payload: PAYLOAD, leaked: '' });
  // A word typed through the input method, slowly, is left alone.
  const person = new WedgeDetector();
  assert.deepEqual(person.feedText('Lan', 0), { kind: 'pass' });
  assert.deepEqual(person.feedText('036195000123', 500), { kind: 'pass' });
  assert.deepEqual(person.feedText('|', 1500), { kind: 'pass' });
});
