// Digitizing picked files into one record: files refused here (empty, too large) are reported like
// the core's per-file errors and the rest go on; the outcome stays shown until dismissed.
import { useState } from 'react';
import type { InputFile, SohoaApi } from '../../../../shared/contract';
import { errorInfo, type ErrorInfo } from '../../../../shared/errors';
import { toErrorInfo } from '../../api';
import { readAsBase64 } from '../../format';
import { useElapsed } from '../../hooks/useElapsed';

/** The contract caps one file at 200 MB of base64, i.e. 150 MB of image. */
const MAX_FILE_BYTES = 150 * 1024 * 1024;

type Busy = { files: number; startedAt: number } | null;

/** The files as the contract takes them; those refused here are added to `refused`. */
async function readFiles(picked: File[], refused: ErrorInfo[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const file of picked) {
    if (file.size === 0) refused.push(errorInfo('FILE_EMPTY', file.name));
    else if (file.size > MAX_FILE_BYTES) refused.push(errorInfo('IMAGE_TOO_LARGE', file.name));
    else files.push({ name: file.name, dataBase64: await readAsBase64(file) });
  }
  return files;
}

export function useDigitize(
  api: SohoaApi,
  /** The new record's id, once the core made one. */
  onRecord: (id: number) => void,
  /** After any run that reached the core: the lists show what is new. */
  onDone: () => Promise<void>,
) {
  const [busy, setBusy] = useState<Busy>(null);
  const elapsed = useElapsed(busy?.startedAt ?? null);
  const [doneCode, setDoneCode] = useState<string | null>(null);
  const [noRecord, setNoRecord] = useState(false);
  const [fileErrors, setFileErrors] = useState<ErrorInfo[]>([]);

  const digitize = async (picked: File[]) => {
    setDoneCode(null);
    setNoRecord(false);
    setBusy({ files: picked.length, startedAt: Date.now() });
    const local: ErrorInfo[] = [];
    try {
      const files = await readFiles(picked, local);
      if (files.length === 0) {
        setFileErrors(local);
        setNoRecord(true);
        return;
      }
      const result = await api.digitize({ files });
      setFileErrors([...local, ...result.fileErrors]);
      if (result.record) {
        setDoneCode(result.record.code);
        onRecord(result.record.id);
      } else {
        setNoRecord(true);
      }
      await onDone();
    } catch (e) {
      setFileErrors([...local, toErrorInfo(e)]);
    } finally {
      setBusy(null);
    }
  };

  const dismiss = () => {
    setDoneCode(null);
    setNoRecord(false);
    setFileErrors([]);
  };
  return { busy, elapsed, doneCode, noRecord, fileErrors, digitize, dismiss };
}

export type Digitizing = ReturnType<typeof useDigitize>;
