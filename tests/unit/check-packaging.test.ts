// The packaging check CI runs after the build: it passes on a complete tree and names the
// problem when a packed path is missing, when the main bundle needs a package the installer
// would not carry, or when a key would be shipped. Each case is a small tree of its own built
// here, so the test does not depend on a build of the repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/check-packaging.mjs');

const CONFIG = `files:
  - dist/electron/**
  - package.json
  - '!**/*.map'
asarUnpack:
  - node_modules/better-sqlite3/**
  - dist/electron/worker.cjs
extraResources:
  - from: resources/holidays
    to: data/holidays
  - from: resources/procedures
    to: data/procedures
  - from: resources/document-types
    to: data/document-types
  - from: resources/trust
    to: data/trust
  - from: resources/schemas
    to: data/schemas
`;

const PACKAGES = [
  'better-sqlite3',
  'pino',
  '@tesseract.js-data/vie',
  '@tesseract.js-data/osd',
  'dejavu-fonts-ttf',
  '@expo-google-fonts/tinos',
];

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** A tree as `npm run build` leaves it, with what the config packs. */
function completeTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-pack-'));
  write(root, 'electron-builder.yml', CONFIG);
  write(
    root,
    'package.json',
    JSON.stringify({
      main: 'dist/electron/main.cjs',
      dependencies: Object.fromEntries(PACKAGES.map((p) => [p, '1.0.0'])),
      devDependencies: { 'electron-builder': '26.0.0' },
    }),
  );
  for (const p of [...PACKAGES, 'electron-builder'])
    write(root, `node_modules/${p}/package.json`, '{}');
  write(
    root,
    'dist/electron/main.cjs',
    [
      'const fs = require("node:fs");',
      'const { app } = require("electron");',
      'const Database = require("better-sqlite3");',
      "const pino = require('pino');",
      'const worker = require.resolve("./worker.cjs");',
    ].join('\n'),
  );
  write(root, 'dist/electron/worker.cjs', '');
  write(root, 'resources/holidays/2026.json', '[]');
  write(root, 'resources/procedures/catalog.json', '[]');
  write(root, 'resources/document-types/catalogue.json', '[]');
  write(root, 'resources/trust/trust-list.json', '[]');
  write(root, 'resources/trust/root.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n');
  write(root, 'resources/schemas/mets.xsd', '<xs:schema/>');
  return root;
}

function check(root: string) {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test('a complete tree passes the packaging check', () => {
  const r = check(completeTree());
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /5 extraResources/);
});

test('a packed path that is missing after the build fails the check, named', () => {
  for (const missing of ['resources/trust', 'dist/electron/worker.cjs', 'node_modules/pino']) {
    const root = completeTree();
    fs.rmSync(path.join(root, missing), { recursive: true });
    const r = check(root);
    assert.equal(r.code, 1, `${missing}: ${r.out}`);
    const named = missing === 'node_modules/pino' ? 'pino' : missing;
    assert.ok(r.out.includes(named), `${missing} not named: ${r.out}`);
  }
});

test('data the desk reads at run time must be shipped', () => {
  const root = completeTree();
  write(root, 'electron-builder.yml', CONFIG.replace(/ {2}- from: resources\/trust\n.*\n/, ''));
  const r = check(root);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /resources\/trust is not shipped/);
});

test('the main bundle may not need a package the installer leaves out', () => {
  const root = completeTree();
  fs.appendFileSync(path.join(root, 'dist/electron/main.cjs'), '\nrequire("electron-builder");\n');
  const r = check(root);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /electron-builder is not a runtime dependency/);
});

test('a demo key or a test fixture in a packed folder fails the check', () => {
  const cases: [string, string][] = [
    ['resources/trust/demo.p12', 'binary'],
    ['resources/trust/signer.pem', '-----BEGIN PRIVATE KEY-----\nMIIE\n'],
    ['dist/electron/tests/fixture.json', '{}'],
  ];
  for (const [rel, text] of cases) {
    const root = completeTree();
    write(root, rel, text);
    const r = check(root);
    assert.equal(r.code, 1, `${rel}: ${r.out}`);
    assert.ok(r.out.includes(rel), `${rel} not named: ${r.out}`);
  }
});
