// IT's machine policy and the account at the desk, as tests give them: a policy file written to
// a temporary folder (the path createApi's `policyFile` option takes) and an account whose
// groups and name come from the test, not from the computer running it.
import fs from 'node:fs';
import path from 'node:path';
import type { OperatorSources } from '../../electron/core/operator/identity';

export function writePolicy(dir: string, policy: unknown, name = 'policy.json'): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2));
  return file;
}

export function testAccount(
  user: string,
  options: { domain?: string; groups?: string[]; displayName?: string } = {},
): OperatorSources {
  return {
    platform: options.domain ? 'win32' : 'linux',
    env: options.domain ? { USERDOMAIN: options.domain } : {},
    userName: () => user,
    tokenAccount: () => Promise.resolve(null),
    groups: () => Promise.resolve(options.groups ?? []),
    displayName: () => Promise.resolve(options.displayName ?? null),
  };
}
