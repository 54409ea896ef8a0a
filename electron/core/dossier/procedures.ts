// The procedure catalog on disk: the shipped one (resources/procedures/catalog.json) unless the
// province has imported its own into the data folder. An import is validated in full before it
// replaces anything, and written atomically, so a bad file never leaves the desk without a catalog.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import {
  parseCatalogCsv,
  parseCatalogJson,
  type CatalogParse,
  type Procedure,
  type ProcedureCatalog,
} from '../../../shared/procedures';
import { resourcesDir } from './resources';

export const CATALOG_FILE_NAME = 'catalog.json';

export function shippedCatalogPath(): string {
  return path.join(resourcesDir(), 'procedures', CATALOG_FILE_NAME);
}

export function localCatalogPath(dataDir: string): string {
  return path.join(dataDir, 'procedures', CATALOG_FILE_NAME);
}

/** Parses a catalog file by its extension (.json or .csv). */
export function parseCatalogFile(name: string, text: string): CatalogParse {
  return /\.csv$/i.test(name)
    ? parseCatalogCsv(text, path.basename(name, path.extname(name)))
    : parseCatalogJson(text);
}

async function readCatalog(file: string): Promise<ProcedureCatalog> {
  const parsed = parseCatalogFile(file, await fs.readFile(file, 'utf8'));
  if (!parsed.ok) {
    throw new SohoaError('PROCEDURE_CATALOG_INVALID', path.basename(file), {
      cause: parsed.problems,
    });
  }
  return parsed.catalog;
}

export interface LoadedCatalog {
  catalog: ProcedureCatalog;
  /** 'local' when the province's imported catalog is in use. */
  origin: 'shipped' | 'local';
}

export async function loadCatalog(dataDir?: string): Promise<LoadedCatalog> {
  if (dataDir) {
    const local = localCatalogPath(dataDir);
    try {
      return { catalog: await readCatalog(local), origin: 'local' };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return { catalog: await readCatalog(shippedCatalogPath()), origin: 'shipped' };
}

export function findProcedure(catalog: ProcedureCatalog, code: string): Procedure {
  const found = catalog.procedures.find((p) => p.code === code);
  if (!found) throw new SohoaError('PROCEDURE_NOT_FOUND', code);
  return found;
}

/**
 * Replaces the local catalog with `file` (JSON or CSV). Throws PROCEDURE_CATALOG_INVALID with
 * the list of problems (line, column, message) as the cause; the current catalog stays.
 */
export async function importCatalog(dataDir: string, file: string): Promise<ProcedureCatalog> {
  const catalog = await readCatalog(file);
  const target = localCatalogPath(dataDir);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(catalog, null, 2) + '\n', 'utf8');
  await fs.rename(tmp, target);
  return catalog;
}
