// The process's view of the vaults it works on: the key provider the shell or the CLI chose, the
// data keys already opened (by id), and which folder each file belongs to. A file belongs to the
// nearest folder above it that holds a vault.json; everything the desk writes there is sealed
// and every database there is encrypted. Kept per process on purpose: the stores open files by
// path in many places, and this lets them stay as they are.
import fs from 'node:fs';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { DataKey } from './dataKey';
import type { KeyProvider } from './keyProvider';
import { readVaultFile, VAULT_FILE, type VaultFile } from './vaultFile';

let provider: KeyProvider | null = null;
const keys = new Map<string, DataKey>();
/** Folder -> the vault root it lies in (only found ones: a vault may appear later). */
const roots = new Map<string, string>();
const rootKeys = new Map<string, string>();

/** The shell's or the CLI's choice; null leaves new data folders unencrypted (tests, plain CLI). */
export function useKeyProvider(p: KeyProvider | null): void {
  provider = p;
}

export function currentKeyProvider(): KeyProvider | null {
  return provider;
}

/** A key opened another way (new vault, recovery words) is usable from now on. */
export function rememberKey(key: DataKey): void {
  keys.set(key.id, key);
}

/** Drops every opened key and cached lookup (tests, and `sohoa vault lock`). */
export function forgetVaults(): void {
  keys.clear();
  roots.clear();
  rootKeys.clear();
}

/** Forgets which folders lie in which vault (a vault was just made). */
export function forgetRootCache(): void {
  roots.clear();
  rootKeys.clear();
}

/** The vault root `dir` lies in (itself included), or null. */
export function vaultRootOfDir(dir: string): string | null {
  let at = path.resolve(dir);
  const seen: string[] = [];
  for (;;) {
    const known = roots.get(at);
    const found = known ?? (fs.existsSync(path.join(at, VAULT_FILE)) ? at : null);
    if (found) {
      for (const d of [at, ...seen]) roots.set(d, found);
      return found;
    }
    seen.push(at);
    const up = path.dirname(at);
    if (up === at) return null;
    at = up;
  }
}

export function vaultRootOf(file: string): string | null {
  return vaultRootOfDir(path.dirname(path.resolve(file)));
}

/** The opened key of a vault root; opens it with the provider on first use. */
export function keyForRoot(root: string): DataKey {
  const known = rootKeys.get(root);
  const cached = known ? keys.get(known) : undefined;
  if (cached) return cached;
  const vault = readVaultFile(root);
  if (!vault) throw new SohoaError('VAULT_LOCKED', path.basename(root));
  const key = keys.get(vault.keyId) ?? unwrapWithProvider(vault, root);
  rootKeys.set(root, key.id);
  return key;
}

/** The key a sealed file names, among the keys opened so far. */
export function keyById(id: string, where: string): DataKey {
  const key = keys.get(id);
  if (!key) throw new SohoaError('VAULT_LOCKED', path.basename(where));
  return key;
}

function unwrapWithProvider(vault: VaultFile, root: string): DataKey {
  const wrapped = provider ? vault.wrapped.filter((w) => w.provider === provider!.kind) : [];
  for (const w of wrapped) {
    let key: DataKey;
    try {
      key = DataKey.fromBytes(provider!.unwrap(w.data));
    } catch {
      continue; // another machine's or another file's wrapping
    }
    if (key.id !== vault.keyId) continue;
    rememberKey(key);
    return key;
  }
  throw new SohoaError('VAULT_LOCKED', path.basename(root));
}
