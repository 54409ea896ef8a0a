// Font files the core embeds, resolved from npm packages so no system font is ever needed.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** DejaVu Sans: full Vietnamese coverage, free licence; carries the invisible OCR text layer. */
export const TEXT_LAYER_FONT = path.join(packageDir('dejavu-fonts-ttf'), 'ttf', 'DejaVuSans.ttf');
