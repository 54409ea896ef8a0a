// The native dialog behind the contract's choosePath (the page gets a grant for what the clerk
// chose, never a path it could type): what the dialog offers for each purpose.
// Kept free of runtime `electron` imports so a plain-Node test can check the options.
import type { OpenDialogOptions } from 'electron';
import { PATH_PURPOSES, type PathPurpose } from '../../shared/contracts/host';

export function openDialogOptions(purpose: PathPurpose, language: 'vi' | 'en'): OpenDialogOptions {
  const spec = PATH_PURPOSES[purpose];
  return {
    title: spec.title[language],
    properties:
      spec.kind === 'folder'
        ? ['openDirectory', 'createDirectory', 'dontAddToRecent']
        : ['openFile', 'dontAddToRecent'],
    ...(spec.filters
      ? {
          filters: spec.filters.map((f) => ({ name: f.name[language], extensions: f.extensions })),
        }
      : {}),
  };
}
