// Whether a data folder's desk may upload now: not while the machine's policy is invalid (IT's
// file may name another records store, or lock this one, and nobody can tell which). The app
// registers the policy it opened with for its data folder; any other process (the `sohoa`
// command, a hot-folder watcher) reads the machine's own file. The uploader asks before each round.
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import { policySource, type PolicySource } from './source';

const registered = new Map<string, PolicySource>();
let machine: PolicySource | undefined;

export function registerPolicy(dataDir: string, source: PolicySource): () => void {
  const key = path.resolve(dataDir);
  registered.set(key, source);
  return () => {
    if (registered.get(key) === source) registered.delete(key);
  };
}

function sourceFor(dataDir: string): PolicySource {
  return registered.get(path.resolve(dataDir)) ?? (machine ??= policySource());
}

export function uploadBlocked(dataDir: string): boolean {
  return sourceFor(dataDir).current().state === 'invalid';
}

/** Throws POLICY_INVALID when the data folder's desk may not upload now. */
export function assertUploadAllowed(dataDir: string): void {
  const source = sourceFor(dataDir);
  if (source.current().state === 'invalid')
    throw new SohoaError('POLICY_INVALID', path.basename(source.file));
}
