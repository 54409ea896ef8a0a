// The handler type for one domain's slice of the contract (shared/contracts/*.ts), so each domain
// keeps its handlers in its own file and handlers.ts only spreads them.
import type { z } from 'zod';

type ChannelSchemas = Record<string, { request: z.ZodTypeAny; response: z.ZodTypeAny }>;

export type DomainHandlers<T extends ChannelSchemas> = {
  [C in keyof T]: (request: z.output<T[C]['request']>) => Promise<z.output<T[C]['response']>>;
};
