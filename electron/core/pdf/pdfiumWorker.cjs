// Reads PDF pages with PDFium (WebAssembly) in a worker thread, so that a hostile or broken PDF
// that loops or eats memory costs only this thread: the caller times every request out and
// terminates the worker. Plain CommonJS so the same file runs from the sources (tsx) and next to
// the Electron bundle without a build step of its own.
'use strict';
const { parentPort } = require('node:worker_threads');
const { PDFiumLibrary } = require('@hyzyla/pdfium');

const IMAGE_OBJECT = 3;
let library;
let doc;

/** Each char as [unicode, left, right, bottom, top] in PDF points (origin bottom-left). */
function pageChars(module, pageIdx) {
  const textPage = module._FPDFText_LoadPage(pageIdx);
  if (!textPage) return new Float64Array(0);
  try {
    const count = module._FPDFText_CountChars(textPage);
    const out = new Float64Array(Math.max(0, count) * 5);
    const box = module.wasmExports.malloc(32);
    try {
      for (let i = 0; i < count; i++) {
        out[i * 5] = module._FPDFText_GetUnicode(textPage, i);
        if (module._FPDFText_GetCharBox(textPage, i, box, box + 8, box + 16, box + 24)) {
          const f = new Float64Array(module.HEAPU8.buffer, box, 4);
          out[i * 5 + 1] = f[0];
          out[i * 5 + 2] = f[1];
          out[i * 5 + 3] = f[2];
          out[i * 5 + 4] = f[3];
        }
      }
    } finally {
      module.wasmExports.free(box);
    }
    return out;
  } finally {
    module._FPDFText_ClosePage(textPage);
  }
}

/**
 * The widest image's resolution on the page: a scanned page renders back at its scan dpi.
 * (The raw PDFium calls, not the wrapper's objects() iterator, which corrupts its heap here.)
 */
function imageDpi(module, pageIdx, widthPt) {
  let widest = 0;
  const size = module.wasmExports.malloc(8);
  try {
    const count = module._FPDFPage_CountObjects(pageIdx);
    for (let i = 0; i < count; i++) {
      const obj = module._FPDFPage_GetObject(pageIdx, i);
      if (module._FPDFPageObj_GetType(obj) !== IMAGE_OBJECT) continue;
      if (module._FPDFImageObj_GetImagePixelSize(obj, size, size + 4)) {
        widest = Math.max(widest, new Uint32Array(module.HEAPU8.buffer, size, 1)[0]);
      }
    }
  } finally {
    module.wasmExports.free(size);
  }
  return widest > 0 && widthPt > 0 ? (widest * 72) / widthPt : 0;
}

async function handle(msg) {
  if (msg.type === 'open') {
    library ??= await PDFiumLibrary.init();
    doc?.destroy();
    doc = await library.loadDocument(new Uint8Array(msg.bytes));
    return { pageCount: doc.getPageCount() };
  }
  if (msg.type === 'page') {
    const page = doc.getPage(msg.index);
    const module = library.module;
    const { originalWidth, originalHeight } = page.getOriginalSize();
    const dpiFound = imageDpi(module, page.pageIdx, originalWidth);
    const dpi = Math.round(Math.min(msg.maxDpi, Math.max(msg.minDpi, dpiFound || msg.minDpi)));
    const rotation = module._FPDFPage_GetRotation(page.pageIdx);
    // Text positions are in the unrotated page; on a turned page they would not match the image.
    const chars = rotation === 0 ? pageChars(module, page.pageIdx) : new Float64Array(0);
    // Last: the wrapper's render() closes the page, after which its handle must not be used.
    const render = await page.render({ scale: dpi / 72, render: 'bitmap', colorSpace: 'BGRA' });
    const rgba = render.data.buffer;
    return {
      result: {
        widthPt: originalWidth,
        heightPt: originalHeight,
        dpi,
        width: render.width,
        height: render.height,
        rgba,
        chars: chars.buffer,
        scanned: dpiFound > 0,
      },
      transfer: [rgba, chars.buffer],
    };
  }
  throw new Error(`unknown request ${msg.type}`);
}

parentPort.on('message', (msg) => {
  handle(msg).then(
    (r) => {
      const { result, transfer } = r.transfer ? r : { result: r, transfer: [] };
      parentPort.postMessage({ id: msg.id, ok: true, result }, transfer);
    },
    (e) => parentPort.postMessage({ id: msg.id, ok: false, message: String(e?.message ?? e) }),
  );
});
