// The procedure's required components: what the documents provide and what is still missing.
import type { ChecklistResult, Procedure } from '../../../../shared/procedures';
import { useI18n } from '../../i18n';

export function ChecklistPanel({
  procedure,
  checklist,
}: {
  procedure: Procedure | null;
  checklist: ChecklistResult | null;
}) {
  const { t } = useI18n();
  const r = t.reception;
  return (
    <section className="reception-panel checklist" aria-labelledby="checklist-title">
      <h3 id="checklist-title">{r.checklistTitle}</h3>
      {!procedure || !checklist ? (
        <p className="muted">{r.checklistNoProcedure}</p>
      ) : (
        <>
          <ul className="checklist-items">
            {checklist.components.map((m) => {
              const present = m.missing === 0;
              return (
                <li
                  key={m.component.id}
                  className={present ? 'present' : m.component.mandatory ? 'missing' : 'optional'}
                  data-component={m.component.id}
                  data-present={present}
                >
                  <span className="mark" aria-hidden="true">
                    {present ? '✓' : '✗'}
                  </span>
                  <span className="component-name">{m.component.name}</span>{' '}
                  <span className="state">
                    {present ? r.checklistPresent : r.checklistMissing}
                    {!m.component.mandatory && ` (${r.checklistOptional})`}
                  </span>
                </li>
              );
            })}
          </ul>
          <p
            className={checklist.complete ? 'ok' : 'warn'}
            role="status"
            data-complete={checklist.complete}
          >
            {checklist.complete
              ? r.checklistComplete
              : r.checklistIncomplete(checklist.missingMandatory.length)}
          </p>
        </>
      )}
    </section>
  );
}
