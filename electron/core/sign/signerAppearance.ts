// The signer's appearance (ND 30/2020 Phụ lục I, signing by a person with a seal): the title
// above, the handwritten signature image (blue) with the agency's seal (red) stamped over its
// left third, and the name below, in Tinos (Times New Roman metrics, full Vietnamese coverage).
import type { PDFDocument, PDFImage, PDFPage, PDFRef } from 'pdf-lib';
import { loadMarkFontProgram } from './appearance';
import { createMarkFont } from './markFont';
import { deflatedStream } from './deflate';
import type { SignerAppearance } from './types';

const FONT_SIZE = 11;
const LINE = 14;
const DEFAULT_SIZE: [number, number] = [220, 140];
const MARGIN = 40;

export interface BuiltSignerAppearance {
  ref: PDFRef;
  width: number;
  height: number;
  rect: number[];
}

function fit(image: PDFImage, maxWidth: number, maxHeight: number) {
  const scale = Math.min(maxWidth / image.width, maxHeight / image.height);
  return { width: image.width * scale, height: image.height * scale };
}

export async function buildSignerAppearance(
  doc: PDFDocument,
  page: PDFPage,
  appearance: SignerAppearance,
  _signingTime: Date,
): Promise<BuiltSignerAppearance> {
  const box = page.getCropBox();
  const [x, y, width, height] = appearance.rect ?? [
    box.x + box.width - DEFAULT_SIZE[0] - MARGIN,
    box.y + MARGIN,
    ...DEFAULT_SIZE,
  ];
  const font = createMarkFont(await loadMarkFontProgram(), 'Tinos-Regular');
  const signature = await doc.embedPng(appearance.signatureImage);
  await signature.embed();
  const seal = appearance.sealImage ? await doc.embedPng(appearance.sealImage) : undefined;
  await seal?.embed();

  const imageTop = height - (appearance.signerTitle ? LINE + 2 : 2);
  const imageBottom = LINE + 4;
  const imageHeight = Math.max(10, imageTop - imageBottom);
  // The seal is round and as tall as the image band; the signature starts two thirds of the way
  // into it, so the seal covers the signature's left third.
  const sealSize = seal ? fit(seal, imageHeight, imageHeight) : { width: 0, height: 0 };
  const sigBox = fit(signature, width - sealSize.width * 0.5, imageHeight);
  const groupWidth = seal ? sealSize.width + sigBox.width * (2 / 3) : sigBox.width;
  const groupLeft = (width - groupWidth) / 2;
  const sigLeft = seal ? groupLeft + sealSize.width - sigBox.width / 3 : groupLeft;

  const centered = (text: string, baseline: number) =>
    `BT /F1 ${FONT_SIZE} Tf ${((width - font.widthOf(text, FONT_SIZE)) / 2).toFixed(2)} ${baseline.toFixed(2)} Td ${font.encode(text)} Tj ET`;
  const nameLine = appearance.signerName.normalize('NFC');
  const titleLine = appearance.signerTitle?.normalize('NFC');
  const lines = [
    'q',
    `q ${sigBox.width.toFixed(2)} 0 0 ${sigBox.height.toFixed(2)} ${sigLeft.toFixed(2)} ${(imageBottom + (imageHeight - sigBox.height) / 2).toFixed(2)} cm /Sig Do Q`,
    ...(seal
      ? [
          `q ${sealSize.width.toFixed(2)} 0 0 ${sealSize.height.toFixed(2)} ${groupLeft.toFixed(2)} ${(imageBottom + (imageHeight - sealSize.height) / 2).toFixed(2)} cm /Seal Do Q`,
        ]
      : []),
    '0 0 0 rg',
    ...(titleLine ? [centered(titleLine, height - LINE + 3)] : []),
    centered(nameLine, 4),
    'Q',
  ];
  const stream = deflatedStream(doc.context, lines.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width, height],
    Resources: {
      Font: { F1: font.embed(doc) },
      XObject: { Sig: signature.ref, ...(seal ? { Seal: seal.ref } : {}) },
    },
  });
  return {
    ref: doc.context.register(stream),
    width,
    height,
    rect: [x, y, x + width, y + height],
  };
}
