// A record's TT 05/2025 description as EAD3: the record (hồ sơ) is the archdesc at level "file",
// each document (tài liệu) a component at level "item". Fields EAD3 has a place for go there
// (unitid, unittitle, dates, issuing body, language, page count, access and retention), so an
// archive's EAD tools read them; every TT 05/2025 field also goes, under its circular name, in
// a definition list of the unit's <odd>, so the receiving archive reads back the full set
// without a mapping table of its own.
import {
  DOCUMENT_FIELD_ORDER,
  MAINTENANCE_CODES,
  MODE_CODES,
  RECORD_FIELD_ORDER,
  type DocumentMetadata,
  type RecordMetadata,
} from '../../../shared/archiveMetadata';
import { SOFTWARE_AGENT, xmlEscape as esc } from './recordPackage';

export const EAD3_NAMESPACE = 'http://ead3.archivists.org/schema/';
/** The localtype of the <odd> that holds the circular's own field list. */
export const TT05_ODD = 'TT05/2025/TT-BNV';

/** dd/mm/yyyy → yyyy-mm-dd (EAD's standarddate is ISO 8601). */
export function isoDay(vn: string): string {
  const [d, m, y] = vn.split('/');
  return `${y}-${m}-${d}`;
}

/** ISO 639-1 codes of the desk → ISO 639-2/B, which EAD's langcode expects. */
const LANG_639_2: Record<string, string> = { vi: 'vie', en: 'eng', fr: 'fre', zh: 'chi' };

function languages(list: string, indent: string): string {
  const codes = list
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (codes.length === 0) return '';
  return (
    `${indent}<langmaterial>\n` +
    codes
      .map(
        (c) => `${indent}  <language langcode="${esc(LANG_639_2[c] ?? c)}">${esc(c)}</language>\n`,
      )
      .join('') +
    `${indent}</langmaterial>\n`
  );
}

/** Every field present, under its circular name, as label/item pairs. */
function tt05List(fields: Record<string, unknown>, order: readonly string[], indent: string) {
  const items = order
    .filter((k) => fields[k] !== undefined && fields[k] !== '')
    .map(
      (k) =>
        `${indent}    <defitem><label>${k}</label><item>${esc(String(fields[k] as string | number))}</item></defitem>\n`,
    )
    .join('');
  return (
    `${indent}<odd localtype="${TT05_ODD}">\n` +
    `${indent}  <list listtype="deflist">\n${items}${indent}  </list>\n` +
    `${indent}</odd>\n`
  );
}

function pages(n: number, indent: string): string {
  return (
    `${indent}<physdescstructured coverage="whole" physdescstructuredtype="materialtype">` +
    `<quantity>${n}</quantity><unittype>trang</unittype></physdescstructured>\n`
  );
}

function codeText(
  list: Record<string, { vi: string }>,
  element: string,
  code: string | undefined,
  i: string,
) {
  if (!code) return '';
  const label = list[code]?.vi ?? code;
  return `${i}<${element}><p>${esc(label)} (${esc(code)})</p></${element}>\n`;
}

function documentComponent(d: { metadata: DocumentMetadata; pages: number[] }): string {
  const m = d.metadata;
  const i = '        ';
  const title = [m.typeName, m.subject].filter(Boolean).join(' – ') || m.docCode;
  const notation = [m.codeNumber, m.codeNotation].filter(Boolean).join('/');
  return (
    `      <c level="item" id="doc-${m.docOrdinal}">\n` +
    `${i.slice(2)}<did>\n` +
    `${i}<unitid localtype="docCode">${esc(m.docCode)}</unitid>\n` +
    (notation
      ? `${i}<unitid localtype="codeNumber/codeNotation">${esc(notation)}</unitid>\n`
      : '') +
    `${i}<unittitle>${esc(title)}</unittitle>\n` +
    (m.issuedDate
      ? `${i}<unitdatestructured><datesingle standarddate="${isoDay(m.issuedDate)}">${esc(m.issuedDate)}</datesingle></unitdatestructured>\n`
      : '') +
    (m.organName
      ? `${i}<origination localtype="organName"><corpname><part>${esc(m.organName)}</part></corpname></origination>\n`
      : '') +
    languages(m.language, i) +
    pages(m.numberOfPage, i) +
    `${i.slice(2)}</did>\n` +
    codeText(MODE_CODES, 'accessrestrict', m.mode, i.slice(2)) +
    tt05List({ ...m, pages: d.pages.join(' ') }, [...DOCUMENT_FIELD_ORDER, 'pages'], i.slice(2)) +
    `      </c>\n`
  );
}

/** The EAD3 document for a record and its documents; `created` is an ISO 8601 time with offset. */
export function eadXml(
  record: RecordMetadata,
  documents: readonly { metadata: DocumentMetadata; pages: number[] }[],
  agency: string,
  created: string,
): string {
  const i = '      ';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ead xmlns="${EAD3_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n` +
    `  xsi:schemaLocation="${EAD3_NAMESPACE} ../../schemas/ead3.xsd">\n` +
    '  <control>\n' +
    `    <recordid>${esc(record.fileCode)}</recordid>\n` +
    `    <filedesc><titlestmt><titleproper>${esc(record.title)}</titleproper></titlestmt></filedesc>\n` +
    '    <maintenancestatus value="new"/>\n' +
    `    <maintenanceagency><agencycode>${esc(agency)}</agencycode><agencyname>${esc(agency)}</agencyname></maintenanceagency>\n` +
    '    <maintenancehistory><maintenanceevent><eventtype value="created"/>' +
    `<eventdatetime standarddatetime="${created}">${created}</eventdatetime>` +
    `<agenttype value="machine"/><agent>${SOFTWARE_AGENT}</agent></maintenanceevent></maintenancehistory>\n` +
    '  </control>\n' +
    '  <archdesc level="file">\n' +
    '    <did>\n' +
    `${i}<unitid localtype="fileCode">${esc(record.fileCode)}</unitid>\n` +
    `${i}<unittitle>${esc(record.title)}</unittitle>\n` +
    `${i}<unitdatestructured><daterange><fromdate standarddate="${isoDay(record.startDate)}">${record.startDate}</fromdate>` +
    `<todate standarddate="${isoDay(record.endDate)}">${record.endDate}</todate></daterange></unitdatestructured>\n` +
    languages(record.language, i) +
    pages(record.numberOfPage, i) +
    '    </did>\n' +
    codeText(MODE_CODES, 'accessrestrict', record.mode, '    ') +
    codeText(MAINTENANCE_CODES, 'appraisal', record.maintenance, '    ') +
    (record.keyword
      ? `    <controlaccess><subject><part>${esc(record.keyword)}</part></subject></controlaccess>\n`
      : '') +
    tt05List(record, RECORD_FIELD_ORDER, '    ') +
    '    <dsc>\n' +
    documents.map(documentComponent).join('') +
    '    </dsc>\n' +
    '  </archdesc>\n' +
    '</ead>\n'
  );
}
