// The reception unit in Cài đặt: a file saved before the section existed still opens (the unit
// then falls back to the agency, its one place, the post offered); two places with one name are
// refused at that place's field; the counter's unit and the applicant's choice follow from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { receivingUnit, resolveDelivery } from '../../electron/core/dossier/delivery';
import { isSohoaError } from '../../shared/errors';
import { DEFAULT_SETTINGS, validateSettings } from '../../shared/settings';

const AGENCY = 'UBND xã Tân Hòa';
const CENTRE = 'Trung tâm Phục vụ hành chính công xã Tân Hòa';

test('a settings file without the reception unit opens; the unit is then the agency', () => {
  const older: Partial<typeof DEFAULT_SETTINGS> = { ...DEFAULT_SETTINGS };
  delete older.reception;
  const r = validateSettings(older);
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.settings.reception, { unitName: '', collectionPlaces: [], postal: true });
  const unit = receivingUnit(r.settings.reception, AGENCY);
  assert.equal(unit.name, AGENCY);
  assert.deepEqual(unit.places, [{ name: AGENCY, address: '' }]);
  // No choice: the unit's first place.
  assert.deepEqual(resolveDelivery(unit, undefined), { kind: 'place', name: AGENCY, address: '' });
});

test('two collection places with one name are refused at the second', () => {
  const place = { name: CENTRE, address: 'Số 1 đường Trung tâm' };
  const r = validateSettings({
    ...DEFAULT_SETTINGS,
    reception: { unitName: CENTRE, collectionPlaces: [place, { ...place }], postal: false },
  });
  assert.ok(!r.ok);
  assert.deepEqual(r.issues, [
    { path: 'reception.collectionPlaces.1.name', key: 'duplicatePlace' },
  ]);
});

test('the post when the unit does not offer it is refused; to the applicant by default', () => {
  const settings = {
    unitName: CENTRE,
    collectionPlaces: [{ name: CENTRE, address: 'Số 1 đường Trung tâm' }],
    postal: false,
  };
  const refused = (e: unknown) => isSohoaError(e) && e.code === 'DELIVERY_CHOICE_INVALID';
  assert.throws(
    () => resolveDelivery(receivingUnit(settings, AGENCY), { kind: 'post', address: '' }),
    refused,
  );
  const withPost = receivingUnit({ ...settings, postal: true }, AGENCY);
  assert.equal(withPost.name, CENTRE);
  assert.deepEqual(
    resolveDelivery(withPost, { kind: 'post', address: ' ' }, 'Thôn Đông, xã Tân Hòa'),
    { kind: 'post', address: 'Thôn Đông, xã Tân Hòa' },
  );
  // By post with no address typed and none known for the applicant: refused, never sent nowhere.
  assert.throws(
    () => resolveDelivery(withPost, { kind: 'post', address: ' ' }, ''),
    (e: unknown) => isSohoaError(e) && e.code === 'DELIVERY_ADDRESS_MISSING',
  );
});
