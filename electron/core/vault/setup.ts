// Opening a data folder's vault at start: made on first run when the shell or the CLI has a key
// provider, a plain folder migrated in place, a killed migration resumed, and the key opened.
// Also what `sohoa doctor` reports about it.
import fs from 'node:fs';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { DataKey } from './dataKey';
import { withFolderAlone } from './folderLock';
import { writeDurablyRaw } from './durable';
import { readJournal } from './journal';
import type { KeyProvider } from './keyProvider';
import { migrateDataFolder, startJournal, type MigrationHooks } from './migrate';
import {
  currentKeyProvider,
  forgetRootCache,
  keyForRoot,
  rememberKey,
  vaultRootOfDir,
} from './registry';
import { readVaultFile, VAULT_FORMAT, vaultFilePath, type VaultFile } from './vaultFile';

export function writeVaultFile(root: string, vault: VaultFile): void {
  writeDurablyRaw(vaultFilePath(root), JSON.stringify(vault, null, 2) + '\n');
}

export interface PreparedVault {
  root: string;
  /** True when this call made the vault (first run): the recovery sheet is due. */
  created: boolean;
}

/**
 * Makes `dataDir` ready for the stores: nothing when it is plain and no provider is chosen;
 * otherwise its vault made (first run), its migration finished, and its key open.
 */
export async function prepareVault(
  dataDir: string,
  hooks: MigrationHooks = {},
  options: { create?: boolean } = {},
): Promise<PreparedVault | null> {
  const provider = currentKeyProvider();
  const found = vaultRootOfDir(dataDir);
  // `create: false` (the CLI): a plain folder stays plain; encrypting it is the app's job (or
  // an explicit `sohoa vault` action), so its key is wrapped for the OS keystore too.
  if (!found && (!provider || options.create === false)) return null;
  if (found && !readJournal(found)) {
    keyForRoot(found);
    return { root: found, created: false };
  }
  // Making the vault and replacing every store: no other process may have the folder open.
  return withFolderAlone(found ?? path.resolve(dataDir), async () => {
    let root = vaultRootOfDir(dataDir);
    let created = false;
    if (!root) {
      root = path.resolve(dataDir);
      createVault(root, provider!, DataKey.generate());
      created = true;
    }
    const key = keyForRoot(root);
    if (readJournal(root)) await migrateDataFolder(root, key, hooks);
    return { root, created };
  });
}

/** A new vault on `root` for `key`; the journal first, so its files stay readable until done. */
export function createVault(root: string, provider: KeyProvider, key: DataKey): void {
  if (provider.location && isInside(root, provider.location))
    throw new SohoaError('VAULT_PROVIDER_UNSAFE', provider.location);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  startJournal(root);
  writeVaultFile(root, {
    format: VAULT_FORMAT,
    keyId: key.id,
    createdAt: new Date().toISOString(),
    wrapped: [
      { provider: provider.kind, label: provider.label, data: provider.wrap(key.exportBytes()) },
    ],
    recoverySheetAt: null,
  });
  rememberKey(key);
  forgetRootCache();
}

/** Adds (or replaces) the wrapping of the open key for `provider` (a new machine, a key file). */
export function enrollProvider(root: string, provider: KeyProvider): void {
  const vault = readVaultFile(root);
  if (!vault) throw new SohoaError('VAULT_LOCKED', path.basename(root));
  const key = keyForRoot(root);
  if (provider.location && isInside(root, provider.location))
    throw new SohoaError('VAULT_PROVIDER_UNSAFE', provider.location);
  const wrapped = vault.wrapped.filter(
    (w) => !(w.provider === provider.kind && w.label === provider.label),
  );
  wrapped.push({
    provider: provider.kind,
    label: provider.label,
    data: provider.wrap(key.exportBytes()),
  });
  writeVaultFile(root, { ...vault, wrapped });
}

export type VaultLevel = 'ok' | 'warning' | 'error';

export interface VaultStatus {
  level: VaultLevel;
  /** Whether the data folder is encrypted at all. */
  encrypted: boolean;
  /** The provider this process uses, as the doctor shows it (never the key). */
  provider: { kind: KeyProvider['kind']; label: string; strong: boolean } | null;
  migrating: boolean;
  recoverySheetAt: string | null;
  /** English, for logs and the doctor's detail line. */
  detail: string;
}

/** Which key provider is in use and how the vault stands, for `sohoa doctor` and Cài đặt. */
export function vaultStatus(dataDir: string): VaultStatus {
  const p = currentKeyProvider();
  const provider = p ? { kind: p.kind, label: p.label, strong: p.strong } : null;
  const root = vaultRootOfDir(dataDir);
  const vault = root ? readVaultFile(root) : null;
  if (!root || !vault)
    return {
      level: 'error',
      encrypted: false,
      provider,
      migrating: false,
      recoverySheetAt: null,
      detail: 'the data folder is not encrypted (no key provider was chosen)',
    };
  const migrating = readJournal(root) !== null;
  let level: VaultLevel = 'ok';
  const notes: string[] = [];
  if (!provider || !vault.wrapped.some((w) => w.provider === provider.kind)) {
    level = 'error';
    notes.push('no key provider of this process can open the data key');
  } else if (!provider.strong) {
    level = 'warning';
    notes.push(`the data key is wrapped by a ${provider.label}, not the OS keystore`);
  }
  if (migrating) notes.push('the migration to encryption has not finished');
  if (!vault.recoverySheetAt) {
    if (level === 'ok') level = 'warning';
    notes.push('no recovery sheet has been made');
  }
  return {
    level,
    encrypted: true,
    provider,
    migrating,
    recoverySheetAt: vault.recoverySheetAt,
    detail: notes.length ? notes.join('; ') : `encrypted; key wrapped by ${provider!.label}`,
  };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Opens the vault of `dataDir` with the recovery code (a new machine, another account, a lost
 * key file) and wraps its key for this process's provider, so the next start needs no code.
 */
export function recoverVault(dataDir: string, key: DataKey): { root: string } {
  const root = vaultRootOfDir(dataDir);
  const vault = root ? readVaultFile(root) : null;
  if (!root || !vault) throw new SohoaError('VAULT_LOCKED', path.basename(dataDir));
  if (vault.keyId !== key.id) throw new SohoaError('VAULT_KEY_MISMATCH', path.basename(root));
  rememberKey(key);
  const provider = currentKeyProvider();
  if (provider) enrollProvider(root, provider);
  return { root };
}
