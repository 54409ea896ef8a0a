// `sohoa receipt`: receive a dossier at the counter from the command line. The applicant comes
// from a card scan (QR), scanner-typed QR text, or --name/--id; the documents are OCR text files
// (NAME.txt). Prints what each document is, what is missing, the appointment date, and writes
// the receipt, the request for supplement, or (with --refuse) the refusal slip as an A5 PDF.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENT_TYPE_LABELS, FIELD_LABELS } from '../../../shared/classification';
import { SohoaError } from '../../../shared/errors';
import { parseKeyboardWedge } from '../../../shared/identity';
import { CutOff } from '../../../shared/workingDays';
import { defaultDataDir } from '../../core/config/paths';
import { readCardImage } from '../../core/identity/cccd';
import { receiveDossier } from '../../core/dossier/reception';
import type { Applicant } from '../../core/dossier/store';
import type { Command } from './types';
import { USAGE } from '../usage';

export const receiptCommand: Command = {
  name: 'receipt',
  usage: USAGE['receipt'],
  async run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        procedure: { type: 'string' },
        cccd: { type: 'string' },
        'cccd-text': { type: 'string' },
        name: { type: 'string' },
        id: { type: 'string' },
        out: { type: 'string' },
        // The same agency settings as signing (README: SOHOA_AGENCY_ID, SOHOA_AGENCY_NAME).
        agency: { type: 'string', default: process.env.SOHOA_AGENCY_ID ?? 'H00.00.00' },
        'agency-name': { type: 'string', default: process.env.SOHOA_AGENCY_NAME ?? 'UBND xã mẫu' },
        'cut-off': { type: 'string', default: '15:00' },
        place: { type: 'string', default: 'Xã mẫu' },
        clerk: { type: 'string', default: 'Cán bộ một cửa' },
        code: { type: 'string' },
        refuse: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (!values.procedure || !values.out) return 2;
    const cut = /^(\d{1,2}):(\d{2})$/.exec(values['cut-off']);
    if (!cut) return 2;
    const cutOff = CutOff.parse({ hour: Number(cut[1]), minute: Number(cut[2]) });
    let applicant: Applicant;
    if (values.cccd) {
      const read = await readCardImage(await fs.readFile(values.cccd), path.basename(values.cccd));
      applicant = {
        fullName: read.holder.fullName,
        idNumber: read.holder.idNumber,
        address: read.holder.address,
        source: 'qr',
      };
    } else if (values['cccd-text'] !== undefined) {
      const parsed = parseKeyboardWedge(values['cccd-text']);
      if (!parsed.ok) throw new SohoaError('CCCD_QR_INVALID', values['cccd-text'].slice(0, 40));
      applicant = {
        fullName: parsed.holder.fullName,
        idNumber: parsed.holder.idNumber,
        address: parsed.holder.address,
        source: 'qr',
      };
    } else if (values.name && values.id) {
      applicant = { fullName: values.name, idNumber: values.id, source: 'typed' };
    } else return 2;
    const documents = await Promise.all(
      positionals.map(async (f) => ({
        name: path.basename(f),
        text: await fs.readFile(f, 'utf8'),
      })),
    );
    const outcome = await receiveDossier({
      dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(),
      agencyId: values.agency,
      agencyName: values['agency-name'],
      place: values.place,
      clerk: values.clerk,
      clerkName: values.clerk,
      procedureCode: values.procedure,
      applicant,
      documents,
      cutOff,
      ...(values.code ? { externalCode: values.code } : {}),
      ...(values.refuse !== undefined ? { refuseReason: values.refuse } : {}),
    });
    const out = path.resolve(values.out);
    await fs.writeFile(out, outcome.slip.pdf);
    if (values.json) {
      const { slip, ...rest } = outcome;
      console.log(JSON.stringify({ ...rest, slip: { kind: slip.kind, file: out } }, null, 2));
      return 0;
    }
    const vi = lang === 'vi';
    console.log(
      `${vi ? 'Hồ sơ' : 'Dossier'} ${outcome.dossier.code} – ${outcome.procedure.name} – ${applicant.fullName} (${applicant.idNumber})`,
    );
    for (const d of outcome.documents) {
      const c = d.classification;
      const label = c.type
        ? `${DOCUMENT_TYPE_LABELS[c.type][lang]} (${Math.round(c.confidence * 100)}%)`
        : `${vi ? 'CẦN XEM LẠI' : 'NEEDS REVIEW'}: ${c.candidates.map((x) => `${DOCUMENT_TYPE_LABELS[x.type][lang]} ${Math.round(x.score * 100)}%`).join(', ')}`;
      console.log(`  ${d.name}: ${label}`);
      for (const f of d.fields)
        console.log(
          `      ${FIELD_LABELS[f.name][lang]}: ${f.value} (${Math.round(f.confidence * 100)}%)`,
        );
    }
    for (const c of outcome.checklist.missingMandatory)
      console.log(`  ✗ ${vi ? 'Thiếu' : 'Missing'}: ${c.name}`);
    if (outcome.due) {
      console.log(
        `${vi ? 'Ngày hẹn trả' : 'Appointment'}: ${outcome.due.due}${outcome.due.estimated ? (vi ? ' (ước tính theo lịch nghỉ mặc định)' : ' (estimated, default holidays)') : ''}`,
      );
    }
    const kind = {
      receipt: vi ? 'Giấy tiếp nhận' : 'Receipt',
      supplement: vi ? 'Phiếu yêu cầu bổ sung' : 'Request for supplement',
      refusal: vi ? 'Phiếu từ chối' : 'Refusal slip',
    }[outcome.slip.kind];
    console.log(`${kind}: ${out}`);
    return 0;
  },
};
