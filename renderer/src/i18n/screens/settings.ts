// Strings of the Settings screen. `en` is typed by `vi`: a missing or extra key fails tsc.
const vi = {
  title: 'Cài đặt',
};

const en: typeof vi = {
  title: 'Settings',
};

export const settings = { vi, en };
