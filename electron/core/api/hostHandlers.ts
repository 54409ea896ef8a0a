// Handlers for shared/contracts/host.ts: the host's own file and folder dialog, behind a grant.
import path from 'node:path';
import type { HOST_CHANNELS } from '../../../shared/contracts/host';
import { SohoaError } from '../../../shared/errors';
import type { DomainHandlers, HandlerContext } from './context';

export function createHostHandlers({ host }: HandlerContext): DomainHandlers<typeof HOST_CHANNELS> {
  return {
    async choosePath({ purpose, language }) {
      if (!host.services.choosePath) throw new SohoaError('PATH_CHOOSER_UNAVAILABLE');
      const chosen = await host.services.choosePath(purpose, { language });
      if (chosen === null) return { cancelled: true as const };
      // A chooser hands back what a native dialog returns: a full path. Anything else is a shell
      // bug, never something to store.
      if (!path.isAbsolute(chosen)) throw new SohoaError('INTERNAL', 'choosePath');
      return {
        cancelled: false as const,
        grant: host.grants.issue(purpose, chosen),
        label: chosen,
      };
    },
  };
}
