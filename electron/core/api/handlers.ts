// The one handler table: every contract channel -> a core call. It only composes: each contract
// file in shared/contracts/ has exactly one handler file here, <domain>Handlers.ts, and all of
// them are built from the same context (tests/unit/api-handler-files.test.ts keeps it so).
import type { Channel, ParsedRequest, Response } from '../../../shared/contract';
import { createAcquireHandlers } from './acquireHandlers';
import { createBatchHandlers } from './batchHandlers';
import type { HandlerContext } from './context';
import { createDossierHandlers } from './dossierHandlers';
import { createHostHandlers } from './hostHandlers';
import { createIntakeHandlers } from './intakeHandlers';
import { createReceptionHandlers } from './receptionHandlers';
import { createRecordsHandlers } from './recordsHandlers';
import { createRetentionHandlers } from './retentionHandlers';
import { createTrustHandlers } from './trustHandlers';

export type Handlers = { [C in Channel]: (request: ParsedRequest<C>) => Promise<Response<C>> };

export function createHandlers(context: HandlerContext): Handlers {
  return {
    ...createDossierHandlers(context),
    ...createReceptionHandlers(context),
    ...createBatchHandlers(context),
    ...createRecordsHandlers(context),
    ...createAcquireHandlers(context),
    ...createIntakeHandlers(context),
    ...createHostHandlers(context),
    ...createTrustHandlers(context),
    ...createRetentionHandlers(context),
  };
}
