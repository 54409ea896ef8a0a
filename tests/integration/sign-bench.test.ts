// `npm run bench:sign`: signing and verification time on a 20-page and a 200-page scanned-like
// PDF (one greyscale JPEG per page), median over runs, PKCS#12 versus a SoftHSM2 token, and the
// extra memory a signature needs on the large file (child process, peak RSS minus the RSS after
// loading the file); and sign + verify of a 10-page PDF/A the way the desk checks its own fresh
// signature (full validation, offline: no network in the hot path), goal ≤ 50 ms median.
// Skipped in the normal test run; SOHOA_BENCH=1 turns it on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import PDFKit from 'pdfkit';
import sharp from 'sharp';
import { X509Certificate } from 'node:crypto';
import { MARK_FONT_PATH } from '../../electron/core/sign/appearance';
import { openPkcs11 } from '../../electron/core/sign/pkcs11KeySource';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import type { KeySource } from '../../electron/core/sign/types';
import { verifyPdf } from '../../electron/core/sign/verify/verifyPdf';
import { createPki, P12_PASSWORD } from '../helpers/pki';
import {
  SOFTHSM_MODULE,
  TOKEN_LABEL,
  USER_PIN,
  generateKeyOnToken,
  initToken,
  openTokenSession,
  storeCertificate,
} from '../helpers/softhsm';

const ENABLED = process.env.SOHOA_BENCH === '1';

async function scannedPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  // A4 at 150 dpi, grey noise over a gradient compresses like a real scan (~150 KB per page).
  const raw = Buffer.alloc(1240 * 1754);
  for (let i = 0; i < raw.length; i++) raw[i] = 150 + ((i * 7919) % 24) + (i % 1240) / 16;
  const jpeg = await sharp(raw, { raw: { width: 1240, height: 1754, channels: 1 } })
    .jpeg({ quality: 75 })
    .toBuffer();
  for (let i = 0; i < pages; i++) {
    // Each page its own image object, as a scanner writes them.
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await doc.save());
}

