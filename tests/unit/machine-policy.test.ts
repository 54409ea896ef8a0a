// IT's machine configuration file: the schema's verdict with the JSON path and line of each
// problem in both languages, and the one order of settings (built-in < IT's defaults < Cài đặt <
// environment < caller < IT's locks) as the desk's own channels show it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createApi } from '../../electron/core/api';
import { defaultDataDir } from '../../electron/core/config/paths';
import { machineLogDir } from '../../electron/core/log/logger';
import { authorizeOnThisMachine } from '../../electron/core/operator/roles';
import { environmentInForce } from '../../electron/core/policy/environment';
import {
  machinePolicyFile,
  parsePolicyText,
  readPolicyFile,
} from '../../electron/core/policy/file';
import type { Request, Response, Channel } from '../../shared/contract';
import { SohoaError } from '../../shared/errors';
import { testAccount, writePolicy } from '../helpers/machine';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-policy-'));

const AGENCY = {
  id: 'H49.64.33',
  name: 'UBND xã Hòa Tiến',
  codePattern: '{AGENCY}-{YYMMDD}-{NNNN}',
  place: 'Hòa Tiến',
};

test('the machine policy file is where IT expects it on each platform', () => {
  assert.equal(
    machinePolicyFile('win32', 'C:\\ProgramData'),
    'C:\\ProgramData\\SohoaDesk\\policy.json',
  );
  assert.equal(machinePolicyFile('linux'), '/etc/sohoa-desk/policy.json');
  // The logs stay outside the data folder, which backups copy and the vault encrypts.
  const local = 'C:\\Users\\lan\\AppData\\Local';
  assert.equal(machineLogDir({ LOCALAPPDATA: local }, 'win32'), `${local}\\SohoaDesk-logs`);
  assert.notEqual(
    path.dirname(machineLogDir({ XDG_STATE_HOME: '/s' }, 'linux')),
    defaultDataDir({ XDG_DATA_HOME: '/s' }, 'linux'),
  );
  assert.deepEqual(readPolicyFile(path.join(work, 'none.json')), {
    state: 'absent',
    file: path.join(work, 'none.json'),
  });
});

test('a wrong value, an unknown key and a key both locked and default each name their line', () => {
  const text = [
    '{',
    '  "version": 1,',
    '  "locked": {',
    '    "agency": {',
    '      "id": "h49 sai",',
    '      "name": "UBND xã Hòa Tiến",',
    '      "codePattern": "{AGENCY}-{YYMMDD}-{NNNN}"',
    '    },',
    '    "language": "vi"',
    '  },',
    '  "defaults": { "tsaUrl": "" },',
    '  "sharedAcount": { "allowed": true },',
    '  "roles": { "clerk": { "groups": ["HCC\\\\Mot cua"] }, "others": "guest" }',
    '}',
  ].join('\n');
  const r = parsePolicyText(text);
  assert.equal(r.ok, false);
  const problems = r.ok ? [] : r.problems;
  const at = Object.fromEntries(problems.map((p) => [p.path, p]));
  assert.equal(at['locked.agency.id']?.line, 5);
  assert.match(at['locked.agency.id'].message.vi, /mã định danh cơ quan/);
  assert.match(at['locked.agency.id'].message.en, /agency identifier/);
  assert.equal(at['sharedAcount']?.line, 12);
  assert.match(at['sharedAcount'].message.en, /unknown key/);
  assert.equal(at['roles.others']?.line, 13);
  assert.match(at['roles.others'].message.en, /must be one of/);
  assert.equal(problems.length, 3, JSON.stringify(problems));

  // Once the rest is right, a key both locked and a default is named too.
  const both = parsePolicyText(
    '{\n  "version": 1,\n  "locked": { "language": "vi" },\n  "defaults": { "language": "en" }\n}',
  );
  const [p] = both.ok ? [] : both.problems;
  assert.equal(p?.path, 'defaults.language');
  assert.equal(p?.line, 4);
  assert.match(p.message.vi, /vừa khóa vừa là mặc định/);
});

test('broken JSON is reported with the line of the first fault', () => {
  const r = parsePolicyText('{\n  "version": 1,\n  "locked": { "language": "vi", }\n}');
  assert.equal(r.ok, false);
  const [p] = r.ok ? [] : r.problems;
  assert.equal(p?.line, 3);
  assert.match(p.message.vi, /JSON/);
});

