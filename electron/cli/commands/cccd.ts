// `sohoa cccd`: read an applicant's ID card from a front scan (QR), from text typed by a
// handheld QR scanner, and/or from the back's MRZ text; print the fields and every check.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SohoaError } from '../../../shared/errors';
import {
  crossCheckCard,
  parseKeyboardWedge,
  parseMrzTd1,
  type CardHolder,
  type IdentityCheck,
} from '../../../shared/identity';
import { readCardImage } from '../../core/identity/cccd';
import type { Command } from './types';
import { USAGE } from '../usage';

export const cccdCommand: Command = {
  name: 'cccd',
  usage: USAGE['cccd'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        text: { type: 'string' },
        mrz: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    let holder: CardHolder | null = null;
    const checks: IdentityCheck[] = [];
    let source = '';
    if (positionals[0]) {
      const file = positionals[0];
      const read = await readCardImage(await fs.readFile(file), path.basename(file));
      ({ holder } = read);
      checks.push(...read.checks);
      source = 'qr-image';
    } else if (values.text !== undefined) {
      const parsed = parseKeyboardWedge(values.text);
      if (!parsed.ok) throw new SohoaError('CCCD_QR_INVALID', values.text.slice(0, 40));
      ({ holder } = parsed);
      checks.push(...parsed.checks);
      source = 'qr-keyboard';
    }
    let mrz = null;
    if (values.mrz) {
      const parsed = parseMrzTd1(await fs.readFile(values.mrz, 'utf8'));
      if (!parsed.ok) throw new SohoaError('MRZ_INVALID', parsed.reason);
      mrz = parsed.data;
      checks.push(...parsed.checks);
      if (holder) checks.push(...crossCheckCard(holder, parsed.data));
    }
    if (!holder && !mrz) return 2;
    if (values.json) {
      console.log(JSON.stringify({ source, holder, mrz, checks }, null, 2));
    } else {
      if (holder) {
        const rows: [string, string][] = [
          [lang === 'vi' ? 'Số định danh' : 'ID number', holder.idNumber],
          [lang === 'vi' ? 'Số CMND cũ' : 'Old ID', holder.oldIdNumber || '—'],
          [lang === 'vi' ? 'Họ và tên' : 'Full name', holder.fullName],
          [lang === 'vi' ? 'Ngày sinh' : 'Date of birth', holder.dateOfBirth],
          [
            lang === 'vi' ? 'Giới tính' : 'Sex',
            holder.sex === 'M'
              ? lang === 'vi'
                ? 'Nam'
                : 'male'
              : holder.sex === 'F'
                ? lang === 'vi'
                  ? 'Nữ'
                  : 'female'
                : '?',
          ],
          [lang === 'vi' ? 'Nơi thường trú' : 'Address', holder.address],
          [lang === 'vi' ? 'Ngày cấp' : 'Date of issue', holder.dateOfIssue],
        ];
        for (const [k, v] of rows) console.log(`${k.padEnd(16)} ${v}`);
      }
      if (mrz)
        console.log(
          `MRZ              ${mrz.surname} ${mrz.givenNames} · ${mrz.dateOfBirth} · ${mrz.idNumber ?? mrz.documentNumber}`,
        );
      for (const c of checks) {
        console.log(`${c.ok ? '✓' : c.severity === 'note' ? 'ℹ' : '✗'} ${c.message[lang]}`);
      }
    }
    return checks.some((c) => !c.ok && c.severity === 'error') ? 1 : 0;
  },
};
