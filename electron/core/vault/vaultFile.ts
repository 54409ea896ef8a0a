// vault.json: the data folder's key, wrapped once per way of opening it, beside the data it
// protects. It names the key by its id only; the key itself is in it only wrapped (by the OS
// keystore or an IT key file). The recovery sheet is the way in when neither is at hand.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const VAULT_FILE = 'vault.json';
export const VAULT_FORMAT = 'sohoa-vault/1';

export const WrappedKey = z.object({
  provider: z.enum(['os-keystore', 'file']),
  label: z.string(),
  data: z.string().min(1),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

export const VaultFile = z.object({
  format: z.literal(VAULT_FORMAT),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  createdAt: z.string(),
  wrapped: z.array(WrappedKey),
  /** When the recovery sheet was last made; null until IT has one. */
  recoverySheetAt: z.string().nullable(),
});
export type VaultFile = z.infer<typeof VaultFile>;

export function vaultFilePath(root: string): string {
  return path.join(root, VAULT_FILE);
}

export function readVaultFile(root: string): VaultFile | null {
  let text: string;
  try {
    text = fs.readFileSync(vaultFilePath(root), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return VaultFile.parse(JSON.parse(text));
}
