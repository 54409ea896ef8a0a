// Contract channels for the trust list every signature check uses (Cài đặt → chứng thư gốc):
// the shipped Vietnamese roots, IT's machine file, and the clerk's additions and removals.
// Spread into shared/contract.ts; the core's handlers are electron/core/api/trustHandlers.ts.
import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const TrustRootView = z.object({
  /** SHA-256 of the DER certificate, lowercase hex: what the clerk compares with the CA's notice. */
  sha256: Sha256,
  subject: z.string(),
  name: z.string(),
  /** Shipped with the desk, from IT's machine file, or added by the clerk. */
  origin: z.enum(['shipped', 'machine', 'user']),
  /** Where the certificate came from, when the list says. */
  source: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
});
export type TrustRootView = z.infer<typeof TrustRootView>;

export const TrustListView = z.object({
  roots: z.array(TrustRootView),
  /** Shipped or IT roots the clerk removed (shown so they can be restored). */
  removed: z.array(TrustRootView),
  /** IT's machine file in use instead of the shipped list, if any. */
  machineFile: z.string().nullable(),
  /** Entries that could not be loaded and why (a pin mismatch, an unreadable file). */
  problems: z.array(z.string()),
});
export type TrustListView = z.infer<typeof TrustListView>;

export const TRUST_CHANNELS = {
  trustList: {
    request: z.object({}),
    response: TrustListView,
  },
  trustAdd: {
    request: z.object({
      /** The certificate: PEM text, or DER as base64. */
      certificate: z.string().min(1).max(200_000),
      /** A name to show; default the certificate's common name. */
      name: z.string().max(200).optional(),
    }),
    response: z.object({ root: TrustRootView, list: TrustListView }),
  },
  trustRemove: {
    request: z.object({ sha256: Sha256 }),
    response: TrustListView,
  },
  trustRestore: {
    request: z.object({ sha256: Sha256 }),
    response: TrustListView,
  },
} as const;
