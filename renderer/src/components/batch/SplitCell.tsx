// One page of a separated batch's split plan: its thumbnail, its flags (separator sheet, blank
// page or blank back) and, where a document starts, the marker with the reasons in words.
import type { StackPage } from '../../../../shared/contracts/batch';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '../../../../shared/classification';
import type { PlannedDocument, SplitPlan, SplitReason } from '../../../../shared/contracts/intake';
import { useI18n, type I18n } from '../../i18n';
import { useThumbnail } from './useThumbnail';

function typeLabel(code: string, pick: I18n['pick']): string {
  const parsed = DocumentType.safeParse(code.trim());
  return parsed.success ? pick(DOCUMENT_TYPE_LABELS[parsed.data]) : code;
}

/** "Tờ phân tách QR: Giấy khai sinh", "Patch T", "Đổi loại: CCCD → Đơn"… */
export function reasonText(
  reason: SplitReason,
  doc: PlannedDocument,
  t: I18n['t'],
  pick: I18n['pick'],
): string {
  const why = t.batch.why;
  let text: string;
  switch (reason.method) {
    case 'start':
      text = why.start;
      break;
    case 'blank':
      text = why.blank;
      break;
    case 'patch':
      text = why.patch(reason.detail ?? 'Patch');
      break;
    case 'code': {
      const what = [
        ...(doc.typeFrom === 'separator' && doc.type ? [pick(DOCUMENT_TYPE_LABELS[doc.type])] : []),
        ...(doc.dossierCode ? [doc.dossierCode] : []),
      ];
      text = what.length ? why.code(what.join(' · ')) : why.codeBare;
      break;
    }
    case 'count':
      text = why.count(reason.detail ?? '');
      break;
    case 'classifier': {
      const [from = '', to = ''] = (reason.detail ?? '').split('→');
      text = why.classifier(typeLabel(from, pick), typeLabel(to, pick));
      break;
    }
    case 'manual':
      text = reason.movedFrom !== undefined ? why.moved(reason.movedFrom + 1) : why.manual;
      break;
  }
  return text;
}

export function SplitCell({
  batchId,
  index,
  stack,
  plan,
  start,
  selected,
  onPick,
}: {
  batchId: number;
  index: number;
  stack: StackPage | undefined;
  plan: SplitPlan;
  start: { doc: PlannedDocument; n: number } | undefined;
  selected: boolean;
  onPick: () => void;
}) {
  const { t, pick } = useI18n();
  const page = plan.pages[index]!;
  const { src } = useThumbnail(
    stack && { batchId, fileId: stack.fileId, pageInFile: stack.pageInFile },
  );

  const flags = [
    ...(page.role === 'separator'
      ? [plan.options.keepSeparators ? t.batch.splitSeparatorKept : t.batch.splitSeparator]
      : []),
    ...(page.blankBack ? [t.batch.splitBlankBack] : page.blank ? [t.batch.splitBlank] : []),
  ];
  const marker = start
    ? [
        t.batch.splitDoc(start.n),
        ...(start.doc.startsDossier ? [t.batch.splitNewDossier] : []),
        ...start.doc.reasons.map((r) => reasonText(r, start.doc, t, pick)),
      ]
    : [];
  return (
    <button
      type="button"
      data-page={index}
      tabIndex={selected ? 0 : -1}
      aria-pressed={selected}
      className={[
        'split-page',
        start ? 'split-start' : '',
        page.role === 'separator' ? 'split-separator' : '',
        page.blank ? 'split-blank' : '',
        selected ? 'split-selected' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      onClick={onPick}
    >
      {start && <span className="split-marker">{marker.join(' · ')}</span>}
      <span className="split-image">
        {src ? <img src={src} alt={t.batch.thumbAlt(page.name)} /> : null}
      </span>
      <span className="split-caption">
        <strong>{t.batch.splitPage(index + 1)}</strong>
        {flags.map((f) => (
          <span key={f} className="split-flag">
            {f}
          </span>
        ))}
      </span>
    </button>
  );
}
