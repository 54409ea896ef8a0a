// A composite (Type0, Identity-H) font over an embedded TrueType program, the form both the
// desk's signature mark and the kept scan's invisible text layer use: ISO 32000-1 §9.7 and §9.9.
import { PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface Type0FontSpec {
  baseFont: string;
  /** FontDescriptor /Flags (ISO 32000-1 Table 123). */
  flags: number;
  bbox: number[];
  italicAngle: number;
  ascent: number;
  descent: number;
  capHeight: number;
  /** The FontFile2 stream, already registered. */
  fontFile: PDFRef;
  /** /W array, or /DW for one width for every CID. */
  widths: { W: (number | number[])[] } | { DW: number };
  /** `Identity`, or a registered CIDToGIDMap stream. */
  cidToGid: 'Identity' | PDFRef;
  /** The ToUnicode CMap stream, already registered. */
  toUnicode: PDFRef;
}

export function registerType0Font(doc: PDFDocument, f: Type0FontSpec): PDFRef {
  const context = doc.context;
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: f.baseFont,
      Flags: f.flags,
      FontBBox: f.bbox,
      ItalicAngle: f.italicAngle,
      Ascent: f.ascent,
      Descent: f.descent,
      CapHeight: f.capHeight,
      StemV: 80,
      FontFile2: f.fontFile,
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: f.baseFont,
      CIDSystemInfo: {
        Registry: PDFString.of('Adobe'),
        Ordering: PDFString.of('Identity'),
        Supplement: 0,
      },
      FontDescriptor: descriptor,
      ...('W' in f.widths ? { W: f.widths.W } : { DW: f.widths.DW }),
      CIDToGIDMap: f.cidToGid,
    }),
  );
  return context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: f.baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: f.toUnicode,
    }),
  );
}
