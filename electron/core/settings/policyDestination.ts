// A records store IT names in the policy reaches the uploader through the outbox's own file
// (outbox-destination.json: the one the uploader and `sohoa outbox` read), written here whenever
// the policy's store differs from it. A locked store replaces whatever the clerk had; IT's
// default does so only while the clerk has not chosen a store of their own. An S3 store whose
// keys the policy does not give keeps the keys already sealed for that same bucket; without any,
// the file goes (nothing is uploaded anywhere else) and the health check says the keys are missing.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { MachinePolicy } from '../../../shared/policy';
import { ConnectorSettings } from '../../../shared/settings';
import {
  DESTINATION_FILE,
  fileKeyProvider,
  loadDestination,
  saveDestination,
  type Destination,
} from '../outbox/destination';
import type { SettingsPaths } from './store';

export type DestinationSync = 'none' | 'unchanged' | 'written' | 'removed' | 'missingKeys';

/** The store the policy imposes now, or null when the clerk's own applies. */
export function policyConnector(
  policy: MachinePolicy | null,
  connectorChosen: boolean,
): ConnectorSettings | null {
  if (!policy) return null;
  const c = policy.locked.connector ?? (connectorChosen ? undefined : policy.defaults.connector);
  return c ? ConnectorSettings.parse(c) : null;
}

function previousDestination(p: SettingsPaths): Destination | null {
  try {
    return loadDestination(p.dataDir, fileKeyProvider(p.keysDir));
  } catch {
    return null;
  }
}

export function syncPolicyDestination(
  p: SettingsPaths,
  policy: MachinePolicy | null,
  connectorChosen: boolean,
): DestinationSync {
  const c = policyConnector(policy, connectorChosen);
  if (!c) return 'none';
  const file = path.join(p.dataDir, DESTINATION_FILE);
  const previous = previousDestination(p);
  if (c.kind === 'none') {
    if (!fs.existsSync(file)) return 'unchanged';
    fs.rmSync(file, { force: true });
    return 'removed';
  }
  let wanted: Destination;
  if (c.kind === 'folder') wanted = { kind: 'folder', path: c.path };
  else {
    const same =
      previous?.kind === 's3' && previous.endpoint === c.endpoint && previous.bucket === c.bucket;
    const keys = policy?.connectorCredentials ?? (same ? previous : null);
    if (!keys) {
      fs.rmSync(file, { force: true });
      return 'missingKeys';
    }
    wanted = {
      kind: 's3',
      endpoint: c.endpoint,
      region: c.region,
      bucket: c.bucket,
      forcePathStyle: true,
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      // The policy's schema let an http:// endpoint through only when its transport lists it.
      ...(c.endpoint.startsWith('http:') ? { allowHttp: true } : {}),
      ...(same && previous.serverSideEncryption
        ? { serverSideEncryption: previous.serverSideEncryption }
        : {}),
    };
  }
  if (previous && isDeepStrictEqual(previous, wanted)) return 'unchanged';
  fs.mkdirSync(p.dataDir, { recursive: true });
  saveDestination(p.dataDir, wanted, fileKeyProvider(p.keysDir));
  return 'written';
}
