// A record as an E-ARK Submission Information Package (CSIP/SIP 2.x layout), the other transfer
// format beside BagIt: a folder named by the record code holding METS.xml (the package map, every
// file with its SHA-256), metadata/descriptive/EAD.xml (EAD3) and the desk's own TT 05/2025 XML,
// and representations/rep1/data/ with the stored files as they are. Zipped, so the transfer is
// one file. Times are ISO 8601 with the +07:00 offset of the office that made the package.
//
// The package carries no schemas/ folder: the official METS, EAD3 and E-ARK extension XSDs are
// not installable on the desk (no package of Debian or npm ships them), and the desk does not
// write its own copies of schemas it does not own.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { SohoaError } from '../../../shared/errors';
import type { Archive } from './archive';
import type { BlobStore } from './blobStore';
import { noteExport } from '../retention/exportsOutside';
import { writeFileDurably } from './durableFile';
import { eadXml } from './eadXml';
import {
  file,
  metadataXml,
  safeDirName,
  SOFTWARE_AGENT,
  storedPayload,
  xmlEscape as esc,
  type PackageFile,
} from './recordPackage';

export const METS_NAMESPACE = 'http://www.loc.gov/METS/';
export const CSIP_NAMESPACE = 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS';
export const SIP_NAMESPACE = 'https://DILCIS.eu/XML/METS/SIPExtensionMETS';
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';
const SOFTWARE_VERSION = '0.1.0';

/** ISO 8601 with the +07:00 offset (Vietnam has no daylight saving time). */
export function vnIsoTime(at: Date): string {
  return new Date(at.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 19) + '+07:00';
}

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xml': 'application/xml',
  '.json': 'application/json',
};
const mimeOf = (p: string) => MIME[path.extname(p).toLowerCase()] ?? 'application/octet-stream';

function fileAttrs(f: PackageFile, created: string): string {
  return (
    `MIMETYPE="${mimeOf(f.path)}" SIZE="${f.bytes.length}" CREATED="${created}" ` +
    `CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256"`
  );
}

function mdRef(id: string, f: PackageFile, created: string, type: string): string {
  const mdtype = type === 'EAD' ? 'MDTYPE="EAD"' : `MDTYPE="OTHER" OTHERMDTYPE="${type}"`;
  return (
    `  <dmdSec ID="${id}" CREATED="${created}" STATUS="CURRENT">\n` +
    `    <mdRef LOCTYPE="URL" xlink:type="simple" xlink:href="${esc(f.path)}" ${mdtype} ` +
    `${fileAttrs(f, created)}/>\n` +
    '  </dmdSec>\n'
  );
}

interface MetsInput {
  code: string;
  title: string;
  agency: string;
  created: string;
  descriptive: { id: string; file: PackageFile; type: string }[];
  data: PackageFile[];
}

/** The package METS: header with the creating software and office, metadata, files, map. */
export function metsXml(m: MetsInput): string {
  const files = m.data
    .map(
      (f, n) =>
        `      <file ID="file-${n + 1}" ${fileAttrs(f, m.created)}>\n` +
        `        <FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${esc(f.path)}"/>\n` +
        '      </file>\n',
    )
    .join('');
  const dmdIds = m.descriptive.map((d) => d.id).join(' ');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<mets xmlns="${METS_NAMESPACE}" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `xmlns:csip="${CSIP_NAMESPACE}" xmlns:sip="${SIP_NAMESPACE}"\n` +
    `  OBJID="${esc(m.code)}" LABEL="${esc(m.title)}" TYPE="Mixed" ` +
    'csip:CONTENTINFORMATIONTYPE="OTHER" csip:OTHERCONTENTINFORMATIONTYPE="TT05/2025/TT-BNV" ' +
    `PROFILE="${SIP_PROFILE}">\n` +
    `  <metsHdr CREATEDATE="${m.created}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">\n` +
    '    <agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">\n' +
    `      <name>${SOFTWARE_AGENT}</name>\n` +
    `      <note csip:NOTETYPE="SOFTWARE VERSION">${SOFTWARE_VERSION}</note>\n` +
    '    </agent>\n' +
    '    <agent ROLE="CREATOR" TYPE="ORGANIZATION">\n' +
    `      <name>${esc(m.agency)}</name>\n` +
    `      <note csip:NOTETYPE="IDENTIFICATIONCODE">${esc(m.agency)}</note>\n` +
    '    </agent>\n' +
    '  </metsHdr>\n' +
    m.descriptive.map((d) => mdRef(d.id, d.file, m.created, d.type)).join('') +
    '  <fileSec ID="filesec-1">\n' +
    '    <fileGrp ID="filegrp-rep1" USE="Representations/rep1">\n' +
    files +
    '    </fileGrp>\n' +
    '  </fileSec>\n' +
    `  <structMap ID="structmap-1" TYPE="PHYSICAL" LABEL="CSIP">\n` +
    `    <div ID="div-root" LABEL="${esc(m.code)}">\n` +
    `      <div ID="div-metadata" LABEL="Metadata" DMDID="${dmdIds}"/>\n` +
    '      <div ID="div-rep1" LABEL="Representations/rep1">\n' +
    '        <fptr FILEID="filegrp-rep1"/>\n' +
    '      </div>\n' +
    '    </div>\n' +
    '  </structMap>\n' +
    '</mets>\n'
  );
}

/** Every file of the package, paths relative to its root folder (METS.xml last). */
export async function buildEarkSip(
  archive: Archive,
  blobs: BlobStore,
  code: string,
  now: Date = new Date(),
): Promise<PackageFile[]> {
  const id = archive.idOf(code);
  const record = archive.recordMetadata(id);
  const documents = archive.documentsOf(id);
  const stored = archive.storedFiles().filter((f) => f.dossierCode === code);
  const data = await storedPayload(blobs, code, stored, 'representations/rep1/data/');
  const created = vnIsoTime(now);
  const agency = code.split('-').slice(0, -2).join('-') || code;
  const ead = file(
    'metadata/descriptive/EAD.xml',
    Buffer.from(eadXml(record, documents, agency, created), 'utf8'),
  );
  const tt05 = file(
    'metadata/descriptive/TT05-2025.xml',
    Buffer.from(metadataXml(record, documents), 'utf8'),
  );
  const mets = metsXml({
    code,
    title: record.title,
    agency,
    created,
    descriptive: [
      { id: 'dmd-ead', file: ead, type: 'EAD' },
      { id: 'dmd-tt05', file: tt05, type: 'TT05/2025' },
    ],
    data,
  });
  return [...data, ead, tt05, file('METS.xml', Buffer.from(mets, 'utf8'))];
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
