// Settings: one shared schema gives field-by-field issues; the save writes settings.json and the
// outbox destination in the data folder, never a secret in clear; the holiday calendar writes
// the data folder's own year file, which the reception's working-day count reads.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileKeyProvider, loadDestination } from '../../electron/core/outbox/destination';
import { coreOptionsFromSettings } from '../../electron/core/settings/coreOptions';
import { holidayYear, saveHolidayYear } from '../../electron/core/settings/holidays';
import {
  loadSettings,
  readP12Password,
  saveSettings,
  SETTINGS_FILE,
} from '../../electron/core/settings/store';
import { loadWorkingCalendar } from '../../electron/core/dossier/holidays';
import { resourcesDir } from '../../electron/core/dossier/resources';
import { DEFAULT_SETTINGS, validateSettings, type DeskSettings } from '../../shared/settings';

const tmp = () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-settings-'));
  return { dataDir, keysDir: path.join(dataDir, 'keys') };
};

const valid: DeskSettings = {
  ...DEFAULT_SETTINGS,
  agency: {
    id: 'H49.64.33',
    name: 'UBND xã Hòa Tiến',
    codePattern: '{AGENCY}-{YYMMDD}-{NNNN}',
    place: 'Hòa Tiến',
  },
  signing: { kind: 'pkcs11', modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'Sohoa' },
  scanners: [
    {
      name: 'Máy quét 1',
      kind: 'escl',
      address: 'http://192.168.1.20',
      dpi: 300,
      colour: 'grey',
      duplex: true,
    },
  ],
  hotFolders: [{ path: 'D:\\Scan\\MotCua', label: 'Quầy 1', target: 'reception' }],
};

test('every bad field comes back with its path and a message key', () => {
  const r = validateSettings({
    ...valid,
    agency: { id: 'h49 64', name: '  ', codePattern: '{AGENCY}-{NN}' },
    scanners: [
      { ...valid.scanners[0]!, dpi: 1200 },
      { ...valid.scanners[0]!, name: 'MÁY QUÉT 1' },
    ],
    hotFolders: [{ path: 'Scan', target: 'batch' }],
    connector: { kind: 'folder', path: 'relative/dir' },
    tsaUrl: 'ftp://tsa',
  });
  assert.equal(r.ok, false);
  const issues = r.ok ? [] : r.issues;
  const byPath = Object.fromEntries(issues.map((i) => [i.path, i.key]));
  assert.deepEqual(byPath, {
    'agency.id': 'agencyId',
    'agency.name': 'required',
    'agency.codePattern': 'codePattern',
    'scanners.0.dpi': 'dpiRange',
    'scanners.1.name': 'duplicateName',
    'hotFolders.0.path': 'absolutePath',
    'connector.path': 'absolutePath',
    tsaUrl: 'url',
  });
  const dup = validateSettings({
    ...valid,
    scanners: [valid.scanners[0], { ...valid.scanners[0], name: 'MÁY QUÉT 1' }],
  });
  assert.deepEqual(dup.ok ? [] : dup.issues, [{ path: 'scanners.1.name', key: 'duplicateName' }]);
  assert.equal(validateSettings(valid).ok, true);
});

test('a save stores settings and the folder connector, and a load returns them', () => {
  const p = tmp();
  assert.deepEqual(loadSettings(p).settings, DEFAULT_SETTINGS);
  const store = path.join(p.dataDir, 'store');
  const saved = saveSettings(p, { ...valid, connector: { kind: 'folder', path: store } });
  assert.deepEqual(saved, { ok: true });
  const loaded = loadSettings(p);
  assert.deepEqual(loaded.settings, { ...valid, connector: { kind: 'folder', path: store } });
  assert.equal(loaded.unreadable, false);
  // The uploader and `sohoa outbox` read the same destination.
  assert.deepEqual(loadDestination(p.dataDir, fileKeyProvider(p.keysDir)), {
    kind: 'folder',
    path: store,
  });
  // A failed save changes nothing.
  const bad = saveSettings(p, { ...valid, agency: { ...valid.agency, id: '' } });
  assert.equal(bad.ok, false);
  assert.equal(loadSettings(p).settings.agency.id, 'H49.64.33');
  // Back to no connector: the destination file goes.
  assert.equal(saveSettings(p, valid).ok, true);
  assert.equal(loadDestination(p.dataDir, fileKeyProvider(p.keysDir)), null);
});

test('a settings file saved before the slip place existed still opens, with no place', () => {
  const p = tmp();
  assert.equal(saveSettings(p, valid).ok, true);
  const file = path.join(p.dataDir, SETTINGS_FILE);
  const old = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    settings: { agency: Record<string, unknown> };
  };
  delete old.settings.agency.place;
  fs.writeFileSync(file, JSON.stringify(old));
  const loaded = loadSettings(p);
  assert.equal(loaded.unreadable, false);
  assert.equal(loaded.settings.agency.place, '');
  assert.equal(loaded.settings.agency.id, 'H49.64.33');
});

