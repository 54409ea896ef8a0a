// Strings of the Digitization batches screen. `en` is typed by `vi`: a missing or extra key fails tsc.
const vi = {
  title: 'Lô số hóa',
};

const en: typeof vi = {
  title: 'Digitization batches',
};

export const batch = { vi, en };
