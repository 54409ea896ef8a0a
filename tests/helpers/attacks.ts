// Attack files built on documents we sign, one generator per published family:
// shadow hide / replace / hide-and-replace (Mainka, Mladenov, Rohlmann, Schwenk, NDSS 2021),
// incremental saving, signature wrapping and universal signature forgery ("1 Trillion Dollar
// Refund", CCS 2019), evil annotation and sneaky signature on certified files (IEEE S&P 2021),
// "sneaky" form updates, and CMS tricks; plus the untouched and the allowed changes as controls.
// Each case says what a validator must answer: PASSED (TOTAL_PASSED), FAILED (TOTAL_FAILED),
// or NOT_FAILED (passed or indeterminate: an algorithm we may not fully support).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PdfDocument } from '../../electron/core/sign/pdf/document';
import { PdfRef, PdfString, type PdfDict } from '../../electron/core/sign/pdf/values';
import { ed448Cms } from './ed448Cms';
import { attackFixture, shadowedDocument, signBase, type AttackFixture } from './attackBases';
import {
  appendUpdate,
  info,
  objectSource,
  pageNumbers,
  source,
  streamSource,
  withEntries,
  type NewObject,
} from './pdfUpdate';

export type Expect = 'PASSED' | 'FAILED' | 'NOT_FAILED';

export interface AttackCase {
  name: string;
  family: string;
  expect: Expect;
  bytes: Buffer;
}

interface Located {
  doc: PdfDocument;
  root: number;
  size: number;
  page: number;
  pageDict: PdfDict;
  content: number;
  cover: number;
  shadowCatalog: number;
  shadowPage: number;
  shadowContent: number;
  sig: number;
  field?: { field: number; widget: number; ap: number };
}

const refNum = (v: unknown) => (v instanceof PdfRef ? v.num : -1);

function locate(pdf: Buffer): Located {
  const { doc, root, size } = info(pdf);
  const page = pageNumbers(doc)[0]!;
  const pageDict = doc.dict(new PdfRef(page, 0))!;
  const contents = doc.resolve(pageDict.get('Contents'));
  const content = Array.isArray(contents) ? refNum(contents[0]) : refNum(pageDict.get('Contents'));
  const xobjects = doc.dict(doc.dict(pageDict.get('Resources'))?.get('XObject'));
  let shadowCatalog = -1;
  for (const n of doc.objectNumbers()) {
    const d = doc.dict(new PdfRef(n, 0));
    if (n !== root && d?.get('Type') && (d.get('Type') as { name?: string }).name === 'Catalog')
      shadowCatalog = n;
  }
  const shadowPages = doc.dict(new PdfRef(shadowCatalog, 0))?.get('Pages');
  const shadowPage = refNum((doc.resolve(doc.dict(shadowPages)?.get('Kids')) as unknown[])[0]);
  const fields = doc.resolve(doc.dict(doc.catalog?.get('AcroForm'))?.get('Fields')) as PdfRef[];
  let sig = -1;
  let field: Located['field'];
  for (const ref of fields ?? []) {
    const d = doc.dict(ref)!;
    const t = d.get('T');
    if (
      d.get('V') instanceof PdfRef &&
      (d.get('FT') as { name?: string })?.name === 'Sig' &&
      sig < 0
    ) {
      sig = refNum(d.get('V'));
    }
    if (t instanceof PdfString && t.text() === 'amount') {
      const kids = doc.resolve(d.get('Kids'));
      const widget = Array.isArray(kids) ? refNum(kids[0]) : ref.num;
      const ap = refNum(doc.dict(doc.dict(new PdfRef(widget, 0))?.get('AP'))?.get('N'));
      field = { field: ref.num, widget, ap };
    }
  }
  return {
    doc,
    root,
    size,
    page,
    pageDict,
    content,
    cover: refNum(xobjects?.get('Cover')),
    shadowCatalog,
    shadowPage,
    shadowContent: refNum(doc.dict(new PdfRef(shadowPage, 0))?.get('Contents')),
    sig,
    ...(field ? { field } : {}),
  };
}

