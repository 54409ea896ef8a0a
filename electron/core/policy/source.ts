// The machine policy as the running desk sees it: read again when the file changes (IT may fix a
// broken file while the desk is open, and the banner must go without a restart), cheap when it
// does not (one stat per look). Everything that depends on the policy asks `current()`.
import fs from 'node:fs';
import path from 'node:path';
import { SohoaError } from '../../../shared/errors';
import type { MachinePolicy } from '../../../shared/policy';
import { machinePolicyFile, readPolicyFile, type PolicyState } from './file';

export interface PolicySource {
  readonly file: string;
  current(): PolicyState;
  /** The valid policy, or null when there is none or it is invalid. */
  policy(): MachinePolicy | null;
}

export function policySource(file: string = machinePolicyFile()): PolicySource {
  let stamp = '';
  let state: PolicyState = { state: 'absent', file };
  const current = (): PolicyState => {
    let next: string;
    try {
      const st = fs.statSync(file);
      next = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      next = 'absent';
    }
    if (next !== stamp || stamp === '') {
      stamp = next;
      state = next === 'absent' ? { state: 'absent', file } : readPolicyFile(file);
    }
    return state;
  };
  return {
    file,
    current,
    policy() {
      const s = current();
      return s.state === 'valid' ? s.policy : null;
    },
  };
}

/** A fixed state, for callers that read the file once (the CLI) and for tests. */
export function fixedPolicy(state: PolicyState): PolicySource {
  return {
    file: state.file,
    current: () => state,
    policy: () => (state.state === 'valid' ? state.policy : null),
  };
}

/** Refuses work that must not happen while the machine's policy is invalid (signing, uploading). */
export function assertPolicyUsable(source: PolicySource): void {
  const s = source.current();
  if (s.state === 'invalid') throw new SohoaError('POLICY_INVALID', path.basename(s.file));
}
