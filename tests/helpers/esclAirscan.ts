// sane-airscan (Debian `sane-airscan`) driven by scanimage (`sane-utils`): a client we did not
// write, pointed at an eSCL emulator through a temporary SANE_CONFIG_DIR with the emulator as a
// manually listed device and discovery off. Shared by tests/integration/escl-*.test.ts.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const execFileP = promisify(execFile);

/** The SANE name of the emulator in the configuration `saneConfig` writes. */
export const AIRSCAN_DEVICE = 'airscan:e0:Emulator';

export async function saneConfig(url: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sohoa-airscan-'));
  await fs.writeFile(path.join(dir, 'dll.conf'), 'airscan\n');
  await fs.writeFile(
    path.join(dir, 'airscan.conf'),
    `[devices]\n"Emulator" = ${url}, eSCL\n\n[options]\ndiscovery = disable\n`,
  );
  return dir;
}

/** scanimage, asynchronously: the emulator lives in this process and must keep answering. */
export async function scanimage(configDir: string, args: string[]) {
  try {
    const r = await execFileP('scanimage', args, {
      env: { ...process.env, SANE_CONFIG_DIR: configDir },
      timeout: 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { code?: unknown; stdout?: string; stderr?: string };
    if (err.code === 'ENOENT')
      throw new Error('scanimage is not installed (CI installs sane-utils: see .ci/run)', {
        cause: e,
      });
    return { code: Number(err.code ?? 1), stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** Share of dark pixels: a page with printed text has some, a blank or broken image none. */
export async function inkShare(image: string | Buffer): Promise<number> {
  const { data, info } = await sharp(image).grayscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const v of data) if (v < 100) dark++;
  return dark / (info.width * info.height);
}
