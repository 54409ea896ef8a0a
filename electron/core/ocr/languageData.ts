// Tesseract language data comes from npm packages (@tesseract.js-data/<lang>), never from a CDN.
// tesseract.js reads every language from ONE langPath folder while each package keeps its own
// folder, so we gather the files we need into one folder under the data directory (hard links
// where the file system allows, else copies), once.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** LSTM-only integer models: the ones tesseract.js's LSTM engine runs fastest. */
const MODEL_FOLDER = '4.0.0_best_int';

export function packagedModelPath(lang: string): string {
  const pkgDir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  return path.join(pkgDir, MODEL_FOLDER, `${lang}.traineddata.gz`);
}

export async function prepareLanguageDir(
  targetDir: string,
  langs: readonly string[],
): Promise<string> {
  await fs.mkdir(targetDir, { recursive: true });
  for (const lang of langs) {
    const source = packagedModelPath(lang);
    const target = path.join(targetDir, `${lang}.traineddata.gz`);
    const [src, dst] = await Promise.all([fs.stat(source), fs.stat(target).catch(() => null)]);
    if (dst && dst.size === src.size) continue;
    const tmp = `${target}.${process.pid}.tmp`;
    await fs.rm(tmp, { force: true });
    try {
      await fs.link(source, tmp);
    } catch {
      await fs.copyFile(source, tmp);
    }
    await fs.rename(tmp, target);
  }
  return targetDir;
}
