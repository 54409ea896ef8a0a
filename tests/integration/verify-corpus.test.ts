// Conformance: `verifyPdf` over third-party signed PDFs (EU DSS test suite, node-signpdf) with
// the verdicts DSS itself reaches (../shared/corpus/signatures/eu-dss/EXPECTED.md). Without
// trust anchors a good signature is "valid with warnings" (untrusted chain); "ok" accepts both.
// `npm run conformance:signatures` runs this file and prints the table.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PDFName } from 'pdf-lib';
import { loadForUpdate, writeIncrement } from '../../electron/core/sign/incremental';
import { verifyPdf, type VerifyReport } from '../../electron/core/sign/verify/verifyPdf';

const CORPUS =
  process.env.SOHOA_CORPUS ?? path.resolve(import.meta.dirname, '../../../shared/corpus');
const DIR = path.join(CORPUS, 'signatures');

type Expect = 'ok' | 'not-valid' | 'unsigned';
/** DSS's outcome for each file, from EXPECTED.md and the DSS test that uses it. */
const EXPECTED: Record<string, { expect: Expect; why: string }> = {
  'eu-dss/pdf-signed-original.pdf': { expect: 'ok', why: 'baseline valid' },
  'eu-dss/pdf-signed-corrupted.pdf': { expect: 'not-valid', why: 'ByteRange invalid' },
  'eu-dss/pdf-signed-out-of-byteRange.pdf': { expect: 'not-valid', why: 'ByteRange outside file' },
  'eu-dss/hello_signed_INCSAVE_signed_EDITED.pdf': {
    expect: 'not-valid',
    why: 'edited, dictionary inconsistent',
  },
  'eu-dss/pdf-byterange-overlap.pdf': { expect: 'not-valid', why: 'one signature FORMAT_FAILURE' },
  'eu-dss/pdf-spoofing-attack.pdf': { expect: 'not-valid', why: 'spoofing' },
  'eu-dss/pades-spoofing-replaced-reason.pdf': { expect: 'not-valid', why: '/Reason replaced' },
  'eu-dss/dss-2236/hide.pdf': { expect: 'not-valid', why: 'shadow attack: hide' },
  'eu-dss/dss-2236/replace.pdf': { expect: 'not-valid', why: 'shadow attack: replace' },
  'eu-dss/pdf-signed-added-page.pdf': { expect: 'not-valid', why: 'page added' },
  'eu-dss/pades-signed-annot-added.pdf': {
    expect: 'ok',
    why: 'annotation added: listed, not undefined',
  },
  'eu-dss/BadEncodedCMS.pdf': { expect: 'not-valid', why: 'NO_SIGNATURE_FOUND (CMS undecodable)' },
  'eu-dss/pades_infinite_loop.pdf': { expect: 'not-valid', why: 'cyclic: must finish < 3 s' },
  'eu-dss/pades_opposite_infinite_loop.pdf': {
    expect: 'not-valid',
    why: 'cyclic: must finish < 3 s',
  },
  'eu-dss/pdf-with-empty-sig.pdf': { expect: 'unsigned', why: 'empty signature field' },
  'eu-dss/pdf-with-two-empty-sigs.pdf': { expect: 'unsigned', why: 'two empty fields' },
  'eu-dss/pkcs7-no-message-digest.pdf': {
    expect: 'ok',
    why: 'adbe.pkcs7 without signed attributes',
  },
  'eu-dss/pkcs7.pdf': { expect: 'ok', why: 'adbe.pkcs7.detached' },
  'eu-dss/pkcs7_sha1.pdf': { expect: 'ok', why: 'adbe.pkcs7.sha1' },
  'eu-dss/pades-bes.pdf': { expect: 'ok', why: 'B-B' },
  'eu-dss/pades-epes.pdf': { expect: 'ok', why: 'EPES' },
  'eu-dss/doc-firmado.pdf': { expect: 'ok', why: 'sample' },
  'eu-dss/doc-firmado-T.pdf': { expect: 'ok', why: 'B-T' },
  'eu-dss/doc-firmado-LT.pdf': { expect: 'ok', why: 'B-LT' },
  'eu-dss/PAdES-LT.pdf': { expect: 'ok', why: 'B-LT' },
  'eu-dss/Test.signed_Certipost-2048-SHA512.extended-LTA.pdf': { expect: 'ok', why: 'B-LTA' },
  'eu-dss/dss-2058/dss-2058-QC-LTA-test.pdf': { expect: 'ok', why: 'B-LTA' },
  'eu-dss/pades-5-signatures-and-1-document-timestamp.pdf': {
    expect: 'ok',
    why: 'multiple signatures',
  },
  'eu-dss/muestra-firmado-firmado.pdf': { expect: 'ok', why: 'multiple signatures' },
  'eu-dss/dss-1376/DSS1376-rev_n-1.pdf': { expect: 'ok', why: 'revisions' },
  'eu-dss/dss-1376/DSS1376-rev_n.pdf': { expect: 'ok', why: 'revisions' },
  'eu-dss/pades-bes-no-certificates.pdf': {
    expect: 'not-valid',
    why: 'no certificate: cannot be checked',
  },
  'eu-dss/malformed-pades.pdf': { expect: 'not-valid', why: 'malformed' },
  'eu-dss/pades-lta-copied-doctst.pdf': {
    expect: 'not-valid',
    why: 'document timestamp copied from another file',
  },
  'eu-dss/siwa.pdf': { expect: 'not-valid', why: 'signature wrapping attack' },
  'eu-dss/pades-unsupported-signature-algorithm.pdf': {
    expect: 'not-valid',
    why: 'INDETERMINATE: unsupported algorithm',
  },
  'eu-dss/hello_signed_INCSAVE_signed.pdf': { expect: 'ok', why: 'two signatures, incremental' },
  'eu-dss/timestamped_and_signed.pdf': { expect: 'ok', why: 'document timestamp then signature' },
  'eu-dss/pades-t-level-extended.pdf': { expect: 'ok', why: 'B-T extended' },
  'eu-dss/pades-ltv.pdf': { expect: 'ok', why: 'LTV' },
  'eu-dss/signature-referenced-from-multiple-fields.pdf': {
    expect: 'ok',
    why: 'one signature, two fields',
  },
  'eu-dss/Signature-P-DE_SCI-4.pdf': { expect: 'ok', why: 'OCSP from a DSS revision' },
  'node-signpdf/signed-once.pdf': { expect: 'ok', why: 'signed once' },
  'node-signpdf/signed-twice.pdf': { expect: 'ok', why: 'signed twice' },
  'node-signpdf/with-placeholder.pdf': { expect: 'unsigned', why: 'unfilled placeholder' },
  'node-signpdf/contributing.pdf': { expect: 'unsigned', why: 'not signed' },
};

