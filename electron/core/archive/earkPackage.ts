// A record as an E-ARK Submission Information Package (CSIP/SIP 2.x layout), the other transfer
// format beside BagIt: a folder named by the record code holding METS.xml (the package map),
// metadata/descriptive/EAD.xml (EAD3), documentation/TT05-2025.xml (the desk's own list of the
// circular's fields), schemas/ with the METS, XLink and EAD3 schemas the XML follows, and
// representations/rep1/ with its own METS.xml and data/ holding the stored files as they are.
// Every file is listed with its SHA-256. Zipped, so the transfer is one file. Times are ISO 8601
// with the +07:00 offset of the office that made the package.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { SohoaError } from '../../../shared/errors';
import { resourcesDir } from '../dossier/resources';
import type { Archive } from './archive';
import type { BlobStore } from './blobStore';
import { noteExport } from '../retention/exportsOutside';
import { writeFileDurably } from './durableFile';
import { eadXml } from './eadXml';
import { packageMetsXml, representationMetsXml } from './earkMets';
import { file, metadataXml, safeDirName, storedPayload, type PackageFile } from './recordPackage';

export { CSIP_NAMESPACE, METS_NAMESPACE, SIP_NAMESPACE, SIP_PROFILE } from './earkMets';

/** The schemas a package carries, as shipped in resources/schemas (see its README). */
export const PACKAGE_SCHEMAS = ['mets.xsd', 'xlink.xsd', 'ead3.xsd'] as const;

/** ISO 8601 with the +07:00 offset (Vietnam has no daylight saving time). */
export function vnIsoTime(at: Date): string {
  return new Date(at.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 19) + '+07:00';
}

async function schemaFiles(dir: string): Promise<PackageFile[]> {
  return Promise.all(
    PACKAGE_SCHEMAS.map(async (name) =>
      file(`schemas/${name}`, await fsp.readFile(path.join(dir, name))),
    ),
  );
}

/** Every file of the package, paths relative to its root folder (METS.xml last). */
export async function buildEarkSip(
  archive: Archive,
  blobs: BlobStore,
  code: string,
  now: Date = new Date(),
  schemasDir: string = path.join(resourcesDir(), 'schemas'),
): Promise<PackageFile[]> {
  const id = archive.idOf(code);
  const record = archive.recordMetadata(id);
  const documents = archive.documentsOf(id);
  const stored = archive.storedFiles().filter((f) => f.dossierCode === code);
  const folder = 'representations/rep1';
  const data = await storedPayload(blobs, code, stored, `${folder}/data/`);
  const created = vnIsoTime(now);
  const agency = code.split('-').slice(0, -2).join('-') || code;
  const head = { code, title: record.title, agency, created };
  const ead = file(
    'metadata/descriptive/EAD.xml',
    Buffer.from(eadXml(record, documents, agency, created), 'utf8'),
  );
  // TT 05/2025 gives the fields but no XML schema: the list travels as documentation, and the
  // schema-valid description of the same fields is the EAD.
  const tt05 = file(
    'documentation/TT05-2025.xml',
    Buffer.from(metadataXml(record, documents), 'utf8'),
  );
  const schemas = await schemaFiles(schemasDir);
  const repMets = file(
    `${folder}/METS.xml`,
    Buffer.from(representationMetsXml({ ...head, folder, data }), 'utf8'),
  );
  const mets = packageMetsXml({
    ...head,
    ead,
    documentation: [tt05],
    schemas,
    representations: [{ name: 'rep1', mets: repMets }],
  });
  return [...data, repMets, ead, tt05, ...schemas, file('METS.xml', Buffer.from(mets, 'utf8'))];
}

/** The package zipped with its root folder named by the record code (stored files not recompressed). */
export function zipPackage(root: string, files: readonly PackageFile[]): Buffer {
  const tree: Zippable = {};
  for (const f of files)
    tree[`${root}/${f.path}`] = [
      new Uint8Array(f.bytes.buffer, f.bytes.byteOffset, f.bytes.length),
      { level: f.path.endsWith('.xml') ? 6 : 0 },
    ];
  return Buffer.from(zipSync(tree));
}

/** Writes `<targetDir>/<code>.zip` durably; refuses to overwrite an existing package. */
export async function exportEarkSip(
  archive: Archive,
  blobs: BlobStore,
  code: string,
  targetDir: string,
  actor = 'system',
): Promise<{ file: string; files: PackageFile[] }> {
  const files = await buildEarkSip(archive, blobs, code);
  const root = safeDirName(code);
  const target = path.join(targetDir, `${root}.zip`);
  try {
    await fsp.mkdir(targetDir, { recursive: true });
    const exists = await fsp.stat(target).then(
      () => true,
      () => false,
    );
    if (exists) throw new Error(`${target} exists`);
    await writeFileDurably(target, zipPackage(root, files));
  } catch (e) {
    throw new SohoaError('EXPORT_FAILED', code, { cause: e });
  }
  const mets = files.find((f) => f.path === 'METS.xml')!;
  archive.logEvent({
    actor,
    action: 'dossier.exported',
    recordType: 'dossier',
    recordRef: code,
    details: { format: 'E-ARK SIP', metsSha256: mets.sha256, files: files.length },
  });
  noteExport(archive.file, code, target, 'E-ARK SIP');
  return { file: target, files };
}
