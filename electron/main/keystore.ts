// The app's key provider: Electron's safeStorage wraps the data folder's key with the OS
// keystore (DPAPI on Windows, the Keychain on macOS, libsecret or KWallet on Linux), so the key
// opens only for this user on this machine. Linux without a secret service falls back to a
// hard-coded password ("basic_text"): still used, but reported as weak, like IT's key file.
import { safeStorage } from 'electron';
import type { KeyProvider } from '../core/api';

export function osKeystoreProvider(): KeyProvider | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const label =
    process.platform === 'win32'
      ? 'Windows DPAPI'
      : process.platform === 'darwin'
        ? 'macOS Keychain'
        : `Linux secret store (${backend ?? 'unknown'})`;
  return {
    kind: 'os-keystore',
    label,
    strong: backend !== 'basic_text' && backend !== 'unknown',
    wrap: (key) => safeStorage.encryptString(key.toString('base64')).toString('base64'),
    unwrap: (wrapped) =>
      Buffer.from(safeStorage.decryptString(Buffer.from(wrapped, 'base64')), 'base64'),
  };
}
