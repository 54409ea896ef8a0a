// What the account at the desk may do: its role from IT's policy (named accounts first, then
// groups, administrator over archivist over clerk), and the checks the core makes before work
// only some roles may do. A desk without a policy (or whose policy names no roles) is one
// person's workstation and its account is its administrator, as before roles existed.
import { SohoaError } from '../../../shared/errors';
import { mayDo, type Permission, type PolicyRoles, type Role } from '../../../shared/policy';
import { machinePolicyFile } from '../policy/file';
import { policySource, type PolicySource } from '../policy/source';
import {
  resolveOperator,
  systemSources,
  type OperatorIdentity,
  type OperatorSources,
} from './identity';

const ORDER: Role[] = ['administrator', 'archivist', 'clerk'];

/** `DOMAIN\name` and `name` both match an entry written either way, whatever the case. */
function sameName(entry: string, full: string, short: string): boolean {
  const e = entry.trim().toLowerCase();
  return e === full.toLowerCase() || (!e.includes('\\') && e === short.toLowerCase());
}

function groupShort(name: string): string {
  return name.includes('\\') ? name.slice(name.lastIndexOf('\\') + 1) : name;
}

export function roleOf(who: OperatorIdentity, roles: PolicyRoles | undefined): Role | 'none' {
  if (!roles) return 'administrator';
  for (const role of ORDER)
    if (roles[role]?.accounts.some((a) => sameName(a, who.account, who.user))) return role;
  for (const role of ORDER)
    if (
      roles[role]?.groups.some((g) =>
        who.groups.some((mine) => sameName(g, mine, groupShort(mine))),
      )
    )
      return role;
  return roles.others;
}

const WHAT: Record<Permission, string> = {
  changeSettings: 'thay đổi cài đặt / change settings',
  eraseData: 'xóa dữ liệu / erase data',
  restoreBackup: 'khôi phục bản sao lưu / restore a backup',
  cancelOthersBatches: 'hủy lô của người khác / cancel another person’s batch',
};

/** Throws NOT_PERMITTED (vi/en) unless the role grants the permission. */
export function authorize(role: Role | 'none', permission: Permission): void {
  if (!mayDo(role, permission)) throw new SohoaError('NOT_PERMITTED', WHAT[permission]);
}

/** The role under the machine's policy as it is now: none while the policy is invalid. */
export function roleUnder(who: OperatorIdentity, policy: PolicySource): Role | 'none' {
  return policy.current().state === 'invalid' ? 'none' : roleOf(who, policy.policy()?.roles);
}

/**
 * For work done outside the desk's window (the `sohoa` command): the signed-in account's role
 * under the machine's policy must grant the permission. The policy file and the account are
 * options for tests only.
 */
export async function authorizeOnThisMachine(
  permission: Permission,
  options: { policyFile?: string; sources?: OperatorSources } = {},
): Promise<void> {
  const policy = policySource(options.policyFile ?? machinePolicyFile());
  const who = await resolveOperator(options.sources ?? systemSources());
  authorize(roleUnder(who, policy), permission);
}
