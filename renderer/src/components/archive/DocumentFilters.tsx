// Filters on what the documents themselves say (TT 05/2025 fields): the issuing body and the year
// of issue, offered from what the archive holds, each with its count of records.
import { useEffect, useState } from 'react';
import type { SohoaApi } from '../../../../shared/contract';
import { useI18n } from '../../i18n';

interface Facet {
  value: string;
  count: number;
}

/** The archive's issuing bodies and years; without them the other filters still work. */
export function useDocumentFacets(api: SohoaApi): { organNames: Facet[]; years: Facet[] } {
  const [facets, setFacets] = useState<{ organNames: Facet[]; years: Facet[] }>({
    organNames: [],
    years: [],
  });
  useEffect(() => {
    api.archiveFacets({}).then(
      (f) => setFacets({ organNames: f.organNames, years: f.years }),
      () => undefined,
    );
  }, [api]);
  return facets;
}

export function DocumentFilters({
  api,
  organName,
  year,
  set,
}: {
  api: SohoaApi;
  organName: string;
  year: string;
  set: (patch: { organName?: string; year?: string }) => void;
}) {
  const { t } = useI18n();
  const { organNames, years } = useDocumentFacets(api);
  return (
    <>
      <label>
        <span>{t.fields.filterOrgan}</span>
        <select value={organName} onChange={(e) => set({ organName: e.target.value })}>
          <option value="">{t.filterAny}</option>
          {organNames.map((o) => (
            <option key={o.value} value={o.value}>
              {o.value} ({o.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t.fields.filterYear}</span>
        <select value={year} onChange={(e) => set({ year: e.target.value })}>
          <option value="">{t.filterAny}</option>
          {years.map((y) => (
            <option key={y.value} value={y.value}>
              {y.value} ({y.count})
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
