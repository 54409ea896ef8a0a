// Where the shipped data is found: installed, the variable that could name it is dropped from the
// environment the core acts on, so the runtime's own resources folder is used; from the sources
// the project's resources/ is found by walking up.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { resourcesDir } from '../../electron/core/dossier/resources';

const runtime = process as { resourcesPath?: string };

test('installed, the data beside the asar is found without SOHOA_RESOURCES_DIR', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-resources-'));
  const before = runtime.resourcesPath;
  try {
    assert.equal(path.basename(resourcesDir({})), 'resources', 'from the sources');
    fs.mkdirSync(path.join(work, 'data', 'holidays'), { recursive: true });
    runtime.resourcesPath = work;
    assert.equal(resourcesDir({}), path.join(work, 'data'));
  } finally {
    if (before === undefined) delete runtime.resourcesPath;
    else runtime.resourcesPath = before;
    fs.rmSync(work, { recursive: true, force: true });
  }
});
