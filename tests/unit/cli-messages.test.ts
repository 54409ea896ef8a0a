// The one `say` every CLI command builds from its own vi + en table (electron/cli/messages.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesOf, t } from '../../electron/cli/messages';

const say = messagesOf({
  done: { vi: 'Xong: {n} trang trong {dir} ({n})', en: 'Done: {n} page(s) in {dir} ({n})' },
  none: { vi: 'Không tìm thấy máy quét nào.', en: 'No scanner found.' },
} as const);

test('a message comes in the chosen language with every placeholder filled', () => {
  assert.equal(say('vi', 'done', { n: 3, dir: '/hồ sơ' }), 'Xong: 3 trang trong /hồ sơ (3)');
  assert.equal(say('en', 'done', { n: 0, dir: 'out' }), 'Done: 0 page(s) in out (0)');
  assert.equal(say('vi', 'none'), 'Không tìm thấy máy quét nào.');
  assert.equal(t('en', 'progress', { done: 2, total: 5 }), 'Page 2 of 5');
  assert.equal(t('vi', 'unknownCommand', { cmd: 'xoa' }), 'Lệnh không hợp lệ: xoa');
});

test('a value missing at run time shows as its placeholder, not as nothing', () => {
  const loose = say as (lang: 'vi', key: 'done', params: Record<string, number>) => string;
  assert.equal(loose('vi', 'done', { n: 1 }), 'Xong: 1 trang trong {dir} (1)');
});
