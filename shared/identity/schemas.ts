// The identity types as zod schemas, for the contract's channels.
import { z } from 'zod';

export const CardKindSchema = z.enum(['cccd', 'can-cuoc']);

export const CardHolderSchema = z.object({
  card: CardKindSchema,
  idNumber: z.string(),
  oldIdNumber: z.string(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  address: z.string(),
  dateOfIssue: z.string(),
  cancelledIdNumber: z.string(),
});

export const IdentityCheckSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  severity: z.enum(['error', 'note']),
  message: z.object({ vi: z.string(), en: z.string() }),
});

export const MrzDataSchema = z.object({
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  idNumber: z.string().nullable(),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  dateOfExpiry: z.string(),
  nationality: z.string(),
  surname: z.string(),
  givenNames: z.string(),
  lines: z.tuple([z.string(), z.string(), z.string()]),
});
