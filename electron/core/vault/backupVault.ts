// Backups carry the vault with them: the backup folder gets the data folder's vault.json (the
// same key, wrapped the same ways), so its database copy, files and manifest are sealed exactly
// as at home. On the same machine and account the backup opens as the data folder does; on a
// new machine only the recovery words open it.
import fs from 'node:fs';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { writeDurablyRaw } from './durable';
import { withFolderAlone } from './folderLock';
import { encryptDatabase, migrateDataFolder } from './migrate';
import { currentKeyProvider, keyForRoot, vaultRootOfDir } from './registry';
import { createVault, writeVaultFile } from './setup';
import { readVaultFile } from './vaultFile';

/** Makes `backupDir` a vault of the data folder's key (nothing when the data folder is plain). */
export function vaultForBackup(dataDir: string, backupDir: string): void {
  const root = vaultRootOfDir(dataDir);
  const vault = root ? readVaultFile(root) : null;
  if (!root || !vault) return;
  keyForRoot(root);
  writeVaultFile(backupDir, vault);
}

/**
 * Readies `dataDir` to receive the backup in `backupDir` and returns how to stage its database
 * bytes: an encrypted backup needs its key open (this machine's keystore, or the recovery words
 * remembered first) and a target that is empty of a vault or holds the same key; a plain backup
 * restored into a vault has its database encrypted on the way in.
 */
export async function prepareRestore(
  backupDir: string,
  dataDir: string,
): Promise<{ stageDatabase(bytes: Uint8Array, staging: string): void }> {
  const from = vaultRootOfDir(backupDir);
  const backupKey = from ? keyForRoot(from) : null;
  let target = vaultRootOfDir(dataDir);
  if (backupKey && !target) {
    const provider = currentKeyProvider();
    if (!provider) throw new SohoaError('VAULT_LOCKED', path.basename(dataDir));
    target = path.resolve(dataDir);
    await withFolderAlone(target, async () => {
      createVault(target!, provider, backupKey);
      await migrateDataFolder(target!, backupKey);
    });
  }
  const targetKey = target ? keyForRoot(target) : null;
  if (backupKey && targetKey && !backupKey.sameAs(targetKey))
    throw new SohoaError('VAULT_KEY_MISMATCH', path.basename(dataDir));
  return {
    stageDatabase(bytes, staging) {
      fs.rmSync(staging, { force: true });
      writeDurablyRaw(staging, bytes);
      if (targetKey && !backupKey) encryptDatabase(staging, targetKey);
    },
  };
}
