// The procedure catalogue: administrative procedures (thủ tục hành chính) with their required
// components (thành phần hồ sơ) and competent authority, as a province's catalogue holds them,
// and the rules a whole catalogue must keep (no code or component listed twice, no authority of
// a level that no longer exists).
import { z } from 'zod';
import { DocumentType } from '../classification';
import { districtMention } from './levels';

/**
 * The level that settles a procedure. Local government has two levels since 1 July 2025 (the
 * district level, huyện/quận/thị xã, is abolished): province and commune, beside the ministries.
 */
export const PROCEDURE_LEVELS = ['province', 'commune', 'ministry'] as const;
/** Why a level is refused, in both languages (the catalogue's problems are shown in either). */
export const LEVEL_MESSAGE = {
  vi: 'cấp thực hiện phải là tỉnh (province), xã (commune) hoặc bộ (ministry); cấp huyện không còn từ 01/7/2025',
  en: 'the level must be province, commune or ministry; the district level ended on 1 July 2025',
};
export const ProcedureLevel = z.enum(PROCEDURE_LEVELS, { error: () => LEVEL_MESSAGE.vi });
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

/** Who settles the procedure, and the text that says so (after the 2025 reassignments). */
export const Authority = z.object({
  /** e.g. "Chủ tịch Ủy ban nhân dân cấp xã". */
  name: z.string().min(1).max(300),
  /** The legal text assigning it, with how sure we are ("[tóm tắt]", "[suy luận]"). */
  basis: z.string().min(1).max(500),
});
export type Authority = z.infer<typeof Authority>;

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

export const Procedure = z
  .object({
    code: z.string().regex(PROCEDURE_CODE_PATTERN, 'mã TTHC như 1.001193'),
    name: z.string().min(1),
    field: z.string().min(1),
    level: ProcedureLevel,
    /** Processing time in working days; 0 means the same day (or the next if after the cut-off). */
    processingDays: z.number().int().min(0).max(365),
    /** Whether the code was checked against the national database (false: from secondary sources). */
    codeChecked: z.boolean().default(false),
    /** The competent authority; a province's own export may leave it out. */
    authority: Authority.optional(),
    components: z.array(Component).min(1),
  })
  .superRefine((p, ctx) => {
    // Checked per procedure, so a bad authority is reported beside other rows' problems.
    const district = p.authority && districtMention(p.authority.name);
    if (district) {
      ctx.addIssue({
        code: 'custom',
        path: ['authority', 'name'],
        message: `cơ quan cấp huyện "${district}" không còn từ 01/7/2025 (chính quyền địa phương hai cấp)`,
        params: {
          en: `a district authority ("${district}") no longer exists since 1 July 2025 (two-level local government)`,
        },
      });
    }
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