const category = (r: VerifyReport): Expect =>
  r.indication === 'NO_SIGNATURE'
    ? 'unsigned'
    : r.indication === 'TOTAL_FAILED'
      ? 'not-valid'
      : 'ok';

function listPdfs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listPdfs(p));
    else if (entry.name.endsWith('.pdf')) out.push(p);
  }
  return out.sort();
}

describe(
  'signature conformance corpus',
  { skip: !fs.existsSync(DIR) && `no corpus at ${DIR}` },
  () => {
    test('every file: verdict as DSS expects, under 3 s, and no tampered file reported valid', async () => {
      const rows: string[] = [
        '| file | expected (DSS) | sohoa verify | match | ms |',
        '|---|---|---|---|---|',
      ];
      const mismatches: string[] = [];
      let matched = 0;
      let judged = 0;
      for (const file of listPdfs(DIR)) {
        const name = path.relative(DIR, file);
        const started = Date.now();
        const report = await verifyPdf(fs.readFileSync(file));
        const ms = Date.now() - started;
        assert.ok(ms < 3000, `${name} took ${ms} ms`);
        const expected = EXPECTED[name];
        const got = category(report);
        const match = expected ? expected.expect === got : undefined;
        if (expected) {
          judged++;
          if (match) matched++;
          else mismatches.push(`${name}: expected ${expected.expect}, got ${report.verdict}`);
          if (expected.expect === 'not-valid')
            assert.notEqual(report.verdict, 'valid', `${name} is tampered`);
        }
        rows.push(
          `| ${name} | ${expected ? `${expected.expect} (${expected.why})` : '–'} | ${report.verdict} | ${match === undefined ? '' : match ? '✓' : '✗'} | ${ms} |`,
        );
      }
      rows.push('', `${matched}/${judged} verdicts match DSS; ${mismatches.length} differ.`);
      console.log(rows.join('\n'));
      assert.deepEqual(mismatches, []);
    });

    test('a certification with "no changes" (DocMDP P=1) is violated by a later annotation', async () => {
      const file = fs.readFileSync(
        path.join(DIR, 'eu-dss/dss-2554/certified-no-change-permitted.pdf'),
      );
      assert.equal((await verifyPdf(file)).signatures[0]!.certification, 1);
      const { doc, snapshot } = await loadForUpdate(file);
      const annot = doc.context.register(
        doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [10, 10, 30, 30] }),
      );
      const page = doc.getPage(0).node;
      const annots = page.Annots();
      if (annots) annots.push(annot);
      else page.set(PDFName.of('Annots'), doc.context.obj([annot]));
      const report = await verifyPdf(writeIncrement(file, doc, snapshot));
      assert.equal(report.verdict, 'invalid');
      assert.ok(report.signatures[0]!.errors.includes('certification-violated'));
    });

    test('hostile PDFs (pdf.js fuzz corpus): a verdict, never a crash or a hang', async () => {
      const hostile = path.join(CORPUS, 'hostile');
      if (!fs.existsSync(hostile)) return;
      for (const file of listPdfs(hostile)) {
        const started = Date.now();
        const report = await verifyPdf(fs.readFileSync(file));
        assert.ok(Date.now() - started < 3000, `${file} took too long`);
        assert.notEqual(report.verdict, 'valid', file);
      }
    });
  },
);
