import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoKey } from '../../electron/core/sign/demoKey';
import { openPkcs12 } from '../../electron/core/sign/pkcs12KeySource';
import { signPdf } from '../../electron/core/sign/signPdf';
import { samplePdf } from '../../tests/helpers/sign-tools';
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smoke-'));
console.time('key');
const k = await ensureDemoKey(dir);
console.timeEnd('key');
const ks = await openPkcs12(k.p12Path, k.password);
const r = await signPdf(await samplePdf(), {
  keySource: ks,
  signingTime: new Date(),
  appearance: {
    kind: 'agency',
    agencyName: 'Ủy ban nhân dân phường Bến Nghé',
    copyType: 'SAO Y',
    demo: true,
  },
  reason: 'Sao y bản chính',
  location: 'TP. Hồ Chí Minh',
});
await fs.writeFile('/tmp/smoke.pdf', r.bytes);
await fs.writeFile('/tmp/cert.der', (await ks.certificateChain())[0]!);
console.log(r.summary, dir);
