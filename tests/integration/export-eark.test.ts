// `sohoa export --format eark`: a zipped E-ARK SIP unpacked by Python's zipfile; the package and
// representation METS validated by xmllint against METS 1.12.1 and the EAD against EAD3 1.1.1,
// using the schemas the package carries in its schemas/ folder (so offline, as the receiving
// archive would); the METS checked against the CSIP/SIP rules; and every TT 05/2025 field of the
// record and its documents read back from the EAD.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument } from 'pdf-lib';
import { exportCommand } from '../../electron/cli/commands/export';
import { openArchive } from '../../electron/core/archive/open';
import { DOCUMENT_FIELD_ORDER, RECORD_FIELD_ORDER } from '../../shared/archiveMetadata';
import { checkEarkSip } from '../helpers/earkCheck';
import { run } from '../helpers/tools';

const CODE = 'H49.64.33-261123-0001';

const DECISION = {
  typeName: 'Quyết định',
  codeNumber: '1009',
  codeNotation: 'QĐ-TTg',
  issuedDate: '19/09/2024',
  organName: 'Thủ tướng Chính phủ',
  subject: 'Phê duyệt nhiệm vụ điều chỉnh quy hoạch tỉnh <Quảng Ngãi> & vùng',
  language: 'vi',
  inforSign: 'QH-01',
  keyword: 'quy hoạch; điều chỉnh',
  autograph: 'Chữ ký của Phó Thủ tướng',
};

async function archiveWithDecision() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-eark-'));
  const o = openArchive(dataDir);
  const pdf = await PDFDocument.create();
  pdf.addPage();
  pdf.addPage();
  const bytes = Buffer.from(await pdf.save());
  const sha256 = await o.blobs.put(bytes);
  o.archive.addRecord({
    agencyId: 'H49.64.33',
    receivedAt: new Date('2026-11-23T02:00:00Z'),
    title: 'Quyết định 1009/QĐ-TTg ngày 19/09/2024',
    metadata: { maintenance: '01', keyword: 'quy hoạch' },
    documents: [
      { metadata: DECISION, pages: [1] },
      { metadata: { typeName: 'Phụ lục', organName: 'Bộ Kế hoạch và Đầu tư' }, pages: [2] },
    ],
    pages: [1, 2].map((ordinal) => ({
      ordinal,
      sourceName: `p${ordinal}.jpg`,
      widthPx: 1654,
      heightPx: 2339,
      dpi: 200,
      text: `Trang ${ordinal}`,
      confidence: 90,
    })),
    file: { sha256, bytes: bytes.length, signature: null },
  });
  const id = o.archive.idOf(CODE);
  const expected = {
    record: o.archive.recordMetadata(id) as Record<string, unknown>,
    documents: o.archive.documentsOf(id).map((d) => d.metadata as Record<string, unknown>),
    pdfSha256: sha256,
  };
  o.close();
  return { dataDir, expected };
}

type Node = Record<string, unknown>;
const asArray = <T>(x: T | T[] | undefined): T[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x];

/** The TT 05/2025 fields of one EAD unit, from its <odd> definition list. */
function oddFields(unit: Node): Record<string, string> {
  const odd = asArray(unit.odd as Node | Node[]).find(
    (o) => o['@localtype'] === 'TT05/2025/TT-BNV',
  );
  assert.ok(odd, 'the unit carries the TT 05/2025 field list');
  const items = asArray((odd.list as Node).defitem as Node | Node[]);
  return Object.fromEntries(items.map((d) => [String(d.label), String(d.item)]));
}

const asText = (v: unknown) => (typeof v === 'number' ? String(v) : (v as string | undefined));

