// The archive's list as the screen shows it: the newest records (with their signature state), or
// the hits of a search, each with its own error; a search is run again after new records arrive.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RecordSummary, SohoaApi } from '../../../../shared/contract';
import type { ArchiveHit } from '../../../../shared/contracts/records';
import type { ErrorInfo } from '../../../../shared/errors';
import { foldVietnamese } from '../../../../shared/text';
import { toErrorInfo } from '../../api';
import type { SearchRequest } from './SearchForm';

export function useRecordList(api: SohoaApi) {
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [listError, setListError] = useState<ErrorInfo | null>(null);
  const refresh = useCallback(async () => {
    try {
      const { records } = await api.listRecords({ limit: 200 });
      setRecords(records);
      setListError(null);
    } catch (e) {
      setListError(toErrorInfo(e));
    }
  }, [api]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { records, listError, refresh };
}

export function useArchiveSearch(api: SohoaApi) {
  const [search, setSearch] = useState<SearchRequest | null>(null);
  const [hits, setHits] = useState<ArchiveHit[] | null>(null);
  const [searchError, setSearchError] = useState<ErrorInfo | null>(null);

  const runSearch = useCallback(
    async (request: SearchRequest) => {
      setSearch(request);
      setSearchError(null);
      try {
        const { hits } = await api.archiveSearch({ ...request, limit: 100 });
        setHits(hits);
      } catch (e) {
        setHits(null);
        setSearchError(toErrorInfo(e));
      }
    },
    [api],
  );
  const clearSearch = () => {
    setSearch(null);
    setHits(null);
    setSearchError(null);
  };
  /** The search's words, folded as the core folds them: marked on the pages it leads to. */
  const searchWords = useMemo(
    () => (search ? (foldVietnamese(search.query).match(/[\p{L}\p{N}]+/gu) ?? []) : []),
    [search],
  );
  return { search, hits, searchError, runSearch, clearSearch, searchWords };
}