const EVIL = 'BT /Helv 14 Tf 72 700 Td (Amount: 9,000,000 VND) Tj ET';
const FORM_RES =
  '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>';
const evilForm = (text = EVIL) =>
  streamSource(`1 1 1 rg 60 690 320 30 re f 0 0 0 rg ${text}`, FORM_RES);

/** A new annotation on page 1 (appearance stream `apNum`), appended to its /Annots. */
function addAnnotation(pdf: Buffer, l: Located, annot: string, withAp = true): Buffer {
  const apNum = l.size;
  const annotNum = l.size + 1;
  const annots = l.doc.resolve(l.pageDict.get('Annots'));
  const list = [...(Array.isArray(annots) ? annots.map(source) : []), `${annotNum} 0 R`];
  const objects: NewObject[] = [
    { num: annotNum, body: annot.replace('%AP%', withAp ? `/AP << /N ${apNum} 0 R >>` : '') },
    { num: l.page, body: withEntries(l.pageDict, { Annots: `[${list.join(' ')}]` }) },
  ];
  if (withAp) objects.push({ num: apNum, body: evilForm() });
  return appendUpdate(pdf, objects);
}

function redefineSig(pdf: Buffer, l: Located, changes: Record<string, string | null>): Buffer {
  return appendUpdate(pdf, [
    { num: l.sig, body: withEntries(l.doc.dict(new PdfRef(l.sig, 0))!, changes) },
  ]);
}

function shadowCases(plain: Buffer): [string, Expect, Buffer][] {
  const l = locate(plain);
  const pages = refNum(l.doc.catalog!.get('Pages'));
  const pagesDict = l.doc.dict(new PdfRef(pages, 0))!;
  return [
    [
      'shadow-hide: overlay object redefined empty',
      'FAILED',
      appendUpdate(plain, [{ num: l.cover, body: streamSource('', FORM_RES) }]),
    ],
    [
      'shadow-hide: overlay object freed in the xref',
      'FAILED',
      appendUpdate(plain, [], { free: [l.cover] }),
    ],
    [
      'shadow-hide: overlay xref entry points at the shadow content',
      'FAILED',
      appendUpdate(plain, [], { misdirect: { [l.cover]: l.shadowContent } }),
    ],
    [
      'shadow-replace: overlay redrawn with another amount',
      'FAILED',
      appendUpdate(plain, [{ num: l.cover, body: evilForm() }]),
    ],
    [
      'shadow-replace: page content stream redefined',
      'FAILED',
      appendUpdate(plain, [{ num: l.content, body: streamSource(EVIL) }]),
    ],
    [
      'shadow-hide-and-replace: trailer /Root to the signed shadow catalog',
      'FAILED',
      appendUpdate(plain, [], { root: l.shadowCatalog }),
    ],
    [
      'shadow-hide-and-replace: new catalog over the shadow pages',
      'FAILED',
      appendUpdate(
        plain,
        [
          {
            num: l.size,
            body: withEntries(l.doc.catalog!, {
              Pages: source(l.doc.dict(new PdfRef(l.shadowCatalog, 0))!.get('Pages')),
            }),
          },
        ],
        { root: l.size },
      ),
    ],
    [
      'shadow-hide-and-replace: page tree /Kids to the shadow page',
      'FAILED',
      appendUpdate(plain, [
        { num: pages, body: withEntries(pagesDict, { Kids: `[${l.shadowPage} 0 R]` }) },
      ]),
    ],
    [
      'shadow-hide-and-replace: page object redefined to the shadow content',
      'FAILED',
      appendUpdate(plain, [
        {
          num: l.page,
          body: withEntries(l.pageDict, {
            Contents: `${l.shadowContent} 0 R`,
            Resources: source(l.doc.dict(new PdfRef(l.shadowPage, 0))!.get('Resources')),
          }),
        },
      ]),
    ],
  ];
}

