// When a separated batch's plan may skip review (SeparationOptions.autoAccept): plans made by the
// real planner from page signals; only splits read from separator sheets or patch codes count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PageSignalsInput, SeparationOptionsInput } from '../../shared/contracts/intake';
import { autoAcceptable } from '../../electron/core/batch/autoAccept';
import { planSeparation } from '../../electron/core/separate/splitPlan';

const page = (name: string, s: Partial<PageSignalsInput> = {}): PageSignalsInput => ({
  name,
  ...s,
});
const sheet = (name: string) => page(name, { separator: { type: 'birth_certificate' } });
const ON: SeparationOptionsInput = { codes: true, patchCodes: ['T'], autoAccept: true };

test('separator sheets and patch codes only: accepted without review', () => {
  const plan = planSeparation(
    [page('a'), sheet('s1'), page('b'), page('t', { patch: 'T' }), page('c')],
    ON,
  );
  assert.equal(plan.documents.length, 3);
  assert.equal(autoAcceptable(plan, 0), true);
  // A stack that starts with its sheet: the first document's evidence is a sheet too.
  assert.equal(autoAcceptable(planSeparation([sheet('s0'), page('a')], ON), 0), true);
});

test('off, a guessed split, an unread file, no evidence at all or a classifier split: waits', () => {
  const signals = [page('a'), sheet('s1'), page('b')];
  assert.equal(autoAcceptable(planSeparation(signals, { ...ON, autoAccept: false }), 0), false);
  assert.equal(
    autoAcceptable(planSeparation(signals, { codes: true }), 0),
    false,
    'off by default',
  );
  assert.equal(autoAcceptable(planSeparation(signals, ON), 1), false, 'a file could not be read');
  const blank = planSeparation([...signals, page('x', { blank: true }), page('c')], {
    ...ON,
    blank: true,
  });
  assert.deepEqual(
    blank.documents.map((d) => d.reasons.map((r) => r.method)),
    [['start'], ['code'], ['blank']],
  );
  assert.equal(autoAcceptable(blank, 0), false, 'a blank-sheet split is a guess');
  const counted = planSeparation([page('a'), page('b'), page('c')], { ...ON, fixedCount: 1 });
  assert.equal(autoAcceptable(counted, 0), false, 'a fixed count is a guess');
  assert.equal(
    autoAcceptable(planSeparation([page('a'), page('b')], ON), 0),
    false,
    'no sheet read',
  );
  const classified = planSeparation(
    [
      ...signals.slice(0, 2),
      page('b', { docType: 'birth_certificate' }),
      page('p', { docType: 'petition' }),
    ],
    { ...ON, classifier: true },
  );
  assert.ok(classified.documents.some((d) => d.reasons.some((r) => r.method === 'classifier')));
  assert.equal(autoAcceptable(classified, 0), false, 'a classifier split is a guess');
});
