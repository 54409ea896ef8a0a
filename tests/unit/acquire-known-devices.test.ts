// KnownDevices: what the core listed is usable for a day (any spelling of the same eSCL URL, the
// id as listed is what gets opened), then refused until listed again; configured devices never
// expire; anything else is SCANNER_NOT_LISTED.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSohoaError } from '../../shared/errors';
import {
  deviceKey,
  KnownDevices,
  LISTED_DEVICE_TTL_MS,
} from '../../electron/core/acquire/devicesKnown';

const notListed = (e: unknown) => isSohoaError(e) && e.code === 'SCANNER_NOT_LISTED';

test('a listed device is usable until its listing is a day old', () => {
  let now = 1_000_000;
  const known = new KnownDevices(() => now);
  const none = () => false;
  known.remember([
    { kind: 'escl', id: 'http://10.0.0.5:8080/eSCL' },
    { kind: 'sane', id: 'test:0' },
  ]);
  assert.equal(known.resolve('escl', '10.0.0.5:8080/eSCL/', none), 'http://10.0.0.5:8080/eSCL');
  assert.equal(known.resolve('sane', 'test:0', none), 'test:0');
  assert.throws(() => known.resolve('sane', 'test:1', none), notListed);
  assert.throws(() => known.resolve('naps2', 'test:0', none), notListed, 'kind is part of it');
  now += LISTED_DEVICE_TTL_MS + 1;
  assert.throws(() => known.resolve('sane', 'test:0', none), notListed);
  known.remember([{ kind: 'sane', id: 'test:0' }]);
  assert.equal(known.resolve('sane', 'test:0', none), 'test:0');
});

test('a configured device needs no listing; what is not a URL is refused', () => {
  const known = new KnownDevices();
  const key = deviceKey('escl', '192.168.1.20');
  assert.equal(key, 'escl|http://192.168.1.20/eSCL');
  const configured = (k: string) => k === key;
  assert.equal(
    known.resolve('escl', 'http://192.168.1.20/eSCL', configured),
    'http://192.168.1.20/eSCL',
  );
  assert.throws(() => known.resolve('escl', 'http://192.168.1.21/eSCL', configured), notListed);
  assert.throws(() => known.resolve('escl', 'file:///etc/passwd', configured), notListed);
  assert.equal(deviceKey('escl', 'file:///etc/passwd'), null);
});
