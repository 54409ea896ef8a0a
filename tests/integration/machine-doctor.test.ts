// `sohoa doctor --json` on a healthy desk reports every check ok, against real parts on loopback:
// a SoftHSM2 token holding the agency's certificate, an OpenSSL time-stamping authority, an S3
// store (s3rver), an eSCL scanner emulator, a backup made by `sohoa backup`'s own code and a
// trust list of the test PKI. Then each part is broken in turn, and the report names that check.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../electron/cli/main';
import { doctorReport } from '../../electron/cli/commands/doctor';
import { fileKeyProvider } from '../../electron/core/vault/keyProvider';
import { makeRecoverySheet } from '../../electron/core/vault/recoverySheet';
import { currentKeyProvider, useKeyProvider } from '../../electron/core/vault/registry';
import { prepareVault } from '../../electron/core/vault/setup';
import { backupArchive } from '../../electron/core/archive/backup';
import { openArchive } from '../../electron/core/archive/open';
import { sha256Hex } from '../../electron/core/archive/blobStore';
import { HEALTH_CHECK_IDS, type HealthReport } from '../../shared/contracts/machine';
import { createApi } from '../../electron/core/api';
import { policySource } from '../../electron/core/policy/source';
import { settingsAccess } from '../../electron/core/settings/access';
import { startEsclEmulator, type EsclEmulator } from '../helpers/esclEmulator';
import { testAccount, writePolicy } from '../helpers/machine';
import { createPki } from '../helpers/pki';
import { BUCKET, CREDENTIALS, startS3, type S3Server } from '../helpers/s3';
import {
  generateKeyOnToken,
  initToken,
  openTokenSession,
  SOFTHSM_MODULE,
  storeCertificate,
  TOKEN_LABEL,
} from '../helpers/softhsm';
import { startTsa, type Tsa } from '../helpers/tsa';

let work: string;
let dataDir: string;
let tsa: Tsa;
let s3: S3Server;
let scanner: EsclEmulator;
let healthy: Record<string, unknown>;
const NEXT_YEAR = new Date().getFullYear() + 1;

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-doctor-'));
  dataDir = path.join(work, 'data');
  const pki = createPki(path.join(work, 'pki'));
  initToken(path.join(work, 'hsm'));
  const t = openTokenSession();
  const pub = generateKeyOnToken(t, 'agency-key', Buffer.from([7]), 'ec');
  storeCertificate(
    t,
    'agency-key',
    Buffer.from([7]),
    pki.issue({ cn: 'UBND xã Hòa Tiến', publicKeyPem: pub }).certDer,
  );
  t.close();
  tsa = await startTsa(pki, path.join(work, 'tsa'));
  s3 = await startS3();
  scanner = await startEsclEmulator({ model: 'Máy quét quầy 1' });
  fs.writeFileSync(path.join(work, 'roots.pem'), pki.root.certPem);

  // One record, backed up; next year's official holiday notice loaded by IT.
  const opened = openArchive(dataDir);
  opened.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date(),
    title: 'Hồ sơ kiểm tra',
    pages: [
      {
        ordinal: 1,
        sourceName: 'p1.jpg',
        widthPx: 10,
        heightPx: 10,
        dpi: 200,
        text: 'x',
        confidence: 90,
      },
    ],
    file: { sha256: sha256Hex(Buffer.from('pdf')), bytes: 3, signature: null },
  });
  await opened.blobs.put(Buffer.from('pdf'));
  await backupArchive(opened, path.join(work, 'backup'));
  opened.close();
  fs.mkdirSync(path.join(dataDir, 'holidays'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'holidays', `${NEXT_YEAR}.json`),
    JSON.stringify({ year: NEXT_YEAR, status: 'official', daysOff: [], workingDays: [] }),
  );

  healthy = {
    version: 1,
    locked: {
      signing: { kind: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN_LABEL },
      tsaUrl: tsa.url,
      connector: { kind: 's3', endpoint: s3.endpoint, region: 'us-east-1', bucket: BUCKET },
      // The loopback store speaks plain HTTP: IT lists it.
      transport: { httpEndpoints: [new URL(s3.endpoint).origin] },
      scanners: [
        {
          name: 'Máy quét quầy 1',
          kind: 'escl',
          address: scanner.url,
          dpi: 300,
          colour: 'grey',
          duplex: false,
        },
      ],
    },
    connectorCredentials: CREDENTIALS,
    trustListFile: path.join(work, 'roots.pem'),
  };
});