test('the environment the desk listens to: locks silence their variables, the installed app ignores key, module, data and store ones', () => {
  const env = {
    SOHOA_AGENCY_ID: 'X.1',
    SOHOA_P12: '/tmp/k.p12',
    SOHOA_PKCS11_MODULE: '/tmp/m.so',
    SOHOA_DATA_DIR: '/tmp/d',
    SOHOA_S3_ACCESS_KEY_ID: 'AK',
    SOHOA_TSA_URL: 'http://tsa',
    SOHOA_ESCL: '10.0.0.9',
    SOHOA_TRUST_LIST: '/tmp/roots.pem',
    SOHOA_RESOURCES_DIR: '/tmp/res',
    SOHOA_TESSERACT: '/tmp/any-program',
  };
  assert.deepEqual(environmentInForce(env, { packaged: false, locked: [] }), env);
  assert.deepEqual(environmentInForce(env, { packaged: true, locked: [] }), {
    SOHOA_AGENCY_ID: 'X.1',
    SOHOA_TSA_URL: 'http://tsa',
    SOHOA_ESCL: '10.0.0.9',
  });
  assert.deepEqual(environmentInForce(env, { packaged: false, locked: ['agency', 'scanners'] }), {
    SOHOA_P12: '/tmp/k.p12',
    SOHOA_PKCS11_MODULE: '/tmp/m.so',
    SOHOA_DATA_DIR: '/tmp/d',
    SOHOA_S3_ACCESS_KEY_ID: 'AK',
    SOHOA_TSA_URL: 'http://tsa',
    SOHOA_TRUST_LIST: '/tmp/roots.pem',
    SOHOA_RESOURCES_DIR: '/tmp/res',
    SOHOA_TESSERACT: '/tmp/any-program',
  });
});

async function apiWith(name: string, policy: unknown, extra: Record<string, unknown> = {}) {
  const dir = path.join(work, name);
  const policyFile = writePolicy(dir, policy);
  const api = await createApi({
    dataDir: path.join(dir, 'data'),
    policyFile,
    operatorSources: testAccount('quay1', { domain: 'HCC', displayName: 'Nguyễn Thị Quầy' }),
    ocrWorkers: 1,
    ...extra,
  });
  const call = async <C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> => {
    const r = await api.invoke(channel, request);
    if (!r.ok) throw Object.assign(new Error(r.error.code), { info: r.error });
    return r.value as Response<C>;
  };
  return { api, call, dir, policyFile };
}

test('a locked agency and store win over Cài đặt, the environment and the caller; a save changing them is refused', async () => {
  const store = path.join(work, 'locked', 'kho');
  const { api, call } = await apiWith(
    'locked',
    {
      version: 1,
      locked: { agency: AGENCY, connector: { kind: 'folder', path: store } },
      defaults: { language: 'en' },
    },
    {
      env: { SOHOA_AGENCY_ID: 'ENV.AGENCY', SOHOA_AGENCY_NAME: 'Env' },
      agency: { id: 'CALLER.AGENCY', name: 'Caller' },
    },
  );
  try {
    const { settings, sources } = await call('machineSettings', {});
    assert.deepEqual(settings.agency, AGENCY);
    assert.deepEqual(settings.connector, { kind: 'folder', path: store });
    assert.equal(settings.language, 'en', "IT's default applies while the clerk chose nothing");
    assert.equal(sources.agency, 'locked');
    assert.equal(sources.connector, 'locked');
    assert.equal(sources.language, 'policyDefault');
    assert.equal(sources.tsaUrl, 'builtin');
    // The reception receives for the locked agency, whatever the environment or caller said.
    assert.deepEqual((await call('receptionStatus', {})).agency, {
      id: AGENCY.id,
      name: AGENCY.name,
    });
    // The uploader's own file points at IT's store.
    assert.deepEqual(
      JSON.parse(
        fs.readFileSync(path.join(work, 'locked', 'data', 'outbox-destination.json'), 'utf8'),
      ),
      { kind: 'folder', path: store },
    );

    const view = await call('settingsGet', {});
    const refused = await api.invoke('settingsSave', {
      settings: { ...view.settings, agency: { ...AGENCY, name: 'Cơ quan khác' } },
    });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'SETTING_LOCKED');
    assert.match(refused.error.message.vi, /bộ phận CNTT/);
    assert.match(refused.error.message.en, /set by IT/);
    const connectorChange = await api.invoke('settingsSave', {
      settings: { ...view.settings, connector: { kind: 'none' } },
    });
    assert.ok(!connectorChange.ok && connectorChange.error.code === 'SETTING_LOCKED');

    // Unchanged locked keys with the clerk's own change elsewhere: saved, and the clerk's
    // language now wins over IT's default.
    const saved = await call('settingsSave', { settings: { ...view.settings, language: 'vi' } });
    assert.equal(saved.ok, true);
    const after = await call('machineSettings', {});
    assert.equal(after.settings.language, 'vi');
    assert.equal(after.sources.language, 'saved');
    assert.deepEqual(after.settings.agency, AGENCY);
  } finally {
    await api.close();
  }
});

