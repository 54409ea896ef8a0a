// What the desk writes for support never carries an applicant's data or a secret: a full reception
// (pages read by OCR, an applicant with a name and an ID number, signed and queued for a records
// store that is down) on a desk whose policy holds S3 keys, then `sohoa support-bundle`. The log
// files are JSON lines with levels and events; neither they nor the bundle (unzipped by Python's
// zipfile, not by the library that wrote it) contain the name, the ID number, words of the pages,
// the store's keys or the key password from the environment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { renderPage } from '../../electron/cli/demo/samplePages';
import { supportBundleCommand } from '../../electron/cli/commands/support-bundle';
import { createApi } from '../../electron/core/api';
import type { Response } from '../../shared/contract';
import { testAccount, writePolicy } from '../helpers/machine';

const NAME = 'Trần Thị Ngọc Lan';
const ID_NUMBER = '036195000123';
const PAGES = [
  ['TỜ KHAI CẤP BẢN SAO TRÍCH LỤC', 'Người yêu cầu Trần Thị Ngọc Lan'],
  ['CĂN CƯỚC CÔNG DÂN', 'Số định danh 036195000123', 'Nơi cư trú thôn Đông Hải'],
];
/** Words of the pages the OCR reads; none may reach a log. */
const OCR_WORDS = ['TRÍCH LỤC', 'Đông Hải', 'CĂN CƯỚC'];
const ACCESS_KEY = 'AKIA-HOATIEN-7Q2X9';
const SECRET_KEY = 'kho-bi-mat-5f1c9e77a2';
const KEY_PASSWORD = 'mat-khau-token-4242';

