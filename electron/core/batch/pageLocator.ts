// Which of a batch's files, and which page of it, a page report or an error is about. Locations
// travel as data (PageLocation: the file as named in the batch and the page's index in it); the
// names shown to the archivist are built from them ("so-bo.pdf#2" in the batch's lists,
// "so-bo.pdf (trang 2)" in messages) and never parsed back. A page named only by its shown name
// (a record archived before reports carried locations, a pipeline error without one) is matched
// against the names the batch's own files give their pages.
import { pageSubject, type ErrorInfo, type PageLocation } from '../../../shared/errors';
import type { FileRow } from './store';

/** How the batch lists a page: the file alone when it has one page, "so-bo.pdf#2" for page 2. */
export function pageName(location: PageLocation): string {
  return location.pageInFile === null
    ? location.file
    : `${location.file}#${location.pageInFile + 1}`;
}

export interface Located {
  file: FileRow;
  location: PageLocation;
}

/** More pages than a scanned file has: past it, a name is no page of that file. */
const MAX_PAGES_PER_FILE = 10_000;

export class PageLocator {
  private readonly byFile: Map<string, FileRow>;
  /** Shown names of the files' pages built so far, and per file how many pages are named. */
  private readonly byName = new Map<string, Located>();
  private readonly namedPages = new Map<number, number>();

  constructor(private readonly files: readonly FileRow[]) {
    this.byFile = new Map(files.map((f) => [f.name, f]));
  }

  /** The batch file a location names. */
  at(location: PageLocation): Located | null {
    const file = this.byFile.get(location.file);
    return file ? { file, location } : null;
  }

  /** A page the pipeline reports or the archive lists: by its location when it carries one. */
  page(page: { sourceName: string; location?: PageLocation }): Located | null {
    return page.location ? this.at(page.location) : this.shown(page.sourceName);
  }

  /** The file (and page) an error is about, when it is about one of the batch's files. */
  error(err: ErrorInfo): Located | null {
    if (err.location) return this.at(err.location);
    return err.subject ? this.shown(err.subject) : null;
  }

  private shown(name: string): Located | null {
    const whole = this.byFile.get(name);
    if (whole) return { file: whole, location: { file: name, pageInFile: null } };
    const known = this.byName.get(name);
    if (known) return known;
    for (const file of this.files)
      if (name.startsWith(file.name) && this.nameUntil(file, name)) return this.byName.get(name)!;
    return null;
  }

  /**
   * Names the file's next pages until one is `name`. The names grow with the page number, so the
   * search ends once both are longer than `name`; pages arrive in order, so it is one step or two.
   */
  private nameUntil(file: FileRow, name: string): boolean {
    for (let i = this.namedPages.get(file.id) ?? 0; i < MAX_PAGES_PER_FILE; i++) {
      const location = { file: file.name, pageInFile: i };
      const names = [pageName(location), pageSubject(location)];
      this.namedPages.set(file.id, i + 1);
      for (const n of names) if (!this.byName.has(n)) this.byName.set(n, { file, location });
      if (names.includes(name)) return true;
      if (names.every((n) => n.length > name.length)) return false;
    }
    return false;
  }
}