after(async () => {
  useKeyProvider(null);
  await Promise.allSettled([tsa?.close(), s3?.close(), scanner?.close()]);
  fs.rmSync(work, { recursive: true, force: true });
});

/** `sohoa doctor --json` as IT runs it, its printed report parsed. */
async function doctorJson(policy: unknown): Promise<{ code: number; report: HealthReport }> {
  const policyFile = writePolicy(work, policy);
  const out: string[] = [];
  const log = console.log;
  console.log = (s: string) => out.push(s);
  try {
    const code = await main(['doctor', '--json', '--data-dir', dataDir, '--policy', policyFile]);
    return { code, report: JSON.parse(out.join('\n')) as HealthReport };
  } finally {
    console.log = log;
  }
}

async function check(policy: unknown, id: string, now?: () => Date) {
  const policyFile = writePolicy(work, policy);
  const report = await doctorReport({ dataDir, policyFile, ...(now ? { now } : {}) });
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, id);
  return found;
}

test('a healthy desk: every check reported, each ok', async () => {
  // Encrypted at rest under a key the test holds, counted as strong as the OS keystore the app
  // uses, with its recovery sheet made.
  useKeyProvider({ ...fileKeyProvider(path.join(work, 'vault.key')), strong: true });
  await prepareVault(dataDir);
  await makeRecoverySheet(dataDir);
  // The policy names the S3 store: the desk's own store file is written from it at open;
  // doctor reads the same file, so write it the way the app would.
  settingsAccess(
    { dataDir, keysDir: path.join(dataDir, 'keys') },
    { policy: policySource(writePolicy(work, healthy)) },
  ).load();

  const { code, report } = await doctorJson(healthy);
  assert.deepEqual(
    report.checks.map((c) => c.id),
    [...HEALTH_CHECK_IDS],
  );
  const notOk = report.checks.filter((c) => c.status !== 'ok');
  assert.deepEqual(
    notOk.map((c) => `${c.id}: ${c.detail.en}`),
    [],
  );
  assert.equal(report.status, 'ok');
  assert.equal(code, 0);
  const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
  assert.ok(Number(byId.signingKey!.facts.daysLeft) > 300);
  assert.equal(byId.recordsStore!.facts.writable, true);
  assert.ok(Math.abs(Number(byId.clock!.facts.offsetMs)) < 5000);
  assert.equal(byId.trustList!.facts.roots, 1);
});

