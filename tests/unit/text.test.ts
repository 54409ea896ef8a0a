import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDossierCode, vietnamDayKey } from '../../shared/dossierCode';
import { collapseWhitespace, foldVietnamese, nfc } from '../../shared/text';

test('folding makes accented, unaccented and upper-case Vietnamese equal; đ/Đ fold to d', () => {
  const forms = [
    'Nguyễn Văn An',
    'nguyen van an',
    'NGUYEN VAN AN',
    'Nguye\u0302\u0303n  Va\u0306n An',
  ];
  for (const f of forms) assert.equal(foldVietnamese(f), 'nguyen van an');
  assert.equal(foldVietnamese('Đặng Đình Đức'), 'dang dinh duc');
  assert.notEqual(foldVietnamese('Nguyễn Văn Anh'), 'nguyen van an');
});

test('nfc composes decomposed Vietnamese; whitespace collapses', () => {
  const decomposed = 'Vie\u0323\u0302t Nam';
  assert.notEqual(decomposed, 'Việt Nam');
  assert.equal(nfc(decomposed), 'Việt Nam');
  assert.equal(collapseWhitespace(' Hà\tNội \n '), 'Hà Nội');
});

test('the dossier code takes the receipt day in Vietnam time', () => {
  // 17:30 UTC on 22 Nov is 00:30 on 23 Nov in Vietnam.
  assert.equal(vietnamDayKey(new Date('2026-11-22T17:30:00Z')), '261123');
  assert.equal(vietnamDayKey(new Date('2026-11-22T16:59:59Z')), '261122');
  assert.equal(formatDossierCode('H49.64.33', '241103', 7), 'H49.64.33-241103-0007');
});
