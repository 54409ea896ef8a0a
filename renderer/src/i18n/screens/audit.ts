// Strings of the Audit log screen. `en` is typed by `vi`: a missing or extra key fails tsc.
const vi = {
  title: 'Nhật ký',
};

const en: typeof vi = {
  title: 'Audit log',
};

export const audit = { vi, en };