test('the installed app ignores SOHOA_* keys and data folder; development keeps them', async () => {
  const envDir = path.join(work, 'env-data');
  const env = { SOHOA_DATA_DIR: envDir, SOHOA_P12: path.join(work, 'nope.p12') };
  const dev = await createApi({
    env,
    policyFile: path.join(work, 'absent.json'),
    operatorSources: testAccount('dev'),
  });
  try {
    const r = await dev.invoke('receptionStatus', {});
    assert.ok(r.ok);
    const status = r.value as Response<'receptionStatus'>;
    assert.equal(status.signer.kind, 'pkcs12', 'development keeps SOHOA_P12');
    assert.ok(fs.existsSync(path.join(envDir, 'archive.sqlite')), 'and SOHOA_DATA_DIR');
  } finally {
    await dev.close();
  }
  const packagedDir = path.join(work, 'packaged-data');
  const app = await createApi({
    env,
    packaged: true,
    dataDir: packagedDir,
    policyFile: path.join(work, 'absent.json'),
    operatorSources: testAccount('app'),
  });
  try {
    const r = await app.invoke('receptionStatus', {});
    assert.ok(r.ok);
    assert.equal(
      (r.value as Response<'receptionStatus'>).signer.kind,
      'demo',
      'the installed app does not take a key from SOHOA_P12',
    );
    assert.ok(fs.existsSync(path.join(packagedDir, 'archive.sqlite')));
  } finally {
    await app.close();
  }
});

test('an invalid policy is reported on the status channel and stops saving settings and sending', async () => {
  const { api, call, policyFile } = await apiWith('invalid', {
    version: 1,
    locked: { language: 'fr' },
  });
  try {
    const status = await call('machineStatus', {});
    assert.equal(status.policy.state, 'invalid');
    assert.equal(status.blocked, true);
    assert.equal(status.policy.problems[0]?.path, 'locked.language');
    assert.equal(status.policy.problems[0]?.line, 4);
    assert.equal(status.person.role, 'none');
    const view = await call('settingsGet', {});
    const save = await api.invoke('settingsSave', { settings: view.settings });
    assert.ok(!save.ok && save.error.code === 'POLICY_INVALID');
    const send = await api.invoke('outboxSend', {});
    assert.ok(!send.ok && send.error.code === 'POLICY_INVALID');
    // IT fixes the file: the desk reads it again, no restart.
    writePolicy(path.dirname(policyFile), { version: 1, locked: { language: 'vi' } });
    const fixed = await call('machineStatus', {});
    assert.equal(fixed.policy.state, 'valid');
    assert.equal(fixed.blocked, false);
  } finally {
    await api.close();
  }
});

test('restoring a backup outside the desk needs a role that allows it; a clerk is refused in vi/en', async () => {
  const file = writePolicy(path.join(work, 'roles'), {
    version: 1,
    roles: {
      administrator: { groups: ['HOATIEN\\IT Admins'] },
      clerk: { accounts: ['HOATIEN\\lan.nt'] },
      others: 'none',
    },
  });
  const refused = await authorizeOnThisMachine('restoreBackup', {
    policyFile: file,
    sources: testAccount('lan.nt', { domain: 'HOATIEN' }),
  }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(refused instanceof SohoaError, String(refused));
  assert.equal(refused.code, 'NOT_PERMITTED');
  assert.match(refused.info.message.vi, /khôi phục bản sao lưu/);
  assert.match(refused.info.message.en, /restore a backup/);
  await authorizeOnThisMachine('restoreBackup', {
    policyFile: file,
    sources: testAccount('hung.pv', { domain: 'HOATIEN', groups: ['HOATIEN\\IT Admins'] }),
  });
  // No policy on the machine: one person's workstation, its account administers it.
  await authorizeOnThisMachine('restoreBackup', {
    policyFile: path.join(work, 'roles', 'none.json'),
    sources: testAccount('lan.nt'),
  });
});

test("erasing an applicant's data through the desk needs a role that allows it; a clerk is refused before anything is looked up", async () => {
  const { api } = await apiWith('erase-clerk', {
    version: 1,
    roles: { clerk: { accounts: ['HCC\\quay1'] }, others: 'none' },
  });
  try {
    const refused = await api.invoke('personalDataErase', { dossierCode: 'KHONG-CO' });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'NOT_PERMITTED');
    assert.match(refused.error.message.vi, /xóa dữ liệu/);
  } finally {
    await api.close();
  }
  // The same request from an administrator gets past the role and fails on the unknown dossier.
  const admin = await apiWith('erase-admin', {
    version: 1,
    roles: { administrator: { accounts: ['HCC\\quay1'] }, others: 'none' },
  });
  try {
    const r = await admin.api.invoke('personalDataErase', { dossierCode: 'KHONG-CO' });
    assert.ok(!r.ok);
    assert.notEqual(r.error.code, 'NOT_PERMITTED');
  } finally {
    await admin.api.close();
  }
});

test('the environment in force is a live view: a variable set later counts, a silenced one never shows', () => {
  const env: Record<string, string | undefined> = {};
  const view = environmentInForce(env, { packaged: false, locked: ['agency'] });
  env.SOHOA_ESCL = '10.0.0.9';
  env.SOHOA_AGENCY_ID = 'X.1';
  assert.equal(view.SOHOA_ESCL, '10.0.0.9');
  assert.equal(view.SOHOA_AGENCY_ID, undefined);
  assert.ok(!('SOHOA_AGENCY_ID' in view));
  assert.deepEqual(Object.keys(view), ['SOHOA_ESCL']);
});