function incrementalCases(plain: Buffer): [string, Expect, Buffer][] {
  const l = locate(plain);
  const pages = refNum(l.doc.catalog!.get('Pages'));
  const pagesDict = l.doc.dict(new PdfRef(pages, 0))!;
  const content = [{ num: l.content, body: streamSource(EVIL) }];
  return [
    [
      'isa: content appended with no cross-reference (repair bait)',
      'FAILED',
      appendUpdate(plain, content, { xref: 'none' }),
    ],
    [
      'isa: content appended with wrong xref offsets',
      'FAILED',
      appendUpdate(plain, content, { xref: 'wrong-offsets' }),
    ],
    [
      'isa: page dictionary moved into an object stream',
      'FAILED',
      appendUpdate(plain, [{ num: l.size, body: streamSource(EVIL) }], {
        xref: 'stream',
        compressed: [{ num: l.page, body: withEntries(l.pageDict, { Contents: `${l.size} 0 R` }) }],
      }),
    ],
    [
      'isa: a page added',
      'FAILED',
      appendUpdate(plain, [
        {
          num: l.size,
          body: `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 595 842] /Contents ${l.shadowContent} 0 R >>`,
        },
        {
          num: pages,
          body: withEntries(pagesDict, { Kids: `[${l.page} 0 R ${l.size} 0 R]`, Count: '2' }),
        },
      ]),
    ],
    [
      'isa: JavaScript open action',
      'FAILED',
      appendUpdate(plain, [
        {
          num: l.root,
          body: withEntries(l.doc.catalog!, {
            OpenAction: "<< /S /JavaScript /JS (app.alert\\('x'\\)) >>",
          }),
        },
      ]),
    ],
    [
      'isa: optional content hides the page',
      'FAILED',
      appendUpdate(plain, [
        { num: l.size, body: '<< /Type /OCG /Name (x) >>' },
        {
          num: l.root,
          body: withEntries(l.doc.catalog!, {
            OCProperties: `<< /OCGs [${l.size} 0 R] /D << /OFF [${l.size} 0 R] >> >>`,
          }),
        },
      ]),
    ],
  ];
}

function wrappingAndForgery(plain: Buffer): [string, Expect, Buffer][] {
  const l = locate(plain);
  const sigDict = l.doc.dict(new PdfRef(l.sig, 0))!;
  const range = l.doc.resolve(sigDict.get('ByteRange')) as number[];
  const injected = Buffer.from(plain);
  // Signature wrapping: the excluded gap is not only the signature, it now carries an object.
  const payload = Buffer.from(`>\n${l.size} 0 obj (wrapped) endobj\n<`, 'latin1');
  payload.copy(injected, range[2]! - payload.length - 1);
  return [
    ['swa: signature dictionary copied into a new revision', 'FAILED', redefineSig(plain, l, {})],
    ['swa: object hidden in the excluded gap', 'FAILED', injected],
    ['usf: /ByteRange removed', 'FAILED', redefineSig(plain, l, { ByteRange: null })],
    ['usf: /ByteRange null', 'FAILED', redefineSig(plain, l, { ByteRange: 'null' })],
    ['usf: /ByteRange empty', 'FAILED', redefineSig(plain, l, { ByteRange: '[]' })],
    ['usf: /ByteRange [0 0 0 0]', 'FAILED', redefineSig(plain, l, { ByteRange: '[0 0 0 0]' })],
    [
      'usf: /ByteRange past the end of the file',
      'FAILED',
      redefineSig(plain, l, { ByteRange: `[0 ${range[1]} ${range[2]} ${plain.length * 3}]` }),
    ],
    ['usf: /Contents removed', 'FAILED', redefineSig(plain, l, { Contents: null })],
    ['usf: /Contents null', 'FAILED', redefineSig(plain, l, { Contents: 'null' })],
    ['usf: /Contents empty', 'FAILED', redefineSig(plain, l, { Contents: '<>' })],
    ['usf: /Contents a literal string', 'FAILED', redefineSig(plain, l, { Contents: '(forged)' })],
  ];
}

