// Strings of the Reception screen. `en` is typed by `vi`: a missing or extra key fails tsc.
const vi = {
  title: 'Tiếp nhận hồ sơ',
};

const en: typeof vi = {
  title: 'Reception',
};

export const reception = { vi, en };
