import type { Localized } from '../errors';

/** A localized message about a subject (a file name, a dossier code, …). */
export type Template = (subject: string) => Localized;