test('secrets are stored only encrypted and never come back in the settings', () => {
  const p = tmp();
  const password = 'Mật-khẩu-P12-rất-bí-mật';
  const settings = { ...valid, signing: { kind: 'pkcs12', path: '/etc/sohoa/agency.p12' } };
  assert.equal(saveSettings(p, settings, { p12Password: password }).ok, true);
  const file = fs.readFileSync(path.join(p.dataDir, SETTINGS_FILE), 'utf8');
  assert.ok(!file.includes(password) && !file.includes(Buffer.from(password).toString('base64')));
  const loaded = loadSettings(p);
  assert.equal(loaded.secrets.p12Password, true);
  assert.ok(!JSON.stringify(loaded).includes(password));
  assert.equal(readP12Password(p), password);
  // Saving again without the password keeps it.
  assert.equal(saveSettings(p, settings).ok, true);
  assert.equal(readP12Password(p), password);

  // S3 needs its keys the first time, then keeps them.
  const s3 = {
    ...valid,
    connector: {
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'luutru',
    },
  };
  // Plain HTTP only to an endpoint IT listed: refused at the field, then allowed by name.
  const refused = saveSettings(p, s3, { s3AccessKeyId: 'AKIAEXAMPLE', s3SecretAccessKey: 'x' });
  assert.deepEqual(refused.ok ? [] : refused.issues, [
    { path: 'connector.endpoint', key: 'httpNotAllowed' },
  ]);
  Object.assign(s3, { transport: { httpEndpoints: ['http://127.0.0.1:9000'] } });
  const missing = saveSettings(p, s3);
  assert.deepEqual(missing.ok ? [] : missing.issues.map((i) => i.path), [
    'secrets.s3AccessKeyId',
    'secrets.s3SecretAccessKey',
  ]);
  assert.equal(
    saveSettings(p, s3, { s3AccessKeyId: 'AKIAEXAMPLE', s3SecretAccessKey: 'bi-mat-s3' }).ok,
    true,
  );
  assert.equal(saveSettings(p, s3).ok, true);
  const dest = fs.readFileSync(path.join(p.dataDir, 'outbox-destination.json'), 'utf8');
  assert.ok(!dest.includes('bi-mat-s3') && !dest.includes('AKIAEXAMPLE'));
  assert.equal((JSON.parse(dest) as { allowHttp?: boolean }).allowHttp, true);
  const again = loadSettings(p);
  assert.equal(again.secrets.s3Keys, true);
  assert.deepEqual(again.settings.connector, s3.connector);
  assert.ok(!JSON.stringify(again).includes('bi-mat-s3'));
});

test('a damaged settings file is reported and the defaults shown', () => {
  const p = tmp();
  fs.writeFileSync(path.join(p.dataDir, SETTINGS_FILE), '{ not json');
  const loaded = loadSettings(p);
  assert.equal(loaded.unreadable, true);
  assert.deepEqual(loaded.settings, DEFAULT_SETTINGS);
});

test('a holiday year saved in settings is the one the working-day count uses', async () => {
  const p = tmp();
  const shipped = path.join(resourcesDir(), 'holidays');
  const before = await holidayYear(p.dataDir, shipped, 2026);
  assert.equal(before.origin, 'shipped');
  const extra = { date: '2026-12-31', reason: 'Nghỉ bù theo quyết định của UBND tỉnh' };
  const after = await saveHolidayYear(p.dataDir, shipped, {
    ...before.data,
    daysOff: [...before.data.daysOff, extra],
  });
  assert.equal(after.origin, 'local');
  assert.deepEqual(after.data.daysOff.at(-1), extra);
  const calendar = await loadWorkingCalendar([shipped, path.join(p.dataDir, 'holidays')]);
  const shippedOnly = await loadWorkingCalendar([shipped]);
  assert.equal(shippedOnly.isWorkingDay('2026-12-31'), true);
  assert.equal(calendar.isWorkingDay('2026-12-31'), false);
  assert.equal((await holidayYear(p.dataDir, shipped, 2090)).origin, 'none');
});

test('the saved settings become the core options: agency, key source, TSA; the PIN only from the caller', () => {
  const p = tmp();
  assert.deepEqual(coreOptionsFromSettings(p), {
    agency: { id: DEFAULT_SETTINGS.agency.id, name: DEFAULT_SETTINGS.agency.name },
  });
  assert.equal(saveSettings(p, { ...valid, tsaUrl: 'http://127.0.0.1:3180/tsa' }).ok, true);
  assert.deepEqual(coreOptionsFromSettings(p, { pin: '123456' }), {
    agency: { id: 'H49.64.33', name: 'UBND xã Hòa Tiến' },
    keySource: {
      kind: 'pkcs11',
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      pin: '123456',
      tokenLabel: 'Sohoa',
    },
    tsaUrl: 'http://127.0.0.1:3180/tsa',
  });
  const p12 = { ...valid, signing: { kind: 'pkcs12', path: '/etc/sohoa/agency.p12' } };
  assert.equal(saveSettings(p, p12, { p12Password: 'mk' }).ok, true);
  assert.deepEqual(coreOptionsFromSettings(p).signingKey, {
    p12Path: '/etc/sohoa/agency.p12',
    password: 'mk',
  });
});
