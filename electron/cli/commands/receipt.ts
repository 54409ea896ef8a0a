// `sohoa receipt`: receive a dossier at the counter from the command line. The applicant comes
// from a card scan (the side with the QR), scanner-typed QR text, or --name/--id (the 12-digit
// number); the documents are OCR text files (NAME.txt). The reception unit and its places to
// collect results come from Cài đặt (or --unit); the applicant's choice is --collect PLACE or
// --post (to --post-address, else the applicant's address). Prints what each document is, what
// is missing, the appointment date and whether its year is official or estimated, and writes
// the receipt, the request for supplement, or (with --refuse) the refusal slip as an A5 PDF.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DOCUMENT_TYPE_LABELS, FIELD_LABELS } from '../../../shared/classification';
import { SohoaError } from '../../../shared/errors';
import { parseKeyboardWedge } from '../../../shared/identity';
import { DEFAULT_RECEPTION_UNIT } from '../../../shared/settings';
import { CutOff, isoToDmy, type DueDate } from '../../../shared/workingDays';
import { dataPaths, defaultDataDir } from '../../core/config/paths';
import { readCardImage } from '../../core/identity/cccd';
import { receiveDossier } from '../../core/dossier/reception';
import { applicantFromCard, type Applicant, type ResultDelivery } from '../../core/dossier/store';
import { settingsAccess } from '../../core/settings/access';
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
        unit: { type: 'string' },
        collect: { type: 'string' },
        post: { type: 'boolean', default: false },
        'post-address': { type: 'string', default: '' },
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
      applicant = applicantFromCard(read.holder);
    } else if (values['cccd-text'] !== undefined) {
      const parsed = parseKeyboardWedge(values['cccd-text']);
      if (!parsed.ok) throw new SohoaError('CCCD_QR_INVALID', values['cccd-text'].slice(0, 40));
      applicant = applicantFromCard(parsed.holder);
    } else if (values.name && values.id) {
      applicant = { fullName: values.name, idNumber: values.id, source: 'typed' };
    } else return 2;
    const documents = await Promise.all(
      positionals.map(async (f) => ({
        name: path.basename(f),
        text: await fs.readFile(f, 'utf8'),
      })),
    );
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
    const saved =
      settingsAccess({ dataDir, keysDir: dataPaths(dataDir).keysDir }).saved()?.reception ??
      DEFAULT_RECEPTION_UNIT;
    const delivery: ResultDelivery | undefined = values.post
      ? { kind: 'post', address: values['post-address'] }
      : values.collect
        ? { kind: 'place', name: values.collect, address: '' }
        : undefined;
    const outcome = await receiveDossier({
      dataDir,
      unit: values.unit === undefined ? saved : { ...saved, unitName: values.unit },
      ...(delivery ? { delivery } : {}),
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
    if (outcome.due) console.log(appointmentLine(outcome.due, vi));
    const kind = {
      receipt: vi ? 'Giấy tiếp nhận' : 'Receipt',
      supplement: vi ? 'Phiếu yêu cầu bổ sung' : 'Request for supplement',
      refusal: vi ? 'Phiếu từ chối' : 'Refusal slip',
    }[outcome.slip.kind];
    console.log(`${kind}: ${out}`);
    return 0;
  },
};

/** The appointment and whether its year follows an official holiday notice or an estimate. */
function appointmentLine(due: DueDate, vi: boolean): string {
  const { year, status, notice } = due.dueYear;
  const basis =
    status === 'estimated'
      ? vi
        ? `ước tính: năm ${year} chưa có thông báo chính thức`
        : `estimated: no official notice for ${year} yet`
      : due.estimated
        ? vi
          ? 'có ngày nghỉ ước tính'
          : 'some days off estimated'
        : vi
          ? `lịch nghỉ chính thức${notice ? `, ${notice}` : ''}`
          : `official holidays${notice ? `, ${notice}` : ''}`;
  return `${vi ? 'Ngày hẹn trả' : 'Appointment'}: ${isoToDmy(due.due)} (${basis})`;
}
