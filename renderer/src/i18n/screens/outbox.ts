// Strings of the Outbox screen. `en` is typed by `vi`: a missing or extra key fails tsc.
const vi = {
  title: 'Hộp gửi',
};

const en: typeof vi = {
  title: 'Outbox',
};

export const outbox = { vi, en };
