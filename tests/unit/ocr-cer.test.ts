import assert from 'node:assert/strict';
import test from 'node:test';
import {
  characterErrorRate,
  levenshtein,
  normalizeForCer,
  overallRate,
  wordErrorRate,
} from '../../electron/core/ocr/cer';

test('levenshtein counts insertions, deletions and substitutions', () => {
  assert.equal(levenshtein('', ''), 0);
  assert.equal(levenshtein('abc', ''), 3);
  assert.equal(levenshtein('', 'abc'), 3);
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('flaw', 'lawn'), 2);
  assert.equal(levenshtein('sitting', 'kitten'), 3, 'symmetric');
  assert.equal(levenshtein('abcdef', 'abXdef'), 1, 'common prefix and suffix trimmed');
});

test('levenshtein matches a plain full-matrix implementation on pseudo-random strings', () => {
  const reference = (a: string, b: string): number => {
    const x = [...a];
    const y = [...b];
    const d = Array.from({ length: x.length + 1 }, (_, i) =>
      Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
    );
    for (let i = 1; i <= x.length; i++)
      for (let j = 1; j <= y.length; j++)
        d[i]![j] = Math.min(
          d[i - 1]![j]! + 1,
          d[i]![j - 1]! + 1,
          d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
        );
    return d[x.length]![y.length]!;
  };
  const alphabet = 'aăâbđeêơư ệ';
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const word = () =>
    Array.from({ length: next() % 30 }, () => alphabet[next() % alphabet.length]).join('');
  for (let k = 0; k < 200; k++) {
    const a = word();
    const b = word();
    assert.equal(levenshtein(a, b), reference(a, b), `${a} / ${b}`);
  }
});

test('a Vietnamese letter is one character, whether precomposed or decomposed', () => {
  const precomposed = 'Nguyễn Văn Tuệ';
  const decomposed = precomposed.normalize('NFD');
  assert.notEqual(precomposed, decomposed);
  assert.deepEqual(characterErrorRate(precomposed, decomposed), {
    errors: 0,
    referenceLength: 14,
    rate: 0,
  });
  // One wrong tone mark is one error, not two UTF-16 units.
  assert.equal(characterErrorRate('Tuệ', 'Tuê').errors, 1);
  // Characters outside the BMP count once too.
  assert.equal(characterErrorRate('a𝔸b', 'ab').errors, 1);
});

test('whitespace and line breaks do not count', () => {
  assert.equal(normalizeForCer('  Kính gửi:\n\n  Ủy ban\tnhân dân  '), 'Kính gửi: Ủy ban nhân dân');
  assert.equal(characterErrorRate('Kính gửi:\nỦy ban', 'Kính  gửi: Ủy\n ban').rate, 0);
});

test('CER is errors over reference length, with the empty cases defined', () => {
  assert.deepEqual(characterErrorRate('abcd', 'abxd'), {
    errors: 1,
    referenceLength: 4,
    rate: 0.25,
  });
  assert.deepEqual(characterErrorRate('', ''), { errors: 0, referenceLength: 0, rate: 0 });
  assert.deepEqual(characterErrorRate('  ', 'noise'), { errors: 5, referenceLength: 0, rate: 1 });
  assert.equal(characterErrorRate('abc', '').rate, 1);
});

test('overall CER weighs pages by their length and keeps invented text on blank pages', () => {
  const pages = [
    characterErrorRate('a'.repeat(90), 'a'.repeat(81)),
    characterErrorRate('b'.repeat(10), 'b'.repeat(10)),
    characterErrorRate('', 'xy'),
  ];
  assert.deepEqual(overallRate(pages), { errors: 11, referenceLength: 100, rate: 0.11 });
  assert.deepEqual(overallRate([]), { errors: 0, referenceLength: 0, rate: 0 });
});

test('a long page is compared quickly and in linear memory', () => {
  const page = 'Ủy ban nhân dân xã Tân Hòa chuyển hồ sơ đăng ký khai sinh. '.repeat(100);
  const garbled = page.replace(/a/g, 'o').replace(/ệ/g, 'e');
  const r = characterErrorRate(page, garbled);
  assert.ok(r.errors > 0 && r.rate < 1);
});

test('WER counts whole words: one wrong tone mark is one wrong word', () => {
  assert.deepEqual(wordErrorRate('Kính gửi Ủy ban', 'Kính gửi Ủy ban'), {
    errors: 0,
    referenceLength: 4,
    rate: 0,
  });
  assert.deepEqual(wordErrorRate('Kính gửi Ủy ban', 'Kinh gửi  Ủy\nban'), {
    errors: 1,
    referenceLength: 4,
    rate: 0.25,
  });
  // A split word is one substitution plus one insertion; a lost word one deletion.
  assert.equal(wordErrorRate('nhân dân xã', 'nh ân dân xã').errors, 2);
  assert.equal(wordErrorRate('nhân dân xã', 'nhân xã').errors, 1);
  assert.equal(wordErrorRate('', 'rác').rate, 1);
});
