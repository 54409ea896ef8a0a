// Who is at the desk: the account signed in to the operating system, as `DOMAIN\user` on Windows
// (the domain from USERDOMAIN, the machine's name for a local account) and the user name
// elsewhere, with the person's display name and the groups the account belongs to. Groups and
// names come from the system through small sources (`whoami /groups`, the directory's full name,
// the passwd entry), each replaceable so tests give their own and nothing waits forever on a
// slow domain controller.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Environment } from '../policy/environment';

export interface OperatorIdentity {
  /** `DOMAIN\user` on Windows, `user` elsewhere: what the audit log records. */
  account: string;
  user: string;
  domain: string | null;
  /** The person's name as the system knows it; the user name when it knows none. */
  displayName: string;
  /** Groups of the account, as the system names them (`DOMAIN\Group`, `Group`). */
  groups: string[];
}

export interface OperatorSources {
  platform: NodeJS.Platform;
  env: Environment;
  userName(): string;
  /**
   * `DOMAIN\user` from the system's own token (Windows' `whoami`), which a session cannot change
   * the way it can change USERDOMAIN; null where there is no such thing.
   */
  tokenAccount(): Promise<string | null>;
  groups(identity: { user: string; domain: string | null }): Promise<string[]>;
  displayName(identity: { user: string; domain: string | null }): Promise<string | null>;
}

const LOOKUP_TIMEOUT_MS = 5000;

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: LOOKUP_TIMEOUT_MS, windowsHide: true, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout) =>
        error ? reject(new Error(`${file} failed`, { cause: error })) : resolve(stdout),
    );
  });
}

/** `whoami /groups /fo csv /nh`: one quoted CSV row per group, its name first. */
export function parseWhoamiGroups(csv: string): string[] {
  const out: string[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const m = /^"((?:[^"]|"")*)"/.exec(line.trim());
    if (m?.[1]) out.push(m[1].replace(/""/g, '"'));
  }
  return out;
}

/** The passwd entry's comment field up to its first comma (the person's full name). */
export function gecosName(passwd: string, user: string): string | null {
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f[0] === user) return f[4]?.split(',')[0]?.trim() || null;
  }
  return null;
}

/** The real system's sources. */
export function systemSources(env: Environment = process.env): OperatorSources {
  return {
    platform: process.platform,
    env,
    userName: () => os.userInfo().username,
    async tokenAccount() {
      if (process.platform !== 'win32') return null;
      return (await run('whoami', [])).trim() || null;
    },
    async groups({ user }) {
      if (process.platform === 'win32')
        return parseWhoamiGroups(await run('whoami', ['/groups', '/fo', 'csv', '/nh']));
      const names = (await run('id', ['-Gn', user])).trim();
      return names ? names.split(/\s+/) : [];
    },
    async displayName({ user, domain }) {
      if (process.platform === 'win32') {
        // Names go into a PowerShell line: anything but plain account characters is not asked.
        if (![user, domain ?? '.'].every((s) => /^[\w.\- ]+$/.test(s))) return null;
        // ADSI's WinNT provider answers for local and domain accounts alike.
        const script = `([adsi]"WinNT://${domain ?? '.'}/${user},user").FullName`;
        const name = (
          await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script])
        ).trim();
        return name || null;
      }
      return gecosName(fs.readFileSync('/etc/passwd', 'utf8'), user);
    },
  };
}

/** The account at the desk, with its groups and name; a source that fails leaves its part empty. */
export async function resolveOperator(sources: OperatorSources): Promise<OperatorIdentity> {
  let user = sources.userName();
  let domain =
    sources.platform === 'win32'
      ? (sources.env.USERDOMAIN ?? sources.env.COMPUTERNAME ?? null)
      : null;
  const token = await sources.tokenAccount().catch(() => null);
  const parts = token ? /^([^\\]+)\\(.+)$/.exec(token) : null;
  if (parts) [domain, user] = [parts[1]!.toUpperCase(), parts[2]!];
  const who = { user, domain };
  const [groups, name] = await Promise.all([
    sources.groups(who).catch(() => [] as string[]),
    sources.displayName(who).catch(() => null),
  ]);
  return {
    account: domain ? `${domain}\\${user}` : user,
    user,
    domain,
    displayName: name?.trim() || user,
    groups,
  };
}
