// The machine's status as every screen needs it (is IT's policy valid, who is at the desk),
// asked again every minute and when the window comes back to the front: IT may fix the policy
// file while the desk is open.
import { useEffect, useState } from 'react';
import type { Response, SohoaApi } from '../../../../shared/contract';

export type MachineStatus = Response<'machineStatus'>;

const EVERY_MS = 60_000;

export function useMachineStatus(api: SohoaApi): MachineStatus | null {
  const [status, setStatus] = useState<MachineStatus | null>(null);
  useEffect(() => {
    let live = true;
    const ask = (): void => {
      api.machineStatus({}).then(
        (s) => live && setStatus(s),
        // A desk without the machine channels (an older host) shows no banner.
        () => undefined,
      );
    };
    ask();
    const timer = window.setInterval(ask, EVERY_MS);
    window.addEventListener('focus', ask);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', ask);
    };
  }, [api]);
  return status;
}

/** Where each setting comes from; `locked` ones are IT's and read-only in Cài đặt. */
export function useSettingSources(api: SohoaApi): Readonly<Record<string, string>> {
  const [sources, setSources] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    api.machineSettings({}).then(
      (r) => live && setSources(r.sources),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return sources;
}
