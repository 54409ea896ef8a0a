// The METS documents of an E-ARK SIP (CSIP/SIP 2.x): the package METS at the root, which lists
// the descriptive metadata, the documentation, the schemas and, per representation, that
// representation's own METS; and the representation METS, which lists its data files. Both name
// the schemas they follow by a relative xsi:schemaLocation into the package's schemas/ folder, so
// a receiving archive validates them offline with nothing but the package.
import path from 'node:path';
import { SOFTWARE_AGENT, xmlEscape as esc, type PackageFile } from './recordPackage';

export const METS_NAMESPACE = 'http://www.loc.gov/METS/';
export const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';
export const CSIP_NAMESPACE = 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS';
export const SIP_NAMESPACE = 'https://DILCIS.eu/XML/METS/SIPExtensionMETS';
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const SOFTWARE_VERSION = '0.1.0';

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xml': 'application/xml',
  '.xsd': 'application/xml',
  '.json': 'application/json',
};
const mimeOf = (p: string) => MIME[path.extname(p).toLowerCase()] ?? 'application/octet-stream';

/** `href` of a package file as seen from a METS inside `base` (the package root is ''). */
const relativeTo = (base: string, p: string) => (base ? path.posix.relative(base, p) : p);

function fileAttrs(f: PackageFile, created: string): string {
  return (
    `MIMETYPE="${mimeOf(f.path)}" SIZE="${f.bytes.length}" CREATED="${created}" ` +
    `CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256"`
  );
}

function mdRef(id: string, f: PackageFile, created: string): string {
  return (
    `  <dmdSec ID="${id}" CREATED="${created}" STATUS="CURRENT">\n` +
    `    <mdRef LOCTYPE="URL" xlink:type="simple" xlink:href="${esc(f.path)}" MDTYPE="EAD" ` +
    `MDTYPEVERSION="EAD3 1.1.1" ${fileAttrs(f, created)}/>\n` +
    '  </dmdSec>\n'
  );
}

/** One fileGrp: its files with checksums, hrefs relative to the METS in `base`. */
function fileGrp(
  id: string,
  use: string,
  files: readonly PackageFile[],
  created: string,
  base = '',
): string {
  const entries = files
    .map(
      (f, n) =>
        `      <file ID="${id}-file-${n + 1}" ${fileAttrs(f, created)}>\n` +
        `        <FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${esc(relativeTo(base, f.path))}"/>\n` +
        '      </file>\n',
    )
    .join('');
  return `    <fileGrp ID="${id}" USE="${use}">\n${entries}    </fileGrp>\n`;
}

interface Header {
  code: string;
  title: string;
  agency: string;
  created: string;
  /** Where this METS sits in the package ('' for the root), for the schemaLocation hrefs. */
  base: string;
}

function open(h: Header): string {
  const schemas = relativeTo(h.base, 'schemas');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<mets xmlns="${METS_NAMESPACE}" xmlns:xlink="${XLINK_NAMESPACE}" ` +
    `xmlns:csip="${CSIP_NAMESPACE}" xmlns:sip="${SIP_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}"\n` +
    `  xsi:schemaLocation="${METS_NAMESPACE} ${schemas}/mets.xsd ${XLINK_NAMESPACE} ${schemas}/xlink.xsd"\n` +
    `  OBJID="${esc(h.code)}" LABEL="${esc(h.title)}" TYPE="Mixed" ` +
    'csip:CONTENTINFORMATIONTYPE="OTHER" csip:OTHERCONTENTINFORMATIONTYPE="TT05/2025/TT-BNV" ' +
    `PROFILE="${SIP_PROFILE}">\n` +
    `  <metsHdr CREATEDATE="${h.created}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">\n` +
    '    <agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">\n' +
    `      <name>${SOFTWARE_AGENT}</name>\n` +
    `      <note csip:NOTETYPE="SOFTWARE VERSION">${SOFTWARE_VERSION}</note>\n` +
    '    </agent>\n' +
    '    <agent ROLE="CREATOR" TYPE="ORGANIZATION">\n' +
    `      <name>${esc(h.agency)}</name>\n` +
    `      <note csip:NOTETYPE="IDENTIFICATIONCODE">${esc(h.agency)}</note>\n` +
    '    </agent>\n' +
    '  </metsHdr>\n'
  );
}

const fptrDiv = (id: string, label: string, grp: string) =>
  `      <div ID="${id}" LABEL="${label}">\n        <fptr FILEID="${grp}"/>\n      </div>\n`;

export interface PackageMetsInput {
  code: string;
  title: string;
  agency: string;
  created: string;
  ead: PackageFile;
  documentation: readonly PackageFile[];
  schemas: readonly PackageFile[];
  /** Each representation's folder name and its METS. */
  representations: readonly { name: string; mets: PackageFile }[];
}

/** The package (root) METS. */
export function packageMetsXml(m: PackageMetsInput): string {
  const h = { ...m, base: '' };
  const reps = m.representations;
  return (
    open(h) +
    mdRef('dmd-ead', m.ead, m.created) +
    '  <fileSec ID="filesec-1">\n' +
    (m.documentation.length
      ? fileGrp('filegrp-documentation', 'Documentation', m.documentation, m.created)
      : '') +
    fileGrp('filegrp-schemas', 'Schemas', m.schemas, m.created) +
    reps
      .map((r) => fileGrp(`filegrp-${r.name}`, `Representations/${r.name}`, [r.mets], m.created))
      .join('') +
    '  </fileSec>\n' +
    '  <structMap ID="structmap-1" TYPE="PHYSICAL" LABEL="CSIP">\n' +
    `    <div ID="div-root" LABEL="${esc(m.code)}">\n` +
    '      <div ID="div-metadata" LABEL="Metadata" DMDID="dmd-ead"/>\n' +
    (m.documentation.length
      ? fptrDiv('div-documentation', 'Documentation', 'filegrp-documentation')
      : '') +
    fptrDiv('div-schemas', 'Schemas', 'filegrp-schemas') +
    reps
      .map(
        (r) =>
          `      <div ID="div-${r.name}" LABEL="Representations/${r.name}">\n` +
          `        <mptr LOCTYPE="URL" xlink:type="simple" xlink:href="${esc(r.mets.path)}" ` +
          `xlink:title="${esc(r.name)}"/>\n` +
          '      </div>\n',
      )
      .join('') +
    '    </div>\n' +
    '  </structMap>\n' +
    '</mets>\n'
  );
}

export interface RepresentationMetsInput {
  code: string;
  title: string;
  agency: string;
  created: string;
  /** The representation folder, e.g. `representations/rep1`. */
  folder: string;
  data: readonly PackageFile[];
}

/** A representation's METS (`<folder>/METS.xml`): its data files, hrefs relative to the folder. */
export function representationMetsXml(m: RepresentationMetsInput): string {
  const name = path.posix.basename(m.folder);
  return (
    open({ ...m, code: `${m.code}/${name}`, base: m.folder }) +
    '  <fileSec ID="filesec-1">\n' +
    fileGrp('filegrp-data', 'Data', m.data, m.created, m.folder) +
    '  </fileSec>\n' +
    '  <structMap ID="structmap-1" TYPE="PHYSICAL" LABEL="CSIP">\n' +
    `    <div ID="div-root" LABEL="${esc(name)}">\n` +
    fptrDiv('div-data', 'Data', 'filegrp-data') +
    '    </div>\n' +
    '  </structMap>\n' +
    '</mets>\n'
  );
}
