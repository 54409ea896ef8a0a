// The document-type catalogue (resources/document-types/catalogue.json): for every type the
// title lines printed under the national motto, the abbreviations its notation carries (ký
// hiệu: QĐ, TTr, NĐ…), the words before "số" of laws ("Luật số:"), and weaker body phrases.
// Data, so an archive can correct a title or add an abbreviation without a release; loaded once
// and compiled into the folded forms the rules compare (see features.ts).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DOCUMENT_TYPES, DocumentType } from '../../../shared/classification';
import { resourcesDir } from '../dossier/resources';
import { squeeze } from './features';

const TypeEntry = z.object({
  titles: z.array(z.string().min(1)).default([]),
  codes: z.array(z.string().min(1)).default([]),
  numberPrefixes: z.array(z.string().min(1)).default([]),
  issuers: z.array(z.string().min(1)).default([]),
  /** Whole notations a type always carries (a decree is always NĐ-CP): OCR damage is repaired. */
  notations: z.array(z.string().min(1)).default([]),
  keywords: z.array(z.string().min(1)).default([]),
});

const CatalogueFile = z.object({
  version: z.string(),
  source: z.string(),
  labels: z.record(z.string(), z.array(DocumentType).min(1)),
  types: z.record(DocumentType, TypeEntry),
  issuerCodes: z.record(z.string(), z.string()),
  /** Words of issuing bodies' names and place names, spelt right: OCR's lost marks restored. */
  organWords: z.array(z.string()).default([]),
  places: z.array(z.string()).default([]),
  /** Frequent phrases of subjects, spelt right, for the same restoration in a subject. */
  phrases: z.array(z.string()).default([]),
});
export type CatalogueFile = z.infer<typeof CatalogueFile>;

export interface CompiledType {
  type: DocumentType;
  /** Squeezed title forms, longest first. */
  titles: { text: string; squeezed: string }[];
  codes: string[];
  numberPrefixes: string[];
  issuers: string[];
  notations: string[];
  /** Squeezed keywords. */
  keywords: { text: string; squeezed: string }[];
}

export interface Catalogue {
  version: string;
  types: CompiledType[];
  /** Upper-cased notation code (Đ kept) → types carrying it. */
  byCode: Map<string, DocumentType[]>;
  /** The same with Đ folded to D, for codes whose stroke OCR lost. */
  byFoldedCode: Map<string, DocumentType[]>;
  /** Upper-cased issuer code → the body's name. */
  issuerCodes: Map<string, string>;
  /** Evaluation label (a slug such as quyet-dinh, or a type key) → accepted types. */
  labels: Map<string, DocumentType[]>;
  /** Names spelt right (upper case), longest first, for restoring OCR's lost marks. */
  vocabulary: string[];
  /** Place names as spelt. */
  places: string[];
  /** Phrases of subjects and bodies' and places' names of two words or more, longest first. */
  subjectVocabulary: string[];
}

export const upperCode = (code: string) => code.normalize('NFC').toUpperCase();
export const foldCode = (code: string) => upperCode(code).replace(/Đ/g, 'D');

export function compileCatalogue(raw: unknown): Catalogue {
  const file = CatalogueFile.parse(raw);
  const types: CompiledType[] = [];
  const byCode = new Map<string, DocumentType[]>();
  const byFoldedCode = new Map<string, DocumentType[]>();
  const push = (map: Map<string, DocumentType[]>, key: string, type: DocumentType) => {
    const list = map.get(key) ?? [];
    if (!list.includes(type)) list.push(type);
    map.set(key, list);
  };
  for (const type of DOCUMENT_TYPES) {
    const entry = file.types[type];
    if (!entry) throw new Error(`document-type catalogue: no entry for "${type}"`);
    const titles = entry.titles
      .map((text) => ({ text, squeezed: squeeze(text) }))
      .sort((a, b) => b.squeezed.length - a.squeezed.length);
    for (const code of entry.codes) {
      push(byCode, upperCode(code), type);
      push(byFoldedCode, foldCode(code), type);
    }
    types.push({
      type,
      titles,
      codes: entry.codes,
      numberPrefixes: entry.numberPrefixes.map(squeeze),
      issuers: entry.issuers.map(upperCode),
      notations: entry.notations,
      keywords: entry.keywords.map((text) => ({ text, squeezed: squeeze(text) })),
    });
  }
  const labels = new Map<string, DocumentType[]>();
  for (const type of DOCUMENT_TYPES) labels.set(type, [type]);
  for (const [slug, accepted] of Object.entries(file.labels)) labels.set(slug, accepted);
  return {
    version: file.version,
    types,
    byCode,
    byFoldedCode,
    issuerCodes: new Map(Object.entries(file.issuerCodes).map(([k, v]) => [upperCode(k), v])),
    labels,
    vocabulary: [...file.organWords, ...file.places]
      .map((w) => w.normalize('NFC').toUpperCase())
      .sort((a, b) => b.split(' ').length - a.split(' ').length),
    places: file.places,
    subjectVocabulary: [
      ...file.phrases,
      ...file.places.flatMap((p) => [`tỉnh ${p}`, `thành phố ${p}`]),
      ...file.organWords.filter((w) => w.includes(' ')),
    ]
      .map((w) => w.normalize('NFC'))
      .sort((a, b) => b.split(' ').length - a.split(' ').length),
  };
}

export const CATALOGUE_FILE = path.join('document-types', 'catalogue.json');

let loaded: Catalogue | undefined;

/** The shipped catalogue, read and compiled on first use. */
export function catalogue(): Catalogue {
  if (!loaded) {
    const file = path.join(resourcesDir(), CATALOGUE_FILE);
    loaded = compileCatalogue(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return loaded;
}
