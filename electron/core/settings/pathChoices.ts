// A settings save may not bring a new file-system path the page typed (the renderer never names a
// path of this machine by itself, so it cannot point the desk at a file it chose): each path
// field holds either the path already saved (unchanged, or moved to another row) or the grant of
// a path the clerk just chose in the host's dialog for that very field's purpose. Grants become
// paths here; anything else is a field error (`pathNotChosen`) the Settings screen shows.
import type { PathPurpose } from '../../../shared/contracts/host';
import { isPathGrant } from '../../../shared/contracts/host';
import {
  settingsPathFields,
  validateSettingsDraft,
  type DeskSettings,
  type SettingsIssue,
} from '../../../shared/settings';
import type { GrantRegistry } from '../host/grants';

export function resolveSettingsPaths(
  input: unknown,
  saved: DeskSettings,
  grants: GrantRegistry,
): { ok: true; settings: unknown } | { ok: false; issues: SettingsIssue[] } {
  const draft = validateSettingsDraft(input);
  if (!draft.ok) return draft;
  const known = new Map<PathPurpose, Set<string>>();
  for (const f of settingsPathFields(saved)) {
    if (!known.has(f.purpose)) known.set(f.purpose, new Set());
    known.get(f.purpose)!.add(f.value);
  }
  const settings = structuredClone(draft.settings) as unknown as Record<string, unknown>;
  const issues: SettingsIssue[] = [];
  for (const { field, purpose, value } of settingsPathFields(draft.settings)) {
    if (isPathGrant(value)) {
      try {
        setAt(settings, field, grants.redeem(value, purpose));
      } catch {
        issues.push({ path: field, key: 'pathNotChosen' });
      }
    } else if (!known.get(purpose)?.has(value)) {
      issues.push({ path: field, key: 'pathNotChosen' });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, settings };
}

function setAt(target: Record<string, unknown>, dotted: string, value: string): void {
  const keys = dotted.split('.');
  const last = keys.pop()!;
  let node: Record<string, unknown> = target;
  for (const k of keys) node = node[k] as Record<string, unknown>;
  node[last] = value;
}