/** A 10-page PDF/A-2b as the project's PDFKit writer makes them (embedded Tinos, text). */
async function pdfA(pages: number): Promise<Buffer> {
  const doc = new PDFKit({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'vi-VN',
    autoFirstPage: false,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('Tinos', MARK_FONT_PATH);
  for (let i = 1; i <= pages; i++) {
    doc.addPage();
    doc
      .font('Tinos')
      .fontSize(12)
      .text(`Trang ${i}: giấy tờ trong hồ sơ, bản số hóa. `.repeat(40), 72, 72);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  await fn(); // warm-up: font load, JIT
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

describe(
  'signing benchmark',
  { skip: !ENABLED && 'set SOHOA_BENCH=1 (npm run bench:sign)' },
  () => {
    let dir: string;
    let p12: KeySource;
    let p12Path: string;
    let tokenRsa: KeySource;
    let tokenEc: KeySource;
    let p12Ec: KeySource;
    let anchors: X509Certificate[];
    const files: Record<string, Buffer> = {};

    before(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-bench-'));
      const pki = createPki(path.join(dir, 'pki'));
      p12Path = pki.issue({ cn: 'Bench RSA' }).p12Path!;
      p12 = await openPkcs12(p12Path, P12_PASSWORD);
      anchors = [new X509Certificate(pki.root.certDer)];
      p12Ec = await openPkcs12(pki.issue({ cn: 'Bench EC', key: 'ec' }).p12Path!, P12_PASSWORD);
      initToken(path.join(dir, 'hsm'));
      const t = openTokenSession();
      for (const [label, id, type] of [
        ['rsa', Buffer.from([1]), 'rsa'],
        ['ec', Buffer.from([2]), 'ec'],
      ] as const) {
        const cert = pki.issue({
          cn: `Bench token ${type}`,
          publicKeyPem: generateKeyOnToken(t, label, id, type),
        });
        storeCertificate(t, label, id, cert.certDer);
      }
      t.close();
      const open = (keyLabel: string) =>
        openPkcs11({
          modulePath: SOFTHSM_MODULE!,
          tokenLabel: TOKEN_LABEL,
          keyLabel,
          pin: USER_PIN,
        });
      tokenRsa = await open('rsa');
      tokenEc = await open('ec');
      files['20'] = await scannedPdf(20);
      files['200'] = await scannedPdf(200);
      await fs.writeFile(path.join(dir, '200.pdf'), files['200']);
    });
    after(async () => {
      await tokenRsa.close?.();
      await tokenEc.close?.();
      await fs.rm(dir, { recursive: true, force: true });
    });

    test('10-page PDF/A: sign + verify of our own fresh signature, offline', async () => {
      const pdf = await pdfA(10);
      const verifyOptions = { trustAnchors: anchors, revocation: { online: false } };
      const sign = () =>
        signPdf(pdf, {
          keySource: p12,
          signingTime: new Date(),
          appearance: { kind: 'agency', agencyName: 'Bench', demo: false },
        });
      const both = await timeIt(21, async () => {
        const report = await verifyPdf((await sign()).bytes, verifyOptions);
        assert.ok(report.signatures[0]!.cryptoValid);
      });
      // The parts, measured in the same run so the load on the machine is the same.
      const signOnly = await timeIt(21, sign);
      const signed = (await sign()).bytes;
      const verifyOnly = await timeIt(21, () => verifyPdf(signed, verifyOptions));
      console.log(
        [
          '| file | key | sign + verify | sign | verify (full, offline) | goal |',
          '|---|---|---|---|---|---|',
          `| 10-page PDF/A (${(pdf.length / 1e3).toFixed(0)} KB) | PKCS#12 RSA-2048 | ${both.toFixed(1)} ms | ${signOnly.toFixed(1)} ms | ${verifyOnly.toFixed(1)} ms | sign + verify ≤ 50 ms (median of 21) |`,
        ].join('\n'),
      );
    });

    test('time per signature and per verification; memory on the 200-page file', async () => {
      const rows = [
        '| file | size | key | sign (median) | verify (median) |',
        '|---|---|---|---|---|',
      ];
      const sign = (pdf: Buffer, keySource: KeySource) =>
        signPdf(pdf, {
          keySource,
          signingTime: new Date(),
          appearance: { kind: 'agency', agencyName: 'Bench', demo: false },
        });
      const results: Record<string, number> = {};
      for (const [pages, runs] of [
        ['20', 11],
        ['200', 5],
      ] as const) {
        const pdf = files[pages]!;
        const signed = (await sign(pdf, p12)).bytes;
        const keys: [string, KeySource][] =
          pages === '20'
            ? [
                ['PKCS#12 RSA-2048', p12],
                ['PKCS#12 ECDSA P-256', p12Ec],
                ['SoftHSM2 RSA-2048', tokenRsa],
                ['SoftHSM2 ECDSA P-256', tokenEc],
              ]
            : [['PKCS#12 RSA-2048', p12]];
        const verifyMs = await timeIt(runs, () => verifyPdf(signed));
        for (const [name, key] of keys) {
          const signMs = await timeIt(runs, () => sign(pdf, key));
          results[`${pages}:${name}`] = signMs;
          rows.push(
            `| ${pages} pages | ${(pdf.length / 1e6).toFixed(1)} MB | ${name} | ${signMs.toFixed(1)} ms | ${verifyMs.toFixed(1)} ms |`,
          );
        }
        results[`${pages}:verify`] = verifyMs;
      }

      // Memory: a child process loads the file, notes its peak RSS, signs, notes the peak again.
      const script = `
      import fs from 'node:fs';
      import { openPkcs12 } from ${JSON.stringify(path.resolve('electron/core/sign/pkcs12KeySource.ts'))};
      import { signPdf } from ${JSON.stringify(path.resolve('electron/core/sign/signPdf.ts'))};
      import { verifyPdf } from ${JSON.stringify(path.resolve('electron/core/sign/verify/verifyPdf.ts'))};
      const key = await openPkcs12(${JSON.stringify(p12Path)}, ${JSON.stringify(P12_PASSWORD)});
      const pdf = fs.readFileSync(${JSON.stringify(path.join(dir, '200.pdf'))});
      const base = process.resourceUsage().maxRSS;
      const rss0 = process.memoryUsage().rss;
      const { bytes } = await signPdf(pdf, { keySource: key, signingTime: new Date(), appearance: { kind: 'agency', agencyName: 'Bench', demo: false } });
      const afterSign = process.resourceUsage().maxRSS;
      const rss1 = process.memoryUsage().rss;
      await verifyPdf(bytes);
      const afterVerify = process.resourceUsage().maxRSS;
      console.log(JSON.stringify({ base, afterSign, afterVerify, rss0, rss1 }));
    `;
      const scriptPath = path.join(dir, 'mem.mts');
      await fs.writeFile(scriptPath, script);
      const child = spawnSync(process.execPath, ['--import', 'tsx', scriptPath], {
        encoding: 'utf8',
      });
      assert.equal(child.status, 0, child.stderr);
      const mem = JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>;
      const size = files['200']!.length;
      // Peak RSS is dominated by module loading (TypeScript compile), so the resident-size
      // growth across the signature is the figure that says what signing costs.
      const growth = mem.rss1! - mem.rss0!;
      rows.push(
        '',
        `Memory on the 200-page file (${(size / 1e6).toFixed(1)} MB): resident size ${(mem.rss0! / 1e6).toFixed(0)} MB before signing, ${(mem.rss1! / 1e6).toFixed(0)} MB after: +${(growth / 1e6).toFixed(1)} MB = ${(growth / size).toFixed(2)}× the file (goal ≤ 2×). Peak RSS ${(mem.base! / 1e3).toFixed(0)} → ${(mem.afterSign! / 1e3).toFixed(0)} MB (signing) → ${(mem.afterVerify! / 1e3).toFixed(0)} MB (verifying).`,
      );
      console.log(rows.join('\n'));
      assert.ok(results['20:PKCS#12 RSA-2048']! > 0);
    });
  },
);