let work: string;
let dataDir: string;
let logDir: string;
let policyFile: string;
const savedPassword = process.env.SOHOA_KEY_PASSWORD;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-logs-'));
  dataDir = path.join(work, 'data');
  logDir = path.join(work, 'logs');
  process.env.SOHOA_KEY_PASSWORD = KEY_PASSWORD;
  policyFile = writePolicy(path.join(work, 'etc'), {
    version: 1,
    locked: {
      // A store nobody answers at: the upload fails and is logged.
      connector: { kind: 's3', endpoint: 'http://127.0.0.1:9', region: 'vn', bucket: 'kho-test' },
      transport: { httpEndpoints: ['http://127.0.0.1:9'] },
    },
    connectorCredentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    // Every call of the screens' channels is logged at this level: the most the log can hold.
    logs: { level: 'debug' },
  });
  const api = await createApi({
    dataDir,
    logDir,
    policyFile,
    ocrWorkers: 1,
    operatorSources: testAccount('lan.nt', { domain: 'HOATIEN', displayName: NAME }),
  });
  try {
    const call = async <T>(channel: string, request: unknown): Promise<T> => {
      const r = await api.invoke(channel, request);
      assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`);
      return r.value as T;
    };
    const files = await Promise.all(
      PAGES.map(async (lines, i) => ({
        name: `trang-${i + 1}.png`,
        dataBase64: (
          await renderPage({ lines, widthMm: 150, heightMm: 100, dpi: 200, fontPt: 14 })
        ).toString('base64'),
      })),
    );
    const sessionId = 'bbbbbbbb-logs-01';
    const added = await call<Response<'receptionAddPages'>>('receptionAddPages', {
      sessionId,
      files,
    });
    assert.equal(added.pages.length, 2);
    const out = await call<Response<'receptionReceive'>>('receptionReceive', {
      sessionId,
      procedureCode: '2.000635',
      applicant: { fullName: NAME, idNumber: ID_NUMBER, source: 'qr' },
      clerk: NAME,
      documents: [
        {
          pages: [{ id: added.pages[0]!.id, rotation: 0 }],
          type: 'application_form',
          confirmed: true,
          fields: [],
        },
        {
          pages: [{ id: added.pages[1]!.id, rotation: 0 }],
          type: 'cccd_front',
          confirmed: true,
          fields: [],
        },
      ],
    });
    assert.equal(out.state, 'signed');
    // A malformed request and a refused one are logged too (by channel and code only).
    await api.invoke('receptionReceive', { sessionId, applicant: { fullName: NAME } });
    const view = await call<Response<'settingsGet'>>('settingsGet', {});
    await api.invoke('settingsSave', {
      settings: { ...view.settings, connector: { kind: 'none' } },
    });
  } finally {
    await api.close();
  }
});

after(() => {
  if (savedPassword === undefined) delete process.env.SOHOA_KEY_PASSWORD;
  else process.env.SOHOA_KEY_PASSWORD = savedPassword;
  fs.rmSync(work, { recursive: true, force: true });
});

/** Every forbidden string in both Unicode forms a file could hold it in. */
const FORBIDDEN = [NAME, ID_NUMBER, ...OCR_WORDS, ACCESS_KEY, SECRET_KEY, KEY_PASSWORD].flatMap(
  (s) => [s, s.normalize('NFD'), s.toLowerCase()],
);

function assertClean(where: string, text: string): void {
  for (const s of FORBIDDEN) assert.ok(!text.includes(s), `${where} contains “${s}”`);
}

test('the log files are JSON lines with levels and events, and hold no personal data', () => {
  const names = fs.readdirSync(logDir).filter((n) => n.endsWith('.log'));
  assert.ok(names.length > 0, 'a log file was written');
  const lines = names.flatMap((n) =>
    fs
      .readFileSync(path.join(logDir, n), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string; component: string }),
  );
  assert.ok(lines.length >= 3, `only ${lines.length} log lines`);
  for (const l of lines) {
    assert.equal(typeof l.level, 'number');
    assert.equal(typeof l.msg, 'string');
    assert.equal(typeof l.component, 'string');
  }
  const events = new Set(lines.map((l) => `${l.component}:${l.msg}`));
  for (const e of ['desk:opened', 'api:call', 'api:bad request', 'api:refused'])
    assert.ok(events.has(e), `${e} not in ${[...events].join(', ')}`);
  for (const n of names) assertClean(n, fs.readFileSync(path.join(logDir, n), 'utf8'));
});

test('sohoa support-bundle: logs, doctor, versions and configuration, every secret redacted', async () => {
  const zip = path.join(work, 'support.zip');
  const printed: string[] = [];
  const log = console.log;
  console.log = (s: string) => printed.push(s);
  let code: number;
  try {
    code = await supportBundleCommand.run(
      [zip, '--data-dir', dataDir, '--log-dir', logDir, '--policy', policyFile],
      { lang: 'en' },
    );
  } finally {
    console.log = log;
  }
  assert.equal(code, 0);
  assert.match(printed.join('\n'), /every secret redacted/);

  const out = path.join(work, 'unzipped');
  const unzip = spawnSync(
    'python3',
    ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, out],
    { encoding: 'utf8' },
  );
  assert.equal(unzip.status, 0, unzip.stderr);
  const files = fs.readdirSync(out, { recursive: true, encoding: 'utf8' });
  for (const f of ['doctor.json', 'versions.json', 'configuration.json'])
    assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  assert.ok(
    files.some((f) => f.startsWith('logs') && f.endsWith('.log')),
    `no log in ${files.join(', ')}`,
  );

  const doctor = JSON.parse(fs.readFileSync(path.join(out, 'doctor.json'), 'utf8')) as {
    checks: { id: string; status: string }[];
  };
  assert.equal(doctor.checks.find((c) => c.id === 'recordsStore')?.status, 'error');
  const config = fs.readFileSync(path.join(out, 'configuration.json'), 'utf8');
  assert.match(config, /kho-test/, 'the configuration in force is there');
  assert.match(config, /đã ẩn \/ redacted/);
  for (const f of files) {
    const full = path.join(out, f);
    if (fs.statSync(full).isFile()) assertClean(f, fs.readFileSync(full, 'utf8'));
  }
});