test('a dossier exports as a zipped E-ARK SIP whose METS and EAD carry every TT 05/2025 field', async () => {
  const { dataDir, expected } = await archiveWithDecision();
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sips-'));
  const log = console.log;
  console.log = () => undefined;
  const code = await exportCommand
    .run([CODE, target, '--format', 'eark', '--data-dir', dataDir], { lang: 'en' })
    .finally(() => (console.log = log));
  assert.equal(code, 0);
  assert.deepEqual(fs.readdirSync(target), [`${CODE}.zip`]);

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sip-'));
  const unzip = run('python3', ['-m', 'zipfile', '-e', path.join(target, `${CODE}.zip`), out]);
  assert.equal(unzip.status, 0, unzip.stderr);
  const root = path.join(out, CODE);
  assert.ok(fs.existsSync(path.join(root, 'METS.xml')), 'METS.xml at the package root');
  const validate = (schema: string, f: string) =>
    run('xmllint', ['--noout', '--nonet', '--schema', path.join(root, 'schemas', schema), f]);
  for (const [schema, f] of [
    ['mets.xsd', 'METS.xml'],
    ['mets.xsd', 'representations/rep1/METS.xml'],
    ['ead3.xsd', 'metadata/descriptive/EAD.xml'],
  ] as const) {
    const lint = validate(schema, path.join(root, f));
    assert.equal(lint.status, 0, `${f} against ${schema}: ${lint.stderr}`);
    assert.match(lint.stderr, /validates/);
  }
  const tt05 = run('xmllint', ['--noout', path.join(root, 'documentation/TT05-2025.xml')]);
  assert.equal(tt05.status, 0, tt05.stderr);
  assert.deepEqual(checkEarkSip(root), []);
  // The schemas can fail: EAD3 refuses a maintenance status it does not define, METS a checksum type.
  const bad = path.join(out, 'bad.xml');
  const eadText = fs.readFileSync(path.join(root, 'metadata/descriptive/EAD.xml'), 'utf8');
  fs.writeFileSync(bad, eadText.replace('value="new"', 'value="renewed"'));
  assert.notEqual(validate('ead3.xsd', bad).status, 0, 'EAD3 rejects an unknown status');
  const metsText = fs.readFileSync(path.join(root, 'METS.xml'), 'utf8');
  fs.writeFileSync(bad, metsText.replace('CHECKSUMTYPE="SHA-256"', 'CHECKSUMTYPE="SHA256"'));
  assert.notEqual(validate('mets.xsd', bad).status, 0, 'METS rejects an unknown checksum type');
  fs.rmSync(bad);
  const pdf = fs.readFileSync(path.join(root, 'representations/rep1/data', `${CODE}.pdf`));
  assert.equal(createHash('sha256').update(pdf).digest('hex'), expected.pdfSha256);

  const mets = fs.readFileSync(path.join(root, 'METS.xml'), 'utf8');
  assert.match(mets, /CREATEDATE="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00"/);

  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    htmlEntities: true,
  });
  const ead = (
    parser.parse(fs.readFileSync(path.join(root, 'metadata/descriptive/EAD.xml'), 'utf8')) as Node
  ).ead as Node;
  assert.equal(ead['@xmlns'], 'http://ead3.archivists.org/schema/');
  const archdesc = ead.archdesc as Node;
  const recordBack = oddFields(archdesc);
  for (const k of RECORD_FIELD_ORDER)
    assert.equal(recordBack[k], asText(expected.record[k]), `record field ${k}`);
  assert.equal(((archdesc.did as Node).unitid as Node)['#text'], CODE);

  const components = asArray((archdesc.dsc as Node).c as Node | Node[]);
  assert.equal(components.length, expected.documents.length);
  components.forEach((c, n) => {
    const back = oddFields(c);
    const want = expected.documents[n]!;
    for (const k of DOCUMENT_FIELD_ORDER)
      assert.equal(back[k], asText(want[k]), `document ${n + 1} ${k}`);
  });
  // The first document's fields read as the decision: every TT 05/2025 field the desk reads.
  const first = oddFields(components[0]!);
  for (const [k, v] of Object.entries(DECISION)) assert.equal(first[k], v, k);
  const did = components[0]!.did as Node;
  const date = (did.unitdatestructured as Node).datesingle as Node;
  assert.equal(date['@standarddate'], '2024-09-19');

  // The checker can fail: a changed byte in the data is a checksum failure.
  pdf[pdf.length - 5] = pdf[pdf.length - 5]! ^ 1;
  fs.writeFileSync(path.join(root, 'representations/rep1/data', `${CODE}.pdf`), pdf);
  assert.match(checkEarkSip(root).join('\n'), /checksum differs/);

  // A second export to the same folder is refused rather than overwriting.
  console.log = () => undefined;
  const again = await exportCommand
    .run([CODE, target, '--format', 'eark', '--data-dir', dataDir], { lang: 'en' })
    .catch((e: unknown) => e)
    .finally(() => (console.log = log));
  assert.ok(again instanceof Error, 'refused');
});
