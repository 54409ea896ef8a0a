// `sohoa reception`: a reception dossier's state, its history (who moved it, when, why), moving
// it along the lifecycle, and confirming or correcting a document's type (which teaches the
// learned classifier).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DocumentType, DOCUMENT_TYPE_LABELS } from '../../../shared/classification';
import { SohoaError } from '../../../shared/errors';
import { DOSSIER_STATE_LABELS, DossierState } from '../../../shared/procedures';
import { formatVietnamTime } from '../../../shared/time';
import { StoredNaiveBayes } from '../../core/classify/model';
import { defaultDataDir } from '../../core/config/paths';
import { openDeskDatabase } from '../../core/dossier/db';
import { DossierStore } from '../../core/dossier/store';
import type { Command } from './types';
import { USAGE } from '../usage';

export const receptionCommand: Command = {
  name: 'reception',
  usage: USAGE['reception'],
  run(argv, { lang }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        clerk: { type: 'string' },
        reason: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const [action, target, arg] = positionals;
    if (!action || !target) return Promise.resolve(2);
    const db = openDeskDatabase(
      values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(),
    );
    try {
      const store = new DossierStore(db);
      if (action === 'move' || action === 'confirm') {
        if (!values.clerk || !arg) return Promise.resolve(2);
        if (action === 'move') {
          const to = DossierState.safeParse(arg);
          if (!to.success) throw new SohoaError('DOSSIER_TRANSITION_INVALID', `${target}: →${arg}`);
          store.transition(target, to.data, {
            clerk: values.clerk,
            ...(values.reason ? { reason: values.reason } : {}),
          });
        } else {
          const type = DocumentType.safeParse(arg);
          if (!type.success) throw new SohoaError('BAD_REQUEST', arg);
          const doc = store.confirmDocument(
            Number(target),
            type.data,
            values.clerk,
            StoredNaiveBayes.load(db),
          );
          console.log(`✓ ${doc.id}: ${DOCUMENT_TYPE_LABELS[type.data][lang]}`);
          return Promise.resolve(0);
        }
      } else if (action !== 'show') return Promise.resolve(2);
      const dossier = store.get(target);
      if (!dossier) throw new SohoaError('DOSSIER_NOT_FOUND', target);
      const history = store.history(target);
      const documents = store.documents(target);
      if (values.json) {
        console.log(JSON.stringify({ dossier, history, documents }, null, 2));
        return Promise.resolve(0);
      }
      const vi = lang === 'vi';
      console.log(
        `${dossier.code} · ${dossier.procedureCode} · ${dossier.applicant.fullName} (${dossier.applicant.idNumber})`,
      );
      console.log(
        `${vi ? 'Trạng thái' : 'State'}: ${DOSSIER_STATE_LABELS[dossier.state][lang]}${dossier.dueDate ? ` · ${vi ? 'hẹn trả' : 'due'} ${dossier.dueDate}` : ''}`,
      );
      for (const d of documents) {
        const type = d.type
          ? DOCUMENT_TYPE_LABELS[d.type][lang]
          : vi
            ? 'CẦN XEM LẠI'
            : 'NEEDS REVIEW';
        console.log(`  #${d.id} ${type}${d.confirmedBy ? ` ✓ ${d.confirmedBy}` : ''}`);
      }
      for (const h of history) {
        const from = h.from ? DOSSIER_STATE_LABELS[h.from][lang] : '∅';
        console.log(
          `  ${formatVietnamTime(new Date(h.at))}  ${from} → ${DOSSIER_STATE_LABELS[h.to][lang]}  ${h.clerk}${h.reason ? ` – ${h.reason}` : ''}`,
        );
      }
      return Promise.resolve(0);
    } finally {
      db.close();
    }
  },
};