function certificationCases(p1: Buffer, p2: Buffer, p3: Buffer): [string, Expect, Buffer][] {
  const freeText =
    '<< /Type /Annot /Subtype /FreeText /Rect [60 690 380 720] /F 4 /DA (/Helv 14 Tf) /Contents (Amount: 9,000,000 VND) %AP% >>';
  const sigField = (l: Located) =>
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Approval2) /F 4 /Rect [60 690 380 720] /P ${l.page} 0 R %AP% >>`;
  const withSigField = (pdf: Buffer) => {
    const l = locate(pdf);
    const out = addAnnotation(pdf, l, sigField(l));
    const m = locate(out);
    const acro = m.doc.dict(m.doc.catalog!.get('AcroForm'))!;
    const fields = (m.doc.resolve(acro.get('Fields')) as unknown[]).map(source);
    return appendUpdate(out, [
      {
        num:
          refNum(m.doc.catalog!.get('AcroForm')) > 0
            ? refNum(m.doc.catalog!.get('AcroForm'))
            : m.root,
        body: withEntries(acro, { Fields: `[${[...fields, `${l.size + 1} 0 R`].join(' ')}]` }),
      },
    ]);
  };
  return [
    ['eaa: FreeText over the amount (P3)', 'FAILED', addAnnotation(p3, locate(p3), freeText)],
    [
      'eaa: Stamp over the amount (P3)',
      'FAILED',
      addAnnotation(
        p3,
        locate(p3),
        '<< /Type /Annot /Subtype /Stamp /Rect [60 690 380 720] /F 4 %AP% >>',
      ),
    ],
    [
      'eaa: white Square over the amount (P3)',
      'FAILED',
      addAnnotation(
        p3,
        locate(p3),
        '<< /Type /Annot /Subtype /Square /Rect [60 690 380 720] /IC [1 1 1] /F 4 %AP% >>',
      ),
    ],
    [
      'eaa: oversized note painting text (P3)',
      'FAILED',
      addAnnotation(
        p3,
        locate(p3),
        '<< /Type /Annot /Subtype /Text /Rect [60 690 380 720] /F 4 %AP% >>',
      ),
    ],
    [
      'eaa: note on a P2 certified file',
      'FAILED',
      addAnnotation(
        p2,
        locate(p2),
        '<< /Type /Annot /Subtype /Text /Rect [500 800 520 820] /Contents (ok) >>',
        false,
      ),
    ],
    [
      'eaa: note on a P1 certified file',
      'FAILED',
      addAnnotation(
        p1,
        locate(p1),
        '<< /Type /Annot /Subtype /Text /Rect [500 800 520 820] /Contents (ok) >>',
        false,
      ),
    ],
    ['ssa: new visible signature field (P2)', 'FAILED', withSigField(p2)],
    ['ssa: new visible signature field (P3)', 'FAILED', withSigField(p3)],
    [
      'control: note on a P3 certified file',
      'PASSED',
      addAnnotation(
        p3,
        locate(p3),
        '<< /Type /Annot /Subtype /Text /Rect [500 800 520 820] /Contents (ok) >>',
        false,
      ),
    ],
  ];
}

/**
 * The "rewritten trailer" form update: a new catalog (the trailer's /Root) with a new form
 * dictionary whose copy of the field has a widget with another appearance; the value is the
 * same, the page lists the new widget.
 */
function rewrittenTrailer(form: Buffer, l: Located): Buffer {
  const f = l.field!;
  const newRoot = l.size;
  const newAcro = l.size + 1;
  const newField = l.size + 2;
  const newWidget = l.size + 3;
  const newAp = l.size + 4;
  const separate = f.field !== f.widget;
  const fieldDict = l.doc.dict(new PdfRef(f.field, 0))!;
  const widget = l.doc.dict(new PdfRef(f.widget, 0))!;
  const acro = l.doc.dict(l.doc.catalog!.get('AcroForm'))!;
  const top = separate ? newField : newWidget;
  const fields = (l.doc.resolve(acro.get('Fields')) as PdfRef[]).map((r) =>
    r.num === f.field ? `${top} 0 R` : source(r),
  );
  const annots = (l.doc.resolve(l.pageDict.get('Annots')) as PdfRef[]).map((r) =>
    r.num === f.widget ? `${newWidget} 0 R` : source(r),
  );
  const ap = objectSource(l.doc, f.ap)
    .toString()
    .replace(/\(1,000,000\)/, '(9,000,000)');
  const objects: NewObject[] = [
    { num: newAp, body: ap },
    {
      num: newWidget,
      body: withEntries(widget, {
        AP: `<< /N ${newAp} 0 R >>`,
        ...(separate ? { Parent: `${newField} 0 R` } : {}),
      }),
    },
    { num: newAcro, body: withEntries(acro, { Fields: `[${fields.join(' ')}]` }) },
    { num: newRoot, body: withEntries(l.doc.catalog!, { AcroForm: `${newAcro} 0 R` }) },
    { num: l.page, body: withEntries(l.pageDict, { Annots: `[${annots.join(' ')}]` }) },
  ];
  if (separate) {
    objects.push({ num: newField, body: withEntries(fieldDict, { Kids: `[${newWidget} 0 R]` }) });
  }
  return appendUpdate(form, objects, { root: newRoot });
}

function formCases(
  form: Buffer,
  p1: Buffer,
  p2: Buffer,
  locked: Buffer,
): [string, Expect, Buffer][] {
  const fill = (pdf: Buffer, value: string, appearance: boolean, valueToo = true) => {
    const l = locate(pdf);
    const f = l.field!;
    const objects: NewObject[] = [];
    if (valueToo)
      objects.push({
        num: f.field,
        body: withEntries(l.doc.dict(new PdfRef(f.field, 0))!, { V: `(${value})` }),
      });
    if (appearance)
      objects.push({
        num: f.ap,
        body: streamSource(
          `/Tx BMC BT /Helv 12 Tf 2 6 Td (${value}) Tj ET EMC`,
          '/Type /XObject /Subtype /Form /BBox [0 0 200 24] /Resources << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>',
        ),
      });
    return appendUpdate(pdf, objects);
  };
  const l = locate(form);
  const f = l.field!;
  const widget = l.doc.dict(new PdfRef(f.widget, 0))!;
  const trailerTrick = rewrittenTrailer(form, l);
  return [
    [
      'sneaky form: appearance stream redefined, value unchanged',
      'FAILED',
      fill(form, '9,000,000', true, false),
    ],
    ['sneaky form: new root and field copy with another appearance', 'FAILED', trailerTrick],
    [
      'sneaky form: field hidden after signing',
      'FAILED',
      appendUpdate(form, [{ num: f.widget, body: withEntries(widget, { F: '2' }) }]),
    ],
    ['field lock: locked field filled in', 'FAILED', fill(locked, '2,000,000', true)],
    ['certification: form filled on a P1 certified file', 'FAILED', fill(p1, '2,000,000', true)],
    ['control: form filled on a P2 certified file', 'PASSED', fill(p2, '2,000,000', true)],
    ['control: form filled on an approval-signed file', 'PASSED', fill(form, '2,000,000', true)],
  ];
}

/** Replaces the CMS in the signature's gap (same length, zero padded). */
function replaceCms(pdf: Buffer, cms: Buffer): Buffer | undefined {
  const l = locate(pdf);
  const range = l.doc.resolve(l.doc.dict(new PdfRef(l.sig, 0))!.get('ByteRange')) as number[];
  const room = (range[2]! - range[1]! - 2) / 2;
  if (cms.length > room) return undefined;
  const out = Buffer.from(pdf);
  out.write(
    cms
      .toString('hex')
      .toUpperCase()
      .padEnd(room * 2, '0'),
    range[1]! + 1,
    'latin1',
  );
  return out;
}

function cmsCases(f: AttackFixture, plain: Buffer, other: Buffer): [string, Expect, Buffer][] {
  const l = locate(plain);
  const range = l.doc.resolve(l.doc.dict(new PdfRef(l.sig, 0))!.get('ByteRange')) as number[];
  const signed = Buffer.concat([
    plain.subarray(0, range[1]),
    plain.subarray(range[2], range[2]! + range[3]!),
  ]);
  const dir = path.join(f.dir, 'cms');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'signed.bin'), signed);
  fs.writeFileSync(path.join(dir, 'hello.bin'), 'hello');
  const leaf = f.pki.issue({ cn: 'Ed448 Signer', key: 'ed448' });
  const cms = (args: string[]) =>
    execFileSync('openssl', ['cms', '-sign', '-binary', '-outform', 'DER', ...args]);
  const ed448 = ed448Cms(signed, leaf.certPath, leaf.keyPath!, [f.pki.intermediate.certPath]);
  const rsa = f.pki.issue({ cn: 'Enveloping Signer', ocspUrl: f.ocsp.url });
  const enveloping = cms([
    '-nodetach',
    '-in',
    path.join(dir, 'hello.bin'),
    '-signer',
    rsa.certPath,
    '-inkey',
    rsa.keyPath!,
  ]);
  const flipped = Buffer.from(plain);
  flipped[range[1]! - 40] = flipped[range[1]! - 40]! ^ 0x01;
  const lo = locate(other);
  const otherRange = lo.doc.resolve(
    lo.doc.dict(new PdfRef(lo.sig, 0))!.get('ByteRange'),
  ) as number[];
  const otherCms = Buffer.from(
    other.toString('latin1', otherRange[1]! + 1, otherRange[2]! - 1),
    'hex',
  );
  const cases: [string, Expect, Buffer | undefined][] = [
    ['cms: one byte changed inside the signed range', 'FAILED', flipped],
    ['cms: signature copied from another signed file', 'FAILED', replaceCms(plain, otherCms)],
    [
      'cms: signature carrying its own encapsulated content',
      'FAILED',
      replaceCms(plain, enveloping),
    ],
    ['cms: Ed448 signature (SHAKE256) over the file', 'NOT_FAILED', replaceCms(plain, ed448)],
  ];
  return cases.filter((c): c is [string, Expect, Buffer] => c[2] !== undefined);
}

/** Every generated case, controls included (about 45 files, a few seconds). */
export async function generateAttacks(
  dir: string,
): Promise<{ cases: AttackCase[]; fixture: AttackFixture }> {
  const f = await attackFixture(dir);
  try {
    return { cases: await buildCases(f), fixture: f };
  } catch (e) {
    await f.close();
    throw e;
  }
}

async function buildCases(f: AttackFixture): Promise<AttackCase[]> {
  const plain = await signBase(f, await shadowedDocument());
  const form = await signBase(f, await shadowedDocument(true));
  const p1 = await signBase(f, await shadowedDocument(true), { certification: 1 });
  const p2 = await signBase(f, await shadowedDocument(true), { certification: 2 });
  const p3 = await signBase(f, await shadowedDocument(true), { certification: 3 });
  const locked = await signBase(f, await shadowedDocument(true), { lockFields: ['amount'] });
  const twice = await signBase(f, plain, { keySource: f.attacker });
  const families: Record<string, [string, Expect, Buffer][]> = {
    control: [
      ['control: signed, untouched', 'PASSED', plain],
      ['control: form signed, untouched', 'PASSED', form],
      ['control: certified P1, untouched', 'PASSED', p1],
      ['control: certified P2, untouched', 'PASSED', p2],
      ['control: second signature added', 'PASSED', twice],
    ],
    shadow: shadowCases(plain),
    incremental: incrementalCases(plain),
    wrapping: wrappingAndForgery(plain),
    certification: certificationCases(p1, p2, p3),
    form: formCases(form, p1, p2, locked),
    cms: cmsCases(f, plain, form),
  };
  return Object.entries(families).flatMap(([family, list]) =>
    list.map(([name, expect, bytes]) => ({ name, family, expect, bytes })),
  );
}
