// The import rules between layers (docs/ARCHITECTURE.md) are enforced by lint: a forbidden import
// is reported, an allowed one is not, and the project's real ESLint config switches the rule on for
// every layer.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import local from '../../tools/eslint-plugin-local/layers.mjs';

const root = path.resolve(import.meta.dirname, '../..');

function layerErrors(file: string, code: string): string[] {
  const linter = new Linter({ cwd: root });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser },
        plugins: { local },
        rules: { 'local/layers': 'error' },
      },
    ],
    { filename: path.join(root, file) },
  );
  return messages.map((m) => m.message);
}

const forbidden: [string, string][] = [
  ['electron/core/ocr/x.ts', "import { app } from 'electron';"],
  ['electron/core/pdf/x.ts', "import { App } from '../../../renderer/src/App';"],
  ['renderer/src/x.tsx', "import fs from 'node:fs';"],
  ['renderer/src/x.tsx', "import path from 'path';"],
  ['renderer/src/x.tsx', "import { ipcRenderer } from 'electron';"],
  ['renderer/src/x.tsx', "import { openCore } from '../../electron/core/pipeline/core';"],
  ['shared/x.ts', "import fs from 'node:fs';"],
  ['shared/x.ts', "import React from 'react';"],
  ['shared/x.ts', "import { Archive } from '../electron/core/archive/archive';"],
  ['electron/main/x.ts', "import { Archive } from '../core/archive/archive';"],
  ['electron/preload/x.ts', "import sharp from 'sharp';"],
  ['electron/webhost/x.ts', "import { app } from 'electron';"],
  ['electron/core/sign/x.ts', "const e = require('electron');"],
  ['electron/core/sign/x.ts', "const e = await import('electron');"],
];

for (const [file, code] of forbidden) {
  test(`reports a forbidden import in ${file}: ${code}`, () => {
    const errors = layerErrors(file, code);
    assert.equal(errors.length, 1, `expected one layer error, got ${JSON.stringify(errors)}`);
    assert.match(errors[0]!, /may not import/);
  });
}

const allowed: [string, string][] = [
  [
    'electron/core/ocr/x.ts',
    "import fs from 'node:fs'; import { nfc } from '../../../shared/text';",
  ],
  ['electron/core/pdf/x.ts', "import { PDFDocument } from 'pdf-lib';"],
  [
    'electron/main/x.ts',
    "import { app } from 'electron'; import { createApi } from '../core/api';",
  ],
  [
    'renderer/src/x.tsx',
    "import { useState } from 'react'; import { contract } from '../../shared/contract';",
  ],
  ['shared/x.ts', "import { z } from 'zod'; import { nfc } from './text';"],
  ['electron/cli/x.ts', "import { openCore } from '../core/pipeline/core';"],
];

for (const [file, code] of allowed) {
  test(`allows ${code} in ${file}`, () => {
    assert.deepEqual(layerErrors(file, code), []);
  });
}

test('the project ESLint config enables the layering rule as an error everywhere', async () => {
  const eslint = new ESLint({ cwd: root });
  for (const file of [
    'shared/contract.ts',
    'electron/core/api/handlers.ts',
    'renderer/src/main.tsx',
  ]) {
    const config = (await eslint.calculateConfigForFile(path.join(root, file))) as Linter.Config;
    const rule = config.rules?.['local/layers'];
    const level = Array.isArray(rule) ? rule[0] : rule;
    assert.ok(level === 2 || level === 'error', `local/layers is ${String(level)} for ${file}`);
  }
});
