// Co-signing other people's signed PDFs (EU DSS and node-signpdf samples): our incremental update
// must leave each earlier signature exactly as valid as it was (pdfsig before and after), add a
// valid one of ours, and refuse a file certified with "no changes permitted".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SohoaError } from '../../shared/errors';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import type { SignOptions } from '../../electron/core/sign/types';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';
import { createPki, P12_PASSWORD } from '../helpers/pki';
import { runTool } from '../helpers/sign-tools';

const CORPUS =
  process.env.SOHOA_CORPUS ?? path.resolve(import.meta.dirname, '../../../shared/corpus');
const DIR = path.join(CORPUS, 'signatures');
const FILES = [
  'eu-dss/pdf-signed-original.pdf',
  'eu-dss/hello_signed_INCSAVE_signed.pdf',
  'eu-dss/doc-firmado-T.pdf',
  'eu-dss/PAdES-LT.pdf',
  'eu-dss/dss-2554/certified-changes-permitted.pdf',
  'node-signpdf/signed-twice.pdf',
];

const validCount = (file: string) =>
  runTool('pdfsig', [file]).stdout.match(/Signature is Valid/g)?.length ?? 0;

describe(
  'co-signing third-party signed PDFs',
  { skip: !fs.existsSync(DIR) && `no corpus at ${DIR}` },
  () => {
    let dir: string;
    let options: Omit<SignOptions, 'signingTime'>;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-cosign-'));
      const pki = createPki(path.join(dir, 'pki'));
      options = {
        keySource: await openPkcs12(pki.issue({ cn: 'Trương Văn Lâm' }).p12Path!, P12_PASSWORD),
        appearance: { kind: 'agency', agencyName: 'Bộ phận một cửa', demo: false },
      };
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const name of FILES) {
      test(`${name}: earlier signatures keep their status, ours is valid`, async () => {
        const input = path.join(DIR, name);
        const beforeValid = validCount(input);
        const { bytes } = await signPdf(fs.readFileSync(input), {
          ...options,
          signingTime: new Date(),
        });
        const out = path.join(dir, path.basename(name));
        fs.writeFileSync(out, bytes);
        assert.equal(validCount(out), beforeValid + 1, runTool('pdfsig', [out]).stdout);
        const report = await verifyPdf(bytes);
        const ours = report.signatures[report.signatures.length - 1]!;
        assert.equal(ours.signer, 'Trương Văn Lâm');
        assert.ok(ours.intact && ours.cryptoValid && ours.coversWholeFile);
        for (const earlier of report.signatures.slice(0, -1)) {
          assert.notEqual(
            earlier.changesAfter,
            'other',
            `${earlier.field}: ${earlier.changeDetails.join('; ')}`,
          );
        }
      });
    }

    test('certified with no changes permitted: refused, nothing written', async () => {
      const input = fs.readFileSync(
        path.join(DIR, 'eu-dss/dss-2554/certified-no-change-permitted.pdf'),
      );
      await assert.rejects(
        signPdf(input, { ...options, signingTime: new Date(), fileName: 'certified.pdf' }),
        (e: unknown) => e instanceof SohoaError && e.code === 'PDF_SIGNING_FORBIDDEN',
      );
    });
  },
);
