// Checking what callers hand the archive against the TT 05/2025 schemas, and the dates the
// circular writes, so a record is never stored with metadata the schemas would refuse.
import { SohoaError } from '../../../shared/errors';

/** `schema.parse` that throws METADATA_INVALID naming the first bad field. */
export function parseOrThrow<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new SohoaError('METADATA_INVALID', `${issue.path.map(String).join('.')}: ${issue.message}`);
}

/** DD/MM/YYYY of an instant in Vietnam time, as TT 05/2025 writes dates. */
export function vnDate(at: Date): string {
  const d = new Date(at.getTime() + 7 * 3600 * 1000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}
