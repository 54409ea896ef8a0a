// The batch screen's view of the queue, by polling (the contract is request/response): every
// second while something runs or waits, every five seconds otherwise. `batchList` answers from
// memory and a few indexed rows, so the poll stays cheap for the core.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BatchSummary } from '../../../../shared/contracts/batch';
import type { ErrorInfo } from '../../../../shared/errors';
import { getApi, toErrorInfo } from '../../api';

const BUSY_MS = 1000;
const IDLE_MS = 5000;

export interface BatchesView {
  batches: BatchSummary[];
  reviewOpen: number;
  error: ErrorInfo | null;
  /** Ask again now (after an action), without waiting for the next tick. */
  refresh: () => Promise<void>;
}

export function useBatches(): BatchesView {
  const [batches, setBatches] = useState<BatchSummary[]>([]);
  const [reviewOpen, setReviewOpen] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    try {
      const r = await getApi().batchList({ limit: 50 });
      setBatches(r.batches);
      setReviewOpen(r.reviewOpen);
      setError(null);
      busy.current = r.batches.some((b) => ['queued', 'running', 'uploading'].includes(b.state));
    } catch (e) {
      setError(toErrorInfo(e));
    }
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(() => void tick(), busy.current ? BUSY_MS : IDLE_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh]);

  return { batches, reviewOpen, error, refresh };
}