test('each broken part is named by its check, with what to do', async () => {
  const locked = healthy.locked as Record<string, unknown>;
  const bad = (over: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
    ...healthy,
    ...top,
    locked: { ...locked, ...over },
  });

  const policy = await check('{ "version": 1, "locked": { "language": "fr" } }', 'policy');
  assert.equal(policy.status, 'error');
  assert.match(policy.detail.vi, /dòng 1 \(locked\.language\)/);

  // A data folder opened without a key provider stays plain.
  const provider = currentKeyProvider();
  useKeyProvider(null);
  try {
    const plain = await doctorReport({
      dataDir: path.join(work, 'plain'),
      policyFile: writePolicy(work, healthy),
    });
    const vault = plain.checks.find((c) => c.id === 'vault')!;
    assert.equal(vault.status, 'error');
    assert.match(vault.detail.en, /not encrypted/);
  } finally {
    useKeyProvider(provider);
  }

  const disk = await check({ ...healthy, health: { minFreeDiskMb: 1_000_000_000 } }, 'dataFolder');
  assert.equal(disk.status, 'error');
  assert.match(disk.action!.en, /Free disk space/);

  const later = () => new Date(Date.now() + 45 * 86_400_000);
  const backups = await check(healthy, 'backups', later);
  assert.equal(backups.status, 'error');
  assert.match(backups.detail.en, /45 day\(s\) ago/);

  const token = await check(
    bad({ signing: { kind: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: 'Token khác' } }),
    'signingKey',
  );
  assert.equal(token.status, 'error');
  assert.match(token.detail.en, /not plugged in/);
  const module = await check(
    bad({ signing: { kind: 'pkcs11', modulePath: '/khong-co/libtoken.so' } }),
    'signingKey',
  );
  assert.equal(module.status, 'error');
  assert.match(module.detail.en, /does not load/);

  const silentTsa = `http://127.0.0.1:${await closedPort()}/tsa`;
  const tsaDown = await check(bad({ tsaUrl: silentTsa }), 'tsa');
  assert.equal(tsaDown.status, 'error');
  assert.match(tsaDown.detail.en, /No timestamp/);
  const skewed = await check(healthy, 'clock', () => new Date(Date.now() + 3_600_000));
  assert.equal(skewed.status, 'error');
  assert.match(skewed.detail.en, /Signing is refused/);

  const noBucket = bad({
    connector: { kind: 's3', endpoint: s3.endpoint, region: 'us-east-1', bucket: 'khong-co' },
  });
  settingsAccess(
    { dataDir, keysDir: path.join(dataDir, 'keys') },
    { policy: policySource(writePolicy(work, noBucket)) },
  ).load();
  const store = await check(noBucket, 'recordsStore');
  assert.equal(store.status, 'error');
  assert.match(store.detail.en, /Cannot write/);
  settingsAccess(
    { dataDir, keysDir: path.join(dataDir, 'keys') },
    { policy: policySource(writePolicy(work, healthy)) },
  ).load();

  const opened = openArchive(dataDir);
  opened.archive.database.prepare("UPDATE outbox SET state = 'needs_attention'").run();
  opened.close();
  const outbox = await check(healthy, 'outbox');
  assert.equal(outbox.status, 'error');
  assert.equal(outbox.facts.needsAttention, 1);
  const reopened = openArchive(dataDir);
  reopened.archive.database.prepare("UPDATE outbox SET state = 'done'").run();
  reopened.close();

  const gone = `http://127.0.0.1:${await closedPort()}/eSCL`;
  const scanners = await check(
    bad({
      scanners: [
        {
          name: 'Máy quét tắt',
          kind: 'escl',
          address: gone,
          dpi: 300,
          colour: 'grey',
          duplex: false,
        },
      ],
    }),
    'scanners',
  );
  assert.equal(scanners.status, 'error');
  assert.match(scanners.detail.vi, /Máy quét tắt/);

  const holidays = await check(healthy, 'holidays', () => new Date('2089-06-01T00:00:00Z'));
  assert.equal(holidays.status, 'warning');
  assert.match(holidays.detail.en, /No holiday calendar for 2090/);

  const trust = await check(
    { ...healthy, trustListFile: path.join(work, 'khong-co.pem') },
    'trustList',
  );
  assert.equal(trust.status, 'error');
});

test('a signature is refused while the clock is too far from the TSA, and while the policy is invalid', async () => {
  const policyFile = writePolicy(work, { version: 1, locked: { tsaUrl: tsa.url } });
  const page = { name: 'trang.png', dataBase64: Buffer.from('not read').toString('base64') };
  const skewed = await createApi({
    dataDir: path.join(work, 'data-skew'),
    policyFile,
    operatorSources: testAccount('quay1'),
    clock: () => new Date(Date.now() + 3_600_000),
  });
  try {
    const r = await skewed.invoke('digitize', { files: [page] });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'CLOCK_OFFSET');
    assert.match(r.error.message.vi, /lệch \+1 h/);
  } finally {
    await skewed.close();
  }
  const broken = await createApi({
    dataDir: path.join(work, 'data-broken'),
    policyFile: writePolicy(work, '{ "version": 2 }', 'broken.json'),
    operatorSources: testAccount('quay1'),
  });
  try {
    const r = await broken.invoke('digitize', { files: [page] });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'POLICY_INVALID');
  } finally {
    await broken.close();
  }
});
