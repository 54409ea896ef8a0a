// What the batch integration tests share: a temporary folder per test file, a real core per
// scenario in it (closed whatever happens), and separation options from the contract's defaults.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { openCore, type Core } from '../../electron/core/pipeline/core';
import { SeparationOptions, type SeparationOptionsInput } from '../../shared/contracts/intake';

/** Registers the file's temporary folder (made before its tests, removed after them). */
export function batchCores(prefix: string) {
  let work = '';
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));
  return {
    /** The file's temporary folder (set once its tests run). */
    dir: () => work,
    /** A real core on its own data folder `name`, with one OCR worker. */
    withCore: async (name: string, fn: (core: Core) => Promise<void>): Promise<void> => {
      const core = await openCore({ dataDir: path.join(work, name), ocrWorkers: 1 });
      try {
        await fn(core);
      } finally {
        await core.close();
      }
    },
  };
}

/** Separation options: the ones given, the contract's defaults for the rest (all methods off). */
export const separationOptions = (o: SeparationOptionsInput): SeparationOptions =>
  SeparationOptions.parse(o);
