// Test images for the signer's appearance, drawn here (no third-party artwork): a blue
// handwritten-looking signature and a red round seal, as transparent PNGs via sharp.
import sharp from 'sharp';

export async function signatureImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">
    <path d="M10 90 C 40 10, 70 10, 80 70 S 120 110, 150 40 S 200 20, 210 80 S 260 100, 290 30"
      stroke="#1030c0" stroke-width="7" fill="none" stroke-linecap="round"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function sealImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">
    <circle cx="100" cy="100" r="92" stroke="#d01010" stroke-width="8" fill="none"/>
    <circle cx="100" cy="100" r="70" stroke="#d01010" stroke-width="3" fill="none"/>
    <polygon points="100,55 112,90 150,90 119,112 130,148 100,126 70,148 81,112 50,90 88,90" fill="#d01010"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
