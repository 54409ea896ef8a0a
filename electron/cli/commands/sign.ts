import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataPaths, defaultDataDir } from '../../core/config/paths';
import { DEMO_AGENCY } from '../../core/pipeline/core';
import { loadAnchors } from '../../core/sign/chain';
import { ensureDemoKey } from '../../core/sign/demoKey';
import { openKeySource, type KeySourceSpec } from '../../core/sign/keySources';
import { openPkcs12 } from '../../core/sign/pkcs12KeySource';
import { signPdf } from '../../core/sign/signPdf';
import type { DigestAlgorithm, KeySource, SignOptions } from '../../core/sign/types';
import type { Command } from './types';
import { USAGE } from '../usage';

// Secrets (the PKCS#12 password, the token PIN) come from the environment, never the command
// line, where other users could read them in the process list.
async function openKey(
  key: string | undefined,
  values: { token?: string; 'key-label'?: string },
): Promise<{ source: KeySource; demo: boolean }> {
  if (!key) {
    const demo = await ensureDemoKey(dataPaths(defaultDataDir()).keysDir);
    return { source: await openPkcs12(demo.p12Path, demo.password), demo: true };
  }
  const spec: KeySourceSpec = key.startsWith('pkcs11:')
    ? {
        kind: 'pkcs11',
        modulePath: key.slice('pkcs11:'.length),
        ...(values.token ? { tokenLabel: values.token } : {}),
        ...(values['key-label'] ? { keyLabel: values['key-label'] } : {}),
        pin: process.env.SOHOA_PIN ?? '',
      }
    : {
        kind: 'pkcs12',
        path: key,
        password: process.env.SOHOA_KEY_PASSWORD ?? process.env.SOHOA_P12_PASSWORD ?? '',
      };
  return { source: await openKeySource(spec), demo: false };
}

export const signCommand: Command = {
  name: 'sign',
  usage: USAGE['sign'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        token: { type: 'string' },
        'key-label': { type: 'string' },
        appearance: { type: 'string', default: 'agency' },
        tsa: { type: 'string' },
        out: { type: 'string' },
        trust: { type: 'string' },
        digest: { type: 'string', default: 'sha256' },
        pss: { type: 'boolean', default: false },
        pkcs7: { type: 'boolean', default: false },
        agency: { type: 'string' },
        'copy-type': { type: 'string' },
        'signature-image': { type: 'string' },
        'seal-image': { type: 'string' },
        name: { type: 'string' },
        title: { type: 'string' },
        reason: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const file = positionals[0];
    if (!file) {
      console.error(lang === 'vi' ? 'Chưa chỉ định tệp PDF.' : 'No PDF file given.');
      return 2;
    }
    const { source, demo } = await openKey(values.key, values);
    try {
      let appearance: SignOptions['appearance'];
      if (values.appearance === 'signer') {
        if (!values['signature-image']) {
          console.error(
            lang === 'vi'
              ? 'Mẫu "signer" cần --signature-image (ảnh chữ ký PNG).'
              : 'The "signer" appearance needs --signature-image (a PNG).',
          );
          return 2;
        }
        appearance = {
          kind: 'signer',
          signatureImage: await fs.readFile(values['signature-image']),
          ...(values['seal-image'] ? { sealImage: await fs.readFile(values['seal-image']) } : {}),
          signerName: values.name ?? source.label,
          ...(values.title ? { signerTitle: values.title } : {}),
          demo,
        };
      } else {
        appearance = {
          kind: 'agency',
          agencyName: values.agency ?? process.env.SOHOA_AGENCY_NAME ?? DEMO_AGENCY.name,
          ...(values['copy-type'] ? { copyType: values['copy-type'] } : {}),
          demo,
        };
      }
      const trustAnchors = values.trust
        ? (await loadAnchors(path.resolve(values.trust))).map((c) => c.raw)
        : undefined;
      const result = await signPdf(await fs.readFile(file), {
        keySource: source,
        signingTime: new Date(),
        appearance,
        fileName: path.basename(file),
        digest: values.digest as DigestAlgorithm,
        rsaPadding: values.pss ? 'pss' : 'pkcs1',
        subFilter: values.pkcs7 ? 'adbe.pkcs7.detached' : 'ETSI.CAdES.detached',
        ...(values.reason ? { reason: values.reason } : {}),
        ...(values.tsa ? { tsaUrl: values.tsa } : {}),
        ...(trustAnchors ? { policy: { trustAnchors } } : {}),
      });
      const out = values.out ?? file.replace(/(\.pdf)?$/i, '.signed.pdf');
      await fs.writeFile(out, result.bytes);
      if (values.json) console.log(JSON.stringify({ out, ...result.summary }, null, 2));
      else {
        console.log(
          `${lang === 'vi' ? 'Đã ký' : 'Signed'}: ${out} (${result.summary.signer}, ${result.summary.signedAt})`,
        );
      }
      return 0;
    } finally {
      await source.close?.();
    }
  },
};
