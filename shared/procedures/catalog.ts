// The procedure catalogue: administrative procedures (thủ tục hành chính) with their required
// components (thành phần hồ sơ), as a province's catalogue holds them, and the rules a whole
// catalogue must keep (no code or component listed twice).
import { z } from 'zod';
import { DocumentType } from '../classification';

export const ProcedureLevel = z.enum(['province', 'district', 'commune']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

/** How the paper must be handed in: original, copy (certified or with the original shown). */
export const ComponentForm = z.enum(['original', 'copy', 'original_or_copy', 'shown']);
export type ComponentForm = z.infer<typeof ComponentForm>;

export const Component = z.object({
  id: z.string().regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - or _'),
  name: z.string().min(1),
  form: ComponentForm,
  count: z.number().int().min(1).max(20).default(1),
  mandatory: z.boolean(),
  /** The document types that satisfy this component. */
  documentTypes: z.array(DocumentType).min(1),
});
export type Component = z.infer<typeof Component>;

/** Codes of the national procedures database look like 1.001193 or 2.000815. */
export const PROCEDURE_CODE_PATTERN = /^[0-9]\.[0-9]{6}$|^[A-Z0-9][A-Z0-9._-]{1,31}$/;

export const Procedure = z.object({
  code: z.string().regex(PROCEDURE_CODE_PATTERN, 'mã TTHC như 1.001193'),
  name: z.string().min(1),
  field: z.string().min(1),
  level: ProcedureLevel,
  /** Processing time in working days; 0 means the same day (or the next if after the cut-off). */
  processingDays: z.number().int().min(0).max(365),
  /** Whether the code was checked against the national database (false: from secondary sources). */
  codeChecked: z.boolean().default(false),
  components: z.array(Component).min(1),
});
export type Procedure = z.infer<typeof Procedure>;
export type ProcedureInput = z.input<typeof Procedure>;

export const ProcedureCatalog = z
  .object({
    version: z.string().min(1),
    source: z.string().default(''),
    procedures: z.array(Procedure).min(1),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.procedures.forEach((p, i) => {
      if (seen.has(p.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['procedures', i, 'code'],
          message: `mã trùng ${p.code}`,
        });
      }
      seen.add(p.code);
      const ids = new Set<string>();
      p.components.forEach((c, j) => {
        if (ids.has(c.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['procedures', i, 'components', j, 'id'],
            message: `thành phần trùng ${c.id}`,
          });
        }
        ids.add(c.id);
      });
    });
  });
export type ProcedureCatalog = z.infer<typeof ProcedureCatalog>;
