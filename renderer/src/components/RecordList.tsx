import type { RecordSummary } from '../../../shared/contract';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { signatureClass, signatureLabel } from './signature';

export function RecordList({
  records,
  selectedId,
  onOpen,
}: {
  records: RecordSummary[];
  selectedId: number | null;
  onOpen: (id: number) => void;
}) {
  const { t } = useI18n();
  if (records.length === 0) return <p className="muted">{t.listEmpty}</p>;
  return (
    <div className="table-wrap">
      <table className="dossiers">
        <thead>
          <tr>
            <th scope="col">{t.colCode}</th>
            <th scope="col">{t.colTitle}</th>
            <th scope="col">{t.colDate}</th>
            <th scope="col" className="num">
              {t.colPages}
            </th>
            <th scope="col">{t.colSignature}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((d) => (
            <tr
              key={d.id}
              className={d.id === selectedId ? 'selected' : undefined}
              data-dossier-code={d.code}
            >
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  aria-label={t.openDossier(d.code)}
                  aria-current={d.id === selectedId ? 'true' : undefined}
                  onClick={() => onOpen(d.id)}
                >
                  {d.code}
                </button>
              </th>
              <td>{d.title}</td>
              <td>
                <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
              </td>
              <td className="num">{d.pageCount}</td>
              <td>
                <span className={signatureClass(d.signature)}>
                  {signatureLabel(d.signature, t)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
