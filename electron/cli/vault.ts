// The CLI's side of the vault. `sohoa` has no OS keystore of its own (that is Electron's), so it
// opens an encrypted data folder only with the key file IT chose for it (SOHOA_VAULT_KEY_FILE,
// the headless-server provider, which `sohoa doctor` reports as a warning) or, once, with the
// recovery code. A data folder that has no vault stays as it is.
import path from 'node:path';
import { defaultDataDir, ensureDataDir } from '../core/config/paths';
import { holdDataFolder } from '../core/vault/folderLock';
import { fileKeyProvider } from '../core/vault/keyProvider';
import { useKeyProvider } from '../core/vault/registry';
import { prepareVault } from '../core/vault/setup';

/**
 * Commands that never open the data folder (they read and write only the files named), and the
 * doctor and the support bundle, which must report even when this process cannot open the vault.
 */
const NO_DATA_FOLDER = new Set([
  'verify',
  'sign',
  'cccd',
  'separator-sheet',
  'eval',
  'help',
  'doctor',
  'support-bundle',
]);

export function cliKeyProvider(env: NodeJS.ProcessEnv = process.env): void {
  if (env.SOHOA_VAULT_KEY_FILE) useKeyProvider(fileKeyProvider(env.SOHOA_VAULT_KEY_FILE));
}

/**
 * Before a command runs: an existing vault of its data folder opened, or an interrupted migration
 * resumed. Never a new vault: one made here would be wrapped only for the key file, and the app
 * could not open it later without the recovery code.
 */
export async function prepareCliVault(command: string, argv: readonly string[]): Promise<void> {
  cliKeyProvider();
  // `vault` and `restore` open the folder themselves (they may need the recovery code first).
  if (NO_DATA_FOLDER.has(command) || command === 'vault' || command === 'restore') return;
  // Asking for a command's help must not touch the data folder.
  if (argv.includes('--help') || argv.includes('-h')) return;
  const at = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  const given =
    at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  const dataDir = ensureDataDir(given ? path.resolve(given) : defaultDataDir());
  // Held until the command exits: no other process encrypts or restores the folder under it.
  holdDataFolder(dataDir);
  await prepareVault(dataDir, {}, { create: false });
}
